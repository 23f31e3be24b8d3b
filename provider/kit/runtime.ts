// What every provider method of every kind that calls the API runs with: the HTTP client, a clock, a logger and the async
// limits. Built from the stack config `configure` received (kept in this module, in the provider process only)
// and the environment; tests inject their own.
import type { WaitOptions } from "../client/async-actions";
import { type CampaignReader, createCampaignPages, invalidatingWrites } from "../client/campaign-pages";
import { type Clock, realClock } from "../client/clock";
import { createHttpClient, type RetryEvent, type VoucherifyHttp } from "../client/http";
import { processLimiter } from "../client/limiter";
import { waitingWhileBusy } from "../client/readiness";
import { type ConfigSource, type Env, resolveConnection, snapshotConfig } from "../config";
import { logProgress } from "../log";
import { CodeRedactor } from "../redact";

export interface Runtime {
  http: VoucherifyHttp;
  clock: Clock;
  log: (message: string) => void;
  asyncTimeoutMs: number;
  /** Backoff scale for async polling (1000 = real seconds). */
  timeUnitMs: number;
  /** The operation's secret codes: logs, errors and failure reasons name them by position instead. */
  secrets?: CodeRedactor;
  /**
   * The process's campaign reader (provider/client/campaign-pages.ts): a refresh's reads served from shared list
   * pages. Absent in runtimes that tests build themselves: reads then use the single GET.
   */
  campaigns?: CampaignReader;
}

/** Redacts the operation's secret codes from a message. */
export function redacted(rt: Runtime, message: string): string {
  return rt.secrets === undefined ? message : rt.secrets.redact(message);
}

let stackConfig: ConfigSource | undefined;
let runtimeOverride: (() => Runtime) | undefined;
/** One campaign reader per project of this process (API URL and application), like `processLimiter`. */
const readers = new Map<string, CampaignReader>();

/** Called by the shim's `configure`: keeps this provider's keys only (never written anywhere). */
export async function configure(req: { config: ConfigSource }): Promise<void> {
  stackConfig = snapshotConfig(req.config);
  // New settings may point at another project: no snapshot taken before them serves a read after.
  readers.clear();
}

/**
 * The reader every operation of this process shares for the project: a refresh's reads, coming from separate
 * operations, meet in it. `http` only serves reads that pass none of their own.
 */
function processCampaignReader(apiUrl: string, applicationId: string, http: VoucherifyHttp): CampaignReader {
  const key = `${apiUrl}\u0000${applicationId}`;
  let reader = readers.get(key);
  if (reader === undefined) {
    reader = createCampaignPages(http);
    readers.set(key, reader);
  }
  return reader;
}

/** Tests: make every provider method use this runtime instead of one built from config and env. */
export function setRuntimeForTests(factory: (() => Runtime) | undefined): void {
  runtimeOverride = factory;
}

/** Tests: forget what configure stored. */
export function resetConfigForTests(): void {
  stackConfig = undefined;
  readers.clear();
}

function retryMessage(e: RetryEvent): string {
  return `retrying ${e.method} ${e.path} in ${Math.round(e.delayMs)} ms (attempt ${e.attempt} failed: ${e.reason})`;
}

/**
 * Builds the runtime from the configured stack settings and the environment, for an operation whose secret codes
 * are `secrets`. Throws on missing credentials.
 */
export function runtimeFromConfig(secrets = new CodeRedactor(), env: Env = process.env): Runtime {
  if (runtimeOverride) return { ...runtimeOverride(), secrets };
  const settings = resolveConnection(stackConfig, env);
  const clock = realClock();
  const log = (message: string) => logProgress(secrets.redact(message));
  const client = createHttpClient(settings, {
    clock,
    redact: secrets.redact,
    onRetry: (e) => log(retryMessage(e)),
    // Every operation of this process shares one view of the project's rate-limit budget.
    limiter: processLimiter(settings.apiUrl, settings.applicationId, clock),
  });
  const rt: Runtime = {
    http: client,
    clock,
    log,
    secrets,
    asyncTimeoutMs: settings.asyncTimeoutMs,
    timeUnitMs: settings.timeUnitMs === undefined ? 1000 : settings.timeUnitMs,
  };
  // A campaign still generating or rewriting its codes refuses requests until it is done: wait for it (every
  // kind's requests may touch such a campaign).
  const waiting = waitingWhileBusy(client, {
    ...waitOptions(rt),
    onWait: (r) => log(`the campaign is busy with its codes; ${r.method} ${r.path} waits until it is done`),
  });
  // Every write of this process, of any kind (a rule assignment changes what a campaign reads as), forgets the
  // reader's snapshot, so a read after a write sees the write.
  const campaigns = processCampaignReader(settings.apiUrl, settings.applicationId, waiting);
  rt.http = invalidatingWrites(waiting, campaigns);
  rt.campaigns = campaigns;
  return rt;
}

/** Polling options for async work: backoff from 250 ms up to 5 s (scaled by `timeUnitMs`), within the timeout. */
export function waitOptions(rt: Runtime, onProgress?: WaitOptions["onProgress"]): WaitOptions {
  const scale = rt.timeUnitMs / 1000;
  return {
    timeoutMs: rt.asyncTimeoutMs,
    clock: rt.clock,
    onProgress,
    initialDelayMs: Math.max(1, Math.round(250 * scale)),
    maxDelayMs: Math.max(1, Math.round(5000 * scale)),
  };
}
