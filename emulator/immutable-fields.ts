// What a campaign PUT may not change. documentation/orchestrate/campaign-maintenance.mdx ("What you can't
// change") lists, for the dashboard: the campaign name and code generation settings (the update body has no
// such fields, and the PUT description says fields outside the body schema are silently skipped), the
// discount type of discount campaigns, a referral campaign's conversion event, reward eligibility and referee
// reward, and the initial amount of gift cards. Mapped onto CampaignsUpdateRequestBody:
//   discount type      -> `discount.type` (DISCOUNT_COUPONS; REFERRAL_PROGRAM too, assumed: its codes'
//                         discount is the referee's discount-coupon reward)
//   conversion event   -> `referral_program.conversion_event_type`, `referral_program.custom_event`
//   reward eligibility -> whether `referral_program.referee_reward` is set (referrer only = single-sided,
//                         referrer and referee = double-sided; create-referral-campaign.mdx)
//   referee reward     -> `referral_program.referee_reward`
//   initial amount     -> `gift.amount` (GIFT_VOUCHERS)
// A new value of the same discount type, and `gift.effect`, stay changeable.
import type { CampaignUpdateBody, Json } from "./validate";
import { sameJson } from "./validate";

export interface ImmutableChange {
  /** The body path, e.g. "discount.type". */
  field: string;
  /** The dashboard's name for the setting. */
  setting: string;
  current: unknown;
  requested: unknown;
}

function referralChanges(campaign: Json, requested: Json): ImmutableChange[] {
  const current = (campaign.referral_program ?? {}) as Json;
  const changes: ImmutableChange[] = [];
  for (const key of ["conversion_event_type", "custom_event"]) {
    if (key in requested && !sameJson(current[key], requested[key])) {
      changes.push({
        field: `referral_program.${key}`,
        setting: "conversion event",
        current: current[key] ?? null,
        requested: requested[key] ?? null,
      });
    }
  }
  if ("referee_reward" in requested && !sameJson(current.referee_reward, requested.referee_reward)) {
    const had = current.referee_reward != null;
    const has = requested.referee_reward != null;
    changes.push({
      field: "referral_program.referee_reward",
      setting: had === has ? "referee reward" : "reward eligibility",
      current: current.referee_reward ?? null,
      requested: requested.referee_reward ?? null,
    });
  }
  return changes;
}

/** The unchangeable settings this PUT body would change, in body order. */
export function immutableChanges(campaign: Json, body: CampaignUpdateBody): ImmutableChange[] {
  const type = campaign.campaign_type;
  const voucher = (campaign.voucher ?? {}) as Json;
  const changes: ImmutableChange[] = [];
  if ((type === "DISCOUNT_COUPONS" || type === "REFERRAL_PROGRAM") && body.discount !== undefined) {
    const current = ((voucher.discount ?? {}) as Json).type;
    if (current !== undefined && current !== body.discount.type) {
      changes.push({
        field: "discount.type",
        setting: "discount type",
        current,
        requested: body.discount.type,
      });
    }
  }
  if (type === "GIFT_VOUCHERS" && body.gift?.amount !== undefined) {
    const current = ((voucher.gift ?? {}) as Json).amount;
    if (current !== body.gift.amount) {
      changes.push({ field: "gift.amount", setting: "initial amount", current, requested: body.gift.amount });
    }
  }
  if (type === "REFERRAL_PROGRAM" && body.referral_program != null) {
    changes.push(...referralChanges(campaign, body.referral_program));
  }
  return changes;
}

/**
 * The body without those changes (--immutable-updates ignore). A discount of another type is dropped
 * whole: its value means nothing under the old type.
 */
export function withoutImmutableChanges(
  body: CampaignUpdateBody,
  changes: ImmutableChange[],
): CampaignUpdateBody {
  const out: CampaignUpdateBody = { ...body };
  for (const { field } of changes) {
    if (field === "discount.type") delete out.discount;
    else if (field === "gift.amount" && out.gift) {
      const { amount: _ignored, ...gift } = out.gift;
      out.gift = gift;
    } else if (field.startsWith("referral_program.") && out.referral_program) {
      const referral = { ...out.referral_program };
      delete referral[field.slice("referral_program.".length)];
      out.referral_program = referral;
    }
  }
  return out;
}
