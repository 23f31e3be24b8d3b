// Test-side access to a local Voucherify emulator: start it, read its request log, inject faults.
// Everything here talks HTTP to the emulator's /_emulator admin API, the same surface a user of
// the CLI emulator has, so tests never reach into its internals.
import {
  type EmulatorOptions,
  type EmulatorProfile,
  emulatorOptionsFromEnv,
  profileOptions,
  startEmulator,
} from "../../emulator";

export const APP_ID = "e2e-app-id";
export const SECRET_KEY = "e2e-secret-key-never-in-state";

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  /** With the emulator's `logBodies`: the body, parsed when JSON, else its text. */
  body?: unknown;
}

export interface FaultRule {
  method?: string;
  path?: string;
  status?: number;
  reset?: boolean;
  times?: number;
  retryAfter?: number;
  latencyMs?: number;
  /** true: the request is handled in full (it takes effect), then the client gets `status` or a reset. */
  after?: boolean;
}

export interface TestEmulator {
  url: string;
  close(): Promise<void>;
  requests(): Promise<LoggedRequest[]>;
  clearRequests(): Promise<void>;
  faults(rules: FaultRule[]): Promise<void>;
  /** Drops every pending fault rule. */
  clearFaults(): Promise<void>;
  /** The next `times` actions of the type apply their first `processed` items (default 0), then end FAILED. */
  failNextAsyncAction(type: string, times?: number, processed?: number): Promise<void>;
  /** Bulk metadata updates refuse these codes (each named in the result's `errors[]` with `key`) until reset. */
  refuseInBulk(refusals: { code: string; key: string; details?: string }[]): Promise<void>;
  /** Resolves once the emulator has no async work pending (generation, imports, deletions). */
  settle(): Promise<void>;
  /** Resolves with the first /v1 request matching `rule` once the emulator has answered it (long poll). */
  waitForRequest(rule: { method?: string; path?: string; status?: number }): Promise<LoggedRequest>;
  /** Calls the emulator's /v1 API directly (an "out-of-band" change by someone else). */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/**
 * An emulator for one test: the switches of `profile` (default: the one VOUCHERIFY_EMULATOR_PROFILE names), then
 * `options` (a test's own switches).
 */
export async function startTestEmulator(
  options: Omit<EmulatorOptions, "port" | "appId" | "secretKey"> = {},
  profile?: EmulatorProfile,
): Promise<TestEmulator> {
  const emulator = await startEmulator({
    ...(profile === undefined ? emulatorOptionsFromEnv() : profileOptions(profile)),
    ...options,
    port: 0,
    appId: APP_ID,
    secretKey: SECRET_KEY,
    asyncDelayMs: options.asyncDelayMs ?? 20,
  });
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.url}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator admin ${method} ${path}: ${response.status}`);
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  return {
    url: emulator.url,
    close: () => emulator.close(),
    requests: async () => ((await admin("GET", "requests")) as { requests: LoggedRequest[] }).requests,
    clearRequests: async () => {
      await admin("DELETE", "requests");
    },
    faults: async (rules) => {
      await admin("POST", "faults", { rules });
    },
    clearFaults: async () => {
      await admin("DELETE", "faults");
    },
    failNextAsyncAction: async (type, times = 1, processed) => {
      await admin("POST", "async-failures", { type, times, processed });
    },
    refuseInBulk: async (refusals) => {
      await admin("POST", "bulk-refusals", { refusals });
    },
    settle: async () => {
      await admin("POST", "settle");
    },
    waitForRequest: async (rule) => (await admin("POST", "requests/wait", rule)) as LoggedRequest,
    api: async <T>(method: string, path: string, body?: unknown) => {
      const response = await fetch(`${emulator.url}${path}`, {
        method,
        headers: { "x-app-id": APP_ID, "x-app-token": SECRET_KEY, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
  };
}

/** Renders a request log as "METHOD /path status" lines, the form assertions compare. */
export function render(requests: LoggedRequest[]): string[] {
  return requests.map((r) => `${r.method} ${r.path} ${r.status}`);
}

export function count(requests: LoggedRequest[], method: string, pathPattern: RegExp): number {
  return requests.filter((r) => r.method === method && pathPattern.test(r.path)).length;
}
