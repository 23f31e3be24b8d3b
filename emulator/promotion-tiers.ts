// Promotion tiers as first-class objects: created with a PROMOTION campaign or through
// POST /v1/promotions/{campaignId}/tiers, read in the campaign's `promotion.tiers` and on their own. Rendering
// follows the vendor's examples (documentation/openapi/promotions.json and the PROMOTION create example of
// campaigns.json), including `validation_rule_assignments` (singular "rule", null when there are none).
import type { Core } from "./core";
import type { PromotionTierUpdateBody } from "./endpoint-schemas";
import { notFound } from "./errors";
import type { CampaignRec, PromotionTierRec, Store } from "./store";
import { type Json, type PromotionTierCreateBody, toIsoDate } from "./validate";
import { addAssignment, assignmentList, findAssignments, removeAssignmentsOf } from "./validation-rules";

export const TIER_RESOURCE = "promotion_tier";

export function findTier(store: Store, id: string): PromotionTierRec {
  const rec = store.promotionTiers.get(id);
  if (!rec || !store.findCampaign(rec.campaignId)) throw notFound(TIER_RESOURCE, id);
  return rec;
}

/** The campaign's tiers in hierarchy order (ties: creation order). */
export function tiersOf(store: Store, campaignId: string): PromotionTierRec[] {
  return [...store.promotionTiers.values()]
    .filter((t) => t.campaignId === campaignId)
    .sort((a, b) => Number(a.data.hierarchy) - Number(b.data.hierarchy) || a.seq - b.seq);
}

/** "The tier hierarchy will be set as the next consecutive integer following the lowest ranking tier." */
export function nextHierarchy(store: Store, campaignId: string): number {
  return tiersOf(store, campaignId).reduce((max, t) => Math.max(max, Number(t.data.hierarchy)), 0) + 1;
}

/** 404 for a `category_id` that names no category; checked before anything is created. */
export function checkTierCategory(store: Store, body: { category_id?: string | null }): void {
  if (typeof body.category_id === "string" && !store.categories.has(body.category_id)) {
    throw notFound("category", body.category_id);
  }
}

const DATE_FIELDS = ["start_date", "expiration_date"] as const;
const PLAIN_FIELDS = [
  "banner",
  "action",
  "validity_timeframe",
  "validity_day_of_week",
  "validity_hours",
] as const;

/** Writes the fields a body gives (null clears one); shared by create and PUT. */
export function applyTierFields(core: Core, data: Json, body: PromotionTierUpdateBody, now: string): void {
  if (body.name !== undefined) data.name = body.name;
  for (const f of PLAIN_FIELDS) {
    if (body[f] === null) delete data[f];
    else if (body[f] !== undefined) data[f] = body[f];
  }
  // A tier's metadata is replaced by PUT: the update body has no unset_metadata_fields to remove a key otherwise.
  if (body.metadata !== undefined) data.metadata = body.metadata ?? {};
  if (body.hierarchy != null) data.hierarchy = body.hierarchy;
  for (const f of DATE_FIELDS) {
    const value = body[f];
    if (value === null) delete data[f];
    else if (value !== undefined) data[f] = toIsoDate(value);
  }
  if (typeof body.category_id === "string") {
    data.category_id = body.category_id;
  } else if (typeof body.category === "string" && body.category !== "") {
    data.category_id = core.store.ensureCategory(body.category, now).id;
  } else if (body.category_id === null || body.category === null) {
    delete data.category_id;
  }
}

/** Stores a new tier of `campaign` and assigns its validation rules (the caller has checked they exist). */
export function createTier(
  core: Core,
  campaign: CampaignRec,
  body: PromotionTierCreateBody,
  hierarchy: number,
  now: string,
): PromotionTierRec {
  const id = core.ids.promotionTier();
  const data: Json = { id, created_at: now, name: body.name, metadata: {}, hierarchy };
  applyTierFields(core, data, body, now);
  data.active = body.active !== false;
  const rec: PromotionTierRec = { seq: core.store.nextSeq(), campaignId: String(campaign.data.id), data };
  core.store.promotionTiers.set(id, rec);
  for (const ruleId of body.validation_rules ?? []) addAssignment(core, ruleId, "promotion_tier", id, now);
  return rec;
}

/** Deletes a tier and its validation-rule assignments. */
export function deleteTier(store: Store, rec: PromotionTierRec): void {
  store.promotionTiers.delete(String(rec.data.id));
  removeAssignmentsOf(store, [String(rec.data.id)]);
}

export function deleteTiersOf(store: Store, campaignId: string): void {
  for (const t of tiersOf(store, campaignId)) deleteTier(store, t);
}

const VALIDITY_FIELDS = ["validity_timeframe", "validity_day_of_week", "validity_hours"] as const;

/** The campaign as a tier shows it: dates (null when unset), validity settings, `active`, category. */
function campaignSummary(campaign: Json): Json {
  const out: Json = {
    id: campaign.id,
    start_date: campaign.start_date ?? null,
    expiration_date: campaign.expiration_date ?? null,
  };
  for (const f of VALIDITY_FIELDS) if (campaign[f] != null) out[f] = campaign[f];
  out.active = campaign.active !== false;
  out.category_id = campaign.category_id ?? null;
  out.object = "campaign";
  return out;
}

export interface TierRenderOptions {
  /**
   * The vendor's examples of POST …/tiers, PUT, enable and disable answer without `promotion_id` and with
   * `campaign_id: null`; lists, GET and campaign reads carry both.
   */
  ownEndpoint?: boolean;
}

export function renderTier(store: Store, rec: PromotionTierRec, opts: TierRenderOptions = {}): Json {
  const d = rec.data;
  const campaign = store.campaigns.get(rec.campaignId)?.data ?? { id: rec.campaignId };
  const out: Json = { id: d.id, created_at: d.created_at };
  if (d.updated_at !== undefined) out.updated_at = d.updated_at;
  out.name = d.name;
  if (d.banner !== undefined) out.banner = d.banner;
  if (d.action !== undefined) out.action = d.action;
  out.metadata = d.metadata ?? {};
  out.hierarchy = d.hierarchy;
  if (!opts.ownEndpoint) out.promotion_id = rec.campaignId;
  out.campaign = campaignSummary(campaign);
  out.campaign_id = opts.ownEndpoint ? null : rec.campaignId;
  out.active = d.active;
  for (const f of ["start_date", "expiration_date", ...VALIDITY_FIELDS]) if (d[f] != null) out[f] = d[f];
  out.summary = { redemptions: { total_redeemed: 0 }, orders: { total_amount: 0, total_discount_amount: 0 } };
  out.object = "promotion_tier";
  const assignments = findAssignments(store, { relatedId: String(d.id) });
  out.validation_rule_assignments = assignments.length > 0 ? assignmentList(assignments) : null;
  if (typeof d.category_id === "string") {
    out.category_id = d.category_id;
    const cat = store.categories.get(d.category_id);
    if (cat) out.categories = [{ ...cat, object: "category" }];
  }
  return out;
}

/** PromotionTiersList: the campaign's `promotion` and the answer of GET /v1/promotions/{campaignId}/tiers. */
export function tierList(store: Store, campaignId: string): Json {
  const tiers = tiersOf(store, campaignId).map((t) => renderTier(store, t));
  return { object: "list", data_ref: "tiers", tiers, total: tiers.length, has_more: false };
}
