// Request bodies of the endpoints that change parts of a campaign in place: promotion tiers, validation rules
// and their assignments, bulk voucher metadata and exports. Same conventions as validate.ts: the types of the
// fields the vendor documents; unknown fields pass (the API ignores them).
import { z } from "zod";
import { RELATED_OBJECT_TYPES } from "./store";
import { metadata, promotionTierCreateSchema } from "./validate";

/**
 * PUT /v1/promotions/tiers/{id} (PromotionsTiersUpdateRequestBody): the create fields but `active` and
 * `validation_rules`, all optional (an `active` sent anyway passes as an unknown field and is ignored).
 */
export const promotionTierUpdateSchema = promotionTierCreateSchema
  .omit({ active: true, validation_rules: true })
  .partial();
export type PromotionTierUpdateBody = z.output<typeof promotionTierUpdateSchema>;

export const VALIDATION_RULE_TYPES = ["expression", "basic", "advanced", "complex"] as const;

const validationRuleFields = {
  rules: z.looseObject({}).nullish(),
  bundle_rules: z.looseObject({}).nullish(),
  error: z.looseObject({ message: z.string().nullish() }).nullish(),
  applicable_to: z
    .looseObject({
      excluded: z.array(z.looseObject({})).nullish(),
      included: z.array(z.looseObject({})).nullish(),
      included_all: z.boolean().nullish(),
    })
    .nullish(),
  type: z.enum(VALIDATION_RULE_TYPES).nullish(),
  context_type: z.string().nullish(),
};

/** POST /v1/validation-rules (ValidationRulesCreateRequestBody). */
export const validationRuleCreateSchema = z.looseObject({ name: z.string().min(1), ...validationRuleFields });
export type ValidationRuleCreateBody = z.output<typeof validationRuleCreateSchema>;

/** PUT /v1/validation-rules/{id} (ValidationRulesUpdateRequestBody): a partial create body. */
export const validationRuleUpdateSchema = z.looseObject({
  name: z.string().min(1).optional(),
  ...validationRuleFields,
});
export type ValidationRuleUpdateBody = z.output<typeof validationRuleUpdateSchema>;

/**
 * POST /v1/validation-rules/{id}/assignments: the spec's `{related_object_type, related_object_id}`, or the
 * `{campaign: id}` / `{voucher: id}` / … form of the vendor's request examples and of the SDK's types.
 */
export const assignmentCreateSchema = z.looseObject({
  related_object_type: z.enum(RELATED_OBJECT_TYPES).optional(),
  related_object_id: z.string().min(1).optional(),
  voucher: z.string().min(1).optional(),
  promotion_tier: z.string().min(1).optional(),
  campaign: z.string().min(1).optional(),
  earning_rule: z.string().min(1).optional(),
  distribution: z.string().min(1).optional(),
  reward_assignment: z.string().min(1).optional(),
});
export type AssignmentCreateBody = z.output<typeof assignmentCreateSchema>;

/** POST /v1/vouchers/bulk/async (VouchersUpdateInBulkRequestBody): code and metadata per item. */
export const bulkUpdateSchema = z.array(z.looseObject({ code: z.string().min(1), metadata }));

/** POST /v1/vouchers/metadata/async (VouchersMetadataUpdateInBulkRequestBody). */
export const metadataUpdateSchema = z.looseObject({ codes: z.array(z.string().min(1)), metadata });

/** POST /v1/exports (ExportsCreateRequestBody); the allowed objects, fields and orders are checked by the route. */
export const exportCreateSchema = z.looseObject({
  exported_object: z.string(),
  parameters: z
    .looseObject({
      order: z.string().nullish(),
      fields: z.array(z.string()).nullish(),
      filters: z.record(z.string(), z.unknown()).nullish(),
      campaign_id: z.string().nullish(),
    })
    .nullish(),
});
export type ExportCreateBody = z.output<typeof exportCreateSchema>;
