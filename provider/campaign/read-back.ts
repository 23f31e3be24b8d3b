// A campaign read from the API, mapped back onto the input shape (refresh, adopt): each field-model row reads its
// `api` field; validation rules come from the assignments, tiers are matched to their keys by tier ID. Then the
// result is projected onto the inputs the user manages, so server defaults never cause a diff.

import { isRecord, setAtPath, valueAt } from "../kit/json";
import type { CampaignInputs } from "../schema/campaign";
import type { ApiCampaign } from "../schema/wire";
import { CAMPAIGN_FIELD_RULES } from "./fields";
import { fromApiShape } from "./keys";
import { normalizeCampaignInputs } from "./normalize";
import { tierKey } from "./tiers";

type Json = Record<string, unknown>;

/** Rule IDs of an assignments list (`{ data: [{ rule_id }] }`). */
export function assignedRuleIds(assignments: unknown): string[] | undefined {
  if (!isRecord(assignments) || !Array.isArray(assignments.data)) return undefined;
  const ids: string[] = [];
  for (const a of assignments.data) {
    if (isRecord(a) && typeof a.rule_id === "string") ids.push(a.rule_id);
  }
  return ids;
}

/** Tier fields in the input shape (the tier object as the API returns it carries many more). */
const TIER_FIELDS = [
  "name",
  "banner",
  "action",
  "metadata",
  "active",
  "hierarchy",
  "start_date",
  "expiration_date",
  "validity_timeframe",
  "validity_day_of_week",
  "validity_hours",
  "category",
  "category_id",
];

/** One API tier in input shape; `keysById` maps tier IDs to the keys the program gave them. */
function readTier(tier: Json, keysById: ReadonlyMap<string, string>): Json {
  const picked: Json = {};
  for (const k of TIER_FIELDS) if (tier[k] !== undefined) picked[k] = tier[k];
  const t = fromApiShape(picked) as Json;
  const rules =
    assignedRuleIds(tier.validation_rule_assignments ?? tier.validation_rules_assignments) ??
    (Array.isArray(tier.validation_rules) ? (tier.validation_rules as string[]) : undefined);
  if (rules !== undefined) t.validationRules = rules;
  const key = typeof tier.id === "string" ? keysById.get(tier.id) : undefined;
  t.key = key ?? tierKey(t);
  return t;
}

/** The API campaign in input shape (camelCase, every field the API reports), before projection onto `previous`. */
export function apiCampaignToInputShape(
  api: ApiCampaign,
  keysById: ReadonlyMap<string, string> = new Map(),
): Json {
  const a = api as unknown as Json;
  const out: Json = {};
  for (const rule of CAMPAIGN_FIELD_RULES) {
    if (rule.read === "none" || rule.api === "" || rule.apply === "enable") continue;
    const value = valueAt(a, rule.api);
    if (value === undefined) continue;
    setAtPath(out, rule.path, rule.path.endsWith("metadata") ? value : fromApiShape(value));
  }
  const rules = assignedRuleIds(a.validation_rules_assignments);
  if (rules !== undefined) out.validationRules = rules;
  const promotion = a.promotion;
  if (isRecord(promotion) && Array.isArray(promotion.tiers)) {
    const tiers = promotion.tiers.filter(isRecord).map((t) => readTier(t, keysById));
    out.promotion = { tiers };
  }
  return out;
}

function isManyUnits(discount: Json): boolean {
  return discount.effect === "ADD_MANY_ITEMS";
}

/**
 * `api` reduced to what `previous` manages: object keys the previous value did not have are server defaults and
 * are dropped; arrays follow the API's length, each element projected onto the previous element at its position
 * (tiers: onto the previous tier with the same key). `metadata` is taken whole (the user owns its set of keys),
 * and a discount whose variant changed out of band is taken whole so the drift is visible.
 */
function project(apiValue: unknown, previous: unknown, key: string): unknown {
  if (previous === undefined) return undefined;
  if (key === "metadata") return apiValue;
  if (isRecord(previous) && isRecord(apiValue)) {
    if (
      key === "discount" &&
      (apiValue.type !== previous.type || isManyUnits(apiValue) !== isManyUnits(previous))
    ) {
      return apiValue;
    }
    const out: Json = {};
    for (const k of Object.keys(previous)) {
      const v = project(apiValue[k], previous[k], k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (key === "tiers" && Array.isArray(previous) && Array.isArray(apiValue)) {
    const byKey = new Map<string, unknown>();
    for (const p of previous) if (isRecord(p)) byKey.set(tierKey(p), p);
    return apiValue.map((t) => {
      const prev = isRecord(t) ? byKey.get(tierKey(t)) : undefined;
      return prev === undefined ? t : project(t, prev, "tier");
    });
  }
  if (Array.isArray(previous) && Array.isArray(apiValue)) {
    return apiValue.map((item, i) => (i < previous.length ? project(item, previous[i], key) : item));
  }
  return apiValue;
}

/** Inputs that come from the previous inputs on read (no API counterpart). */
const FROM_PREVIOUS: ReadonlySet<string> = new Set(
  CAMPAIGN_FIELD_RULES.filter((r) => r.apply === "provider" || r.apply === "codes").map((r) => r.path),
);

const INPUT_KEYS: ReadonlySet<string> = new Set(
  CAMPAIGN_FIELD_RULES.filter((r) => r.apply !== "provider" && r.apply !== "codes").map(
    (r) => r.path.split(".")[0] as string,
  ),
);

/**
 * Maps a campaign read from the API back onto the input shape for refresh drift detection. Only fields present in
 * `previous` (the inputs the user manages) are mapped; provider settings and the voucher-code fields come from
 * `previous`; `active` comes from the API. The result is normalized like `check`'s output, so an unchanged
 * campaign equals `previous`. It is not re-validated: a campaign changed out of band may not satisfy the schema.
 */
export function fromApiCampaign(
  api: ApiCampaign,
  previous: CampaignInputs | Json,
  keysById: ReadonlyMap<string, string> = new Map(),
): CampaignInputs {
  const prev = normalizeCampaignInputs(previous as Json);
  const full = normalizeCampaignInputs(apiCampaignToInputShape(api, keysById));
  const out: Json = {};
  for (const key of Object.keys(prev)) {
    if (FROM_PREVIOUS.has(key)) {
      out[key] = prev[key];
    } else if (key === "active") {
      out.active = typeof api.active === "boolean" ? api.active : prev.active;
    } else if (key === "validationRules" && full.validationRules === undefined) {
      out.validationRules = prev.validationRules;
    } else if (key in full || INPUT_KEYS.has(key)) {
      const v = project(full[key], prev[key], key);
      if (v !== undefined) out[key] = v;
    }
  }
  return normalizeCampaignInputs(out) as unknown as CampaignInputs;
}
