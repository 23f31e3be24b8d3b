// THE place that decides update vs replace: previous outputs against new checked inputs, row by row of the field
// model (./fields.ts). Offline, no API calls. The engine's diff, `check` (preview stops) and `update` (what to
// apply) all read this plan. Both sides are normalized the same way (./normalize.ts), so formatting and defaults
// never show as changes; computed outputs are ignored because only field-model rows are compared. Voucher-code
// fields (possibly 100,000 entries) are compared by provider/codes.
import { diffVoucherCodes } from "../codes/diff";
import { deepEqual } from "../kit/json";
import { planRows } from "../kit/plan";
import { UNKNOWN } from "../schema/unknowns";
import { type Apply, CAMPAIGN_FIELD_RULES, type FieldRule } from "./fields";
import { normalizeCampaignInputs } from "./normalize";
import { STABLE_COMPUTED_KEYS } from "./outputs";

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
  /**
   * The kinds of work of the rows that changed without replacing, also when another row replaces (an adopted
   * campaign is brought as close as it can be in place; the next `up` replaces it).
   */
  inPlace: ReadonlySet<Apply>;
  /** The changed "campaign" rows that do not replace: what the PUT body carries (./update-body.ts). */
  bodyRows: readonly FieldRule[];
  /** Outputs that an in-place update cannot change. */
  stables: string[];
}

/** Outputs an in-place update never changes: the stable computed ones, and the rows marked stable. */
const STABLES: readonly string[] = [
  ...STABLE_COMPUTED_KEYS,
  ...CAMPAIGN_FIELD_RULES.filter((r) => r.stable).map((r) => r.path),
];

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
  // Voucher-code fields (possibly 100,000 entries) are compared by provider/codes, not row by row.
  const rows = planRows(CAMPAIGN_FIELD_RULES, o, n, (row) => row.apply !== "codes");
  const { changedPaths, replacePaths } = rows;
  const work = new Set<Apply>(rows.inPlace);
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
    inPlace: work,
    bodyRows: rows.inPlaceRows.filter((row) => row.apply === "campaign"),
    stables: replacing ? [] : [...STABLES],
  };
}
