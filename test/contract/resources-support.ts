// Helpers the contract tests of the referenced kinds (ValidationRule, Category, PromotionStack) share: the request
// log as "METHOD path" lines, and the declarations of the objects they reference.
import type { TestEmulator } from "../helpers/emulator";
import type { Json } from "./support";

/** "METHOD /path" of each request since the last clear. */
export async function calls(emulator: TestEmulator): Promise<string[]> {
  return (await emulator.requests()).map((r) => `${r.method} ${r.path}`);
}

/** A rule "orders over 50.00". */
export const orderOver = (amount: number, extra: Json = {}): Json => ({
  rules: { "1": { name: "order.amount", conditions: { $more_than: [amount] }, rules: {} }, logic: "1" },
  ...extra,
});

/** A promotion with two tiers, `Ten` and `Twenty`, the way examples/promotion-graph declares it. */
export const promotion = (
  extra: Json = {},
  tiers: Json[] = [tier("Ten", 1000), tier("Twenty", 2000)],
): Json => ({
  name: "graph promotion",
  campaignType: "PROMOTION",
  promotion: { tiers },
  ...extra,
});

export function tier(name: string, amountOff: number, extra: Json = {}): Json {
  return { name, banner: `${name} off`, action: { discount: { type: "AMOUNT", amountOff } }, ...extra };
}
