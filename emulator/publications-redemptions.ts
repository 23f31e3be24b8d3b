// Publications and redemptions of vouchers, as far as the emulator has them: the admin endpoints
// POST /_emulator/vouchers/{code}/publish and /redeem record one object per publication / redeemed unit, in
// the shape GET /v1/publications and GET /v1/redemptions list them (ListPublicationsItemValidSingleVoucher,
// RedemptionWithVoucherWithoutStackingRulesTypeCategories; field sets after the vendor's list examples).
// Nothing else makes them: the publication and redemption APIs themselves are not emulated.
import type { Core } from "./core";
import type { VoucherEventRec, VoucherRec } from "./store";
import type { Json } from "./validate";

function campaignName(core: Core, voucher: VoucherRec): string | null {
  const id = voucher.data.campaign_id;
  const campaign = typeof id === "string" ? core.store.campaigns.get(id) : undefined;
  return campaign ? String(campaign.data.name) : null;
}

/** The voucher as a publication item shows it: code, campaign, its value and whether it is a referral code. */
function publishedVoucher(voucher: Json, campaign: string | null): Json {
  const out: Json = { code: voucher.code, object: "voucher", campaign };
  if (voucher.discount) out.discount = voucher.discount;
  if (voucher.gift) out.gift = voucher.gift;
  if (voucher.loyalty_card) out.loyalty_card = voucher.loyalty_card;
  out.is_referral_code = voucher.is_referral_code === true;
  return out;
}

function record(core: Core, into: Map<string, VoucherEventRec>, voucher: VoucherRec, data: Json): void {
  const rec: VoucherEventRec = {
    seq: core.store.nextSeq(),
    voucherId: String(voucher.data.id),
    campaign: campaignName(core, voucher),
    data,
  };
  if (typeof voucher.data.campaign_id === "string") rec.campaignId = voucher.data.campaign_id;
  into.set(String(data.id), rec);
}

/**
 * A publication of the voucher to a customer (every publication has one; the emulator has no customers API, so
 * it names a new one).
 */
export function recordPublication(core: Core, voucher: VoucherRec): void {
  const customer = core.ids.customer();
  record(core, core.store.publications, voucher, {
    id: core.ids.publication(),
    object: "publication",
    created_at: core.now(),
    customer_id: customer,
    tracking_id: null,
    metadata: {},
    channel: "API",
    source_id: null,
    result: "SUCCESS",
    customer: { id: customer, source_id: null, object: "customer" },
    voucher: structuredClone(publishedVoucher(voucher.data, campaignName(core, voucher))),
    vouchers_id: [voucher.data.id],
  });
}

/** A successful redemption of one unit of the voucher, without customer or order. */
export function recordRedemption(core: Core, voucher: VoucherRec): void {
  const d = voucher.data;
  record(core, core.store.redemptions, voucher, {
    id: core.ids.redemption(),
    object: "redemption",
    date: core.now(),
    customer_id: null,
    tracking_id: null,
    metadata: {},
    result: "SUCCESS",
    status: "SUCCEEDED",
    customer: null,
    related_object_type: "voucher",
    related_object_id: d.id,
    voucher: {
      id: d.id,
      code: d.code,
      campaign: campaignName(core, voucher),
      campaign_id: d.campaign_id ?? null,
    },
  });
}
