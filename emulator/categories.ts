// Categories as objects of their own (documentation/openapi/categories.json): lookups, the JSON the API renders,
// and what becomes of the objects that name a category when it is renamed or deleted. Campaigns and vouchers
// keep the category's name next to its ID, tiers and promotion stacks the ID only.
import { ApiError, notFound } from "./errors";
import type { CategoryRec, Store } from "./store";
import type { Json } from "./validate";

export const CATEGORY_RESOURCE = "category";

/**
 * DELETE /v1/categories/{id} of a category that campaigns, vouchers, tiers or stacks still name. The docs are
 * silent (the operation documents 204 and 404 only; orchestrate/manage-categories.mdx "Edit or delete a
 * category" names no condition), so both readings are offered: "unassign" (default) clears the category on
 * every object that names it, "refuse" answers 400 while any does.
 */
export const USED_CATEGORY_DELETES = ["unassign", "refuse"] as const;
export type UsedCategoryDelete = (typeof USED_CATEGORY_DELETES)[number];

export function findCategoryById(store: Store, id: string): CategoryRec {
  const rec = store.categories.get(id);
  if (!rec) throw notFound(CATEGORY_RESOURCE, id);
  return rec;
}

export function renderCategory(rec: CategoryRec): Json {
  const out: Json = {
    id: rec.id,
    name: rec.name,
    hierarchy: rec.hierarchy,
    created_at: rec.created_at,
  };
  if (rec.updated_at !== undefined) out.updated_at = rec.updated_at;
  out.object = "category";
  return out;
}

interface Named {
  data: Json;
  /** Campaigns and vouchers: "bin" once soft-deleted. */
  state?: string;
  /** Tiers and stacks: the campaign they belong to. */
  campaignId?: string;
}

/** The objects that name the category by ID, binned campaigns and vouchers included. */
function users(store: Store, id: string): Named[] {
  const records: Named[] = [
    ...store.campaigns.values(),
    ...store.vouchers.values(),
    ...store.promotionTiers.values(),
    ...store.promotionStacks.values(),
  ];
  return records.filter((r) => r.data.category_id === id);
}

/** Campaigns and vouchers show the category's name: a renamed category is shown under its new name. */
export function renameCategory(store: Store, rec: CategoryRec): void {
  for (const { data } of users(store, rec.id)) if ("category" in data) data.category = rec.name;
}

/** Deletes a category as `mode` says; refuses (400) before anything changes. */
export function deleteCategory(store: Store, rec: CategoryRec, mode: UsedCategoryDelete): void {
  const named = users(store, rec.id);
  // Binned objects, and stacks of a campaign that is gone, do not hold a category in use: a destroy that bins its
  // campaigns can still delete it.
  const inUse = named.filter((r) => {
    if (r.state === "bin" || r.state === "deleting") return false;
    return (
      !("campaignId" in r) ||
      typeof r.campaignId !== "string" ||
      store.findCampaign(r.campaignId) !== undefined
    );
  }).length;
  if (inUse > 0 && mode === "refuse") {
    throw new ApiError(
      400,
      "resource_in_use",
      "Resource in use",
      `Category ${rec.id} is still assigned to ${inUse} object(s); unassign it first`,
      { id: rec.id, type: CATEGORY_RESOURCE },
    );
  }
  for (const { data } of named) {
    data.category_id = null;
    if ("category" in data) data.category = null;
  }
  store.categories.delete(rec.id);
}
