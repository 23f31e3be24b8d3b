// Mapping between Pulumi inputs (camelCase, see provider/schema/campaign.ts) and Voucherify API bodies
// (snake_case, API-NOTES §5 and §6), plus the normalization that makes `check`, `read` and `diff` agree:
//
// - dates become the form the API returns (`2024-03-01T00:00:00.000Z`), so `2024-03-01` or `…T00:00:00Z` in a
//   program never shows a diff after apply;
// - day-of-week lists are sorted and de-duplicated (the API's order is not the user's);
// - provider defaults (`type`, `active`, `deletePolicy`, `adopt`, `voucher.type`, `voucher.isReferralCode`) are
//   filled in, so old state without them compares equal;
// - `read` maps only the fields the user manages (present in the previous inputs), and inside objects only the keys
//   the user set, so server-filled defaults (code_config length/charset, gift balance, …) never cause a diff.
//
// Keys under any `metadata` object are user data and are never case-converted.
import {
  type CampaignInputs,
  campaignInputSchema,
  INPUT_DEFAULTS,
  VOUCHER_TYPE_BY_CAMPAIGN_TYPE,
} from "../schema/campaign";
import { type CheckFailure, toCheckFailures } from "../schema/issues";
import { isUnderUnknown, restoreUnknowns, stripUnknowns, UNKNOWN } from "../schema/unknowns";
import { VOUCHER_CODE_FIELDS } from "../schema/vouchers";
import type { ApiCampaign } from "../schema/wire";

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Key conversion

export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function convertKeys(value: unknown, convert: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => convertKeys(item, convert));
  if (!isPlainObject(value)) return value;
  const out: Json = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === undefined) continue;
    // metadata keys are the user's own names: keep them (and everything below) verbatim.
    out[convert(key)] = key === "metadata" ? v : convertKeys(v, convert);
  }
  return out;
}

/** camelCase input value -> snake_case API value (metadata contents untouched). */
export function toApiShape(value: unknown): unknown {
  return convertKeys(value, camelToSnake);
}

/** snake_case API value -> camelCase input value (metadata contents untouched). */
export function fromApiShape(value: unknown): unknown {
  return convertKeys(value, snakeToCamel);
}

// ---------------------------------------------------------------------------------------------------------------
// Normalization

const CODE_FIELDS: ReadonlySet<string> = new Set<string>(VOUCHER_CODE_FIELDS);
const DATE_KEYS: ReadonlySet<string> = new Set(["startDate", "expirationDate"]);
const DAY_LIST_KEYS: ReadonlySet<string> = new Set(["validityDayOfWeek", "daysOfWeek"]);

/** `2024-03-01`, `2024-03-01T00:00:00Z`, `…+00:00` -> `2024-03-01T00:00:00.000Z`; anything unparsable is kept. */
export function canonicalDate(value: string): string {
  if (value === UNKNOWN) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

function normalizeValue(key: string, value: unknown): unknown {
  if (value === UNKNOWN) return value;
  if (key === "metadata") return value;
  if (DATE_KEYS.has(key) && typeof value === "string") return canonicalDate(value);
  if (Array.isArray(value)) {
    if (DAY_LIST_KEYS.has(key) && value.every((d) => typeof d === "number")) {
      return [...new Set(value as number[])].sort((a, b) => a - b);
    }
    return value.map((item) => normalizeValue(key, item));
  }
  if (isPlainObject(value)) {
    const out: Json = {};
    for (const k of Object.keys(value)) {
      const v = value[k];
      if (v === undefined) continue;
      out[k] = normalizeValue(k, v);
    }
    return out;
  }
  return value;
}

/**
 * Canonical form of campaign inputs (or of previous outputs: unknown keys such as computed outputs pass through).
 * Lenient: never throws, leaves values it does not understand as they are, never walks the voucher-code fields.
 */
export function normalizeCampaignInputs(input: Json): Json {
  const out: Json = {};
  for (const key of Object.keys(input)) {
    const v = input[key];
    if (v === undefined || key.startsWith("__")) continue;
    out[key] = CODE_FIELDS.has(key) ? v : normalizeValue(key, v);
  }
  if (out.type === undefined) out.type = INPUT_DEFAULTS.type;
  if (out.active === undefined) out.active = INPUT_DEFAULTS.active;
  if (out.deletePolicy === undefined) out.deletePolicy = INPUT_DEFAULTS.deletePolicy;
  if (out.adopt === undefined) out.adopt = INPUT_DEFAULTS.adopt;
  const voucher = out.voucher;
  if (isPlainObject(voucher) && typeof out.campaignType === "string") {
    const voucherType = VOUCHER_TYPE_BY_CAMPAIGN_TYPE[out.campaignType];
    if (voucher.type === undefined && voucherType !== undefined) voucher.type = voucherType;
    if (out.campaignType === "REFERRAL_PROGRAM" && voucher.isReferralCode === undefined) {
      voucher.isReferralCode = true;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// check

/**
 * Validates raw inputs and returns the normalized inputs `check` hands to the engine. Values unknown during preview
 * are accepted anywhere: they are removed before validation, issues at or below them are ignored, and they are put
 * back unchanged. Keys starting with `__` (the engine's `__provider`) are not validated and not returned.
 */
export function checkCampaignInputs(raw: Json): { inputs: Json; failures: CheckFailure[] } {
  const own: Json = {};
  for (const key of Object.keys(raw)) {
    if (!key.startsWith("__")) own[key] = raw[key];
  }
  const { value: stripped, unknowns } = stripUnknowns(own);
  const result = campaignInputSchema().safeParse(stripped, { reportInput: true });
  if (result.success) {
    return { inputs: restoreUnknowns(normalizeCampaignInputs(result.data as Json), unknowns), failures: [] };
  }
  const relevant = result.error.issues.filter((issue) => !isUnderUnknown(issue.path, unknowns));
  if (relevant.length > 0) return { inputs: own, failures: toCheckFailures(relevant) };
  // Every problem comes from a value that is not known yet: accept, normalizing what is known.
  return { inputs: restoreUnknowns(normalizeCampaignInputs(stripped), unknowns), failures: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// create / update bodies

/** Inputs that only steer the provider and never go into a campaign body. */
const PROVIDER_ONLY: ReadonlySet<string> = new Set(["name", "active", "deletePolicy", "adopt"]);

/**
 * The POST /v1/campaigns body. Code fields stay out except `vouchersCount` (-> `vouchers_count`); `active` is
 * applied afterwards through enable/disable.
 */
export function toCreateBody(inputs: CampaignInputs, name: string): Json {
  const src = inputs as unknown as Json;
  const body: Json = { name };
  for (const key of Object.keys(src)) {
    const v = src[key];
    if (v === undefined || PROVIDER_ONLY.has(key) || CODE_FIELDS.has(key) || key.startsWith("__")) continue;
    body[camelToSnake(key)] = key === "metadata" ? v : toApiShape(v);
  }
  if (inputs.vouchersCount !== undefined) body.vouchers_count = inputs.vouchersCount;
  return body;
}

/** Structural equality of JSON values; object keys holding `undefined` count as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (!deepEqual(a[i], b[i])) return false;
    }
    return true;
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const ak = Object.keys(a).filter((k) => a[k] !== undefined);
    const bk = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ak.length !== bk.length) return false;
    for (const k of ak) {
      if (!deepEqual(a[k], b[k])) return false;
    }
    return true;
  }
  return false;
}

/** Top-level scalar/object fields sent as-is (snake-cased) when changed; `null` clears a removed one. */
const UPDATE_CLEARABLE = [
  "description",
  "startDate",
  "expirationDate",
  "validityTimeframe",
  "validityDayOfWeek",
  "validityHours",
] as const;
/** Not in the PROMOTION update body (the rules table makes them replace there). */
const UPDATE_COUPON_ONLY_CLEARABLE = ["activityDurationAfterPublishing"] as const;
/** Booleans: a removed one is simply no longer managed (the API cannot unset it). */
const UPDATE_COUPON_ONLY_FLAGS = ["joinOnce", "autoJoin"] as const;

/**
 * The PUT /v1/campaigns/{id} body for the update-in-place fields that changed between `olds` and `news` (both
 * normalized inputs), in the update body's shape: `discount`/`gift` at top level, changed or added metadata keys in
 * `metadata`, removed ones in `unset_metadata_fields`. `undefined` when nothing needs a PUT. Replace-forcing fields
 * and `active` (enable/disable) are not included.
 */
export function toUpdateBody(olds: CampaignInputs, news: CampaignInputs): Json | undefined {
  const o = olds as unknown as Json;
  const n = news as unknown as Json;
  const body: Json = {};
  const promotion = news.campaignType === "PROMOTION" || olds.campaignType === "PROMOTION";

  const clearable: string[] = [...UPDATE_CLEARABLE];
  if (!promotion) clearable.push(...UPDATE_COUPON_ONLY_CLEARABLE);
  for (const key of clearable) {
    if (deepEqual(o[key], n[key])) continue;
    body[camelToSnake(key)] = n[key] === undefined ? null : toApiShape(n[key]);
  }
  if (!promotion) {
    for (const key of UPDATE_COUPON_ONLY_FLAGS) {
      if (n[key] !== undefined && n[key] !== o[key]) body[camelToSnake(key)] = n[key];
    }
    const standalone = olds.type === "STANDALONE" || news.type === "STANDALONE";
    if (!standalone && news.type !== olds.type) body.type = news.type;
  }

  if (!deepEqual(o.category, n.category) || !deepEqual(o.categoryId, n.categoryId)) {
    if (n.categoryId !== undefined) body.category_id = n.categoryId;
    else if (n.category !== undefined) body.category = n.category;
    else body.category_id = null;
  }

  Object.assign(body, metadataUpdate(o.metadata, n.metadata));

  if (news.campaignType !== "PROMOTION" && olds.campaignType !== "PROMOTION") {
    // An adopted campaign's read-back may lack a voucher template; compare against nothing then.
    const ov = (isPlainObject(olds.voucher) ? olds.voucher : {}) as Json;
    const nv = (isPlainObject(news.voucher) ? news.voucher : {}) as Json;
    if (nv.discount !== undefined && !deepEqual(ov.discount, nv.discount))
      body.discount = toApiShape(nv.discount);
    if (nv.gift !== undefined && !deepEqual(ov.gift, nv.gift)) body.gift = toApiShape(nv.gift);
  }
  if (n.referralProgram !== undefined && !deepEqual(o.referralProgram, n.referralProgram)) {
    body.referral_program = toApiShape(n.referralProgram);
  }
  return Object.keys(body).length === 0 ? undefined : body;
}

function metadataUpdate(oldMeta: unknown, newMeta: unknown): Json {
  const before = isPlainObject(oldMeta) ? oldMeta : {};
  const after = isPlainObject(newMeta) ? newMeta : {};
  const changed: Json = {};
  for (const key of Object.keys(after)) {
    if (after[key] !== undefined && !deepEqual(before[key], after[key])) changed[key] = after[key];
  }
  const removed = Object.keys(before).filter((k) => before[k] !== undefined && after[k] === undefined);
  const out: Json = {};
  if (Object.keys(changed).length > 0) out.metadata = changed;
  if (removed.length > 0) out.unset_metadata_fields = removed.sort();
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// read

/** Inputs that come from the previous inputs on read (no API counterpart). */
const FROM_PREVIOUS: ReadonlySet<string> = new Set(["deletePolicy", "adopt", ...VOUCHER_CODE_FIELDS]);

function ruleIds(assignments: unknown): string[] | undefined {
  if (!isPlainObject(assignments) || !Array.isArray(assignments.data)) return undefined;
  const ids: string[] = [];
  for (const a of assignments.data) {
    if (isPlainObject(a) && typeof a.rule_id === "string") ids.push(a.rule_id);
  }
  return ids;
}

function pick(obj: unknown, keys: readonly string[]): Json | undefined {
  if (!isPlainObject(obj)) return undefined;
  const out: Json = {};
  for (const k of keys) {
    if (obj[k] !== undefined) out[k] = obj[k];
  }
  return out;
}

const API_TOP_LEVEL = [
  "name",
  "campaign_type",
  "type",
  "description",
  "category",
  "category_id",
  "start_date",
  "expiration_date",
  "validity_timeframe",
  "validity_day_of_week",
  "validity_hours",
  "activity_duration_after_publishing",
  "join_once",
  "auto_join",
  "use_voucher_metadata_schema",
  "metadata",
  "referral_program",
] as const;
const API_VOUCHER = [
  "type",
  "discount",
  "gift",
  "loyalty_card",
  "redemption",
  "code_config",
  "is_referral_code",
];
const API_TIER = [
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

/** The API campaign in input shape (camelCase, every field the API reports), before projection onto `previous`. */
export function apiCampaignToInputShape(api: ApiCampaign): Json {
  const a = api as unknown as Json;
  const out: Json = {};
  for (const key of API_TOP_LEVEL) {
    if (a[key] !== undefined) out[snakeToCamel(key)] = key === "metadata" ? a[key] : fromApiShape(a[key]);
  }
  const rules = ruleIds(a.validation_rules_assignments);
  if (rules !== undefined) out.validationRules = rules;
  const voucher = pick(a.voucher, API_VOUCHER);
  if (voucher !== undefined) out.voucher = fromApiShape(voucher);
  const promotion = a.promotion;
  if (isPlainObject(promotion) && Array.isArray(promotion.tiers)) {
    out.promotion = {
      tiers: promotion.tiers.map((tier) => {
        const t = (fromApiShape(pick(tier, API_TIER)) ?? {}) as Json;
        const tierRules = isPlainObject(tier)
          ? ruleIds(tier.validation_rule_assignments ?? tier.validation_rules_assignments)
          : undefined;
        if (tierRules !== undefined) t.validationRules = tierRules;
        else if (isPlainObject(tier) && Array.isArray(tier.validation_rules))
          t.validationRules = tier.validation_rules;
        return t;
      }),
    };
  }
  return out;
}

function isManyUnits(discount: Json): boolean {
  return discount.effect === "ADD_MANY_ITEMS";
}

/**
 * `api` reduced to what `previous` manages: object keys the previous value did not have are server defaults and
 * are dropped; arrays follow the API's length, each element projected onto the previous element at its position.
 * `metadata` is taken whole (the user owns its set of keys), and a discount whose variant changed out of band is
 * taken whole so the drift is visible.
 */
function project(apiValue: unknown, previous: unknown, key: string): unknown {
  if (previous === undefined) return undefined;
  if (key === "metadata") return apiValue;
  if (isPlainObject(previous) && isPlainObject(apiValue)) {
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
  if (Array.isArray(previous) && Array.isArray(apiValue)) {
    return apiValue.map((item, i) => (i < previous.length ? project(item, previous[i], key) : item));
  }
  return apiValue;
}

/**
 * Maps a campaign read from the API back onto the input shape for refresh drift detection. Only fields present in
 * `previous` (the inputs the user manages) are mapped; `deletePolicy`, `adopt` and the voucher-code fields come
 * from `previous`; `active` comes from the API. The result is normalized like `check`'s output, so an unchanged
 * campaign equals `previous`. It is not re-validated: a campaign changed out of band may not satisfy the schema.
 */
export function fromApiCampaign(api: ApiCampaign, previous: CampaignInputs): CampaignInputs {
  const prev = normalizeCampaignInputs(previous as unknown as Json);
  const full = normalizeCampaignInputs(apiCampaignToInputShape(api));
  const out: Json = {};
  for (const key of Object.keys(prev)) {
    if (FROM_PREVIOUS.has(key)) {
      out[key] = prev[key];
    } else if (key === "active") {
      out.active = typeof api.active === "boolean" ? api.active : prev.active;
    } else if (key === "validationRules" && full.validationRules === undefined) {
      out.validationRules = prev.validationRules;
    } else if (key in full || isInputKey(key)) {
      const v = project(full[key], prev[key], key);
      if (v !== undefined) out[key] = v;
    }
  }
  return normalizeCampaignInputs(out) as unknown as CampaignInputs;
}

const INPUT_KEYS: ReadonlySet<string> = new Set([
  ...API_TOP_LEVEL.map(snakeToCamel),
  "validationRules",
  "voucher",
  "promotion",
]);

function isInputKey(key: string): boolean {
  return INPUT_KEYS.has(key);
}
