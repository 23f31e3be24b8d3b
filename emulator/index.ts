// Programmatic entry point: `startEmulator()` starts a local, stateful Voucherify API emulator
// on Node's http server and resolves once it listens.
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import * as path from "node:path";
import { USED_CATEGORY_DELETES, type UsedCategoryDelete } from "./categories";
import { expandCharset } from "./codes";
import {
  ADD_VOUCHERS_STATUSES,
  type AddVouchersStatus,
  Core,
  IMMUTABLE_UPDATES,
  type ImmutableUpdates,
  JOB_ORDERS,
  type JobOrder,
  PAST_START_DATES,
  type PastStartDates,
  READINESS,
  REIMPORT,
  type Readiness,
  type Reimport,
} from "./core";
import { scheduleExport } from "./exports";
import { ALPHANUMERIC } from "./ids";
import { enqueueAsyncAction } from "./jobs";
import { type MetadataSchemas, metadataSchemasSchema } from "./metadata-schemas";
import { STACKED_TIER_DELETES, type StackedTierDelete } from "./promotion-stacks";
import { RATE_LIMIT_WINDOWS, type RateLimitWindow } from "./rate-limits";
import type { LoggedRequest } from "./request-log";
import { Router } from "./router";
import { adminRoutes } from "./routes/admin";
import { asyncActionRoutes } from "./routes/async-actions";
import { bulkRoutes } from "./routes/bulk";
import { campaignRoutes } from "./routes/campaigns";
import { categoryRoutes } from "./routes/categories";
import { exportRoutes } from "./routes/exports";
import { promotionStackRoutes } from "./routes/promotion-stacks";
import { promotionRoutes } from "./routes/promotions";
import { publicationRedemptionRoutes } from "./routes/publications-redemptions";
import { validationRuleRoutes } from "./routes/validation-rules";
import { voucherRoutes } from "./routes/vouchers";
import { createRequestListener } from "./server";
import { BULK_METADATA_MODES, type BulkMetadataMode, isSnapshot, type Store } from "./store";
import { ASSIGNED_RULE_DELETES, type AssignedRuleDelete, seedRules } from "./validation-rules";

export type {
  AddVouchersStatus,
  ImmutableUpdates,
  JobOrder,
  PastStartDates,
  Readiness,
  Reimport,
} from "./core";
export type { MetadataSchemas } from "./metadata-schemas";
export {
  EMULATOR_PROFILES,
  type EmulatorProfile,
  emulatorOptionsFromEnv,
  PROFILE_ENV,
  parseProfile,
  profileOptions,
} from "./profile";
export { RATE_LIMIT_WINDOWS, type RateLimitWindow } from "./rate-limits";
export type { LoggedRequest } from "./request-log";
export { MARKER_HEADER } from "./server";

export const DEFAULT_APP_ID = "emulator-app-id";
export const DEFAULT_SECRET_KEY = "emulator-secret-key";

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Expected X-App-Id; default "emulator-app-id". */
  appId?: string;
  /** Expected X-App-Token; default "emulator-secret-key". */
  secretKey?: string;
  /** How long async actions / campaign generation stay ENQUEUED/IN_PROGRESS; default 100 ms. */
  asyncDelayMs?: number;
  /** /v1 requests allowed per `rateLimitWindow`; unset = unlimited. */
  rateLimit?: number;
  /** Window of `rateLimit`: "minute" (default, the paid plans) or "hour" (the Sandbox: 100 per hour). */
  rateLimitWindow?: RateLimitWindow;
  /** Bulk API calls allowed per hour, in their own budget; unset = they count against `rateLimit`. */
  bulkRateLimit?: number;
  /** Extra delay before every /v1 response; default 0. */
  latencyMs?: number;
  /** JSON file loaded at start and written (atomically) after changes and on close. */
  stateFile?: string;
  /** DELETE without force moves campaigns/vouchers to a bin that keeps names and codes reserved; default true. */
  binOnSoftDelete?: boolean;
  /** Seed for ids and generated codes (reproducible runs); default: cryptographic randomness. */
  seed?: number;
  /** Codes per campaign; default 100,000 as documented. Tests lower it to exercise the limit cheaply. */
  maxCodesPerCampaign?: number;
  /**
   * What a bulk metadata update (POST /v1/vouchers/bulk/async, /v1/vouchers/metadata/async) does with the
   * metadata a voucher already has: "merge" (default) keeps other keys, "replace" drops them. Undocumented.
   */
  bulkMetadata?: BulkMetadataMode;
  /** Validation rules that exist from the start under these IDs (e.g. `val_q8qUBMOh5qIQ` of the vendor examples). */
  validationRuleIds?: string[];
  /** PUT of a field the docs call unchangeable: "refuse" (default, 400) or "ignore" (200, field kept). */
  immutableUpdates?: ImmutableUpdates;
  /** Campaign create with a past `start_date`: "refuse" (default, 400) or "accept". */
  pastStartDates?: PastStartDates;
  /** "lenient" (default) or "strict": reads and writes of an IN_PROGRESS/MODIFYING campaign answer 400. */
  readiness?: Readiness;
  /** Keep each /v1 request's body in the request log (`body` of GET /_emulator/requests); default false. */
  logBodies?: boolean;
  /** Campaign `vouchers_generation_status` while add-vouchers generates: "unchanged" (default) or "in-progress". */
  addVouchersStatus?: AddVouchersStatus;
  /** Job-made codes get `created_at` cut down to this many ms (default 1; 1000 = whole seconds). */
  timestampGranularityMs?: number;
  /** DELETE of a validation rule still assigned: "unassign" (default, assignments removed) or "refuse" (400). */
  assignedRuleDelete?: AssignedRuleDelete;
  /** DELETE of a category still named by an object: "unassign" (default, cleared there) or "refuse" (400). */
  usedCategoryDelete?: UsedCategoryDelete;
  /** DELETE of a promotion tier a stack lists: "drop" (default, it leaves the stack) or "refuse" (400). */
  stackedTierDelete?: StackedTierDelete;
  /** "fifo" (default): async actions run one after another in creation order; "parallel": each at once. */
  jobOrder?: JobOrder;
  /** The project's default code charset, literal or named (default alphanumeric). */
  defaultCharset?: string;
  /** importCSV row of a code the campaign holds: "update" (default) its active status and category, or "fail". */
  reimport?: Reimport;
  /** The project's metadata schemas for campaigns and vouchers (default none); kept across resets. */
  metadataSchemas?: MetadataSchemas;
}

/** Idle keep-alive sockets stay open longer than common client idle timeouts (often 60 s or less). */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

function oneOf<T extends string>(name: string, allowed: readonly T[], value: T | undefined, fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value))
    throw new Error(`voucherify-emulator: ${name} must be one of ${allowed.join(", ")}`);
  return value;
}

function defaultCharsetOf(value: string | undefined): string {
  const charset = expandCharset(value ?? ALPHANUMERIC);
  if (charset.length === 0) throw new Error("voucherify-emulator: defaultCharset must not be empty");
  return charset;
}

export interface EmulatorHandle {
  url: string;
  close(): Promise<void>;
  /** Resolves when no async action or campaign generation is pending. */
  whenIdle(): Promise<void>;
  requests(): LoggedRequest[];
  store: Store;
}

function loadState(core: Core, file: string): void {
  if (!fs.existsSync(file)) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`voucherify-emulator: state file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isSnapshot(parsed)) throw new Error(`voucherify-emulator: state file ${file} has an unknown format`);
  core.store.restore(parsed);
  seedRules(core, core.config.validationRuleIds);
  for (const rec of core.store.exports.values()) scheduleExport(core, rec);
  for (const action of core.store.asyncActions.values()) {
    if (action.status === "ENQUEUED" || action.status === "IN_PROGRESS") enqueueAsyncAction(core, action);
  }
}

export function writeStateFile(core: Core, file: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(core.store.snapshot()));
  fs.renameSync(tmp, file);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const core = new Core({
    appId: options.appId ?? DEFAULT_APP_ID,
    secretKey: options.secretKey ?? DEFAULT_SECRET_KEY,
    asyncDelayMs: Math.max(0, options.asyncDelayMs ?? 100),
    rateLimit: options.rateLimit,
    rateLimitWindow: oneOf("rateLimitWindow", RATE_LIMIT_WINDOWS, options.rateLimitWindow, "minute"),
    bulkRateLimit: options.bulkRateLimit,
    latencyMs: Math.max(0, options.latencyMs ?? 0),
    binOnSoftDelete: options.binOnSoftDelete ?? true,
    seed: options.seed,
    maxCodesPerCampaign: options.maxCodesPerCampaign,
    bulkMetadata: oneOf("bulkMetadata", BULK_METADATA_MODES, options.bulkMetadata, "merge"),
    validationRuleIds: options.validationRuleIds ?? [],
    immutableUpdates: oneOf("immutableUpdates", IMMUTABLE_UPDATES, options.immutableUpdates, "refuse"),
    pastStartDates: oneOf("pastStartDates", PAST_START_DATES, options.pastStartDates, "refuse"),
    readiness: oneOf("readiness", READINESS, options.readiness, "lenient"),
    logBodies: options.logBodies ?? false,
    addVouchersStatus: oneOf(
      "addVouchersStatus",
      ADD_VOUCHERS_STATUSES,
      options.addVouchersStatus,
      "unchanged",
    ),
    timestampGranularityMs: Math.max(1, Math.floor(options.timestampGranularityMs ?? 1)),
    assignedRuleDelete: oneOf(
      "assignedRuleDelete",
      ASSIGNED_RULE_DELETES,
      options.assignedRuleDelete,
      "unassign",
    ),
    usedCategoryDelete: oneOf(
      "usedCategoryDelete",
      USED_CATEGORY_DELETES,
      options.usedCategoryDelete,
      "unassign",
    ),
    stackedTierDelete: oneOf("stackedTierDelete", STACKED_TIER_DELETES, options.stackedTierDelete, "drop"),
    jobOrder: oneOf("jobOrder", JOB_ORDERS, options.jobOrder, "fifo"),
    defaultCharset: defaultCharsetOf(options.defaultCharset),
    metadataSchemas: metadataSchemasSchema.parse(options.metadataSchemas ?? {}),
    reimport: oneOf("reimport", REIMPORT, options.reimport, "update"),
  });
  const stateFile = options.stateFile;
  let saveTimer: NodeJS.Timeout | undefined;
  /** A failed write is reported, not thrown: the emulator keeps serving from memory. */
  const saveState = (file: string) => {
    try {
      writeStateFile(core, file);
    } catch (error) {
      process.stderr.write(`voucherify-emulator: cannot write state file: ${String(error)}\n`);
    }
  };
  if (stateFile) {
    loadState(core, stateFile);
    core.onChange = () => {
      if (saveTimer) return;
      saveTimer = setTimeout(() => {
        saveTimer = undefined;
        saveState(stateFile);
      }, 50);
      saveTimer.unref();
    };
  }

  const api = new Router([
    ...campaignRoutes(),
    ...voucherRoutes(),
    ...asyncActionRoutes(),
    ...promotionRoutes(),
    ...validationRuleRoutes(),
    ...categoryRoutes(),
    ...promotionStackRoutes(),
    ...bulkRoutes(),
    ...exportRoutes(),
    ...publicationRedemptionRoutes(),
  ]);
  const admin = new Router(adminRoutes());
  const server = http.createServer(createRequestListener(core, api, admin));
  // A client that reuses a kept-alive socket must never race the server closing it; close() below still
  // drops every socket at once. Node requires headersTimeout to exceed keepAliveTimeout.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" || host.includes(":") ? `[${address.address}]` : host;
  const url = `http://${urlHost}:${address.port}`;

  let closed: Promise<void> | undefined;
  return {
    url,
    store: core.store,
    whenIdle: () => core.scheduler.whenIdle(),
    requests: () => core.log.list(),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        core.scheduler.cancelAll();
        if (saveTimer) clearTimeout(saveTimer);
        if (stateFile) saveState(stateFile);
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
