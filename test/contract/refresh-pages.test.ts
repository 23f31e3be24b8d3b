// A refresh through the adapter functions with the provider's campaign reader (provider/client/campaign-pages.ts,
// one per provider process, provider/kit/runtime.ts): reads in flight at the engine's parallelism cost the shared
// list pages instead of one GET each, and every drift reads as it does with one read at a time, which the reader
// answers with the single GET.
import * as assert from "node:assert/strict";
import { render, type TestEmulator } from "../helpers/emulator";
import { ContractStack, forEachProfile, type Json, type Recorded } from "./support";

/** The engine's default parallelism on 2 cores. */
const ENGINE_PARALLELISM = 8;
const RULES = ["val_pages_old", "val_pages_new"];

const campaign = (name: string, extra: Json = {}): Json => ({
  name,
  campaignType: "DISCOUNT_COUPONS",
  description: "5% off",
  voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 5 } },
  ...extra,
});

/** A second stack holding the same recorded state as `stack`. */
function copyOf(stack: ContractStack): ContractStack {
  const copy = new ContractStack(stack.spec);
  for (const [name, recorded] of stack.state) copy.state.set(name, structuredClone(recorded));
  return copy;
}

/** Recorded state by resource name, in name order (parallel reads finish in any order). */
function stateOf(stack: ContractStack): Record<string, Recorded> {
  return Object.fromEntries([...stack.state].sort(([a], [b]) => a.localeCompare(b)));
}

/** The requests `work` made, rendered, once the emulator is idle before it. */
async function requestsOf<T>(emulator: TestEmulator, work: () => Promise<T>) {
  await emulator.settle();
  await emulator.clearRequests();
  const result = await work();
  return { result, requests: render(await emulator.requests()) };
}

forEachProfile(
  "refresh through shared list pages",
  (ctx) => {
    it("reads 12 campaigns with 2 list requests at the engine's parallelism, where one read at a time costs 12 GETs", async () => {
      const spec: Record<string, Json> = {};
      for (let i = 0; i < 12; i++) spec[`c${i}`] = campaign(`pages ${i}`);
      spec.c0 = campaign("pages 0", { validationRules: [RULES[0]] });
      const stack = new ContractStack(spec);
      await stack.up();

      const one = await requestsOf(ctx.emulator, () => copyOf(stack).refresh());
      assert.equal(one.requests.length, 12);
      assert.ok(
        one.requests.every((r) => /^GET \/v1\/campaigns\/camp_\w+ 200$/.test(r)),
        one.requests.join("\n"),
      );

      const paged = await requestsOf(ctx.emulator, () => stack.refresh({ parallelism: ENGINE_PARALLELISM }));
      assert.deepEqual(paged.result, { create: 0, update: 0, replace: 0, delete: 0, same: 12 });
      assert.deepEqual(
        paged.requests.sort(),
        ["GET /v1/campaigns 200", "GET /v1/validation-rules-assignments 200"].sort(),
      );
      assert.deepEqual(stack.output("c0", "validationRules"), [RULES[0]]);
    });

    it("shows every drift as one read at a time does: a PUT, a disable, a rule assigned, metadata, a deletion, a PROMOTION edit", async () => {
      const spec: Record<string, Json> = {};
      for (let i = 0; i < 8; i++) spec[`c${i}`] = campaign(`drift ${i}`, { metadata: { team: "growth" } });
      spec.c3 = campaign("drift 3", { metadata: { team: "growth" }, validationRules: [RULES[0]] });
      spec.promo = {
        name: "drift promotion",
        campaignType: "PROMOTION",
        description: "5% off",
        promotion: {
          tiers: [{ name: "Over 100", action: { discount: { type: "AMOUNT", amountOff: 500 } } }],
        },
      };
      const stack = new ContractStack(spec);
      await stack.up();
      const id = (name: string) => String(stack.output(name, "campaignId"));
      const { emulator } = ctx;
      await emulator.api("PUT", `/v1/campaigns/${id("c1")}`, { description: "changed in the dashboard" });
      await emulator.api("POST", `/v1/campaigns/${id("c2")}/disable`);
      await emulator.api("POST", `/v1/validation-rules/${RULES[1]}/assignments`, {
        related_object_type: "campaign",
        related_object_id: id("c3"),
      });
      await emulator.api("PUT", `/v1/campaigns/${id("c4")}`, { metadata: { team: "sales" } });
      await emulator.api("DELETE", `/v1/campaigns/${id("c5")}?force=true`);
      await emulator.api("PUT", `/v1/campaigns/${id("promo")}`, { description: "changed in the dashboard" });
      const deleted = id("c5");

      const single = copyOf(stack);
      const one = await requestsOf(emulator, () => single.refresh());
      assert.ok(
        one.requests.every((r) => r.startsWith("GET /v1/campaigns/camp_")),
        one.requests.join("\n"),
      );
      const paged = await requestsOf(emulator, () => stack.refresh({ parallelism: ENGINE_PARALLELISM }));

      assert.deepEqual(one.result, { create: 0, update: 5, replace: 0, delete: 1, same: 3 });
      assert.deepEqual(paged.result, one.result);
      assert.deepEqual(stateOf(stack), stateOf(single));
      // The lists, then the single GET for what they cannot tell: the deleted campaign and the PROMOTION one.
      assert.deepEqual(
        paged.requests.sort(),
        [
          "GET /v1/campaigns 200",
          `GET /v1/campaigns/${deleted} 404`,
          `GET /v1/campaigns/${single.recorded("promo").id} 200`,
          "GET /v1/validation-rules-assignments 200",
        ].sort(),
      );
      assert.equal(stack.output("c1", "description"), "changed in the dashboard");
      assert.equal(stack.output("c2", "active"), false);
      assert.deepEqual(stack.output("c3", "validationRules"), RULES);
      assert.deepEqual(stack.output("c4", "metadata"), { team: "sales" });
    });
  },
  { validationRuleIds: RULES },
);
