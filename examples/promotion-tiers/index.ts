// A cart-level promotion (no codes): tiers applied automatically when their conditions match.
// Black Friday weekend of 2099: dates far enough ahead that the example never ages into the past.
import { Campaign } from "pulumi-voucherify";

const blackFriday = new Campaign("black-friday", {
  campaignType: "PROMOTION",
  description: "Black Friday tiers",
  startDate: "2099-11-27T00:00:00.000Z",
  expirationDate: "2099-11-30T23:59:59.000Z",
  active: false,
  promotion: {
    tiers: [
      {
        name: "10% off everything",
        banner: "10% off",
        action: { discount: { type: "PERCENT", percentOff: 10 } },
      },
      {
        name: "30 EUR off over 200 EUR",
        banner: "30 EUR off",
        action: { discount: { type: "AMOUNT", amountOff: 3000 } },
      },
    ],
  },
});

export const campaignId = blackFriday.campaignId;
export const active = blackFriday.isActive;
