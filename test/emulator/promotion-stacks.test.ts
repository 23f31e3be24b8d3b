// Promotion stacks: create, list (all, and a campaign's), read, update and delete over plain HTTP; the rules the
// docs state (1 to 30 tiers, `hierarchy_mode` MANUAL, `name` and `tiers` required, tiers of the campaign, an
// existing category) and what a stack shows once a tier or its campaign is deleted. Every response is
// validated against openapi.json.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "../../emulator/cli";
import { isNotFound } from "../../provider/client/errors";
import { createHttpClient } from "../../provider/client/http";
import {
  createStack,
  deleteStack,
  findStackByName,
  getStack,
  listStacks,
  updateStack,
} from "../../provider/client/promotion-stacks";
import {
  fromApiStack,
  type PromotionStackInputs,
  toStackCreateBody,
  toStackUpdateBody,
} from "../../provider/schema/promotion-stack";
import { ContractCheck, useCheckedEmulator } from "./contract-check";
import { APP_ID, createCampaign, example, type Json, REPLAYS_VENDOR_EXAMPLES, SECRET_KEY } from "./support";

const check = new ContractCheck();
const PROMOTION = example("campaigns/create-campaign.request.promotion.json");
const DISCOUNT = example("campaigns/create-campaign.request.discount-campaign.json");

describe("emulator promotion stacks", () => {
  const env = useCheckedEmulator(check, REPLAYS_VENDOR_EXAMPLES);

  async function promotion(name = String(PROMOTION.name)): Promise<{ id: string; tiers: string[] }> {
    const created = await createCampaign(env.emu, { ...PROMOTION, name });
    const tiers = ((created.promotion as Json).tiers as Json[]).map((t) => String(t.id));
    return { id: String(created.id), tiers };
  }

  async function addTier(campaignId: string, name: string): Promise<string> {
    const tier = await env.emu.call<Json>("POST", `/v1/promotions/${campaignId}/tiers`, {
      body: { name, action: { discount: { type: "AMOUNT", amount_off: 100 } } },
    });
    assert.equal(tier.status, 200, JSON.stringify(tier.body));
    return String(tier.body.id);
  }

  function stacksPath(campaignId: string, stackId?: string): string {
    return `/v1/promotions/${campaignId}/stacks${stackId ? `/${stackId}` : ""}`;
  }

  it("creates, lists, reads, updates and deletes a stack; the tier order is kept as given", async () => {
    const p = await promotion();
    const second = await addTier(p.id, "Second");
    const ids = [second, p.tiers[0]!];
    const created = await env.emu.call<Json>("POST", stacksPath(p.id), {
      body: { name: "Fifth Stack", tiers: { ids, hierarchy_mode: "MANUAL" } },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const stack = created.body;
    assert.match(String(stack.id), /^stack_[0-9A-Za-z]{24}$/);
    assert.deepEqual(
      [stack.name, stack.tiers, stack.campaign_id, stack.category_id, stack.categories, stack.object],
      ["Fifth Stack", { ids, hierarchy_mode: "MANUAL" }, p.id, null, [], "promotion_stack"],
    );
    assert.deepEqual((await env.emu.call("GET", stacksPath(p.id, String(stack.id)))).body, stack);
    const ofCampaign = await env.emu.call<Json>("GET", stacksPath(p.id));
    assert.deepEqual([ofCampaign.body.total, ofCampaign.body.data], [1, [stack]]);
    const cat = await env.emu.call<Json>("POST", "/v1/categories", {
      body: { name: "Stacks", hierarchy: 1 },
    });
    const updated = await env.emu.call<Json>("PUT", stacksPath(p.id, String(stack.id)), {
      body: { tiers: { ids: [p.tiers[0], second] }, category_id: cat.body.id },
    });
    assert.deepEqual(
      [updated.status, updated.body.name, (updated.body.tiers as Json).ids, updated.body.category_id],
      [200, "Fifth Stack", [p.tiers[0], second], cat.body.id],
      "a PUT keeps the fields it does not carry",
    );
    assert.deepEqual(
      (updated.body.categories as Json[]).map((c) => c.name),
      ["Stacks"],
    );
    assert.equal(typeof updated.body.updated_at, "string");
    const renamed = await env.emu.call<Json>("PUT", stacksPath(p.id, String(stack.id)), {
      body: { name: "Renamed" },
    });
    assert.deepEqual(
      [renamed.body.name, (renamed.body.tiers as Json).ids],
      ["Renamed", [p.tiers[0], second]],
    );
    const byName = await env.emu.call<Json>("GET", stacksPath(encodeURIComponent(String(PROMOTION.name))));
    assert.equal(byName.body.total, 1, "the campaign may be named by its name");
    assert.equal((await env.emu.call("DELETE", stacksPath(p.id, String(stack.id)))).status, 204);
    const gone = await env.emu.call<Json>("GET", stacksPath(p.id, String(stack.id)));
    assert.deepEqual(
      [gone.status, gone.body.key, gone.body.resource_type, gone.body.resource_id],
      [404, "not_found", "promotion_stack", stack.id],
    );
    assert.equal((await env.emu.call("DELETE", stacksPath(p.id, String(stack.id)))).status, 404);
  });

  it("lists every campaign's stacks with order, paging and date filters", async () => {
    const a = await promotion("A promo");
    const b = await promotion("B promo");
    const first = await env.emu.call<Json>("POST", stacksPath(a.id), {
      body: { name: "z", tiers: { ids: a.tiers } },
    });
    const second = await env.emu.call<Json>("POST", stacksPath(b.id), {
      body: { name: "y", tiers: { ids: b.tiers } },
    });
    const all = await env.emu.call<Json>("GET", "/v1/promotions/stacks");
    assert.deepEqual(
      [all.body.total, (all.body.data as Json[]).map((s) => s.id)],
      [2, [first.body.id, second.body.id]],
    );
    const byName = await env.emu.call<Json>("GET", "/v1/promotions/stacks?order=name&limit=1");
    assert.deepEqual(
      [byName.body.total, (byName.body.data as Json[]).map((s) => s.id)],
      [2, [second.body.id]],
    );
    const before = await env.emu.call<Json>(
      "GET",
      `/v1/promotions/stacks?created_at[before]=${encodeURIComponent(String(first.body.created_at))}`,
    );
    assert.equal(before.body.total, 0);
    const bad = await env.emu.call<Json>("GET", "/v1/promotions/stacks?order=hierarchy");
    assert.deepEqual([bad.status, bad.body.key], [400, "invalid_query_params"]);
    const badDate = await env.emu.call<Json>("GET", "/v1/promotions/stacks?updated_at[after]=soon");
    assert.deepEqual([badDate.status, badDate.body.key], [400, "invalid_query_params"]);
  });

  it("enforces the documented rules: name and tiers required, 1 to 30 tiers, MANUAL only", async () => {
    const p = await promotion();
    const many: string[] = [...p.tiers];
    while (many.length < 31) many.push(await addTier(p.id, `Tier ${many.length}`));
    const cases: [Json, string][] = [
      [{ tiers: { ids: p.tiers } }, "Property .name is required"],
      [{ name: "no tiers" }, "Property .tiers is required"],
      [{ name: "empty", tiers: { ids: [] } }, "Property .tiers.ids should be >= 1"],
      [{ name: "31", tiers: { ids: many } }, "Property .tiers.ids should be <= 30"],
      [{ name: "auto", tiers: { ids: p.tiers, hierarchy_mode: "AUTO" } }, "Property .tiers.hierarchy_mode"],
    ];
    for (const [body, details] of cases) {
      const refused = await env.emu.call<Json>("POST", stacksPath(p.id), { body });
      assert.deepEqual([refused.status, refused.body.key], [400, "invalid_payload"], JSON.stringify(body));
      assert.ok(String(refused.body.details).startsWith(details), String(refused.body.details));
    }
    const thirty = await env.emu.call<Json>("POST", stacksPath(p.id), {
      body: { name: "30", tiers: { ids: many.slice(0, 30) } },
    });
    assert.equal(thirty.status, 200, "30 tiers is the documented maximum");
    const tooMany = await env.emu.call<Json>("PUT", stacksPath(p.id, String(thirty.body.id)), {
      body: { tiers: { ids: many } },
    });
    assert.equal(tooMany.status, 400, "the limit holds for an update too");
    const repeated = await env.emu.call<Json>("POST", stacksPath(p.id), {
      body: { name: "twice", tiers: { ids: [p.tiers[0], p.tiers[0]] } },
    });
    assert.deepEqual([repeated.status, repeated.body.key], [400, "invalid_payload"]);
    const total = (await env.emu.call<Json>("GET", stacksPath(p.id))).body.total;
    assert.equal(total, 1, "refused bodies created nothing");
  });

  it("answers 404 for an unknown campaign, a tier of another campaign, an unknown category; 400 off a PROMOTION", async () => {
    const p = await promotion();
    const other = await promotion("Other promo");
    const unknownCampaign = await env.emu.call<Json>("POST", stacksPath("camp_99HUWI53bVyLzPN1Fg5TBLW"), {
      body: { name: "s", tiers: { ids: p.tiers } },
    });
    assert.deepEqual([unknownCampaign.status, unknownCampaign.body.resource_type], [404, "campaign"]);
    const foreign = await env.emu.call<Json>("POST", stacksPath(p.id), {
      body: { name: "s", tiers: { ids: [p.tiers[0], other.tiers[0]] } },
    });
    assert.deepEqual(
      [foreign.status, foreign.body.resource_type, foreign.body.resource_id],
      [404, "promotion_tier", other.tiers[0]],
    );
    const noCategory = await env.emu.call<Json>("POST", stacksPath(p.id), {
      body: { name: "s", tiers: { ids: p.tiers }, category_id: "cat_000000000000000000" },
    });
    assert.deepEqual([noCategory.status, noCategory.body.resource_type], [404, "category"]);
    const stack = await env.emu.call<Json>("POST", stacksPath(p.id), {
      body: { name: "s", tiers: { ids: p.tiers } },
    });
    const elsewhere = await env.emu.call<Json>("GET", stacksPath(other.id, String(stack.body.id)));
    assert.deepEqual([elsewhere.status, elsewhere.body.resource_type], [404, "promotion_stack"]);
    const discount = await createCampaign(env.emu, DISCOUNT);
    const notPromotion = await env.emu.call<Json>("POST", stacksPath(String(discount.id)), {
      body: { name: "s", tiers: { ids: p.tiers } },
    });
    assert.deepEqual([notPromotion.status, notPromotion.body.key], [400, "invalid_campaign"]);
  });

  it("drops a deleted tier from the stack (default: drop), and a deleted campaign's stacks from the lists", async () => {
    const p = await promotion();
    const extra = await addTier(p.id, "Extra");
    const stack = await env.emu.call<Json>("POST", stacksPath(p.id), {
      body: { name: "s", tiers: { ids: [...p.tiers, extra] } },
    });
    assert.equal((await env.emu.call("DELETE", `/v1/promotions/tiers/${extra}`)).status, 204);
    const read = await env.emu.call<Json>("GET", stacksPath(p.id, String(stack.body.id)));
    assert.deepEqual((read.body.tiers as Json).ids, p.tiers);
    assert.equal((await env.emu.call("DELETE", `/v1/campaigns/${p.id}`)).status, 202);
    await env.emu.settle();
    assert.equal((await env.emu.call<Json>("GET", "/v1/promotions/stacks")).body.total, 0);
    const gone = await env.emu.call<Json>("GET", stacksPath(p.id, String(stack.body.id)));
    assert.deepEqual([gone.status, gone.body.resource_type], [404, "campaign"]);
  });

  it("with --stacked-tier-delete refuse, answers 400 for a tier a stack lists, 204 once no stack does", async () => {
    assert.deepEqual(parseArgs(["--stacked-tier-delete", "refuse"]), {
      port: 0,
      stackedTierDelete: "refuse",
    });
    const emu = await check.start({ ...REPLAYS_VENDOR_EXAMPLES, stackedTierDelete: "refuse" });
    try {
      const created = await createCampaign(emu, PROMOTION);
      const ids = ((created.promotion as Json).tiers as Json[]).map((t) => String(t.id));
      const stack = await emu.call<Json>("POST", stacksPath(String(created.id)), {
        body: { name: "s", tiers: { ids } },
      });
      const refused = await emu.call<Json>("DELETE", `/v1/promotions/tiers/${ids[0]}`);
      assert.deepEqual(
        [refused.status, refused.body.key, refused.body.resource_type, refused.body.resource_id],
        [400, "resource_in_use", "promotion_tier", ids[0]],
      );
      assert.match(String(refused.body.details), new RegExp(String(stack.body.id)));
      assert.equal((await emu.call("GET", `/v1/promotions/tiers/${ids[0]}`)).status, 200, "the tier is kept");
      await emu.call("DELETE", stacksPath(String(created.id), String(stack.body.id)));
      assert.equal((await emu.call("DELETE", `/v1/promotions/tiers/${ids[0]}`)).status, 204);
    } finally {
      await emu.close();
    }
  });

  it("the provider's client: create, read back the inputs, reorder in one PUT, find by name, delete", async () => {
    const p = await promotion();
    const extra = await addTier(p.id, "Extra");
    const http = createHttpClient({
      apiUrl: env.emu.url,
      applicationId: APP_ID,
      secretKey: SECRET_KEY,
      timeUnitMs: 1,
    });
    const cat = await env.emu.call<Json>("POST", "/v1/categories", { body: { name: "c", hierarchy: 1 } });
    const input: PromotionStackInputs = {
      campaignId: p.id,
      tierIds: [extra, ...p.tiers],
      categoryId: String(cat.body.id),
    };
    const created = await createStack(http, p.id, toStackCreateBody(input, "Stack-1"));
    assert.deepEqual(fromApiStack(await getStack(http, p.id, created.id)), { ...input, name: "Stack-1" });
    const reordered = { campaignId: p.id, tierIds: [...p.tiers, extra] };
    const before = env.emu.requests().length;
    const updated = await updateStack(http, p.id, created.id, toStackUpdateBody(reordered, "Stack-2"));
    assert.deepEqual(
      fromApiStack(updated),
      { ...reordered, name: "Stack-2" },
      "reordered, renamed, category cleared",
    );
    assert.deepEqual(
      env.emu
        .requests()
        .slice(before)
        .map((r) => `${r.method} ${r.path} ${r.status}`),
      [`PUT /v1/promotions/${p.id}/stacks/${created.id} 200`],
    );
    assert.equal((await findStackByName(http, p.id, "Stack-2"))?.id, created.id);
    assert.equal(await findStackByName(http, p.id, "Stack-1"), undefined);
    await deleteStack(http, p.id, created.id);
    await assert.rejects(getStack(http, p.id, created.id), (e) => isNotFound(e));
    assert.deepEqual(await listStacks(http, p.id), []);
  });

  it("keeps categories and stacks in the state file across a restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-stacks-"));
    const stateFile = path.join(dir, "state.json");
    try {
      const first = await check.start({ ...REPLAYS_VENDOR_EXAMPLES, stateFile });
      const created = await createCampaign(first, PROMOTION);
      const ids = ((created.promotion as Json).tiers as Json[]).map((t) => t.id);
      const cat = await first.call<Json>("POST", "/v1/categories", { body: { name: "Kept", hierarchy: 2 } });
      const stack = await first.call<Json>("POST", stacksPath(String(created.id)), {
        body: { name: "kept", tiers: { ids }, category_id: cat.body.id },
      });
      await first.close();
      const second = await check.start({ ...REPLAYS_VENDOR_EXAMPLES, stateFile });
      try {
        const read = await second.call<Json>("GET", stacksPath(String(created.id), String(stack.body.id)));
        assert.deepEqual(read.body, stack.body);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  after(() => {
    check.assertCovered([
      "GET /v1/promotions/stacks 200",
      "GET /v1/promotions/{campaignId}/stacks 200",
      "POST /v1/promotions/{campaignId}/stacks 200",
      "GET /v1/promotions/{campaignId}/stacks/{stackId} 200",
      "PUT /v1/promotions/{campaignId}/stacks/{stackId} 200",
      "DELETE /v1/promotions/{campaignId}/stacks/{stackId} 204",
    ]);
  });
});
