// Promotion stacks (documentation/openapi/promotions.json, "Promotion Stacks"): the stored record, the request
// bodies, the rules a stack must meet, and the JSON the API renders. A stack orders some of its PROMOTION
// campaign's tiers ("The sequence of promotion tier IDs will determine the promotion stacking order").
import { z } from "zod";
import { renderCategory } from "./categories";
import { ApiError, invalidPayload, notFound } from "./errors";
import { TIER_RESOURCE } from "./promotion-tiers";
import type { Store } from "./store";
import type { Json } from "./validate";

export const STACK_RESOURCE = "promotion_stack";

/**
 * "A single promotion stack can have up to 30 tiers." (documentation/build/create-discount-promotions.mdx,
 * "Tiers and stacks"; also the `tiers` attribute in api-reference/customers/customer-activity-object.mdx).
 */
export const MAX_TIERS_PER_STACK = 30;

/**
 * DELETE of a promotion tier that a stack lists: undocumented, so both readings are offered. "drop" (default):
 * the tier leaves every stack's `tiers.ids`; "refuse": 400 while any stack of a live campaign lists it.
 */
export const STACKED_TIER_DELETES = ["drop", "refuse"] as const;
export type StackedTierDelete = (typeof STACKED_TIER_DELETES)[number];

export interface PromotionStackRec {
  seq: number;
  campaignId: string;
  /** id, name, tiers {ids, hierarchy_mode}, category_id, created_at, updated_at as the API renders them. */
  data: Json;
}

/** `PromotionStackBase.tiers`: `ids` (at least one; the spec's `minItems: 1`) and the one `hierarchy_mode`. */
const tiers = z.looseObject({
  ids: z.array(z.string().min(1)).min(1).max(MAX_TIERS_PER_STACK),
  hierarchy_mode: z.enum(["MANUAL"]).nullish(),
});

/** POST /v1/promotions/{campaignId}/stacks: `name` and `tiers` required (promotions.json PromotionStackBase). */
export const stackCreateSchema = z.looseObject({
  name: z.string().min(1),
  tiers,
  category_id: z.string().min(1).nullish(),
});
export type StackCreateBody = z.output<typeof stackCreateSchema>;

/** PUT …/stacks/{stackId} (PromotionsStacksUpdateRequestBody): every field optional; absent ones are kept. */
export const stackUpdateSchema = z.looseObject({
  name: z.string().min(1).optional(),
  tiers: tiers.optional(),
  category_id: z.string().min(1).nullish(),
});
export type StackUpdateBody = z.output<typeof stackUpdateSchema>;

/** A stack of the campaign (404 `promotion_stack` for another campaign's stack, as for an unknown one). */
export function findStack(store: Store, campaignId: string, stackId: string): PromotionStackRec {
  const rec = store.promotionStacks.get(stackId);
  if (!rec || rec.campaignId !== campaignId) throw notFound(STACK_RESOURCE, stackId);
  return rec;
}

/**
 * The tier IDs must name tiers of this campaign (404 `promotion_tier`, the vendor's "Promotion Tier Not Found"
 * example), each once (assumed: a repeated tier has no place in an order; 400).
 */
export function checkStackTiers(store: Store, campaignId: string, ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    const tier = store.promotionTiers.get(id);
    if (!tier || tier.campaignId !== campaignId) throw notFound(TIER_RESOURCE, id);
    if (seen.has(id)) throw invalidPayload(`Property .tiers.ids should NOT have duplicate items (${id})`);
    seen.add(id);
  }
}

/** The stack's category must exist (404 `category`, as for a tier's `category_id`; assumed). */
export function checkStackCategory(store: Store, categoryId: string | null | undefined): void {
  if (typeof categoryId === "string" && !store.categories.has(categoryId)) {
    throw notFound("category", categoryId);
  }
}

/** Before a tier is deleted: with "refuse", 400 `resource_in_use` naming the stacks that list it. */
export function checkTierUnstacked(store: Store, tierId: string, mode: StackedTierDelete): void {
  if (mode !== "refuse") return;
  const stacks = liveStacks(store).filter((s) => (s.data.tiers as { ids: string[] }).ids.includes(tierId));
  if (stacks.length === 0) return;
  throw new ApiError(
    400,
    "resource_in_use",
    "Resource in use",
    `Promotion tier ${tierId} is listed by promotion stack(s) ${stacks.map((s) => String(s.data.id)).join(", ")}; remove it from them first`,
    { id: tierId, type: TIER_RESOURCE },
  );
}

/** Stacks of campaigns that still exist, oldest first (a deleted campaign's stacks go with it). */
export function liveStacks(store: Store, campaignId?: string): PromotionStackRec[] {
  return [...store.promotionStacks.values()]
    .filter(
      (s) => (campaignId === undefined || s.campaignId === campaignId) && store.findCampaign(s.campaignId),
    )
    .sort((a, b) => a.seq - b.seq);
}

/**
 * PromotionStack. Tiers deleted since the stack was written drop out of `tiers.ids` (see STACKED_TIER_DELETES).
 */
export function renderStack(store: Store, rec: PromotionStackRec): Json {
  const d = rec.data;
  const stored = d.tiers as { ids: string[]; hierarchy_mode: string };
  const out: Json = {
    id: d.id,
    name: d.name,
    tiers: {
      ids: stored.ids.filter((id) => store.promotionTiers.has(id)),
      hierarchy_mode: stored.hierarchy_mode,
    },
    created_at: d.created_at,
  };
  if (d.updated_at !== undefined) out.updated_at = d.updated_at;
  out.campaign_id = rec.campaignId;
  out.object = "promotion_stack";
  const category = typeof d.category_id === "string" ? store.categories.get(d.category_id) : undefined;
  out.category_id = category ? category.id : null;
  out.categories = category ? [renderCategory(category)] : [];
  return out;
}
