// The emulator's moving parts in one place, shared by the server, the routes and the jobs.
import { Faults } from "./faults";
import { cryptoRandom, IdFactory, type Random, seededRandom } from "./ids";
import { RateLimits, type RateLimitWindow } from "./rate-limits";
import { RequestLog } from "./request-log";
import { Scheduler } from "./scheduler";
import { type AsyncActionType, Store } from "./store";

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
}

export class Core {
  readonly random: Random;
  readonly ids: IdFactory;
  readonly store: Store;
  readonly scheduler = new Scheduler();
  readonly log = new RequestLog();
  readonly faults = new Faults();
  readonly rateLimits: RateLimits;
  /** POST /_emulator/async-failures: how many upcoming actions of a type end FAILED. */
  readonly asyncFailures = new Map<AsyncActionType, number>();
  /** Called after every state change (debounced state-file writes). */
  onChange: () => void = () => {};

  constructor(readonly config: EmulatorConfig) {
    this.random = config.seed === undefined ? cryptoRandom() : seededRandom(config.seed);
    this.ids = new IdFactory(this.random);
    this.store = new Store(this.ids, config.maxCodesPerCampaign);
    this.rateLimits = new RateLimits(config);
  }

  now(): string {
    return new Date().toISOString();
  }

  private lastVoucherMs = 0;
  private vouchersInLastMs = 0;

  /**
   * `created_at` of a voucher made by an async job. The API creates a job's codes one after another, so a large
   * import spreads over time; stamping 100,000 codes with one millisecond would make listing by creation time
   * (the only way to page past 9,900 codes) impossible. Here: monotonic, at most 10 codes per millisecond.
   */
  voucherTimestamp(): string {
    let ms = Date.now();
    if (ms <= this.lastVoucherMs) {
      ms = this.lastVoucherMs;
      if (this.vouchersInLastMs >= 10) {
        ms += 1;
        this.vouchersInLastMs = 0;
      }
    } else {
      this.vouchersInLastMs = 0;
    }
    this.lastVoucherMs = ms;
    this.vouchersInLastMs++;
    return new Date(ms).toISOString();
  }

  takeAsyncFailure(type: AsyncActionType): boolean {
    const left = this.asyncFailures.get(type) ?? 0;
    if (left <= 0) return false;
    if (left === 1) this.asyncFailures.delete(type);
    else this.asyncFailures.set(type, left - 1);
    return true;
  }

  reset(): void {
    this.scheduler.cancelAll();
    this.store.clear();
    this.log.clear();
    this.faults.clear();
    this.asyncFailures.clear();
    this.rateLimits.reset();
    this.onChange();
  }
}
