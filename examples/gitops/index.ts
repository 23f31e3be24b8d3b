// The campaigns this repository deploys. A pull request that edits them gets a preview as a comment,
// the merge to main applies them, and a daily check fails when someone changed them outside this
// repository (.github/workflows/; the pulumi-voucherify README's "GitOps" section walks through it).
// The connection comes from the environment the workflows fill from repository secrets
// (VOUCHERIFY_APP_ID, VOUCHERIFY_SECRET_KEY, VOUCHERIFY_API_URL), so no stack config is needed.
import { Campaign } from "pulumi-voucherify";

// Explicit names: shops, e-mails and other teams refer to a campaign by its name.
const welcome = new Campaign("welcome", {
  name: "gitops-welcome-10",
  campaignType: "DISCOUNT_COUPONS",
  description: "10% off the first order of new newsletter subscribers",
  voucher: {
    type: "DISCOUNT_VOUCHER",
    discount: { type: "PERCENT", percentOff: 10 },
    redemption: { quantity: 1 },
    codeConfig: { pattern: "WELCOME-####" },
  },
  vouchersCount: 10,
});

const weekend = new Campaign("weekend-deal", {
  name: "gitops-weekend-deal",
  campaignType: "PROMOTION",
  description: "5 EUR off every weekend order",
  validityDayOfWeek: [0, 6],
  promotion: {
    tiers: [
      {
        name: "5 EUR off",
        banner: "5 EUR off this weekend",
        action: { discount: { type: "AMOUNT", amountOff: 500 } },
      },
    ],
  },
});

export const welcomeCampaignId = welcome.campaignId;
export const weekendCampaignId = weekend.campaignId;
