// Normalization that makes `check`, `read` and `diff` agree on one canonical form of campaign inputs:
//
// - dates become the form the API returns (`2024-03-01T00:00:00.000Z`), so `2024-03-01` or `…T00:00:00Z` in a
//   program never shows a diff after apply;
// - day-of-week lists are sorted and de-duplicated (the API's order is not the user's);
// - provider defaults (`type`, `active`, `deletePolicy`, `adopt`, `voucher.type`, `voucher.isReferralCode`, a
//   promotion tier's `key`) are filled in, so old state without them compares equal; the API default
//   `useVoucherMetadataSchema: true` is left out, so declaring it is the same as not.
//
// Keys under any `metadata` object are user data and are never touched.

import { isRecord } from "../kit/json";
import { INPUT_DEFAULTS, VOUCHER_TYPE_BY_CAMPAIGN_TYPE } from "../schema/campaign";
import { UNKNOWN } from "../schema/unknowns";
import { VOUCHER_CODE_FIELDS } from "../schema/vouchers";

type Json = Record<string, unknown>;

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
  if (isRecord(value)) {
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
  // The API's default (snippets/metadata-campaign.mdx, "By default, the campaign uses Voucher metadata schema"):
  // declaring it, leaving it out, or reading it back is the same campaign, never a replacement.
  if (out.useVoucherMetadataSchema === true) delete out.useVoucherMetadataSchema;
  fillTierKeys(out.promotion);
  const voucher = out.voucher;
  if (isRecord(voucher) && typeof out.campaignType === "string") {
    const voucherType = VOUCHER_TYPE_BY_CAMPAIGN_TYPE[out.campaignType];
    if (voucher.type === undefined && voucherType !== undefined) voucher.type = voucherType;
    if (out.campaignType === "REFERRAL_PROGRAM" && voucher.isReferralCode === undefined) {
      voucher.isReferralCode = true;
    }
  }
  return out;
}

/** A promotion tier is identified by its `key`, which defaults to its name. */
function fillTierKeys(promotion: unknown): void {
  if (!isRecord(promotion) || !Array.isArray(promotion.tiers)) return;
  for (const tier of promotion.tiers) {
    if (isRecord(tier) && tier.key === undefined && typeof tier.name === "string") tier.key = tier.name;
  }
}
