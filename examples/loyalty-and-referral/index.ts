// A loyalty program with cards handed out by code, and a referral program whose referees get 5 €.
import { Campaign } from "pulumi-voucherify";

const loyalty = new Campaign("members", {
  campaignType: "LOYALTY_PROGRAM",
  description: "Members earn points on every order",
  autoJoin: true,
  voucher: {
    type: "LOYALTY_CARD",
    loyaltyCard: { points: 0 },
    codeConfig: { pattern: "MEMBER-########" },
  },
  vouchers: [
    { code: "MEMBER-FOUNDER-1", loyaltyPoints: 500 },
    { code: "MEMBER-FOUNDER-2", loyaltyPoints: 500 },
  ],
});

const referral = new Campaign("refer-a-friend", {
  campaignType: "REFERRAL_PROGRAM",
  description: "Friends of customers get 5 EUR off their first order",
  referralProgram: { conversionEventType: "redemption" },
  voucher: {
    type: "DISCOUNT_VOUCHER",
    discount: { type: "AMOUNT", amountOff: 500 },
    isReferralCode: true,
    codeConfig: { pattern: "FRIEND-######" },
  },
  vouchersCount: 20,
});

export const loyaltyCampaignId = loyalty.campaignId;
export const referralCampaignId = referral.campaignId;
