// Edits that keep a campaign's history: promotion tiers and validation rules change in place, tier by tier and
// through assignments; replacements that could lose the campaign without a way back stop at preview.
import * as assert from "node:assert/strict";
import { isCampaignPartialFailureError } from "../../../provider/campaign/errors";
import { createCampaignResource, diff, updateCampaignResource } from "../../../provider/campaign/lifecycle";
import { check } from "../../../provider/campaign/offline";
import { FakeVoucherify, serverError } from "../provider/fake-api";
import { checked, type Json, rejection, runtime } from "./harness";

const tier = (name: string, extra: Json = {}): Json => ({
  name,
  banner: `${name} banner`,
  action: { discount: { type: "AMOUNT", amountOff: 1000 } },
  ...extra,
});

const promotion = (tiers: Json[], extra: Json = {}): Json => ({
  name: "summer",
  campaignType: "PROMOTION",
  promotion: { tiers },
  ...extra,
});

/** Creates `raw`, then returns a function that applies the next declaration as the engine would. */
async function created(api: FakeVoucherify, raw: Json) {
  const first = await createCampaignResource(runtime(api), await checked(raw));
  let outs = first.outs;
  return {
    id: first.id,
    outs: () => outs,
    async next(nextRaw: Json) {
      const news = await checked(nextRaw, outs);
      const d = await diff(first.id, outs, news);
      assert.deepEqual(d.replaces, [], "an in-place change");
      api.log.length = 0;
      outs = (await updateCampaignResource(runtime(api), first.id, outs, news)).outs;
      return outs;
    },
  };
}

describe("in-place edits: promotion tiers", () => {
  it("records each tier's ID by key on create", async () => {
    const api = new FakeVoucherify();
    const c = await created(api, promotion([tier("A"), tier("B")]));
    const ids = c.outs().tierIds as Record<string, string>;
    assert.deepEqual(Object.keys(ids).sort(), ["A", "B"]);
    assert.match(String(ids.A), /^promo_/);
  });

  it("edits one tier's banner with one tier PUT, keeping the campaign and tier IDs", async () => {
    const api = new FakeVoucherify();
    const c = await created(api, promotion([tier("A"), tier("B")]));
    const ids = c.outs().tierIds as Record<string, string>;
    const outs = await c.next(promotion([tier("A", { banner: "40% off now" }), tier("B")]));
    assert.deepEqual(api.log, [`PUT /v1/promotions/tiers/${ids.A}`]);
    assert.deepEqual(outs.tierIds, ids);
    assert.equal(outs.campaignId, c.id);
    assert.equal(api.tiers.get(String(ids.A))?.banner, "40% off now");
  });

  it("adds a tier with one POST, removes one with one DELETE, renames a keyed tier with one PUT", async () => {
    const api = new FakeVoucherify();
    const c = await created(api, promotion([tier("A", { key: "a" }), tier("B")]));
    const ids = c.outs().tierIds as Record<string, string>;
    await c.next(promotion([tier("A", { key: "a" }), tier("B"), tier("C")]));
    assert.deepEqual(api.log, [`POST /v1/promotions/${c.id}/tiers`]);
    await c.next(promotion([tier("A", { key: "a" }), tier("C")]));
    assert.deepEqual(api.log, [`DELETE /v1/promotions/tiers/${ids.B}`]);
    const outs = await c.next(promotion([tier("Renamed", { key: "a" }), tier("C")]));
    assert.deepEqual(api.log, [`PUT /v1/promotions/tiers/${ids.a}`]);
    assert.equal((outs.tierIds as Record<string, string>).a, ids.a, "the renamed tier keeps its ID");
  });

  it("sees no change when the tiers come back in another order", async () => {
    const api = new FakeVoucherify();
    const c = await created(api, promotion([tier("A"), tier("B")]));
    const news = await checked(promotion([tier("B"), tier("A")]), c.outs());
    assert.equal((await diff(c.id, c.outs(), news)).changes, false);
  });

  it("disables a tier through its endpoint and moves its validation rule through assignments", async () => {
    const api = new FakeVoucherify();
    const c = await created(api, promotion([tier("A", { validationRules: ["val_old"] })]));
    const id = (c.outs().tierIds as Record<string, string>).A;
    const old = [...api.assignments.values()].find((a) => a.rule_id === "val_old")?.id;
    await c.next(promotion([tier("A", { validationRules: ["val_new"], active: false })]));
    assert.deepEqual(api.log, [
      "POST /v1/validation-rules/val_new/assignments",
      `GET /v1/validation-rules-assignments?related_object_id=${id}&rule=val_old&limit=100`,
      `DELETE /v1/validation-rules/val_old/assignments/${old}`,
      `POST /v1/promotions/tiers/${id}/disable`,
    ]);
    assert.deepEqual(
      [...api.assignments.values()].map((a) => `${a.rule_id}→${a.related_object_id}`),
      [`val_new→${id}`],
    );
  });

  it("records the tiers applied before a tier call failed, so the next up finishes the rest", async () => {
    const api = new FakeVoucherify();
    const c = await created(api, promotion([tier("A"), tier("B")]));
    const news = await checked(
      promotion([tier("A", { banner: "new A" }), tier("B", { banner: "new B" })]),
      c.outs(),
    );
    const ids = c.outs().tierIds as Record<string, string>;
    api.failOnce(new RegExp(`PUT /v1/promotions/tiers/${ids.B}`), serverError);
    const e = await rejection(updateCampaignResource(runtime(api), c.id, c.outs(), news));
    assert.ok(isCampaignPartialFailureError(e), String(e));
    const recorded = e.properties as Json;
    const recordedTiers = (recorded.promotion as { tiers: Json[] }).tiers;
    assert.equal(recordedTiers.find((t) => t.key === "A")?.banner, "new A", "A was applied");
    assert.equal(recordedTiers.find((t) => t.key === "B")?.banner, "B banner", "B was not");
    const again = await checked(
      promotion([tier("A", { banner: "new A" }), tier("B", { banner: "new B" })]),
      recorded,
    );
    api.log.length = 0;
    await updateCampaignResource(runtime(api), c.id, recorded, again);
    assert.deepEqual(api.log, [`PUT /v1/promotions/tiers/${ids.B}`], "only B is left to do");
  });
});

describe("in-place edits: validation rules", () => {
  const discount = (rules?: string[]): Json => ({
    name: "spring",
    campaignType: "DISCOUNT_COUPONS",
    voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
    ...(rules === undefined ? {} : { validationRules: rules }),
  });

  it("assigns the new rule, then removes the old assignment, keeping the campaign", async () => {
    const api = new FakeVoucherify();
    const c = await created(api, discount(["val_old"]));
    const old = [...api.assignments.values()][0]?.id;
    const outs = await c.next(discount(["val_new"]));
    assert.deepEqual(api.log, [
      "POST /v1/validation-rules/val_new/assignments",
      `GET /v1/validation-rules-assignments?related_object_id=${c.id}&rule=val_old&limit=100`,
      `DELETE /v1/validation-rules/val_old/assignments/${old}`,
    ]);
    assert.equal(outs.campaignId, c.id);
    assert.deepEqual(outs.validationRules, ["val_new"]);
  });
});

describe("replacements that stop at preview", () => {
  const coupons = (extra: Json = {}): Json => ({
    name: "spring",
    campaignType: "DISCOUNT_COUPONS",
    voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
    vouchers: [{ code: "SPRING-1" }],
    ...extra,
  });
  const NOW = Date.parse("2030-06-01T00:00:00Z");

  async function previewOf(before: Json, after: Json) {
    const api = new FakeVoucherify();
    const { outs } = await createCampaignResource(runtime(api), await checked(before));
    api.log.length = 0;
    const result = await check(outs, after, { now: () => NOW });
    return { result, calls: api.log.length };
  }

  it("deletes first when a replacement declares codes, even under a new name", async () => {
    const api = new FakeVoucherify();
    const { id, outs } = await createCampaignResource(runtime(api), await checked(coupons()));
    const news = await checked(coupons({ name: "spring-2", useVoucherMetadataSchema: false }), outs);
    const d = await diff(id, outs, news);
    assert.deepEqual(d.replaces.sort(), ["name", "useVoucherMetadataSchema"]);
    assert.equal(d.deleteBeforeReplace, true, "codes are unique per project: the old campaign must go first");
  });

  it("stops a replacement of a binned campaign whose codes the new one declares", async () => {
    const { result, calls } = await previewOf(
      coupons({ deletePolicy: "bin" }),
      coupons({ deletePolicy: "bin", useVoucherMetadataSchema: false }),
    );
    assert.equal(calls, 0);
    const failure = result.failures.find((f) => f.property === "deletePolicy");
    assert.ok(failure, JSON.stringify(result.failures));
    assert.match(failure.reason, /bin.*name and codes reserved.*permanent.*a new name and new codes/s);
  });

  it("stops a delete-first replacement whose startDate is in the past", async () => {
    const { result, calls } = await previewOf(
      coupons({ startDate: "2030-05-01T00:00:00Z" }),
      coupons({ startDate: "2030-05-01T00:00:00Z", useVoucherMetadataSchema: false }),
    );
    assert.equal(calls, 0);
    const failure = result.failures.find((f) => f.property === "startDate");
    assert.ok(failure, JSON.stringify(result.failures));
    assert.match(failure.reason, /in the past.*deleting the old one first.*startDate in the future/s);
  });

  it("lets an update of a campaign with a past startDate through", async () => {
    const { result } = await previewOf(
      coupons({ startDate: "2030-05-01T00:00:00Z" }),
      coupons({ startDate: "2030-05-01T00:00:00Z", description: "new" }),
    );
    assert.deepEqual(result.failures, []);
  });

  it("warns, without failing, when a new campaign starts in the past", async () => {
    const logs: string[] = [];
    // The engine passes empty olds for a resource it creates.
    const result = await check({}, coupons({ startDate: "2030-05-01T00:00:00Z" }), {
      now: () => NOW,
      log: (m) => logs.push(m),
    });
    assert.deepEqual(result.failures, []);
    assert.ok(
      logs.some((l) => /startDate .* is in the past/.test(l)),
      logs.join("\n"),
    );
  });
});
