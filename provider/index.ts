/**
 * pulumi-voucherify: Voucherify campaigns as Pulumi resources.
 *
 *   import { Campaign } from "pulumi-voucherify";
 *   new Campaign("spring", { campaignType: "DISCOUNT_COUPONS", voucher: { ... }, vouchersCount: 100 });
 *
 * Connection settings (stack config `voucherify:*` or `VOUCHERIFY_*` environment variables) are described in
 * provider/config.ts; the update-vs-replace table of every input is `CAMPAIGN_FIELD_RULES`.
 */
export {
  CampaignNameTakenError,
  CampaignPartialFailureError,
  isCampaignNameTakenError,
  isCampaignPartialFailureError,
} from "./campaign/lifecycle";
export {
  CAMPAIGN_FIELD_RULES,
  type FieldRule,
  RULE_KIND_DESCRIPTIONS,
  type RuleKind,
} from "./campaign/rules";
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
export { CAMPAIGN_TYPE, Campaign, type CampaignArgs, type Inputify } from "./resource";
