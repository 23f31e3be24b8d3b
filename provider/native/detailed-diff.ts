// The detailed diff the engine shows in `pulumi preview --diff` and `--json` (`detailedDiff`): which input path
// changes and how, read off the plan the diff already computed (DiffResult of provider/kit/kind.ts:
// `changedPaths`, `replacePaths`); nothing is compared a second time. Whether a path is an add, an update or a
// delete only looks at which side holds a value. Promotion tiers, one row in the field model, are named element by
// element (`promotion.tiers[1].banner`) from the tier plan the update itself carries out
// (planTierChanges of provider/campaign/tiers.ts), by their index in the declared list (the old list for a delete).
import { snakeToCamel } from "../campaign/keys";
import { planTierChanges, tierKey, tiersByKey } from "../campaign/tiers";
import { valueAt as valueAtPath } from "../kit/json";
import type { DiffResult } from "../kit/kind";

type Props = Record<string, unknown>;

/** The property-diff kinds of the protocol (pulumirpc.PropertyDiff.Kind), by name. */
export type DiffKind = "add" | "add-replace" | "update" | "update-replace" | "delete" | "delete-replace";

/** Detailed diff: input property path → kind. */
export type DetailedDiff = Record<string, DiffKind>;

const TIERS = "promotion.tiers";

function kind(base: "add" | "update" | "delete", replaces: boolean): DiffKind {
  return replaces ? `${base}-replace` : base;
}

function presence(olds: Props, news: Props, path: string): "add" | "update" | "delete" {
  if (valueAtPath(olds, path) === undefined) return "add";
  return valueAtPath(news, path) === undefined ? "delete" : "update";
}

/** Index of the tier with `key` in a declared list (by key, as tiers are matched). */
function indexOfTier(tiers: unknown, key: string): number {
  if (!Array.isArray(tiers)) return -1;
  return tiers.findIndex((t) => typeof t === "object" && t !== null && tierKey(t as Props) === key);
}

/** The tier rows of a changed `promotion.tiers`, element by element; empty when the tier plan has no work. */
function tierRows(olds: Props, news: Props, replaces: boolean): DetailedDiff {
  const before = valueAtPath(olds, TIERS);
  const after = valueAtPath(news, TIERS);
  const plan = planTierChanges(before, after);
  const oldTiers = tiersByKey(before);
  const rows: DetailedDiff = {};
  for (const tier of plan.create)
    rows[`${TIERS}[${indexOfTier(after, tierKey(tier))}]`] = kind("add", replaces);
  for (const key of plan.remove) rows[`${TIERS}[${indexOfTier(before, key)}]`] = kind("delete", replaces);
  for (const change of plan.change) {
    const at = `${TIERS}[${indexOfTier(after, change.key)}]`;
    const fields = Object.keys(change.body ?? {}).map(snakeToCamel);
    if (change.setActive !== undefined) fields.push("active");
    if (change.assign.length > 0 || change.unassign.length > 0) fields.push("validationRules");
    if (fields.length === 0) rows[at] = kind("update", replaces);
    const prev = oldTiers.get(change.key) ?? {};
    for (const field of fields) rows[`${at}.${field}`] = kind(presence(prev, change.tier, field), replaces);
  }
  return rows;
}

/**
 * The detailed diff of a planned change from `olds` (previous outputs) to `news` (checked inputs), both plain
 * (secrets revealed).
 */
export function detailedDiff(
  outcome: Pick<DiffResult, "changedPaths" | "replacePaths">,
  olds: Props,
  news: Props,
): DetailedDiff {
  const rows: DetailedDiff = {};
  for (const path of outcome.changedPaths) {
    const replaces = outcome.replacePaths.includes(path);
    const tiers = path === TIERS ? tierRows(olds, news, replaces) : {};
    if (Object.keys(tiers).length > 0) Object.assign(rows, tiers);
    else rows[path] = kind(presence(olds, news, path), replaces);
  }
  return rows;
}
