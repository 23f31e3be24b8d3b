// Rate limits as documentation/guides/limits.mdx describes them: fixed windows of a minute or an hour;
// while a limit is configured every counted response carries X-Rate-Limit-Limit, X-Rate-Limit-Remaining and
// X-Rate-Limit-Retry, and only the 429 adds Retry-After and X-Rate-Limit-Type. Bulk API calls are counted
// in their own hourly budget when one is configured.

export const RATE_LIMIT_WINDOWS = ["minute", "hour"] as const;
export type RateLimitWindow = (typeof RATE_LIMIT_WINDOWS)[number];
export type RateLimitType = "api_calls" | "bulk_api_calls";

const WINDOW_MS: Record<RateLimitWindow, number> = { minute: 60_000, hour: 3_600_000 };

/**
 * The operations whose description in openapi.json says "This API request starts a process that affects
 * Voucherify data in bulk": the spec's own list of bulk requests. Matched on the raw path, so routes need not
 * know about it (and endpoints the emulator does not serve are classified all the same).
 */
const BULK_OPERATIONS: { method: string; path: RegExp }[] = [
  { method: "POST", path: /^\/v1\/campaigns\/[^/]+\/(vouchers|import|importCSV)\/?$/ },
  { method: "DELETE", path: /^\/v1\/campaigns\/[^/]+\/?$/ },
  { method: "POST", path: /^\/v1\/vouchers\/(import|importCSV|bulk\/async|metadata\/async)\/?$/ },
  { method: "POST", path: /^\/v1\/(customers|products)\/(bulk\/async|metadata\/async)\/?$/ },
  { method: "POST", path: /^\/v1\/(customers|products|skus)\/importCSV\/?$/ },
  { method: "POST", path: /^\/v1\/orders\/import\/?$/ },
];

export function rateLimitTypeOf(method: string, path: string): RateLimitType {
  const bulk = BULK_OPERATIONS.some((op) => op.method === method.toUpperCase() && op.path.test(path));
  return bulk ? "bulk_api_calls" : "api_calls";
}

export interface RateLimitHit {
  allowed: boolean;
  /** X-Rate-Limit-* always; Retry-After and X-Rate-Limit-Type only when the request is refused. */
  headers: Record<string, string>;
  retryAfterSeconds: number;
}

/** One budget: `limit` requests per fixed window that starts with the first request after the last one ended. */
class Budget {
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly type: RateLimitType,
  ) {}

  reset(): void {
    this.windowStart = Number.NEGATIVE_INFINITY;
    this.used = 0;
  }

  hit(nowMs: number): RateLimitHit {
    if (nowMs - this.windowStart >= this.windowMs) {
      this.windowStart = nowMs;
      this.used = 0;
    }
    const resetAt = this.windowStart + this.windowMs;
    const allowed = this.used < this.limit;
    if (allowed) this.used += 1;
    const remaining = this.limit - this.used;
    // "The time when the next API request can be made": now while requests remain, else the window's end.
    const nextAt = remaining > 0 ? nowMs : resetAt;
    const retryAfterSeconds = Math.max(1, Math.ceil((resetAt - nowMs) / 1000));
    const headers: Record<string, string> = {
      "X-Rate-Limit-Limit": String(this.limit),
      "X-Rate-Limit-Remaining": String(remaining),
      "X-Rate-Limit-Retry": String(Math.ceil(nextAt / 1000)),
    };
    if (!allowed) {
      headers["Retry-After"] = String(retryAfterSeconds);
      headers["X-Rate-Limit-Type"] = this.type;
    }
    return { allowed, headers, retryAfterSeconds };
  }
}

export interface RateLimitConfig {
  /** Requests per window; unset = unlimited. */
  rateLimit?: number;
  rateLimitWindow: RateLimitWindow;
  /** Bulk API calls per hour in their own budget; unset = bulk calls count like any other call. */
  bulkRateLimit?: number;
}

export class RateLimits {
  private readonly api?: Budget;
  private readonly bulk?: Budget;

  constructor(config: RateLimitConfig) {
    if (config.rateLimit !== undefined && config.rateLimit > 0) {
      this.api = new Budget(config.rateLimit, WINDOW_MS[config.rateLimitWindow], "api_calls");
    }
    if (config.bulkRateLimit !== undefined && config.bulkRateLimit > 0) {
      this.bulk = new Budget(config.bulkRateLimit, WINDOW_MS.hour, "bulk_api_calls");
    }
  }

  /** Counts a request in its budget; undefined when no budget applies (nothing configured). */
  hit(method: string, path: string, nowMs: number): RateLimitHit | undefined {
    const budget = this.bulk && rateLimitTypeOf(method, path) === "bulk_api_calls" ? this.bulk : this.api;
    return budget?.hit(nowMs);
  }

  reset(): void {
    this.api?.reset();
    this.bulk?.reset();
  }
}
