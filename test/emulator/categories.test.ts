// Categories as objects of their own: create, list, read, update and delete over plain HTTP, the documented
// 400s for a body without `name` or `hierarchy`, renames shown where campaigns name the category, and both
// readings of deleting a category still in use (--used-category-delete). Every response is validated against
// openapi.json.
import * as assert from "node:assert/strict";
import { parseArgs } from "../../emulator/cli";
import {
  createCategory as clientCreate,
  deleteCategory,
  findCategoriesByName,
  getCategory,
  updateCategory,
} from "../../provider/client/categories";
import { isNotFound } from "../../provider/client/errors";
import { createHttpClient } from "../../provider/client/http";
import { fromApiCategory } from "../../provider/schema/category";
import { ContractCheck, useCheckedEmulators } from "./contract-check";
import {
  APP_ID,
  createCampaign,
  example,
  type Json,
  REPLAYS_VENDOR_EXAMPLES,
  SECRET_KEY,
  type TestEmulator,
} from "./support";

const check = new ContractCheck();
const DISCOUNT = example("campaigns/create-campaign.request.discount-campaign.json");

async function createCategory(emu: TestEmulator, name: string, hierarchy: number): Promise<Json> {
  const created = await emu.call<Json>("POST", "/v1/categories", { body: { name, hierarchy } });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  return created.body;
}

describe("emulator categories", () => {
  const start = useCheckedEmulators(check);

  it("creates, lists, reads, updates (both fields) and deletes categories", async () => {
    const emu = await start(REPLAYS_VENDOR_EXAMPLES);
    const first = await createCategory(emu, "Eighth", 8);
    assert.match(String(first.id), /^cat_[0-9a-f]{18}$/);
    assert.deepEqual(
      [first.name, first.hierarchy, first.object, first.updated_at],
      ["Eighth", 8, "category", undefined],
    );
    const second = await createCategory(emu, "First", 0);
    const list = await emu.call<Json>("GET", "/v1/categories");
    assert.deepEqual(
      [list.body.object, list.body.data_ref, list.body.total, (list.body.data as Json[]).map((c) => c.id)],
      ["list", "data", 2, [first.id, second.id]],
    );
    assert.deepEqual((await emu.call("GET", `/v1/categories/${first.id}`)).body, first);
    const updated = await emu.call<Json>("PUT", `/v1/categories/${first.id}`, {
      body: { name: "Summer", hierarchy: 1 },
    });
    assert.deepEqual(
      [updated.status, updated.body.name, updated.body.hierarchy, updated.body.created_at],
      [200, "Summer", 1, first.created_at],
    );
    assert.equal(typeof updated.body.updated_at, "string");
    assert.deepEqual((await emu.call("GET", `/v1/categories/${first.id}`)).body, updated.body);
    assert.equal((await emu.call("DELETE", `/v1/categories/${first.id}`)).status, 204);
    const gone = await emu.call<Json>("GET", `/v1/categories/${first.id}`);
    assert.deepEqual(
      [gone.status, gone.body.key, gone.body.details, gone.body.resource_type],
      [404, "not_found", `Cannot find category with id ${String(first.id)}`, "category"],
    );
    const again = await emu.call<Json>("DELETE", "/v1/categories/example_category");
    assert.deepEqual([again.status, again.body.resource_id], [404, "example_category"]);
  });

  it("answers the documented 400s: name and hierarchy are required on create and on update", async () => {
    const emu = await start(REPLAYS_VENDOR_EXAMPLES);
    const cat = await createCategory(emu, "Kept", 3);
    for (const [method, path] of [
      ["POST", "/v1/categories"],
      ["PUT", `/v1/categories/${cat.id}`],
    ] as const) {
      const noName = await emu.call<Json>(method, path, { body: { hierarchy: 1 } });
      assert.deepEqual(
        [noName.status, noName.body.key, noName.body.message, noName.body.details],
        [400, "invalid_payload", "Invalid payload", "Payload should have required property 'name'"],
      );
      const noHierarchy = await emu.call<Json>(method, path, { body: { name: "x" } });
      assert.equal(noHierarchy.body.details, "Payload should have required property 'hierarchy'");
      const negative = await emu.call<Json>(method, path, { body: { name: "x", hierarchy: -1 } });
      assert.deepEqual([negative.status, negative.body.key], [400, "invalid_payload"]);
      const fraction = await emu.call<Json>(method, path, { body: { name: "x", hierarchy: 1.5 } });
      assert.equal(fraction.status, 400);
    }
    assert.deepEqual((await emu.call<Json>("GET", `/v1/categories/${cat.id}`)).body, cat, "nothing changed");
  });

  it("shows a renamed category under its new name on the campaigns that use it", async () => {
    const emu = await start(REPLAYS_VENDOR_EXAMPLES);
    const cat = await createCategory(emu, "Old", 2);
    const campaign = await createCampaign(emu, { ...DISCOUNT, category_id: cat.id });
    assert.equal(campaign.category, "Old");
    await emu.call("PUT", `/v1/categories/${cat.id}`, { body: { name: "New", hierarchy: 4 } });
    const read = (await emu.call<Json>("GET", `/v1/campaigns/${campaign.id}`)).body;
    assert.deepEqual(
      [read.category, read.category_id, ((read.categories as Json[])[0] as Json).hierarchy],
      ["New", cat.id, 4],
    );
  });

  it("deletes a category still in use and clears it where it is named (default: unassign)", async () => {
    const emu = await start(REPLAYS_VENDOR_EXAMPLES);
    const cat = await createCategory(emu, "Used", 1);
    const campaign = await createCampaign(emu, { ...DISCOUNT, category_id: cat.id });
    assert.equal((await emu.call("DELETE", `/v1/categories/${cat.id}`)).status, 204);
    const read = (await emu.call<Json>("GET", `/v1/campaigns/${campaign.id}`)).body;
    assert.deepEqual([read.category, read.category_id, read.categories], [null, null, []]);
    const vouchers = (await emu.call<Json>("GET", `/v1/vouchers?campaign_id=${campaign.id}`)).body;
    assert.deepEqual(
      [...new Set((vouchers.vouchers as Json[]).map((v) => v.category_id))],
      [null],
      "the campaign's codes lose it too",
    );
  });

  it("with --used-category-delete refuse, answers 400 while a live object names it, 204 once its campaign is binned", async () => {
    assert.deepEqual(parseArgs(["--used-category-delete", "refuse"]), {
      port: 0,
      usedCategoryDelete: "refuse",
    });
    const emu = await start({ ...REPLAYS_VENDOR_EXAMPLES, usedCategoryDelete: "refuse" });
    const cat = await createCategory(emu, "Used", 1);
    const campaign = await createCampaign(emu, { ...DISCOUNT, category_id: cat.id });
    const refused = await emu.call<Json>("DELETE", `/v1/categories/${cat.id}`);
    assert.deepEqual(
      [refused.status, refused.body.key, refused.body.resource_id, refused.body.resource_type],
      [400, "resource_in_use", cat.id, "category"],
    );
    assert.equal((await emu.call<Json>("GET", `/v1/campaigns/${campaign.id}`)).body.category_id, cat.id);
    const unused = await createCategory(emu, "Unused", 2);
    assert.equal((await emu.call("DELETE", `/v1/categories/${unused.id}`)).status, 204);
    await emu.call("DELETE", `/v1/campaigns/${campaign.id}`);
    await emu.settle();
    assert.equal((await emu.call("DELETE", `/v1/categories/${cat.id}`)).status, 204);
  });

  it("with refuse, a promotion stack holds its category until its campaign is deleted", async () => {
    const emu = await start({ ...REPLAYS_VENDOR_EXAMPLES, usedCategoryDelete: "refuse" });
    const cat = await createCategory(emu, "Stacked", 1);
    const promotion = await createCampaign(emu, example("campaigns/create-campaign.request.promotion.json"));
    const ids = ((promotion.promotion as Json).tiers as Json[]).map((t) => t.id);
    await emu.call("POST", `/v1/promotions/${promotion.id}/stacks`, {
      body: { name: "s", tiers: { ids }, category_id: cat.id },
    });
    assert.equal((await emu.call("DELETE", `/v1/categories/${cat.id}`)).status, 400);
    await emu.call("DELETE", `/v1/campaigns/${promotion.id}`);
    await emu.settle();
    assert.equal((await emu.call("DELETE", `/v1/categories/${cat.id}`)).status, 204);
  });

  it("the provider's client: create, read, one PUT per edit, find by name, delete; responses parse", async () => {
    const emu = await start(REPLAYS_VENDOR_EXAMPLES);
    const http = createHttpClient({
      apiUrl: emu.url,
      applicationId: APP_ID,
      secretKey: SECRET_KEY,
      timeUnitMs: 1,
    });
    const created = await clientCreate(http, { name: "Summer", hierarchy: 2 });
    assert.deepEqual(fromApiCategory(await getCategory(http, created.id)), { name: "Summer", hierarchy: 2 });
    const before = emu.requests().length;
    const updated = await updateCategory(http, created.id, { name: "Winter", hierarchy: 0 });
    assert.deepEqual(fromApiCategory(updated), { name: "Winter", hierarchy: 0 });
    assert.deepEqual(
      emu
        .requests()
        .slice(before)
        .map((r) => `${r.method} ${r.path} ${r.status}`),
      [`PUT /v1/categories/${created.id} 200`],
    );
    await clientCreate(http, { name: "Winter", hierarchy: 5 });
    assert.deepEqual(
      (await findCategoriesByName(http, "Winter")).map((c) => c.hierarchy),
      [0, 5],
      "names are not unique: every match",
    );
    await deleteCategory(http, created.id);
    await assert.rejects(getCategory(http, created.id), (e) => isNotFound(e));
  });

  after(() => {
    check.assertCovered([
      "POST /v1/categories 200",
      "GET /v1/categories 200",
      "GET /v1/categories/{categoryId} 200",
      "PUT /v1/categories/{categoryId} 200",
      "DELETE /v1/categories/{categoryId} 204",
    ]);
  });
});
