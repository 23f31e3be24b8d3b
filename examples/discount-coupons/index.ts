// Single-use 20 % coupons, valid on weekends in spring, 100 codes generated from a pattern.
// The dates are in 2099 so the example never ages into a start date in the past.
import { Campaign } from "pulumi-voucherify";

const weekend = new Campaign("weekend-coupons", {
  campaignType: "DISCOUNT_COUPONS",
  type: "STATIC",
  description: "20% off on spring weekends",
  startDate: "2099-03-01T00:00:00.000Z",
  expirationDate: "2099-05-31T23:59:59.000Z",
  validityDayOfWeek: [0, 6],
  metadata: { channel: "newsletter" },
  voucher: {
    type: "DISCOUNT_VOUCHER",
    discount: { type: "PERCENT", percentOff: 20, amountLimit: 5000, effect: "APPLY_TO_ORDER" },
    redemption: { quantity: 1 },
    codeConfig: { pattern: "WKND-####-##", charset: "ABCDEFGHJKLMNPQRSTUVWXYZ23456789" },
  },
  vouchersCount: 100,
});

export const campaignId = weekend.campaignId;
export const campaignName = weekend.name;
export const codes = weekend.totalVouchers;
