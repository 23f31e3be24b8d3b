// Fault injection for /v1 requests. A fault is taken before authentication (faults model the network
// and the vendor's edge, not the application); with `after` the request is first handled in full and
// takes effect, and only then does the client get the fault instead of the answer.
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
  /** true: handle the request (it takes effect), then answer with `status` or drop the connection. */
  after: z.boolean().optional(),
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
