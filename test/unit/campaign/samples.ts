// For each row of the field model: a campaign type where the field applies and a different valid value. Shared by
// the plan test (what a change does) and the round-trip test (create, then diff: no change).
import type { FIXTURE_TYPES } from "../schema/fixtures";

type Json = Record<string, unknown>;
type FixtureType = (typeof FIXTURE_TYPES)[number];

export function setPath(obj: Json, path: string, value: unknown): Json {
  const copy = structuredClone(obj);
  const segs = path.split(".");
  let node = copy;
  for (const seg of segs.slice(0, -1)) {
    if (typeof node[seg] !== "object" || node[seg] === null) node[seg] = {};
    node = node[seg] as Json;
  }
  node[segs[segs.length - 1] as string] = value;
  return copy;
}

/** For each rules-table row: a campaign type where the field applies and a different valid value. */
export interface Sample {
  fixture: FixtureType;
  value: unknown;
  /** Other fields changed together with this one. */
  extra?: Record<string, unknown>;
  /** Skip check on the edited inputs (the value cannot pass check on its own, e.g. voucher.type is fixed by type). */
  unchecked?: boolean;
  /** The path the diff reports the change under, when it differs. */
  reportedAs?: string;
  /** Where the sample value is set, when not at the row's own path. */
  at?: string;
}

export const SAMPLES: Record<string, Sample> = {
  name: { fixture: "discount_coupons", value: "renamed" },
  campaignType: { fixture: "discount_coupons", value: "REFERRAL_PROGRAM" },
  type: { fixture: "discount_coupons", value: "STATIC" },
  description: { fixture: "discount_coupons", value: "changed" },
  category: { fixture: "discount_coupons", value: "other" },
  categoryId: { fixture: "gift_vouchers", value: "cat_other" },
  startDate: { fixture: "discount_coupons", value: "2030-02-01T00:00:00Z" },
  expirationDate: { fixture: "discount_coupons", value: "2030-07-01T00:00:00Z" },
  validityTimeframe: { fixture: "discount_coupons", value: { interval: "P1W", duration: "P1D" } },
  validityDayOfWeek: { fixture: "discount_coupons", value: [0] },
  validityHours: {
    fixture: "gift_vouchers",
    value: { daily: [{ startTime: "08:00", daysOfWeek: [1], expirationTime: "09:00" }] },
  },
  activityDurationAfterPublishing: { fixture: "discount_coupons", value: "P30D" },
  joinOnce: { fixture: "discount_coupons", value: false },
  autoJoin: { fixture: "discount_coupons", value: true },
  useVoucherMetadataSchema: { fixture: "discount_coupons", value: true },
  metadata: { fixture: "discount_coupons", value: { region: "AMER" } },
  validationRules: { fixture: "discount_coupons", value: ["val_other"] },
  "referralProgram.conversionEventType": { fixture: "referral_program", value: "redemption" },
  "referralProgram.customEvent": { fixture: "referral_program", value: { id: "ms_other", name: "other" } },
  "referralProgram.refereeReward": {
    fixture: "referral_program",
    value: { type: "LOYALTY_CARD", amount: 5 },
  },
  "promotion.tiers": { fixture: "promotion", value: [{ name: "Only tier" }] },
  "voucher.type": { fixture: "discount_coupons", value: "GIFT_VOUCHER", unchecked: true },
  "voucher.discount": { fixture: "discount_coupons", value: { type: "PERCENT", percentOff: 55 } },
  "voucher.discount.type": {
    fixture: "discount_coupons",
    value: { type: "AMOUNT", amountOff: 100 },
    // The sample replaces the whole discount: a new type with its own fields.
    at: "voucher.discount",
  },
  "voucher.gift": { fixture: "gift_vouchers", value: { amount: 10000, effect: "APPLY_TO_ORDER" } },
  "voucher.gift.amount": { fixture: "gift_vouchers", value: 1 },
  "voucher.loyaltyCard.points": { fixture: "loyalty_program", value: 999 },
  "voucher.loyaltyCard.expirationRules": {
    fixture: "loyalty_program",
    value: { periodType: "FIXED_DAY_OF_YEAR" },
  },
  "voucher.redemption.quantity": { fixture: "discount_coupons", value: 7 },
  "voucher.codeConfig.length": { fixture: "gift_vouchers", value: 12 },
  "voucher.codeConfig.charset": { fixture: "discount_coupons", value: "0123456789" },
  "voucher.codeConfig.prefix": { fixture: "discount_coupons", value: "NEW-" },
  "voucher.codeConfig.postfix": { fixture: "discount_coupons", value: "-NEW" },
  "voucher.codeConfig.pattern": { fixture: "discount_coupons", value: "NEW-#####" },
  "voucher.isReferralCode": { fixture: "referral_program", value: false },
  active: { fixture: "discount_coupons", value: true },
  deletePolicy: { fixture: "discount_coupons", value: "permanent" },
  adopt: { fixture: "discount_coupons", value: false },
  vouchers: { fixture: "loyalty_program", value: [{ code: "LC-MEMBER02" }] },
  vouchersCsv: { fixture: "discount_coupons", value: "codes.csv" },
  vouchersCsvDigest: { fixture: "discount_coupons", value: "sha256:abc", extra: { vouchersCsvRows: 3 } },
  vouchersCsvRows: {
    fixture: "discount_coupons",
    value: 4,
    extra: { vouchersCsvDigest: "sha256:def" },
    // The row count follows the file digest; the code diff reports the digest.
    reportedAs: "vouchersCsvDigest",
  },
  vouchersCsvPrune: {
    fixture: "discount_coupons",
    value: true,
    extra: { vouchersCsv: "codes.csv", vouchersCount: undefined },
  },
  vouchersCount: { fixture: "discount_coupons", value: 20 },
  verifyVouchersOnRefresh: { fixture: "discount_coupons", value: true },
  vouchersSecret: { fixture: "discount_coupons", value: false },
};
