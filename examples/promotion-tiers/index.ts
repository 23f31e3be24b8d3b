// A cart-level promotion (no codes): tiers applied automatically when their conditions match.
// Black Friday weekend of 2099: dates far enough ahead that the example never ages into the past.
//
// Tiers change in place, tier by tier, matched by `key` (default: the tier's name): editing a tier's discount or
// banner is one tier update and keeps the campaign, the tier's ID and their history. Try it:
//   pulumi config set percentOff 15 && pulumi up    # one PUT /v1/promotions/tiers/{id}
// Renaming a tier that has a `key` is an update too; adding or removing a tier is one call.
import * as pulumi from "@pulumi/pulumi";
import { Campaign } from "pulumi-voucherify";

const percentOff = new pulumi.Config().getNumber("percentOff") ?? 10;

const blackFriday = new Campaign("black-friday", {
  campaignType: "PROMOTION",
  description: "Black Friday tiers",
  startDate: "2099-11-27T00:00:00.000Z",
  expirationDate: "2099-11-30T23:59:59.000Z",
  active: false,
  promotion: {
    tiers: [
      {
        key: "everything",
        name: `${percentOff}% off everything`,
        banner: `${percentOff}% off`,
        action: { discount: { type: "PERCENT", percentOff } },
      },
      {
        key: "big-baskets",
        name: "30 EUR off over 200 EUR",
        banner: "30 EUR off",
        action: { discount: { type: "AMOUNT", amountOff: 3000 } },
      },
    ],
  },
});

export const campaignId = blackFriday.campaignId;
export const tierIds = blackFriday.tierIds;
export const active = blackFriday.isActive;
