// A growth team's stack that builds on a campaign another team manages: a welcome coupon for the
// members club, the loyalty team's program. The club is looked up by name (it is not in this
// stack, so nothing here can change or delete it); the coupon records the club's campaign ID in
// its metadata, where the shop's backend reads it.
//
// `pulumi config set loyaltyCampaign <name>` points the program at the club in your Voucherify
// project. Without it, the program creates a stand-in club itself, so the example runs on its own.
import * as pulumi from "@pulumi/pulumi";
import { Campaign, getCampaignOutput, listCampaigns } from "pulumi-voucherify";

const config = new pulumi.Config();

/** The stand-in's name, known only once the campaign exists, so the lookup runs after its creation. */
function standInClub(): pulumi.Output<string> {
  const club = new Campaign("members-club", {
    name: "members-club",
    campaignType: "LOYALTY_PROGRAM",
    description: "Stand-in for the loyalty team's members club",
    metadata: { team: "loyalty" },
    voucher: { type: "LOYALTY_CARD", loyaltyCard: { points: 0 } },
  });
  return pulumi.all([club.name, club.campaignId]).apply(([name]) => name);
}

const clubName = config.get("loyaltyCampaign") ?? standInClub();

// One GET /v1/campaigns/{name} per preview or update. A missing club fails the program, rather
// than creating a coupon that points nowhere.
const club = pulumi.all([clubName, getCampaignOutput(clubName)]).apply(([name, found]) => {
  if (found === undefined) throw new Error(`the loyalty campaign "${name}" does not exist`);
  return found;
});

const welcome = new Campaign("club-welcome", {
  campaignType: "DISCOUNT_COUPONS",
  description: "10% off the first order after joining the members club",
  metadata: { team: "growth", loyaltyCampaignId: club.campaignId },
  voucher: {
    type: "DISCOUNT_VOUCHER",
    discount: { type: "PERCENT", percentOff: 10 },
    redemption: { quantity: 1 },
    codeConfig: { pattern: "WELCOME-#####" },
  },
  vouchersCount: 10,
});

export const loyaltyCampaignId = club.campaignId;
export const loyaltyCampaignActive = club.isActive;
export const welcomeCampaignId = welcome.campaignId;

// Every campaign the loyalty team tags as its own, by metadata (all pages, one request per 100).
// Listed once the club is known to exist, so the stand-in is among them.
export const loyaltyTeamCampaigns = club.apply(async () => {
  const owned = await listCampaigns({ filters: { "metadata.team": { conditions: { $is: "loyalty" } } } });
  return owned.map((campaign) => campaign.name);
});
