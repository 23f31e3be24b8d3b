// Fault injection and rate limiting, applied to /v1 requests before authentication (faults model
// the network and the vendor's edge, not the application).
import { z } from "zod";

export const faultRuleSchema = z.object({
  method: z.string().optional(),
  path: z
    .string()
    .optional()
    .refine(
      (p) => {
        if (p === undefined) return true;
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      },
      { message: "path must be a valid regular expression" },
    ),
  status: z.number().int().min(400).max(599).optional(),
  reset: z.boolean().optional(),
  times: z.number().int().min(1).optional(),
  retryAfter: z.number().min(0).optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
});
export type FaultRule = z.output<typeof faultRuleSchema>;

export const faultsBodySchema = z.object({ rules: z.array(faultRuleSchema) });

interface ActiveRule {
  rule: FaultRule;
  path?: RegExp;
  remaining: number;
}

export class Faults {
  private rules: ActiveRule[] = [];

  add(rules: FaultRule[]): void {
    for (const rule of rules) {
      this.rules.push({
        rule,
        path: rule.path === undefined ? undefined : new RegExp(rule.path),
        remaining: rule.times ?? 1,
      });
    }
  }

  clear(): void {
    this.rules = [];
  }

  pending(): { rule: FaultRule; remaining: number }[] {
    return this.rules.map((r) => ({ rule: r.rule, remaining: r.remaining }));
  }

  /** Takes (consumes one use of) the first rule matching this request. */
  take(method: string, path: string): FaultRule | undefined {
    const index = this.rules.findIndex(
      (r) =>
        (r.rule.method === undefined || r.rule.method.toUpperCase() === method.toUpperCase()) &&
        (r.path === undefined || r.path.test(path)),
    );
    if (index < 0) return undefined;
    const active = this.rules[index]!;
    active.remaining -= 1;
    if (active.remaining <= 0) this.rules.splice(index, 1);
    return active.rule;
  }
}

/** Fixed one-minute windows, like the documented per-minute API limit (API-NOTES §10). */
export class RateLimiter {
  private windowStart = 0;
  private used = 0;

  constructor(readonly perMinute: number) {}

  reset(): void {
    this.windowStart = 0;
    this.used = 0;
  }

  /** Counts a request; returns headers to send and whether the request is over the limit. */
  hit(nowMs: number): { allowed: boolean; headers: Record<string, string>; retryAfterSeconds: number } {
    if (nowMs - this.windowStart >= 60_000) {
      this.windowStart = nowMs;
      this.used = 0;
    }
    const resetAt = this.windowStart + 60_000;
    const retryAfterSeconds = Math.max(1, Math.ceil((resetAt - nowMs) / 1000));
    const allowed = this.used < this.perMinute;
    if (allowed) this.used += 1;
    const headers: Record<string, string> = {
      "X-Rate-Limit-Limit": String(this.perMinute),
      "X-Rate-Limit-Remaining": String(Math.max(0, this.perMinute - this.used)),
      "X-Rate-Limit-Type": "api_calls",
    };
    if (!allowed) headers["X-Rate-Limit-Retry"] = String(Math.ceil(resetAt / 1000));
    return { allowed, headers, retryAfterSeconds };
  }
}
