/**
 * Response ("wire") schemas for the Voucherify API objects this provider reads.
 *
 * Every object is a `z.looseObject` and nearly every field is optional and nullable: the vendor adds fields
 * and omits others depending on expansion and plan, and a refresh must never fail because of that. Enum-like
 * fields are plain strings for the same reason (a new status value must not break reads). Only the fields the
 * provider actually relies on are named; the rest passes through untouched.
 *
 * Schemas are built by factories and cached on first call, because the provider code is serialized by Pulumi and
 * must not capture zod objects at module level.
 */
import { z } from "zod";

/** `T | null | undefined`: the default for every vendor field. */
function loose<T extends z.ZodType>(schema: T) {
  return schema.nullable().optional();
}

/** A list envelope's array: required in practice; an absent one reads as empty. */
function listOf<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullable()
    .optional()
    .transform((v) => v || []);
}

function buildCodeConfig() {
  return z.looseObject({
    length: loose(z.number()),
    charset: loose(z.string()),
    prefix: loose(z.string()),
    postfix: loose(z.string()),
    pattern: loose(z.string()),
  });
}

function buildRedemption() {
  return z.looseObject({
    quantity: loose(z.number()),
    redeemed_quantity: loose(z.number()),
    redeemed_points: loose(z.number()),
    object: loose(z.string()),
    url: loose(z.string()),
  });
}

function buildValidityHours() {
  return z.looseObject({
    daily: loose(
      z.array(
        z.looseObject({
          start_time: loose(z.string()),
          days_of_week: loose(z.array(z.number())),
          expiration_time: loose(z.string()),
        }),
      ),
    ),
  });
}

function buildValidityTimeframe() {
  return z.looseObject({ interval: loose(z.string()), duration: loose(z.string()) });
}

/** Discount objects have many variants (AMOUNT, PERCENT, FIXED, UNIT, UNIT multiple); keep them open. */
function buildDiscount() {
  return z.looseObject({
    type: loose(z.string()),
    effect: loose(z.string()),
    amount_off: loose(z.number()),
    amount_off_formula: loose(z.string()),
    percent_off: loose(z.number()),
    percent_off_formula: loose(z.string()),
    amount_limit: loose(z.number()),
    aggregated_amount_limit: loose(z.number()),
    fixed_amount: loose(z.number()),
    fixed_amount_formula: loose(z.string()),
    unit_off: loose(z.number()),
    unit_off_formula: loose(z.string()),
    unit_type: loose(z.string()),
    units: loose(z.array(z.looseObject({}))),
    is_dynamic: loose(z.boolean()),
  });
}

function buildGift() {
  return z.looseObject({
    amount: loose(z.number()),
    subtracted_amount: loose(z.number()),
    balance: loose(z.number()),
    effect: loose(z.string()),
  });
}

function buildLoyaltyCard() {
  return z.looseObject({
    points: loose(z.number()),
    balance: loose(z.number()),
    expiration_rules: loose(z.looseObject({})),
  });
}

function buildCampaignVoucher() {
  return z.looseObject({
    type: loose(z.string()),
    discount: loose(buildDiscount()),
    gift: loose(buildGift()),
    loyalty_card: loose(buildLoyaltyCard()),
    redemption: loose(buildRedemption()),
    code_config: loose(buildCodeConfig()),
    is_referral_code: loose(z.boolean()),
    start_date: loose(z.string()),
    expiration_date: loose(z.string()),
    validity_timeframe: loose(buildValidityTimeframe()),
    validity_day_of_week: loose(z.array(z.number())),
    validity_hours: loose(buildValidityHours()),
  });
}

function buildListEnvelope() {
  return z.looseObject({
    object: loose(z.string()),
    data_ref: loose(z.string()),
    data: loose(z.array(z.looseObject({}))),
    total: loose(z.number()),
  });
}

function buildCampaign() {
  return z.looseObject({
    id: z.string(),
    name: loose(z.string()),
    description: loose(z.string()),
    campaign_type: loose(z.string()),
    type: loose(z.string()),
    voucher: loose(buildCampaignVoucher()),
    auto_join: loose(z.boolean()),
    join_once: loose(z.boolean()),
    use_voucher_metadata_schema: loose(z.boolean()),
    validity_timeframe: loose(buildValidityTimeframe()),
    validity_day_of_week: loose(z.array(z.number())),
    validity_hours: loose(buildValidityHours()),
    activity_duration_after_publishing: loose(z.string()),
    vouchers_count: loose(z.number()),
    start_date: loose(z.string()),
    expiration_date: loose(z.string()),
    active: loose(z.boolean()),
    metadata: loose(z.record(z.string(), z.unknown())),
    created_at: loose(z.string()),
    updated_at: loose(z.string()),
    category: loose(z.string()),
    category_id: loose(z.string()),
    categories: loose(
      z.array(
        z.looseObject({ id: loose(z.string()), name: loose(z.string()), hierarchy: loose(z.number()) }),
      ),
    ),
    creation_status: loose(z.string()),
    vouchers_generation_status: loose(z.string()),
    readonly: loose(z.boolean()),
    protected: loose(z.boolean()),
    object: loose(z.string()),
    referral_program: loose(z.looseObject({})),
    loyalty_tiers_expiration: loose(z.looseObject({})),
    access_settings_assignments: loose(buildListEnvelope()),
    promotion: loose(
      z.looseObject({
        object: loose(z.string()),
        data_ref: loose(z.string()),
        tiers: loose(z.array(z.looseObject({ id: loose(z.string()), name: loose(z.string()) }))),
        total: loose(z.number()),
        has_more: loose(z.boolean()),
      }),
    ),
    validation_rules_assignments: loose(buildListEnvelope()),
  });
}

/** GET /v1/campaigns: `CampaignsListResponseBody` (items are `CampaignBase`: no `promotion`, no assignments). */
function buildCampaignList() {
  return z.looseObject({
    object: loose(z.string()),
    data_ref: loose(z.string()),
    campaigns: listOf(buildCampaign()),
    /** Documented as the number of records matching the query (documentation/api-reference/listing.mdx). */
    total: loose(z.number()),
  });
}

function buildVoucher() {
  return z.looseObject({
    id: loose(z.string()),
    code: z.string(),
    campaign: loose(z.string()),
    campaign_id: loose(z.string()),
    category: loose(z.string()),
    category_id: loose(z.string()),
    type: loose(z.string()),
    discount: loose(buildDiscount()),
    gift: loose(buildGift()),
    loyalty_card: loose(buildLoyaltyCard()),
    start_date: loose(z.string()),
    expiration_date: loose(z.string()),
    validity_timeframe: loose(buildValidityTimeframe()),
    validity_day_of_week: loose(z.array(z.number())),
    validity_hours: loose(buildValidityHours()),
    active: loose(z.boolean()),
    additional_info: loose(z.string()),
    metadata: loose(z.record(z.string(), z.unknown())),
    is_referral_code: loose(z.boolean()),
    created_at: loose(z.string()),
    updated_at: loose(z.string()),
    holder_id: loose(z.string()),
    object: loose(z.string()),
    redemption: loose(buildRedemption()),
    publish: loose(z.looseObject({ count: loose(z.number()) })),
  });
}

function buildVoucherList() {
  return z.looseObject({
    object: loose(z.string()),
    data_ref: loose(z.string()),
    vouchers: listOf(buildVoucher()),
    total: loose(z.number()),
  });
}

function buildAsyncAction() {
  return z.looseObject({
    id: z.string(),
    type: loose(z.string()),
    status: z.string(),
    operation_status: loose(z.string()),
    result: loose(z.unknown()),
    created_at: loose(z.string()),
    updated_at: loose(z.string()),
    request_id: loose(z.string()),
    processing_time: loose(z.number()),
    progress: loose(z.number()),
    object: loose(z.string()),
  });
}

/**
 * The result of a VOUCHERS.BULK_UPDATE action (AsyncActionResultVouchersBulkUpdateResponseBody): counts and one
 * error per code that was not updated.
 */
function buildBulkUpdateResult() {
  return z.looseObject({
    done_count: loose(z.number()),
    failed_count: loose(z.number()),
    errors: loose(
      z.array(
        z.looseObject({
          code: loose(z.string()),
          key: loose(z.string()),
          message: loose(z.string()),
          details: loose(z.string()),
        }),
      ),
    ),
  });
}

function buildAsyncActionId() {
  return z.looseObject({ async_action_id: z.string() });
}

/** Error bodies are parsed leniently: every field optional, and `code` may be a number or string. */
function buildErrorBody() {
  return z.looseObject({
    code: loose(z.union([z.number(), z.string()])),
    key: loose(z.string()),
    message: loose(z.string()),
    details: loose(z.string()),
    request_id: loose(z.string()),
    resource_id: loose(z.string()),
    resource_type: loose(z.string()),
    error: loose(z.looseObject({ message: loose(z.string()) })),
  });
}

/** Enable/disable answer `{}`; some servers answer with an empty body. Both read as `{}`. */
function buildEmptyObject() {
  return z
    .looseObject({})
    .nullable()
    .optional()
    .transform((v) => v || {});
}

function buildTier() {
  return z.looseObject({
    id: z.string(),
    name: loose(z.string()),
    active: loose(z.boolean()),
    hierarchy: loose(z.number()),
    campaign_id: loose(z.string()),
    object: loose(z.string()),
  });
}

function buildTierList() {
  return z.looseObject({
    tiers: listOf(buildTier()),
    has_more: loose(z.boolean()),
    total: loose(z.number()),
  });
}

function buildAssignment() {
  return z.looseObject({
    id: z.string(),
    rule_id: loose(z.string()),
    related_object_id: loose(z.string()),
    related_object_type: loose(z.string()),
    object: loose(z.string()),
  });
}

function buildAssignmentList() {
  return z.looseObject({
    data: listOf(buildAssignment()),
    total: loose(z.number()),
  });
}

/** One schema instance per factory, built on first use (see the header: nothing zod at module level). */
export function memo<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    if (value === undefined) value = build();
    return value;
  };
}

export const tierResponseSchema = memo(buildTier);
export const tierListSchema = memo(buildTierList);
export const assignmentResponseSchema = memo(buildAssignment);
export const assignmentListSchema = memo(buildAssignmentList);

export const campaignResponseSchema = memo(buildCampaign);
export const campaignListSchema = memo(buildCampaignList);
export const voucherResponseSchema = memo(buildVoucher);
export const voucherListSchema = memo(buildVoucherList);
export const asyncActionSchema = memo(buildAsyncAction);
export const asyncActionIdSchema = memo(buildAsyncActionId);
export const bulkUpdateResultSchema = memo(buildBulkUpdateResult);
export const errorBodySchema = memo(buildErrorBody);
export const emptyObjectSchema = memo(buildEmptyObject);

export type ApiCampaign = z.output<ReturnType<typeof buildCampaign>>;
export type ApiCampaignList = z.output<ReturnType<typeof buildCampaignList>>;
export type ApiVoucher = z.output<ReturnType<typeof buildVoucher>>;
export type ApiVoucherList = z.output<ReturnType<typeof buildVoucherList>>;
export type ApiAsyncAction = z.output<ReturnType<typeof buildAsyncAction>>;
export type ApiBulkUpdateResult = z.output<ReturnType<typeof buildBulkUpdateResult>>;
export type ApiErrorBody = z.output<ReturnType<typeof buildErrorBody>>;
export type ApiTier = z.output<ReturnType<typeof buildTier>>;
export type ApiAssignment = z.output<ReturnType<typeof buildAssignment>>;
