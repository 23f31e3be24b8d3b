// The Campaign's promotion tiers in a detailed diff (the kind's `diffElements` hook; detailedDiff of
// provider/kit/kind.ts builds the rest): tiers are one row in the field model, named here element by element
// (`promotion.tiers[1].banner`) from the tier plan the update itself carries out (planTierChanges of ./tiers.ts),
// by their index in the declared list (the old list for a delete).

import { valueAt } from "../kit/json";
import { type DetailedDiff, type DiffElements, diffKind, presence } from "../kit/kind";
import type { Props } from "../kit/state";
import { snakeToCamel } from "./keys";
import { planTierChanges, tierKey, tiersByKey } from "./tiers";

export const TIERS_PATH = "promotion.tiers";

/** Index of the tier with `key` in a declared list (by key, as tiers are matched). */
function indexOfTier(tiers: unknown, key: string): number {
  if (!Array.isArray(tiers)) return -1;
  return tiers.findIndex((t) => typeof t === "object" && t !== null && tierKey(t as Props) === key);
}

/** The tier rows of a changed `promotion.tiers`, element by element; empty when the tier plan has no work. */
export const tierDiffRows: DiffElements = (olds, news, replaces) => {
  const before = valueAt(olds, TIERS_PATH);
  const after = valueAt(news, TIERS_PATH);
  const plan = planTierChanges(before, after);
  const oldTiers = tiersByKey(before);
  const rows: DetailedDiff = {};
  for (const tier of plan.create)
    rows[`${TIERS_PATH}[${indexOfTier(after, tierKey(tier))}]`] = diffKind("add", replaces);
  for (const key of plan.remove)
    rows[`${TIERS_PATH}[${indexOfTier(before, key)}]`] = diffKind("delete", replaces);
  for (const change of plan.change) {
    const at = `${TIERS_PATH}[${indexOfTier(after, change.key)}]`;
    const fields = Object.keys(change.body ?? {}).map(snakeToCamel);
    if (change.setActive !== undefined) fields.push("active");
    if (change.assign.length > 0 || change.unassign.length > 0) fields.push("validationRules");
    if (fields.length === 0) rows[at] = diffKind("update", replaces);
    const prev = oldTiers.get(change.key) ?? {};
    for (const field of fields)
      rows[`${at}.${field}`] = diffKind(presence(prev, change.tier, field), replaces);
  }
  return rows;
};
