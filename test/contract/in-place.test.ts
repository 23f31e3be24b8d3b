// Edits that keep a campaign's history: promotion tiers and validation rules change in place, tier by tier and
// through assignments; replacements that could lose the campaign without a way back stop at preview. Each step
// through the adapter functions against the emulator of each profile.
import * as assert from "node:assert/strict";
import type { TestEmulator } from "../helpers/emulator";
import {
  checked,
  collapsed,
  forEachProfile,
  type Json,
  PROVIDER_TEXT,
  provider,
  registration,
  rejection,
} from "./support";

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

interface Assignment {
  id: string;
  rule_id: string;
  related_object_id: string;
}

/** "METHOD /path?query" of each request since the last clear (query in the order the client sent it). */
async function calls(emulator: TestEmulator): Promise<string[]> {
  return (await emulator.requests()).map((r) => {
    const query = new URLSearchParams(r.query as Record<string, string>).toString();
    return `${r.method} ${r.path}${query === "" ? "" : `?${query}`}`;
  });
}

async function assignments(emulator: TestEmulator, objectId: string): Promise<Assignment[]> {
  await emulator.settle();
  const { body } = await emulator.api<{ data: Assignment[] }>(
    "GET",
    `/v1/validation-rules-assignments?related_object_id=${objectId}&limit=100`,
  );
  return body.data;
}

forEachProfile(
  "contract: in-place edits",
  (ctx) => {
    /** Creates `raw`, then returns a function that applies the next declaration as the engine would. */
    async function created(raw: Json) {
      const first = await provider.create(await checked(raw));
      let outs: Json = { ...first.outs, __provider: PROVIDER_TEXT };
      return {
        id: first.id,
        outs: () => outs,
        async next(nextRaw: Json) {
          const news = await checked(nextRaw, outs);
          const d = await provider.diff(first.id, outs, news);
          assert.deepEqual(d.replaces, [], "an in-place change");
          await ctx.emulator.settle();
          await ctx.emulator.clearRequests();
          outs = { ...(await provider.update(first.id, outs, news)).outs, __provider: PROVIDER_TEXT };
          return outs;
        },
      };
    }

    describe("promotion tiers", () => {
      it("records each tier's ID by key on create", async () => {
        const c = await created(promotion([tier("A"), tier("B")]));
        const ids = c.outs().tierIds as Record<string, string>;
        assert.deepEqual(Object.keys(ids).sort(), ["A", "B"]);
        assert.match(String(ids.A), /^promo_/);
      });

      it("edits one tier's banner with one tier PUT, keeping the campaign and tier IDs", async () => {
        const { emulator } = ctx;
        const c = await created(promotion([tier("A"), tier("B")]));
        const ids = c.outs().tierIds as Record<string, string>;
        const outs = await c.next(promotion([tier("A", { banner: "40% off now" }), tier("B")]));
        assert.deepEqual(collapsed(await calls(emulator)), [`PUT /v1/promotions/tiers/${ids.A}`]);
        assert.deepEqual(outs.tierIds, ids);
        assert.equal(outs.campaignId, c.id);
        const { body } = await emulator.api<{ banner: string }>("GET", `/v1/promotions/tiers/${ids.A}`);
        assert.equal(body.banner, "40% off now");
      });

      it("adds a tier with one POST, removes one with one DELETE, renames a keyed tier with one PUT", async () => {
        const { emulator } = ctx;
        const c = await created(promotion([tier("A", { key: "a" }), tier("B")]));
        const ids = c.outs().tierIds as Record<string, string>;
        await c.next(promotion([tier("A", { key: "a" }), tier("B"), tier("C")]));
        assert.deepEqual(collapsed(await calls(emulator)), [`POST /v1/promotions/${c.id}/tiers`]);
        await c.next(promotion([tier("A", { key: "a" }), tier("C")]));
        assert.deepEqual(collapsed(await calls(emulator)), [`DELETE /v1/promotions/tiers/${ids.B}`]);
        const outs = await c.next(promotion([tier("Renamed", { key: "a" }), tier("C")]));
        assert.deepEqual(collapsed(await calls(emulator)), [`PUT /v1/promotions/tiers/${ids.a}`]);
        assert.equal((outs.tierIds as Record<string, string>).a, ids.a, "the renamed tier keeps its ID");
      });

      it("sees no change when the tiers come back in another order", async () => {
        const c = await created(promotion([tier("A"), tier("B")]));
        const news = await checked(promotion([tier("B"), tier("A")]), c.outs());
        assert.equal((await provider.diff(c.id, c.outs(), news)).changes, false);
      });

      it("disables a tier through its endpoint and moves its validation rule through assignments", async () => {
        const { emulator } = ctx;
        const c = await created(promotion([tier("A", { validationRules: ["val_old"] })]));
        const id = (c.outs().tierIds as Record<string, string>).A as string;
        const old = (await assignments(emulator, id)).find((a) => a.rule_id === "val_old")?.id;
        assert.ok(old);
        await c.next(promotion([tier("A", { validationRules: ["val_new"], active: false })]));
        assert.deepEqual(collapsed(await calls(emulator)), [
          "POST /v1/validation-rules/val_new/assignments",
          `GET /v1/validation-rules-assignments?related_object_id=${id}&rule=val_old&limit=100`,
          `DELETE /v1/validation-rules/val_old/assignments/${old}`,
          `POST /v1/promotions/tiers/${id}/disable`,
        ]);
        assert.deepEqual(
          (await assignments(emulator, id)).map((a) => `${a.rule_id}→${a.related_object_id}`),
          [`val_new→${id}`],
        );
      });

      it("records the tiers applied before a tier call failed, so the next up finishes the rest", async () => {
        const { emulator } = ctx;
        const c = await created(promotion([tier("A"), tier("B")]));
        const news = await checked(
          promotion([tier("A", { banner: "new A" }), tier("B", { banner: "new B" })]),
          c.outs(),
        );
        const ids = c.outs().tierIds as Record<string, string>;
        await emulator.settle();
        await emulator.faults([
          { method: "PUT", path: `^/v1/promotions/tiers/${ids.B}$`, status: 500, times: 99 },
        ]);
        const e = (await rejection(provider.update(c.id, c.outs(), news))) as { properties?: Json };
        assert.ok(e.properties, String(e));
        const recorded = e.properties;
        const recordedTiers = (recorded.promotion as { tiers: Json[] }).tiers;
        assert.equal(recordedTiers.find((t) => t.key === "A")?.banner, "new A", "A was applied");
        assert.equal(recordedTiers.find((t) => t.key === "B")?.banner, "B banner", "B was not");
        const again = await checked(
          promotion([tier("A", { banner: "new A" }), tier("B", { banner: "new B" })]),
          recorded,
        );
        await emulator.clearFaults();
        await emulator.settle();
        await emulator.clearRequests();
        await provider.update(c.id, recorded, again);
        assert.deepEqual(
          collapsed(await calls(emulator)),
          [`PUT /v1/promotions/tiers/${ids.B}`],
          "only B is left to do",
        );
      });
    });

    describe("validation rules", () => {
      const discount = (rules?: string[]): Json => ({
        name: "spring",
        campaignType: "DISCOUNT_COUPONS",
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
        ...(rules === undefined ? {} : { validationRules: rules }),
      });

      it("assigns the new rule, then removes the old assignment, keeping the campaign", async () => {
        const { emulator } = ctx;
        const c = await created(discount(["val_old"]));
        const old = (await assignments(emulator, c.id))[0]?.id;
        assert.ok(old);
        const outs = await c.next(discount(["val_new"]));
        assert.deepEqual(collapsed(await calls(emulator)), [
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
      const past = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();

      async function previewOf(before: Json, after: Json) {
        const { emulator } = ctx;
        const { outs } = await provider.create(await checked(before));
        await emulator.settle();
        await emulator.clearRequests();
        const result = await provider.check(outs, registration("campaign", after));
        return { result, calls: (await emulator.requests()).length };
      }

      it("deletes first when a replacement declares codes, even under a new name", async () => {
        const { id, outs } = await provider.create(await checked(coupons()));
        const news = await checked(coupons({ name: "spring-2", useVoucherMetadataSchema: false }), outs);
        const d = await provider.diff(id, outs, news);
        assert.deepEqual(d.replaces.sort(), ["name", "useVoucherMetadataSchema"]);
        assert.equal(
          d.deleteBeforeReplace,
          true,
          "codes are unique per project: the old campaign must go first",
        );
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
          coupons({ startDate: past }),
          coupons({ startDate: past, useVoucherMetadataSchema: false }),
        );
        assert.equal(calls, 0);
        const failure = result.failures.find((f) => f.property === "startDate");
        assert.ok(failure, JSON.stringify(result.failures));
        assert.match(failure.reason, /in the past.*deleting the old one first.*startDate in the future/s);
      });

      it("lets an update of a campaign with a past startDate through", async () => {
        const { result } = await previewOf(
          coupons({ startDate: past }),
          coupons({ startDate: past, description: "new" }),
        );
        assert.deepEqual(result.failures, []);
      });

      it("warns, without failing, when a new campaign starts in the past", async () => {
        // The engine passes empty olds for a resource it creates.
        const result = await provider.check({}, registration("campaign", coupons({ startDate: past })));
        assert.deepEqual(result.failures, []);
        assert.ok(
          ctx.logs.some((l) => /startDate .* is in the past/.test(l)),
          ctx.logs.join("\n"),
        );
      });
    });
  },
  { validationRuleIds: ["val_old", "val_new"], pastStartDates: "accept" },
);
