// THE place that decides update vs replace: previous outputs against new checked inputs, row by row of the field
// model (./fields.ts). Offline, no API calls. The engine's diff, `check` (preview stops) and `update` (what to
// apply) all read this plan. Both sides are normalized the same way (./normalize.ts), so formatting and defaults
// never show as changes; computed outputs are ignored because only field-model rows are compared. Voucher-code
// fields (possibly 100,000 entries) are compared by provider/codes.
import { diffVoucherCodes } from "../codes/diff";
import { containsUnknown, UNKNOWN } from "../schema/unknowns";
import { type Apply, CAMPAIGN_FIELD_RULES, type FieldRule, innerRowKeys, ruleFor } from "./fields";
import { deepEqual, normalizeCampaignInputs } from "./normalize";
import { tiersEqual } from "./tiers";

type Json = Record<string, unknown>;

export interface CampaignPlan {
  /** Whether anything differs (an update or a replace is needed). */
  changes: boolean;
  /** Every changed input path (field-model rows and voucher-code field names). */
  changedPaths: string[];
  /** The changed paths that force the replacement (nested, e.g. `voucher.codeConfig.pattern`). */
  replacePaths: string[];
  /** Top-level input names whose change forces a replacement (what the engine shows as the replace reason). */
  replaces: string[];
  /** The old campaign must be deleted before the new one is created; `deleteFirstBecause` says why. */
  deleteBeforeReplace: boolean;
  /** What the new campaign takes over from the old one, which the old one must free first. */
  deleteFirstBecause: ("name" | "codes")[];
  /** The kinds of in-place work an update has to do (empty on a replacement). */
  work: ReadonlySet<Apply>;
  /** Outputs that an in-place update cannot change. */
  stables: string[];
}

function isPlainObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Value at a dotted path; `unknown` is true when the value, or an object on the way to it, is not known yet. */
function valueAt(obj: Json, path: string): { value: unknown; unknown: boolean } {
  let cur: unknown = obj;
  for (const seg of path.split(".")) {
    if (cur === UNKNOWN) return { value: undefined, unknown: true };
    if (!isPlainObject(cur)) return { value: undefined, unknown: false };
    cur = cur[seg];
  }
  return { value: cur, unknown: containsUnknown(cur) };
}

/** The value without the keys of the rows nested in it (those are compared on their own). */
function withoutInner(value: unknown, inner: readonly string[]): unknown {
  if (inner.length === 0 || !isPlainObject(value)) return value;
  const out: Json = { ...value };
  for (const key of inner) delete out[key];
  return out;
}

/** How one row compares between normalized inputs `o` and `n`. */
export function compareRow(rule: FieldRule, o: Json, n: Json): { changed: boolean; replaces: boolean } {
  const inner = innerRowKeys(rule.path);
  const before = valueAt(o, rule.path);
  const after = valueAt(n, rule.path);
  if (rule.serverDefault && after.value === undefined && !after.unknown)
    return { changed: false, replaces: false };
  // A value not known yet (preview) counts as changed.
  const equal =
    rule.apply === "tiers"
      ? tiersEqual(before.value, after.value)
      : deepEqual(withoutInner(before.value, inner), withoutInner(after.value, inner));
  const changed = after.unknown || !equal;
  if (!changed) return { changed, replaces: false };
  // A field whose inner row replaces (a discount whose type changed) is never sent on its own either.
  const replaces =
    rule.apply === "replace" ||
    (rule.replaceWhen ?? []).some((c) => c.applies(o, n)) ||
    inner.some((key) => {
      const innerRule = ruleFor(`${rule.path}.${key}`);
      return innerRule !== undefined && compareRow(innerRule, o, n).replaces;
    });
  return { changed, replaces };
}

/** Whether the new inputs declare codes the API keeps unique per project (inline or CSV). */
function declaresCodes(n: Json): boolean {
  return (
    (Array.isArray(n.vouchers) && n.vouchers.length > 0) ||
    n.vouchers === UNKNOWN ||
    n.vouchersCsv !== undefined
  );
}

/**
 * The plan from previous outputs to new checked inputs. `autonamed`: the new inputs' name was generated, so a
 * replacement gets a fresh name (the engine re-runs check without olds) and can be created before the old campaign
 * is deleted — unless it declares codes, which stay taken until the old campaign is gone.
 */
export function planCampaignChange(olds: Json, news: Json, opts: { autonamed?: boolean } = {}): CampaignPlan {
  const o = normalizeCampaignInputs(olds);
  const n = normalizeCampaignInputs(news);
  const changedPaths: string[] = [];
  const replacePaths: string[] = [];
  const work = new Set<Apply>();
  for (const rule of CAMPAIGN_FIELD_RULES) {
    if (rule.apply === "codes") continue;
    const { changed, replaces } = compareRow(rule, o, n);
    if (!changed) continue;
    changedPaths.push(rule.path);
    if (replaces) replacePaths.push(rule.path);
    else work.add(rule.apply);
  }
  const codeChanges = diffVoucherCodes(olds, news).changed;
  for (const field of codeChanges) if (!changedPaths.includes(field)) changedPaths.push(field);
  if (codeChanges.length > 0) work.add("codes");

  const replaces = [...new Set(replacePaths.map((p) => p.split(".")[0] as string))];
  const replacing = replaces.length > 0;
  const sameName =
    n.name === UNKNOWN || (!opts.autonamed && o.name !== undefined && deepEqual(o.name, n.name));
  const deleteFirstBecause: ("name" | "codes")[] = [];
  if (replacing && sameName) deleteFirstBecause.push("name");
  if (replacing && declaresCodes(n)) deleteFirstBecause.push("codes");
  return {
    changes: changedPaths.length > 0,
    changedPaths,
    replacePaths,
    replaces,
    deleteBeforeReplace: deleteFirstBecause.length > 0,
    deleteFirstBecause,
    work: replacing ? new Set() : work,
    stables: replacing ? [] : ["campaignId", "createdAt", "name", "campaignType"],
  };
}
