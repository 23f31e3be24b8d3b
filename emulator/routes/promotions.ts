// Promotion tiers (documentation/openapi/promotions.json): list and add a PROMOTION campaign's tiers, read,
// update, delete, enable and disable one. Tiers change here only: the PROMOTION update body has no `promotion`.
import { promotionTierUpdateSchema } from "../endpoint-schemas";
import { invalidCampaign, invalidPayload } from "../errors";
import { checkTierUnstacked } from "../promotion-stacks";
import {
  applyTierFields,
  checkTierCategory,
  createTier,
  deleteTier,
  findTier,
  nextHierarchy,
  renderTier,
  tierList,
} from "../promotion-tiers";
import type { Reply, RequestContext, RouteDef } from "../router";
import { isPlainObject, parseOrThrow, promotionTierCreateSchema } from "../validate";
import { requireRules } from "../validation-rules";
import { findCampaign } from "./campaigns";

function listTiers(ctx: RequestContext): Reply {
  const campaign = findCampaign(ctx.core, ctx.params.campaignId!);
  return { status: 200, body: tierList(ctx.core.store, String(campaign.data.id)) };
}

function bodyObject(json: unknown): Record<string, unknown> {
  if (!isPlainObject(json)) throw invalidPayload("Payload should be object");
  return json;
}

function addTier(ctx: RequestContext): Reply {
  const { core } = ctx;
  const campaign = findCampaign(core, ctx.params.campaignId!);
  if (campaign.data.campaign_type !== "PROMOTION") {
    throw invalidCampaign(
      `Campaign ${String(campaign.data.id)} is not a PROMOTION campaign and has no tiers`,
    );
  }
  const b = parseOrThrow(promotionTierCreateSchema, bodyObject(ctx.json), invalidPayload);
  requireRules(core.store, b.validation_rules ?? []);
  checkTierCategory(core.store, b);
  const id = String(campaign.data.id);
  const tier = createTier(core, campaign, b, b.hierarchy ?? nextHierarchy(core.store, id), core.now());
  return { status: 200, body: renderTier(core.store, tier, { ownEndpoint: true }) };
}

function getTier(ctx: RequestContext): Reply {
  return {
    status: 200,
    body: renderTier(ctx.core.store, findTier(ctx.core.store, ctx.params.promotionTierId!)),
  };
}

function updateTier(ctx: RequestContext): Reply {
  const { core } = ctx;
  const tier = findTier(core.store, ctx.params.promotionTierId!);
  const b = parseOrThrow(promotionTierUpdateSchema, bodyObject(ctx.json), invalidPayload);
  checkTierCategory(core.store, b);
  const now = core.now();
  // `active` is not part of the update body (enable/disable change it); unknown fields are ignored.
  applyTierFields(core, tier.data, b, now);
  tier.data.updated_at = now;
  return { status: 200, body: renderTier(core.store, tier, { ownEndpoint: true }) };
}

function removeTier(ctx: RequestContext): Reply {
  const tier = findTier(ctx.core.store, ctx.params.promotionTierId!);
  checkTierUnstacked(ctx.core.store, String(tier.data.id), ctx.core.config.stackedTierDelete);
  deleteTier(ctx.core.store, tier);
  return { status: 204 };
}

function setActive(active: boolean) {
  return (ctx: RequestContext): Reply => {
    const tier = findTier(ctx.core.store, ctx.params.promotionTierId!);
    tier.data.active = active;
    tier.data.updated_at = ctx.core.now();
    return { status: 200, body: renderTier(ctx.core.store, tier, { ownEndpoint: true }) };
  };
}

export function promotionRoutes(): RouteDef[] {
  return [
    { method: "GET", template: "/v1/promotions/{campaignId}/tiers", handler: listTiers },
    { method: "POST", template: "/v1/promotions/{campaignId}/tiers", handler: addTier },
    { method: "GET", template: "/v1/promotions/tiers/{promotionTierId}", handler: getTier },
    { method: "PUT", template: "/v1/promotions/tiers/{promotionTierId}", handler: updateTier },
    { method: "DELETE", template: "/v1/promotions/tiers/{promotionTierId}", handler: removeTier },
    { method: "POST", template: "/v1/promotions/tiers/{promotionTierId}/enable", handler: setActive(true) },
    { method: "POST", template: "/v1/promotions/tiers/{promotionTierId}/disable", handler: setActive(false) },
  ];
}
