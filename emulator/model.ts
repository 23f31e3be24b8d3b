// Building and rendering API objects: vouchers from a campaign's template plus per-voucher
// overrides, and the campaign / voucher / async-action JSON the API returns (field sets and null
// conventions copied from the vendor examples in test/fixtures/voucherify/examples).
import type { IdFactory } from "./ids";
import { tierList } from "./promotion-tiers";
import type { AsyncActionRec, CampaignRec, Store, VoucherRec } from "./store";
import type { Json } from "./validate";
import { assignmentList, findAssignments } from "./validation-rules";

/** Per-voucher values that win over the campaign template (import items, CSV rows, add-voucher bodies). */
export interface VoucherOverrides {
  category?: string | null;
  categoryId?: string | null;
  active?: boolean;
  redemptionQuantity?: number | null;
  redeemedQuantity?: number;
  redeemedAmount?: number;
  metadata?: Json;
  additionalInfo?: string | null;
  startDate?: string | null;
  expirationDate?: string | null;
  validityTimeframe?: Json | null;
  validityDayOfWeek?: number[] | null;
  validityHours?: Json | null;
  giftAmount?: number;
  loyaltyPoints?: number;
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function voucherTypeOf(campaign: Json): string {
  switch (campaign.campaign_type) {
    case "GIFT_VOUCHERS":
      return "GIFT_VOUCHER";
    case "LOYALTY_PROGRAM":
      return "LOYALTY_CARD";
    default:
      return "DISCOUNT_VOUCHER";
  }
}

export function buildVoucher(
  store: Store,
  ids: IdFactory,
  campaign: CampaignRec,
  code: string,
  o: VoucherOverrides,
  now: string,
): Json {
  const c = campaign.data;
  const template = (c.voucher ?? {}) as Json;
  const type = voucherTypeOf(c);
  const redemptionTemplate = (template.redemption ?? {}) as Json;
  let categoryId: string | null = null;
  let category: string | null = null;
  if (o.categoryId) {
    const cat = store.findCategory(o.categoryId);
    categoryId = cat?.id ?? o.categoryId;
    category = cat?.name ?? null;
  } else if (o.category) {
    const cat = store.findCategory(o.category) ?? store.ensureCategory(o.category, now);
    categoryId = cat.id;
    category = cat.name;
  }
  const redemption: Json = {
    quantity:
      o.redemptionQuantity !== undefined ? o.redemptionQuantity : (redemptionTemplate.quantity ?? null),
    redeemed_quantity: o.redeemedQuantity ?? 0,
  };
  let gift: Json | null = null;
  let loyaltyCard: Json | null = null;
  let discount: Json | null = null;
  if (type === "GIFT_VOUCHER") {
    const t = (template.gift ?? {}) as Json;
    const amount = o.giftAmount ?? (typeof t.amount === "number" ? t.amount : 0);
    const redeemedAmount = o.redeemedAmount ?? 0;
    gift = {
      amount,
      subtracted_amount: 0,
      balance: amount - redeemedAmount,
      effect: t.effect ?? "APPLY_TO_ORDER",
    };
    redemption.redeemed_amount = redeemedAmount;
  } else if (type === "LOYALTY_CARD") {
    const t = (template.loyalty_card ?? {}) as Json;
    const points = o.loyaltyPoints ?? (typeof t.points === "number" ? t.points : 0);
    loyaltyCard = { points, balance: points };
    redemption.redeemed_points = 0;
  } else {
    discount = clone((template.discount ?? null) as Json | null);
  }
  const pick = <T>(override: T | undefined, inherited: unknown): T | null =>
    override !== undefined ? override : ((clone(inherited) as T | undefined) ?? null);
  const data: Json = {
    id: ids.voucher(),
    code,
    campaign_id: c.id,
    category,
    category_id: categoryId,
    type,
    discount,
    gift,
    loyalty_card: loyaltyCard,
    start_date: pick(o.startDate, c.start_date),
    expiration_date: pick(o.expirationDate, c.expiration_date),
    validity_timeframe: pick(o.validityTimeframe, c.validity_timeframe),
    validity_day_of_week: pick(o.validityDayOfWeek, c.validity_day_of_week),
    validity_hours: pick(o.validityHours, c.validity_hours),
    active: o.active ?? true,
    additional_info: o.additionalInfo ?? null,
    metadata: inheritedMetadata(c, o.metadata),
    is_referral_code: template.is_referral_code === true || c.campaign_type === "REFERRAL_PROGRAM",
    created_at: now,
    updated_at: null,
    redemption,
  };
  return data;
}

/**
 * A new code's metadata. With the voucher metadata schema (the default), the campaign's metadata is set "for the
 * campaign and its vouchers" (snippets/metadata-campaign.mdx); the import pages under build/ add "If metadata
 * columns are omitted, the coupon inherits the campaign's metadata. If metadata columns are added and mapped, only
 * those specific fields are overridden." Without the schema, the metadata "will apply only to the campaign".
 */
function inheritedMetadata(campaign: Json, own: Json | undefined): Json {
  const inherited =
    campaign.use_voucher_metadata_schema === true ? ((clone(campaign.metadata) ?? {}) as Json) : {};
  return { ...inherited, ...(own ?? {}) };
}

function categoryList(store: Store, categoryId: unknown): Json[] {
  if (typeof categoryId !== "string") return [];
  const cat = store.categories.get(categoryId);
  if (!cat) return [];
  return [
    { id: cat.id, name: cat.name, hierarchy: cat.hierarchy, created_at: cat.created_at, object: "category" },
  ];
}

export interface VoucherRenderOptions {
  /** List items (VoucherWithCategories) carry no `validation_rules_assignments`; GET does. */
  listItem?: boolean;
}

export function renderVoucher(store: Store, rec: VoucherRec, opts: VoucherRenderOptions = {}): Json {
  const d = rec.data;
  const campaign = typeof d.campaign_id === "string" ? store.campaigns.get(d.campaign_id) : undefined;
  const code = String(d.code);
  const path = `/v1/vouchers/${encodeURIComponent(code)}`;
  const out: Json = {
    id: d.id,
    code,
    campaign: campaign ? campaign.data.name : null,
    campaign_id: d.campaign_id ?? null,
    category: d.category ?? null,
    category_id: d.category_id ?? null,
    categories: categoryList(store, d.category_id),
    type: d.type,
    discount: d.discount ?? null,
    gift: d.gift ?? null,
    loyalty_card: d.loyalty_card ?? null,
    start_date: d.start_date ?? null,
    expiration_date: d.expiration_date ?? null,
    validity_timeframe: d.validity_timeframe ?? null,
    validity_day_of_week: d.validity_day_of_week ?? null,
  };
  if (d.validity_hours) out.validity_hours = d.validity_hours;
  Object.assign(out, {
    active: d.active,
    additional_info: d.additional_info ?? null,
    metadata: d.metadata ?? {},
    assets: {
      qr: {
        id: `qr_${String(d.id)}`,
        url: `https://dl.voucherify.io/api/v1/assets/qr/${encodeURIComponent(code)}`,
      },
      barcode: {
        id: `barcode_${String(d.id)}`,
        url: `https://dl.voucherify.io/api/v1/assets/barcode/${encodeURIComponent(code)}`,
      },
    },
    is_referral_code: d.is_referral_code,
    created_at: d.created_at,
    updated_at: d.updated_at ?? null,
  });
  if (!opts.listItem) {
    // The rules assigned to this code (the "Amount Discount" example of GET /v1/vouchers/{code} lists one).
    out.validation_rules_assignments = assignmentList(findAssignments(store, { relatedId: String(d.id) }));
  }
  Object.assign(out, {
    redemption: { ...(d.redemption as Json), object: "list", url: `${path}/redemptions?page=1&limit=10` },
    // publish.count is 0 until POST /_emulator/vouchers/{code}/publish counts a publication.
    publish: {
      object: "list",
      count: Number(((d.publish ?? {}) as Json).count ?? 0),
      url: `${path}/publications?page=1&limit=10`,
    },
    object: "voucher",
  });
  return out;
}

export interface CampaignRenderOptions {
  /**
   * List items carry the category only with expand=category; "Otherwise, it is returned as an empty array"
   * (openapi/campaigns.json, the campaign's `categories`).
   */
  categories: boolean;
}

export function renderCampaign(
  store: Store,
  rec: CampaignRec,
  opts: CampaignRenderOptions = { categories: true },
): Json {
  const d = rec.data;
  const out: Json = {};
  for (const [k, v] of Object.entries(d)) {
    // Older state files stored rules and tiers on the campaign; both are now objects of their own.
    if (k === "validation_rules" || k === "promotion" || v === undefined) continue;
    out[k] = v;
  }
  out.vouchers_count = store.liveVoucherCount(String(d.id));
  if (d.campaign_type === "PROMOTION") out.promotion = tierList(store, String(d.id));
  out.categories = opts.categories ? categoryList(store, d.category_id) : [];
  out.validation_rules_assignments = assignmentList(findAssignments(store, { relatedId: String(d.id) }));
  out.object = "campaign";
  return out;
}

export function renderAsyncAction(rec: AsyncActionRec, withResult: boolean): Json {
  const out: Json = {
    id: rec.id,
    type: rec.type,
    status: rec.status,
  };
  // FAILED, SUCCESS or UNKNOWN (openapi/async-actions.json; the VOUCHERS.BULK_UPDATE example shows SUCCESS on a
  // DONE action). Assumed: sent once the action ended, absent while it runs.
  if (rec.status === "DONE") out.operation_status = "SUCCESS";
  if (rec.status === "FAILED") out.operation_status = "FAILED";
  if (withResult && rec.result) out.result = rec.result;
  Object.assign(out, {
    created_at: rec.created_at,
    updated_at: rec.updated_at,
    request_id: rec.request_id,
    progress: rec.progress,
  });
  if (rec.processing_time !== undefined) out.processing_time = rec.processing_time;
  out.object = "async_action";
  return out;
}
