// The emulator's moving parts in one place, shared by the server, the routes and the jobs.
import type { UsedCategoryDelete } from "./categories";
import { Faults } from "./faults";
import { cryptoRandom, IdFactory, type Random, seededRandom } from "./ids";
import type { MetadataSchemas } from "./metadata-schemas";
import type { StackedTierDelete } from "./promotion-stacks";
import { RateLimits, type RateLimitWindow } from "./rate-limits";
import { RequestLog } from "./request-log";
import { Scheduler } from "./scheduler";
import { type AsyncActionRec, type AsyncActionType, type BulkMetadataMode, Store } from "./store";
import { type AssignedRuleDelete, seedRules } from "./validation-rules";

/** PUT of a field the documentation calls unchangeable: answer 400, or answer 200 and keep the field. */
export const IMMUTABLE_UPDATES = ["refuse", "ignore"] as const;
export type ImmutableUpdates = (typeof IMMUTABLE_UPDATES)[number];
/** Campaign create with a `start_date` in the past. */
export const PAST_START_DATES = ["refuse", "accept"] as const;
export type PastStartDates = (typeof PAST_START_DATES)[number];
/** Requests on a campaign whose codes are being generated or updated (IN_PROGRESS / MODIFYING). */
export const READINESS = ["lenient", "strict"] as const;
export type Readiness = (typeof READINESS)[number];
/**
 * What the campaign's `vouchers_generation_status` shows while add-vouchers (POST /v1/campaigns/{id}/vouchers)
 * generates codes: undocumented (the field is "the status of the campaign's voucher generation"; only the
 * CAMPAIGN.VOUCHERS_GENERATE action is documented to be IN_PROGRESS).
 */
export const ADD_VOUCHERS_STATUSES = ["unchanged", "in-progress"] as const;
export type AddVouchersStatus = (typeof ADD_VOUCHERS_STATUSES)[number];

/** When async actions run: one after another in creation order, or each at once. */
export const JOB_ORDERS = ["fifo", "parallel"] as const;
export type JobOrder = (typeof JOB_ORDERS)[number];

/** What an importCSV row naming a code the campaign already holds does: update active and category, or fail. */
export const REIMPORT = ["update", "fail"] as const;
export type Reimport = (typeof REIMPORT)[number];

export interface EmulatorConfig {
  appId: string;
  secretKey: string;
  asyncDelayMs: number;
  rateLimit?: number;
  rateLimitWindow: RateLimitWindow;
  bulkRateLimit?: number;
  latencyMs: number;
  binOnSoftDelete: boolean;
  seed?: number;
  maxCodesPerCampaign?: number;
  bulkMetadata: BulkMetadataMode;
  /** Validation rules that exist from the start (and again after a reset) under these IDs. */
  validationRuleIds: readonly string[];
  immutableUpdates: ImmutableUpdates;
  pastStartDates: PastStartDates;
  readiness: Readiness;
  /** Keep each /v1 request's body in the request log (tests that assert what was sent). */
  logBodies: boolean;
  addVouchersStatus: AddVouchersStatus;
  timestampGranularityMs: number;
  assignedRuleDelete: AssignedRuleDelete;
  usedCategoryDelete: UsedCategoryDelete;
  stackedTierDelete: StackedTierDelete;
  jobOrder: JobOrder;
  /** The project's default `code_config.charset`, expanded (manage/project-settings.mdx, "Advanced code settings"). */
  defaultCharset: string;
  metadataSchemas: MetadataSchemas;
  reimport: Reimport;
}

export class Core {
  readonly random: Random;
  readonly ids: IdFactory;
  readonly store: Store;
  readonly scheduler = new Scheduler();
  readonly log = new RequestLog();
  readonly faults = new Faults();
  readonly rateLimits: RateLimits;
  /**
   * POST /_emulator/async-failures: per type, the upcoming actions that end FAILED, each with how many of
   * its items it applies first.
   */
  readonly asyncFailures = new Map<AsyncActionType, number[]>();
  /** --job-order fifo: unfinished async actions in creation order; the first one runs. */
  readonly jobQueue: AsyncActionRec[] = [];
  /** The project's metadata schemas: the configured ones, or what PUT /_emulator/metadata-schemas set. */
  metadataSchemas: MetadataSchemas;
  /**
   * POST /_emulator/bulk-refusals: codes every bulk metadata update refuses (left unchanged, named in the
   * result's `errors[]` with this key, message and details) until DELETE or reset.
   */
  readonly bulkRefusals = new Map<string, { key: string; message: string; details: string }>();
  /** Campaigns a restricted user may not modify (POST /_emulator/campaigns/{id}/protect). */
  readonly protectedCampaigns = new Set<string>();
  /** Called after every state change (debounced state-file writes). */
  onChange: () => void = () => {};

  constructor(readonly config: EmulatorConfig) {
    this.random = config.seed === undefined ? cryptoRandom() : seededRandom(config.seed);
    this.ids = new IdFactory(this.random);
    this.store = new Store(this.ids, config.maxCodesPerCampaign);
    this.rateLimits = new RateLimits(config);
    seedRules(this, config.validationRuleIds);
    this.metadataSchemas = config.metadataSchemas;
  }

  now(): string {
    return new Date().toISOString();
  }

  /**
   * `created_at` of a voucher made by an async job: the current time cut down to the configured granularity.
   * Nothing documents job timestamps as distinct (API-NOTES §15, listing), so many codes of one job share a
   * stamp; with a granularity of 1000 ms every code of a job finishing within a second shares one.
   */
  voucherTimestamp(): string {
    const step = this.config.timestampGranularityMs;
    return new Date(Math.floor(Date.now() / step) * step).toISOString();
  }

  /** Takes the next injected failure of this type: how many items the action applies before it fails. */
  takeAsyncFailure(type: AsyncActionType): number | undefined {
    const queue = this.asyncFailures.get(type);
    const processed = queue?.shift();
    if (queue && queue.length === 0) this.asyncFailures.delete(type);
    return processed;
  }

  reset(): void {
    this.scheduler.cancelAll();
    this.jobQueue.length = 0;
    this.protectedCampaigns.clear();
    this.metadataSchemas = this.config.metadataSchemas;
    this.store.clear();
    this.log.clear();
    this.faults.clear();
    this.asyncFailures.clear();
    this.bulkRefusals.clear();
    this.rateLimits.reset();
    seedRules(this, this.config.validationRuleIds);
    this.onChange();
  }
}
