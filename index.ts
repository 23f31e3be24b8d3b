// The demo stack: what a marketing team's promotions-as-code program looks like.
// `npm run demo` runs it against the local emulator; with a real Voucherify project, set
// voucherify:applicationId, voucherify:secretKey (secret) and voucherify:apiUrl in stack config.
import { Campaign } from "pulumi-voucherify";

// A discount campaign: 15 % off, 25 generated codes such as SPRING-7K2Q. No start or expiration
// date: a date that passes would make the program fail one day (Voucherify may refuse a campaign
// that starts in the past).
const spring = new Campaign("spring-sale", {
  campaignType: "DISCOUNT_COUPONS",
  description: "15% off everything in spring",
  metadata: { team: "growth" },
  voucher: {
    type: "DISCOUNT_VOUCHER",
    discount: { type: "PERCENT", percentOff: 15 },
    redemption: { quantity: 1 },
    codeConfig: { pattern: "SPRING-####" },
  },
  vouchersCount: 25,
});

// Gift cards with codes the shop already printed; the codes are stored as secrets in state.
const giftCards = new Campaign("gift-cards", {
  campaignType: "GIFT_VOUCHERS",
  description: "Printed gift cards for the flagship store",
  voucher: {
    type: "GIFT_VOUCHER",
    gift: { amount: 5000 },
  },
  vouchers: [
    { code: "GIFT-ALPHA-0001", giftAmount: 5000 },
    { code: "GIFT-ALPHA-0002", giftAmount: 5000 },
    { code: "GIFT-ALPHA-0003", giftAmount: 10000, metadata: { edition: "gold" } },
  ],
});

export const springCampaignId = spring.campaignId;
export const springCampaignName = spring.name;
export const springCodes = spring.totalVouchers;
export const giftCampaignId = giftCards.campaignId;
export const giftCampaignName = giftCards.name;
export const giftCodes = giftCards.totalVouchers;
