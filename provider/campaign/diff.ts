// Offline diff of a campaign: previous outputs (inputs + computed fields) against new checked inputs, driven only
// by the rules table in ./rules.ts. No API calls. Both sides are normalized the same way (./mapping.ts), so
// formatting and defaults never show as changes; computed outputs are ignored because only table paths are
// compared. Voucher-code fields (possibly 100,000 entries) are left to diffVoucherCodes.
import { diffVoucherCodes } from "../codes/diff";
import { containsUnknown, UNKNOWN } from "../schema/unknowns";
import { deepEqual, normalizeCampaignInputs } from "./mapping";
import { CAMPAIGN_FIELD_RULES, type FieldRule } from "./rules";

export interface CampaignDiff {
  /** Whether anything differs (an update or a replace is needed). */
  changes: boolean;
  /** Top-level input names whose change forces a replacement (what the engine shows as the replace reason). */
  replaces: string[];
  /** A replacement that keeps the same campaign name must delete the old campaign first (names are unique). */
  deleteBeforeReplace: boolean;
  /** Outputs that an in-place update cannot change. */
  stables: string[];
  /** Every changed input path (rules-table paths and voucher-code field names). */
  changedPaths: string[];
  /** The changed paths that force the replacement (nested, e.g. `voucher.codeConfig.pattern`). */
  replacePaths: string[];
}

type Json = Record<string, unknown>;

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

function forcesReplace(rule: FieldRule, o: Json, n: Json, promotionInvolved: boolean): boolean {
  if (rule.kind === "replace") return true;
  if (rule.kind === "replace-when-standalone") {
    if (o.type === "STANDALONE" || n.type === "STANDALONE" || n.type === UNKNOWN) return true;
  }
  if (rule.kind === "update" || rule.kind === "replace-when-standalone") {
    return rule.promotion === "replace" && promotionInvolved;
  }
  return false;
}

export function diffCampaign(olds: Json, news: Json): CampaignDiff {
  const o = normalizeCampaignInputs(olds);
  const n = normalizeCampaignInputs(news);
  const promotionInvolved =
    o.campaignType === "PROMOTION" || n.campaignType === "PROMOTION" || n.campaignType === UNKNOWN;
  const changedPaths: string[] = [];
  const replacePaths: string[] = [];
  for (const rule of CAMPAIGN_FIELD_RULES) {
    if (rule.kind === "codes") continue;
    const before = valueAt(o, rule.path);
    const after = valueAt(n, rule.path);
    if (!after.unknown && deepEqual(before.value, after.value)) continue;
    changedPaths.push(rule.path);
    if (forcesReplace(rule, o, n, promotionInvolved)) replacePaths.push(rule.path);
  }
  for (const field of diffVoucherCodes(olds, news).changed) {
    if (!changedPaths.includes(field)) changedPaths.push(field);
  }
  const replaces = [...new Set(replacePaths.map((p) => p.split(".")[0] as string))];
  const sameName = n.name === UNKNOWN || (o.name !== undefined && deepEqual(o.name, n.name));
  return {
    changes: changedPaths.length > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0 && sameName,
    stables: replaces.length > 0 ? [] : ["campaignId", "createdAt", "name", "campaignType"],
    changedPaths,
    replacePaths,
  };
}
