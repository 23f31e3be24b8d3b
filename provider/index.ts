/**
 * pulumi-voucherify: Voucherify campaigns as Pulumi resources.
 *
 *   import { Campaign } from "pulumi-voucherify";
 *   new Campaign("spring", { campaignType: "DISCOUNT_COUPONS", voucher: { ... }, vouchersCount: 100 });
 *
 * Campaigns managed elsewhere are read with `getCampaign` / `listCampaigns` (Promises) or their `*Output` variants
 * (provider/lookups/program.ts).
 *
 * Connection settings (stack config `voucherify:*` or `VOUCHERIFY_*` environment variables) are described in
 * provider/config.ts; the field model (how a change to every input is applied) is `CAMPAIGN_FIELD_RULES`.
 */
export {
  CampaignNameTakenError,
  CampaignPartialFailureError,
  isCampaignNameTakenError,
  isCampaignPartialFailureError,
} from "./campaign/errors";
export { type Apply, CAMPAIGN_FIELD_RULES, type FieldRule } from "./campaign/fields";
export { CATEGORY_TYPE, Category, type CategoryArgs } from "./category";
export {
  AsyncActionFailedError,
  AsyncActionTimeoutError,
  isAsyncActionFailedError,
  isAsyncActionTimeoutError,
  isNetworkError,
  isNotFound,
  isResponseShapeError,
  isTimeoutError,
  isVoucherifyApiError,
  NetworkError,
  ResponseShapeError,
  TimeoutError,
  VoucherifyApiError,
} from "./client/errors";
export {
  CONNECTION_KEYS,
  ConfigurationError,
  DEFAULT_API_URL,
  isConfigurationError,
  resolveConnection,
} from "./config";
export {
  CampaignListIncompleteError,
  isCampaignListIncompleteError,
} from "./lookups/core";
export type { CampaignFilters, ListCampaignsArgs } from "./lookups/filters";
export {
  type ConnectionOverrides,
  getCampaign,
  getCampaignOutput,
  getCategory,
  getCategoryOutput,
  getValidationRule,
  getValidationRuleOutput,
  type LookupOptions,
  type LookupOutputOptions,
  listCampaigns,
  listCampaignsOutput,
} from "./lookups/program";
export type { ReferencedInfo } from "./lookups/referenced";
export type { CampaignInfo, CampaignSettings, TierInfo } from "./lookups/result";
export { PROMOTION_STACK_TYPE, PromotionStack, type PromotionStackArgs } from "./promotion-stack";
export { CAMPAIGN_TYPE, Campaign, type CampaignArgs, type Inputify } from "./resource";
export { VALIDATION_RULE_TYPE, ValidationRule, type ValidationRuleArgs } from "./validation-rule";
