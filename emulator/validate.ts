// Request validation with the emulator's own schemas (never the provider's): they encode what the
// vendor validates (types of known fields; unknown fields pass, as the API ignores them) and turn
// issues into the vendor's wording, e.g. "Property .redemption.quantity should be number,null".
import { z } from "zod";
import { type ApiError, invalidQueryParams } from "./errors";

export type Json = Record<string, unknown>;

// The formats the campaign and voucher date fields allow ("Allowed date formats are: YYYY-MM-DD, YYYY-MM-DDTHH,
// YYYY-MM-DDTHH:mm, YYYY-MM-DDTHH:mm:ss, YYYY-MM-DDTHH:mm:ssZ, YYYY-MM-DDTHH:mm:ss.SSSZ", openapi/campaigns.json),
// plus numeric offsets. Assumed: a time without a zone is UTC (JavaScript would read it as local time).
const DATE_FORMAT =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function dateMillis(value: string): number {
  const m = DATE_FORMAT.exec(value);
  if (!m) return Number.NaN;
  const [, day, hh, mm, ss, frac, zone] = m;
  if (hh === undefined) return Date.parse(day!);
  return Date.parse(`${day}T${hh}:${mm ?? "00"}:${ss ?? "00"}${frac ?? ""}${zone ?? "Z"}`);
}

export function isDateString(value: string): boolean {
  return !Number.isNaN(dateMillis(value));
}

export function toIsoDate(value: string): string {
  return new Date(dateMillis(value)).toISOString();
}

const dateTime = z.string().refine(isDateString, { message: "should be an ISO-8601 date-time" });
export const metadata = z.record(z.string(), z.unknown());
const validityTimeframe = z.looseObject({ interval: z.string().optional(), duration: z.string().optional() });
const dayOfWeek = z.array(z.number().int().min(0).max(6));
const validityHours = z.looseObject({
  daily: z
    .array(
      z.looseObject({
        start_time: z.string().optional(),
        days_of_week: dayOfWeek.optional(),
        expiration_time: z.string().optional(),
      }),
    )
    .optional(),
});
/** Time limits and category: fields of campaigns, codes and promotion tiers alike. */
const timeLimitsAndCategory = {
  start_date: dateTime.nullish(),
  expiration_date: dateTime.nullish(),
  validity_timeframe: validityTimeframe.nullish(),
  validity_day_of_week: dayOfWeek.nullish(),
  validity_hours: validityHours.nullish(),
  category: z.string().nullish(),
  category_id: z.string().nullish(),
};
const codeConfig = z.looseObject({
  length: z.number().nullish(),
  charset: z.string().nullish(),
  prefix: z.string().nullish(),
  postfix: z.string().nullish(),
  pattern: z.string().nullish(),
  initial_count: z.number().nullish(),
});
export const DISCOUNT_TYPES = ["AMOUNT", "PERCENT", "FIXED", "UNIT"] as const;
const discount = z.looseObject({
  type: z.enum(DISCOUNT_TYPES),
  amount_off: z.number().nullish(),
  percent_off: z.number().nullish(),
  fixed_amount: z.number().nullish(),
  unit_off: z.number().nullish(),
  unit_type: z.string().nullish(),
  units: z.array(z.looseObject({})).nullish(),
  amount_limit: z.number().nullish(),
  aggregated_amount_limit: z.number().nullish(),
  effect: z.string().nullish(),
});
const gift = z.looseObject({
  amount: z.number().int().min(0),
  effect: z.enum(["APPLY_TO_ORDER", "APPLY_TO_ITEMS"]).nullish(),
});
const loyaltyCard = z.looseObject({
  points: z.number().int().min(0),
  expiration_rules: z.looseObject({}).nullish(),
});
const redemption = z.looseObject({ quantity: z.number().int().min(0).nullish() });

/** A promotion tier (PromotionTierCreateParams): in a PROMOTION create body and in POST /v1/promotions/{id}/tiers. */
export const promotionTierCreateSchema = z.looseObject({
  name: z.string().min(1),
  banner: z.string().nullish(),
  action: z.looseObject({ discount: discount.nullish() }).nullish(),
  metadata: metadata.nullish(),
  validation_rules: z.array(z.string()).optional(),
  active: z.boolean().nullish(),
  hierarchy: z.number().int().nullish(),
  ...timeLimitsAndCategory,
});
export type PromotionTierCreateBody = z.output<typeof promotionTierCreateSchema>;

export const CAMPAIGN_TYPES = [
  "DISCOUNT_COUPONS",
  "REFERRAL_PROGRAM",
  "GIFT_VOUCHERS",
  "LOYALTY_PROGRAM",
  "PROMOTION",
] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

/** `creation_status` / `vouchers_generation_status` values (ParameterCampaignStatusListCampaigns). */
export const CAMPAIGN_STATUSES = ["DONE", "IN_PROGRESS", "FAILED", "DRAFT", "MODIFYING"] as const;

const campaignCommon = {
  description: z.string().nullish(),
  join_once: z.boolean().optional(),
  auto_join: z.boolean().optional(),
  ...timeLimitsAndCategory,
  activity_duration_after_publishing: z.string().nullish(),
  metadata: metadata.nullish(),
  referral_program: z.looseObject({}).nullish(),
};

export const campaignCreateSchema = z.looseObject({
  name: z.string().min(1).max(200),
  campaign_type: z.enum(CAMPAIGN_TYPES),
  type: z.enum(["AUTO_UPDATE", "STATIC", "STANDALONE"]).optional(),
  use_voucher_metadata_schema: z.boolean().optional(),
  vouchers_count: z.number().int().min(0).optional(),
  validation_rules: z.array(z.string()).max(1).optional(),
  voucher: z
    .looseObject({
      type: z.enum(["DISCOUNT_VOUCHER", "GIFT_VOUCHER", "LOYALTY_CARD"]).optional(),
      discount: discount.optional(),
      gift: gift.optional(),
      loyalty_card: loyaltyCard.optional(),
      redemption: redemption.nullish(),
      code_config: codeConfig.nullish(),
      is_referral_code: z.boolean().optional(),
    })
    .optional(),
  promotion: z.looseObject({ tiers: z.array(promotionTierCreateSchema).optional() }).optional(),
  ...campaignCommon,
});
export type CampaignCreateBody = z.output<typeof campaignCreateSchema>;

export const campaignUpdateSchema = z.looseObject({
  type: z.enum(["AUTO_UPDATE", "STATIC", "STANDALONE"]).optional(),
  unset_metadata_fields: z.array(z.string()).optional(),
  discount: discount.optional(),
  gift: gift.partial().optional(),
  loyalty_tiers_expiration: z.looseObject({}).nullish(),
  ...campaignCommon,
});
export type CampaignUpdateBody = z.output<typeof campaignUpdateSchema>;

/** Item of POST /v1/campaigns/{id}/import; `code` presence is checked separately (invalid_voucher). */
export const importItemSchema = z.looseObject({
  code: z.string().min(1).optional(),
  type: z.string().nullish(),
  category: z.string().nullish(),
  category_id: z.string().nullish(),
  active: z.boolean().nullish(),
  redemption: z.looseObject({ quantity: z.number().nullish() }).nullish(),
  metadata: metadata.nullish(),
  additional_info: z.string().nullish(),
  start_date: z.string().nullish(),
  expiration_date: z.string().nullish(),
  validity_timeframe: validityTimeframe.nullish(),
  validity_day_of_week: dayOfWeek.nullish(),
  gift: z.looseObject({ amount: z.number().nullish() }).nullish(),
  loyalty_card: z.looseObject({ points: z.number().nullish() }).nullish(),
  discount: z.looseObject({}).nullish(),
});
export type ImportItem = z.output<typeof importItemSchema>;

/** Body of POST /v1/campaigns/{id}/vouchers and /vouchers/{code}. */
export const addVoucherSchema = z.looseObject({
  code: z.string().min(1).optional(),
  code_config: codeConfig.nullish(),
  metadata: metadata.nullish(),
  redemption: redemption.nullish(),
  additional_info: z.string().nullish(),
  ...timeLimitsAndCategory,
});
export type AddVoucherBody = z.output<typeof addVoucherSchema>;

/** PUT /v1/vouchers/{code}: gift amount, loyalty points, redemption and code are not updatable there. */
export const voucherUpdateSchema = z.looseObject({
  ...timeLimitsAndCategory,
  active: z.boolean().nullish(),
  additional_info: z.string().nullish(),
  metadata: metadata.nullish(),
  discount: discount.optional(),
});
export type VoucherUpdateBody = z.output<typeof voucherUpdateSchema>;

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length ? `.${issue.path.map(String).join(".")}` : "payload";
  switch (issue.code) {
    case "invalid_type":
      return issue.message.endsWith("received undefined")
        ? `Property ${path} is required`
        : `Property ${path} should be ${issue.expected}`;
    case "invalid_value":
      return `Property ${path} should be equal to one of ${issue.values.map(String).join(",")}`;
    case "too_small":
      return `Property ${path} should be >= ${String(issue.minimum)}`;
    case "too_big":
      return `Property ${path} should be <= ${String(issue.maximum)}`;
    default:
      return `Property ${path} ${issue.message}`;
  }
}

export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  toError: (details: string) => ApiError,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw toError(result.error.issues.map(describeIssue).join("; "));
}

export function firstIssue<S extends z.ZodType>(schema: S, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  return result.error.issues.map(describeIssue).join("; ");
}

export function intQuery(
  query: URLSearchParams,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw invalidQueryParams(`Property .${name} should be integer`);
  if (n < min) throw invalidQueryParams(`Property .${name} should be >= ${min}`);
  if (n > max) throw invalidQueryParams(`Property .${name} should be <= ${max}`);
  return n;
}

export function boolQuery(query: URLSearchParams, name: string): boolean {
  const raw = query.get(name);
  if (raw === null || raw === "" || raw === "false") return false;
  if (raw === "true") return true;
  throw invalidQueryParams(`Property .${name} should be boolean`);
}

export function isPlainObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so two values compare equal whatever order their keys came in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Deep equality of JSON values; undefined and null count as the same (absent). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
