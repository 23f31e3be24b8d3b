// Every resource kind the provider serves, by type token: what an adapter looks a resource up in. A new kind is
// one line here (and its folder; see the README's architecture section).
import { CAMPAIGN_KIND } from "./campaign/kind";
import type { ResourceKind } from "./kit/kind";
import { CATEGORY_KIND } from "./resources/category/kind";
import { PROMOTION_STACK_KIND } from "./resources/promotion-stack/kind";
import { VALIDATION_RULE_KIND } from "./resources/validation-rule/kind";

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  CAMPAIGN_KIND,
  VALIDATION_RULE_KIND,
  CATEGORY_KIND,
  PROMOTION_STACK_KIND,
];

/** The kind of a type token (`voucherify:index:Campaign`); throws for a token no kind serves. */
export function kindFor(token: string): ResourceKind {
  const kind = RESOURCE_KINDS.find((k) => k.token === token);
  if (kind === undefined) throw new Error(`unknown resource type ${token}`);
  return kind;
}
