// Promotion stacks (documentation/openapi/promotions.json): list all, list a campaign's, create, read, update
// and delete. `{campaignId}` is the campaign's ID or name, as for tiers. A PUT changes the fields it carries
// and keeps the others (every field of PromotionsStacksUpdateRequestBody is optional).
import { invalidCampaign, invalidPayload, invalidQueryParams } from "../errors";
import { listReply, pageQuery, sortByOrder } from "../paging";
import {
  checkStackCategory,
  checkStackTiers,
  findStack,
  liveStacks,
  type PromotionStackRec,
  renderStack,
  stackCreateSchema,
  stackUpdateSchema,
} from "../promotion-stacks";
import type { Reply, RequestContext, RouteDef } from "../router";
import type { CampaignRec } from "../store";
import { isDateString, isPlainObject, type Json, parseOrThrow } from "../validate";
import { findCampaign } from "./campaigns";

function bodyObject(json: unknown): Json {
  if (!isPlainObject(json)) throw invalidPayload("Payload should be object");
  return json;
}

function campaignOf(ctx: RequestContext): CampaignRec {
  return findCampaign(ctx.core, ctx.params.campaignId!);
}

/** ParameterOrderListAllPromotionStacks. */
const STACK_ORDERS = ["created_at", "-created_at", "updated_at", "-updated_at", "name", "-name"];
/** The documented filters: `created_at[before|after]` and `updated_at[before|after]` (ISO 8601). */
const DATE_FILTERS = ["created_at", "updated_at"].flatMap((f) => [`${f}[before]`, `${f}[after]`]);

function listAll(ctx: RequestContext): Reply {
  const { store } = ctx.core;
  let stacks = liveStacks(store);
  for (const key of DATE_FILTERS) {
    const raw = ctx.query.get(key);
    if (raw === null) continue;
    if (!isDateString(raw)) throw invalidQueryParams(`Property .${key} should match format "date-time"`);
    const [field, bound] = key.split("[") as [string, string];
    const at = Date.parse(raw);
    stacks = stacks.filter((s) => {
      const value = s.data[field];
      if (typeof value !== "string") return false;
      return bound === "before]" ? Date.parse(value) < at : Date.parse(value) > at;
    });
  }
  const sorted = sortByOrder(stacks, ctx.query, STACK_ORDERS, "created_at", (s, field) => s.data[field]);
  return listReply(pageQuery(ctx.query), "data", sorted, (s) => renderStack(store, s));
}

/** The campaign's stacks: the operation documents no parameters. */
function listOfCampaign(ctx: RequestContext): Reply {
  const { store } = ctx.core;
  const data = liveStacks(store, String(campaignOf(ctx).data.id)).map((s) => renderStack(store, s));
  return { status: 200, body: { object: "list", data_ref: "data", data, total: data.length } };
}

function createStack(ctx: RequestContext): Reply {
  const { core } = ctx;
  const campaign = campaignOf(ctx);
  const campaignId = String(campaign.data.id);
  if (campaign.data.campaign_type !== "PROMOTION") {
    throw invalidCampaign(`Campaign ${campaignId} is not a PROMOTION campaign and has no tiers`);
  }
  const b = parseOrThrow(stackCreateSchema, bodyObject(ctx.json), invalidPayload);
  checkStackTiers(core.store, campaignId, b.tiers.ids);
  checkStackCategory(core.store, b.category_id);
  const id = core.ids.promotionStack();
  const data: Json = {
    id,
    name: b.name,
    tiers: { ids: b.tiers.ids, hierarchy_mode: b.tiers.hierarchy_mode ?? "MANUAL" },
    category_id: b.category_id ?? null,
    created_at: core.now(),
  };
  const rec: PromotionStackRec = { seq: core.store.nextSeq(), campaignId, data };
  core.store.promotionStacks.set(id, rec);
  return { status: 200, body: renderStack(core.store, rec) };
}

function stackOf(ctx: RequestContext): PromotionStackRec {
  return findStack(ctx.core.store, String(campaignOf(ctx).data.id), ctx.params.stackId!);
}

function getStack(ctx: RequestContext): Reply {
  return { status: 200, body: renderStack(ctx.core.store, stackOf(ctx)) };
}

function updateStack(ctx: RequestContext): Reply {
  const { core } = ctx;
  const rec = stackOf(ctx);
  const b = parseOrThrow(stackUpdateSchema, bodyObject(ctx.json), invalidPayload);
  if (b.tiers) checkStackTiers(core.store, rec.campaignId, b.tiers.ids);
  checkStackCategory(core.store, b.category_id);
  if (b.name !== undefined) rec.data.name = b.name;
  if (b.tiers) rec.data.tiers = { ids: b.tiers.ids, hierarchy_mode: b.tiers.hierarchy_mode ?? "MANUAL" };
  if (b.category_id !== undefined) rec.data.category_id = b.category_id;
  rec.data.updated_at = core.now();
  return { status: 200, body: renderStack(core.store, rec) };
}

function deleteStack(ctx: RequestContext): Reply {
  const rec = stackOf(ctx);
  ctx.core.store.promotionStacks.delete(String(rec.data.id));
  return { status: 204 };
}

export function promotionStackRoutes(): RouteDef[] {
  return [
    { method: "GET", template: "/v1/promotions/stacks", handler: listAll },
    { method: "GET", template: "/v1/promotions/{campaignId}/stacks", handler: listOfCampaign },
    { method: "POST", template: "/v1/promotions/{campaignId}/stacks", handler: createStack },
    { method: "GET", template: "/v1/promotions/{campaignId}/stacks/{stackId}", handler: getStack },
    { method: "PUT", template: "/v1/promotions/{campaignId}/stacks/{stackId}", handler: updateStack },
    { method: "DELETE", template: "/v1/promotions/{campaignId}/stacks/{stackId}", handler: deleteStack },
  ];
}
