// Promotion tiers: first-class tiers created with a PROMOTION campaign or one by one, read, updated, toggled and
// deleted through the official SDK where it has the call (enable/disable over plain HTTP), the campaign's
// `promotion.tiers` following every change, and every response validated against openapi.json.
import * as assert from "node:assert/strict";
import { ContractCheck, useCheckedEmulator } from "./contract-check";
import {
  example,
  type Json,
  type Loose,
  REPLAYS_VENDOR_EXAMPLES,
  rejection,
  VENDOR_EXAMPLE_RULE_IDS,
} from "./support";

const check = new ContractCheck();
const PROMOTION = example("campaigns/create-campaign.request.promotion.json");
const VENDOR_CREATED = example("campaigns/create-campaign.response.200.promotion.json");

function tiersOf(campaign: Json): Json[] {
  return (campaign.promotion as Json).tiers as Json[];
}

describe("emulator promotion tiers", () => {
  const env = useCheckedEmulator(check, REPLAYS_VENDOR_EXAMPLES);

  async function createPromotion(body: Json = PROMOTION): Promise<Json> {
    const created = await env.emu.call<Json>("POST", "/v1/campaigns", { body });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    return created.body;
  }

  async function getCampaign(id: unknown): Promise<Json> {
    return (await env.emu.call<Json>("GET", `/v1/campaigns/${String(id)}`)).body;
  }

  it("makes the tiers of a PROMOTION create first-class, rendered like the vendor's example", async () => {
    const created = await createPromotion();
    const tiers = tiersOf(created);
    const vendorTiers = tiersOf(VENDOR_CREATED);
    assert.deepEqual(
      tiers.map((t) => Object.keys(t).sort()),
      vendorTiers.map((t) => Object.keys(t).sort()),
    );
    assert.deepEqual(
      Object.keys(tiers[0]!.campaign as Json).sort(),
      Object.keys(vendorTiers[0]!.campaign as Json).sort(),
    );
    for (const [i, tier] of tiers.entries()) {
      assert.match(String(tier.id), /^promo_[0-9A-Za-z]{24}$/);
      assert.deepEqual(
        [tier.hierarchy, tier.active, tier.promotion_id, tier.campaign_id],
        [i + 1, false, created.id, created.id],
      );
      const assignments = tier.validation_rule_assignments as Json;
      assert.deepEqual(
        (assignments.data as Json[]).map((a) => [a.rule_id, a.related_object_id, a.related_object_type]),
        [[VENDOR_EXAMPLE_RULE_IDS[0], tier.id, "promotion_tier"]],
      );
      const alone = await check.sdk(
        "GET",
        `/v1/promotions/tiers/${tier.id}`,
        200,
        env.client.promotions.tiers.get(String(tier.id)),
      );
      assert.deepEqual(alone, tier);
    }
    const listed = await check.sdk(
      "GET",
      `/v1/promotions/${created.id}/tiers`,
      200,
      env.client.promotions.tiers.list(String(created.id)),
    );
    assert.deepEqual(listed, created.promotion);
    assert.deepEqual(tiersOf(await getCampaign(created.id)), tiers);
  });

  it("adds, updates, toggles and deletes a tier; the campaign shows the current tiers", async () => {
    const campaign = await createPromotion();
    const id = String(campaign.id);
    const request = { ...example("promotions/add-promotion-tier-to-campaign.request.example.json") };
    const added = (await check.sdk(
      "POST",
      `/v1/promotions/${id}/tiers`,
      200,
      env.client.promotions.tiers.create(id, request as Loose),
    )) as unknown as Json;
    const vendorAdded = example("promotions/add-promotion-tier-to-campaign.response.200.example.json");
    assert.deepEqual(Object.keys(added).sort(), Object.keys(vendorAdded).sort());
    assert.equal(added.hierarchy, 3, "the next integer after the lowest-ranking tier");
    assert.equal(added.campaign_id, null, "as the vendor's example answers");
    assert.equal("promotion_id" in added, false);
    assert.deepEqual(added.action, vendorAdded.action);
    assert.equal((added.validation_rule_assignments as Json).total, 1);
    assert.deepEqual(
      tiersOf(await getCampaign(id)).map((t) => t.id),
      [...tiersOf(campaign).map((t) => t.id), added.id],
    );

    const update = example("promotions/update-promotion-tier.request.example.json");
    const updated = (await check.sdk(
      "PUT",
      `/v1/promotions/tiers/${added.id}`,
      200,
      env.client.promotions.tiers.update({ ...update, id: String(added.id), active: false } as Loose),
    )) as unknown as Json;
    assert.deepEqual(
      [updated.name, updated.metadata, updated.hierarchy, updated.start_date, updated.validity_day_of_week],
      [update.name, { level: "A-21" }, 1, "2022-09-22T00:00:00.000Z", [1, 2, 3]],
    );
    assert.equal(updated.active, true, "PUT has no `active`: enable/disable change it");
    assert.equal(typeof updated.updated_at, "string");
    const plain = await env.emu.call<Json>("POST", `/v1/promotions/${id}/tiers`, {
      body: { name: "no rules" },
    });
    assert.deepEqual(
      [plain.body.hierarchy, plain.body.validation_rule_assignments],
      [3, null],
      "next after the lowest-ranking tier (2, since the PUT moved the added one to 1); no rules: null",
    );
    await env.emu.call("DELETE", `/v1/promotions/tiers/${plain.body.id}`);
    const metadataOnly = await env.emu.call<Json>("PUT", `/v1/promotions/tiers/${added.id}`, {
      body: { metadata: { only: "this" } },
    });
    assert.deepEqual(metadataOnly.body.metadata, { only: "this" }, "a tier's metadata is replaced");

    const off = await env.emu.call<Json>("POST", `/v1/promotions/tiers/${added.id}/disable`);
    assert.deepEqual([off.status, off.body.active], [200, false]);
    const on = await env.emu.call<Json>("POST", `/v1/promotions/tiers/${added.id}/enable`);
    assert.deepEqual([on.status, on.body.active], [200, true]);
    const shown = tiersOf(await getCampaign(id)).find((t) => t.id === added.id)!;
    assert.deepEqual([shown.name, shown.active, shown.hierarchy], [update.name, true, 1]);

    const removed = await check.sdk(
      "DELETE",
      `/v1/promotions/tiers/${added.id}`,
      204,
      env.client.promotions.tiers.delete(String(added.id)),
    );
    assert.equal(removed, "");
    const gone = await rejection(env.client.promotions.tiers.get(String(added.id)));
    assert.deepEqual(
      [gone.code, gone.key, gone.details, gone.resource_type],
      [404, "not_found", `Cannot find promotion_tier with id ${String(added.id)}`, "promotion_tier"],
    );
    assert.deepEqual(
      tiersOf(await getCampaign(id)).map((t) => t.id),
      tiersOf(campaign).map((t) => t.id),
    );
    const again = await env.emu.call<Json>("DELETE", `/v1/promotions/tiers/${added.id}`);
    assert.equal(again.status, 404);
  });

  it("keeps tiers out of the campaign update: PUT ignores `promotion`", async () => {
    const campaign = await createPromotion();
    const put = await env.emu.call<Json>("PUT", `/v1/campaigns/${campaign.id}`, {
      body: { description: "d", promotion: { tiers: [{ name: "replaced" }] } },
    });
    assert.equal(put.status, 200);
    assert.deepEqual(
      tiersOf(put.body).map((t) => t.id),
      tiersOf(campaign).map((t) => t.id),
    );
  });

  it("refuses a tier with an unknown rule or category, and tiers on other campaign types", async () => {
    const campaign = await createPromotion();
    const path = `/v1/promotions/${campaign.id}/tiers`;
    const rule = await env.emu.call<Json>("POST", path, {
      body: { name: "t", validation_rules: ["val_nope00000000"] },
    });
    assert.deepEqual(
      [rule.status, rule.body.key, rule.body.resource_type, rule.body.resource_id],
      [404, "not_found", "validation_rules", "val_nope00000000"],
    );
    const category = await env.emu.call<Json>("POST", path, {
      body: { name: "t", category_id: "cat_0000000000000000ff" },
    });
    assert.deepEqual([category.status, category.body.resource_type], [404, "category"]);
    const unnamed = await env.emu.call<Json>("POST", path, { body: { banner: "no name" } });
    assert.deepEqual([unnamed.status, unnamed.body.key], [400, "invalid_payload"]);
    assert.equal((await env.emu.call<Json>("GET", path)).body.total, 2, "nothing was added");
    const discount = await env.emu.call<Json>("POST", "/v1/campaigns", {
      body: example("campaigns/create-campaign.request.discount-campaign.json"),
    });
    const onDiscount = await env.emu.call<Json>("POST", `/v1/promotions/${discount.body.id}/tiers`, {
      body: { name: "t" },
    });
    assert.deepEqual([onDiscount.status, onDiscount.body.key], [400, "invalid_campaign"]);
    const missing = await env.emu.call<Json>("GET", "/v1/promotions/camp_000000000000000000000000/tiers");
    assert.deepEqual([missing.status, missing.body.resource_type], [404, "campaign"]);
  });

  it("refuses a whole PROMOTION create when a tier names an unknown rule: nothing is created", async () => {
    const tiers = (PROMOTION.promotion as Json).tiers as Json[];
    const body = {
      ...PROMOTION,
      category: "Created only on success",
      promotion: { tiers: [tiers[0], { ...tiers[1], validation_rules: ["val_nope00000000"] }] },
    };
    const refused = await env.emu.call<Json>("POST", "/v1/campaigns", { body });
    assert.deepEqual(
      [refused.status, refused.body.key, refused.body.resource_type],
      [404, "not_found", "validation_rules"],
    );
    assert.equal(
      (await env.emu.call("GET", `/v1/campaigns/${encodeURIComponent(String(PROMOTION.name))}`)).status,
      404,
    );
    assert.equal(env.emu.store.promotionTiers.size, 0);
    assert.equal(env.emu.store.assignments.size, 0);
    assert.equal(env.emu.store.categories.size, 0);
    assert.equal(
      (await env.emu.call("POST", "/v1/campaigns", { body: PROMOTION })).status,
      200,
      "the name stayed free",
    );
  });

  it("deletes a campaign's tiers and their rule assignments with the campaign", async () => {
    const campaign = await createPromotion();
    const tierIds = tiersOf(campaign).map((t) => String(t.id));
    const deleted = await env.emu.call("DELETE", `/v1/campaigns/${campaign.id}?force=true`);
    assert.equal(deleted.status, 202);
    for (const id of tierIds) {
      assert.equal((await env.emu.call("GET", `/v1/promotions/tiers/${id}`)).status, 404);
    }
    const assignments = await env.emu.call<Json>(
      "GET",
      `/v1/validation-rules-assignments?rule=${VENDOR_EXAMPLE_RULE_IDS[0]}`,
    );
    assert.deepEqual(assignments.body.data, []);
  });

  after(() => {
    check.assertCovered([
      "GET /v1/promotions/{campaignId}/tiers 200",
      "POST /v1/promotions/{campaignId}/tiers 200",
      "GET /v1/promotions/tiers/{promotionTierId} 200",
      "PUT /v1/promotions/tiers/{promotionTierId} 200",
      "DELETE /v1/promotions/tiers/{promotionTierId} 204",
      "POST /v1/promotions/tiers/{promotionTierId}/enable 200",
      "POST /v1/promotions/tiers/{promotionTierId}/disable 200",
    ]);
  });
});
