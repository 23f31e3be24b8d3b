// The ValidationRule resource through its adapter functions, against the emulator of each profile: create, no
// change after create, an edit as one PUT that touches no campaign, check offline naming the path, drift, import,
// and delete of a rule a campaign references under both values of the emulator's assigned-rule switch.
import * as assert from "node:assert/strict";
import { calls, orderOver, promotion, tier } from "./resources-support";
import { adapters, ContractStack, forEachProfile, type Json, rejection } from "./support";

const rule = adapters.ValidationRule;

forEachProfile("contract: ValidationRule", (ctx) => {
  it("creates with an autoname, previews clean, and an edit of any field is one PUT", async () => {
    const stack = new ContractStack({ rule: orderOver(5000) }, { rule: "ValidationRule" });
    await stack.up();
    const id = stack.id("rule");
    assert.match(id, /^val_/);
    assert.match(String(stack.output("rule", "name")), /^rule-[a-z0-9]{7}$/);
    assert.equal(stack.output("rule", "type"), "expression");
    assert.equal(stack.output("rule", "contextType"), "global");
    await ctx.emulator.clearRequests();
    await stack.preview({ expectNoChanges: true });
    assert.deepEqual(await calls(ctx.emulator), [], "no request in check or diff");

    stack.spec.rule = orderOver(9000, { error: { message: "orders over 90.00 only" } });
    assert.equal((await stack.preview()).update, 1);
    assert.deepEqual(await calls(ctx.emulator), [], "no request in check or diff");
    const changes = await stack.up();
    assert.equal(changes.update, 1);
    assert.equal(changes.replace, 0);
    assert.deepEqual(await calls(ctx.emulator), [`PUT /v1/validation-rules/${id}`]);
    const { body } = await ctx.emulator.api<Json>("GET", `/v1/validation-rules/${id}`);
    assert.deepEqual((body.rules as Json)["1"], {
      name: "order.amount",
      conditions: { $more_than: [9000] },
      rules: {},
    });
    assert.deepEqual(body.error, { message: "orders over 90.00 only" });
    await stack.preview({ expectNoChanges: true });

    // Renamed, another type and context: still the one PUT, the same rule.
    await ctx.emulator.clearRequests();
    stack.spec.rule = orderOver(9000, { name: "big orders", contextType: "campaign.promotion" });
    await stack.up();
    assert.deepEqual(await calls(ctx.emulator), [`PUT /v1/validation-rules/${id}`]);
    assert.equal(stack.id("rule"), id);
    const after = await ctx.emulator.api<Json>("GET", `/v1/validation-rules/${id}`);
    assert.equal(after.body.name, "big orders");
    assert.equal(after.body.error ?? null, null, "a dropped error message is cleared");
    await stack.preview({ expectNoChanges: true });
  });

  it("reports a refused PUT with Voucherify's key and message, keeps the rule as it was, and applies on the next up", async () => {
    await ctx.emulator.api("POST", "/v1/validation-rules", { name: "taken", ...orderOver(1) });
    const stack = new ContractStack({ rule: orderOver(5000, { name: "mine" }) }, { rule: "ValidationRule" });
    await stack.up();
    stack.spec.rule = orderOver(6000, { name: "taken" });
    const error = String(await rejection(stack.up()));
    assert.match(error, /updating the validation rule/);
    assert.match(error, /duplicate_found/);
    assert.equal(stack.output("rule", "name"), "mine", "recorded as it was");
    assert.deepEqual(((stack.output("rule", "rules") as Json)["1"] as Json).conditions, {
      $more_than: [5000],
    });
    stack.spec.rule = orderOver(6000, { name: "mine, renamed" });
    assert.equal((await stack.up()).update, 1);
    await stack.preview({ expectNoChanges: true });
  });

  it("fails check offline naming the path of a malformed rule", async () => {
    const stack = new ContractStack(
      {
        rule: {
          rules: {
            "1": { name: "order.amount", conditions: { $bigger: [1] } },
            "2": { conditions: { $is: [1] } },
            logic: "1 and 3",
          },
        },
      },
      { rule: "ValidationRule" },
    );
    const failure = (await rejection(stack.preview())) as Error;
    assert.match(failure.message, /rules\.1\.conditions\.\$bigger: is not a documented operator/);
    assert.match(failure.message, /rules\.2\.name: is required/);
    assert.match(failure.message, /rules\.logic: names rule 3, which is not defined here/);
    assert.deepEqual(await calls(ctx.emulator), []);
  });

  it("shows an out-of-band edit as drift and puts it back; recreates a deleted rule", async () => {
    const stack = new ContractStack(
      { rule: orderOver(5000, { name: "drifting" }) },
      { rule: "ValidationRule" },
    );
    await stack.up();
    const id = stack.id("rule");
    await ctx.emulator.api("PUT", `/v1/validation-rules/${id}`, {
      rules: { "1": { name: "order.amount", conditions: { $more_than: [1] }, rules: {} }, logic: "1" },
    });
    await ctx.emulator.clearRequests();
    assert.equal((await stack.refresh()).update, 1);
    assert.deepEqual(await calls(ctx.emulator), [`GET /v1/validation-rules/${id}`], "one GET on refresh");
    assert.equal((await stack.up()).update, 1);
    const { body } = await ctx.emulator.api<Json>("GET", `/v1/validation-rules/${id}`);
    assert.deepEqual(((body.rules as Json)["1"] as Json).conditions, { $more_than: [5000] });
    assert.equal((await stack.refresh()).update, 0);

    await ctx.emulator.api("DELETE", `/v1/validation-rules/${id}`);
    assert.equal((await stack.refresh()).delete, 1);
    assert.equal((await stack.up()).create, 1);
    assert.notEqual(stack.id("rule"), id);
  });

  it("imports a rule by its ID with inputs that preview clean", async () => {
    const created = await ctx.emulator.api<Json>("POST", "/v1/validation-rules", {
      name: "imported",
      ...orderOver(5000),
      applicable_to: { included: [{ object: "product", id: "prod_1", effect: "APPLY_TO_EVERY" }] },
    });
    const id = String(created.body.id);
    const read = await rule.read(id, {});
    assert.equal(read.id, id);
    assert.deepEqual(read.inputs, {
      name: "imported",
      type: "expression",
      contextType: "global",
      applicableTo: { included: [{ object: "product", id: "prod_1", effect: "APPLY_TO_EVERY" }] },
      ...orderOver(5000),
    });
    const stack = new ContractStack({ rule: read.inputs as Json }, { rule: "ValidationRule" });
    stack.state.set("rule", { id, inputs: read.inputs as Json, outs: read.props as Json });
    await stack.preview({ expectNoChanges: true });
  });

  for (const assignedRuleDelete of ["unassign", "refuse"] as const) {
    it(`references: a campaign and a tier use rules by ID; an edit touches no campaign; destroy succeeds (assigned-rule delete: ${assignedRuleDelete})`, async () => {
      const emulator = await ctx.restart({ assignedRuleDelete });
      const stack = new ContractStack(
        {
          onCampaign: orderOver(5000),
          onTier: orderOver(2000),
          promo: (s) =>
            promotion({ validationRules: [s.id("onCampaign")] }, [
              tier("Ten", 1000, { validationRules: [s.id("onTier")] }),
              tier("Twenty", 2000),
            ]),
        },
        { onCampaign: "ValidationRule", onTier: "ValidationRule" },
      );
      await stack.up();
      const campaignId = stack.id("promo");
      const assigned = await emulator.api<{ data: { rule_id: string }[] }>(
        "GET",
        `/v1/validation-rules-assignments?related_object_id=${campaignId}`,
      );
      assert.deepEqual(
        assigned.body.data.map((a) => a.rule_id),
        [stack.id("onCampaign")],
      );
      await stack.preview({ expectNoChanges: true });

      await emulator.clearRequests();
      stack.spec.onCampaign = orderOver(7000);
      const changes = await stack.up();
      assert.deepEqual(changes, { create: 0, update: 1, replace: 0, delete: 0, same: 2 });
      assert.deepEqual(await calls(emulator), [`PUT /v1/validation-rules/${stack.id("onCampaign")}`]);
      await stack.preview({ expectNoChanges: true });

      // Deleted out of order, the rule still assigned: the switch decides.
      const early = rule.delete(stack.id("onTier"), stack.recorded("onTier").outs);
      if (assignedRuleDelete === "refuse") {
        assert.match(String(await rejection(early)), /resource_in_use|in use/i);
      } else await early;
      if (assignedRuleDelete === "unassign") stack.state.delete("onTier");

      // The engine deletes the campaign before the rules it references (reverse of creation here): the rules
      // are no longer assigned when their turn comes, so the refusing switch never fires.
      await stack.destroy();
      const rules = await emulator.api<{ data: unknown[] }>("GET", "/v1/validation-rules");
      assert.deepEqual(rules.body.data, []);
      const campaigns = await emulator.api<{ campaigns: unknown[] }>("GET", "/v1/campaigns");
      assert.deepEqual(campaigns.body.campaigns, []);
    });
  }
});
