// THE update-vs-replace table (API-NOTES §6): every input field, by path, with how a change to it is applied.
// The diff (./diff.ts) is driven by this table and nothing else, and the README's input table is generated from /
// checked against it. Paths are camelCase input paths; rows never nest (no row is a prefix of another).
//
// Kinds:
// - "update": changed in place (PUT /v1/campaigns/{id}, or enable/disable for `active`);
// - "replace": the API cannot change it; a new campaign is created (delete first when the name stays the same);
// - "replace-when-standalone": `type` — AUTO_UPDATE <-> STATIC is an update, but STANDALONE on either side replaces;
// - "ignore": no API effect; a change is recorded in state through an in-place update that makes no API call;
// - "codes": voucher codes, diffed by provider/codes (diffVoucherCodes); a change is an update, never a replace.
// `promotion: "replace"` marks fields that the PROMOTION update body does not accept (replace for that type).

export type RuleKind = "update" | "replace" | "replace-when-standalone" | "ignore" | "codes";

export interface FieldRule {
  /** Input path, camelCase, dotted. */
  path: string;
  kind: RuleKind;
  /** Set when a PROMOTION campaign needs a replacement for a change that other types update in place. */
  promotion?: "replace";
  /** Where the value goes in the API: create-body path, and the update-body path when it differs. */
  api: string;
}

export const RULE_KIND_DESCRIPTIONS: Readonly<Record<RuleKind, string>> = {
  update: "updated in place",
  replace: "replaces the campaign",
  "replace-when-standalone":
    "updated in place between AUTO_UPDATE and STATIC; replaces when STANDALONE is involved",
  ignore: "provider setting; recorded without any API call",
  codes: "voucher codes, reconciled in place (never replaces)",
};

export const CAMPAIGN_FIELD_RULES: readonly FieldRule[] = [
  { path: "name", kind: "replace", api: "name" },
  { path: "campaignType", kind: "replace", api: "campaign_type" },
  { path: "type", kind: "replace-when-standalone", promotion: "replace", api: "type" },
  { path: "description", kind: "update", api: "description" },
  { path: "category", kind: "update", api: "category" },
  { path: "categoryId", kind: "update", api: "category_id" },
  { path: "startDate", kind: "update", api: "start_date" },
  { path: "expirationDate", kind: "update", api: "expiration_date" },
  { path: "validityTimeframe", kind: "update", api: "validity_timeframe" },
  { path: "validityDayOfWeek", kind: "update", api: "validity_day_of_week" },
  { path: "validityHours", kind: "update", api: "validity_hours" },
  {
    path: "activityDurationAfterPublishing",
    kind: "update",
    promotion: "replace",
    api: "activity_duration_after_publishing",
  },
  { path: "joinOnce", kind: "update", promotion: "replace", api: "join_once" },
  { path: "autoJoin", kind: "update", promotion: "replace", api: "auto_join" },
  { path: "useVoucherMetadataSchema", kind: "replace", api: "use_voucher_metadata_schema" },
  { path: "metadata", kind: "update", api: "metadata (removed keys: unset_metadata_fields)" },
  { path: "validationRules", kind: "replace", api: "validation_rules" },
  { path: "referralProgram", kind: "update", api: "referral_program" },
  { path: "promotion.tiers", kind: "replace", api: "promotion.tiers" },
  { path: "voucher.type", kind: "replace", api: "voucher.type" },
  { path: "voucher.discount", kind: "update", api: "voucher.discount (update: discount)" },
  { path: "voucher.gift", kind: "update", api: "voucher.gift (update: gift)" },
  { path: "voucher.loyaltyCard.points", kind: "replace", api: "voucher.loyalty_card.points" },
  {
    path: "voucher.loyaltyCard.expirationRules",
    kind: "replace",
    api: "voucher.loyalty_card.expiration_rules",
  },
  { path: "voucher.redemption.quantity", kind: "replace", api: "voucher.redemption.quantity" },
  { path: "voucher.codeConfig.length", kind: "replace", api: "voucher.code_config.length" },
  { path: "voucher.codeConfig.charset", kind: "replace", api: "voucher.code_config.charset" },
  { path: "voucher.codeConfig.prefix", kind: "replace", api: "voucher.code_config.prefix" },
  { path: "voucher.codeConfig.postfix", kind: "replace", api: "voucher.code_config.postfix" },
  { path: "voucher.codeConfig.pattern", kind: "replace", api: "voucher.code_config.pattern" },
  { path: "voucher.isReferralCode", kind: "replace", api: "voucher.is_referral_code" },
  { path: "active", kind: "update", api: "POST /v1/campaigns/{id}/enable | /disable" },
  { path: "deletePolicy", kind: "ignore", api: "DELETE ?force=true (permanent) | absent (bin)" },
  { path: "adopt", kind: "ignore", api: "(create: take over an existing campaign of that name)" },
  { path: "vouchers", kind: "codes", api: "POST /v1/campaigns/{id}/import, PUT/DELETE /v1/vouchers/{code}" },
  { path: "vouchersCsv", kind: "codes", api: "POST /v1/campaigns/{id}/importCSV" },
  { path: "vouchersCsvDigest", kind: "codes", api: "(computed by check from vouchersCsv)" },
  { path: "vouchersCsvRows", kind: "codes", api: "(computed by check from vouchersCsv)" },
  {
    path: "vouchersCsvPrune",
    kind: "codes",
    api: "DELETE /v1/vouchers/{code} for codes missing from the CSV",
  },
  { path: "vouchersCount", kind: "codes", api: "vouchers_count; growth: POST /v1/campaigns/{id}/vouchers" },
  { path: "verifyVouchersOnRefresh", kind: "ignore", api: "(refresh lists the campaign's vouchers)" },
  { path: "vouchersSecret", kind: "ignore", api: "(state: store inline vouchers as a secret)" },
];

/** The rule for an exact path, if any. */
export function ruleFor(path: string): FieldRule | undefined {
  return CAMPAIGN_FIELD_RULES.find((r) => r.path === path);
}
