// The PromotionStack resource through its adapter functions, against the emulator of each profile: create with
// tier IDs from the promotion's `tierIds` output, a reorder or a rename as one PUT, another campaign as a
// replacement, the documented tier limit offline, drift, import by `camp_…/stack_…`, a tier the promotion drops,
// and destroy of the whole graph under both values of the emulator's stacked-tier switch.
import * as assert from "node:assert/strict";
import { calls, promotion, tier } from "./resources-support";
import { adapters, ContractStack, forEachProfile, type Json, rejection } from "./support";

const stackProvider = adapters.PromotionStack;

/** The promotion's tier ID of `key` (its `tierIds` output). */
const tierId = (s: ContractStack, key: string): string =>
  (s.output("promo", "tierIds") as Record<string, string>)[key] as string;

const graph = (order: string[], extra: Json = {}) => ({
  cat: { name: "stacking", hierarchy: 1 },
  promo: promotion(),
  stack: (s: ContractStack) => ({
    campaignId: s.id("promo"),
    tierIds: order.map((k) => tierId(s, k)),
    categoryId: s.id("cat"),
    ...extra,
  }),
});

const KINDS = { cat: "Category", stack: "PromotionStack" } as const;

forEachProfile("contract: PromotionStack", (ctx) => {
  it("creates with an autoname in the declared order; a reorder and a rename are one PUT each", async () => {
    const stack = new ContractStack(graph(["Ten", "Twenty"]), KINDS);
    await stack.up();
    const id = stack.id("stack");
    const campaignId = stack.id("promo");
    assert.match(id, /^stack_/);
    assert.match(String(stack.output("stack", "name")), /^stack-[a-z0-9]{7}$/);
    const path = `/v1/promotions/${campaignId}/stacks/${id}`;
    const got = await ctx.emulator.api<Json>("GET", path);
    assert.deepEqual(got.body.tiers, {
      ids: [tierId(stack, "Ten"), tierId(stack, "Twenty")],
      hierarchy_mode: "MANUAL",
    });
    assert.equal(got.body.category_id, stack.id("cat"));
    await ctx.emulator.clearRequests();
    await stack.preview({ expectNoChanges: true });
    assert.deepEqual(await calls(ctx.emulator), [], "no request in check or diff");

    stack.spec = graph(["Twenty", "Ten"]);
    assert.deepEqual(await stack.up(), { create: 0, update: 1, replace: 0, delete: 0, same: 2 });
    assert.deepEqual(await calls(ctx.emulator), [`PUT ${path}`]);
    const reordered = await ctx.emulator.api<Json>("GET", path);
    assert.deepEqual((reordered.body.tiers as Json).ids, [tierId(stack, "Twenty"), tierId(stack, "Ten")]);
    await stack.preview({ expectNoChanges: true });

    await ctx.emulator.clearRequests();
    stack.spec = graph(["Twenty", "Ten"], { name: "big first" });
    await stack.up();
    assert.deepEqual(await calls(ctx.emulator), [`PUT ${path}`]);
    assert.equal((await ctx.emulator.api<Json>("GET", path)).body.name, "big first");
    assert.equal(stack.id("stack"), id);
    await stack.preview({ expectNoChanges: true });
  });

  it("replaces the stack when it moves to another campaign", async () => {
    const spec = {
      ...graph(["Ten"]),
      other: promotion({ name: "other promotion" }),
      stack: (s: ContractStack) => ({ campaignId: s.id("promo"), tierIds: [tierId(s, "Ten")] }),
    };
    const stack = new ContractStack(spec, KINDS);
    await stack.up();
    const [oldId, oldCampaign] = [stack.id("stack"), stack.id("promo")];
    stack.spec.stack = (s) => ({
      campaignId: s.id("other"),
      tierIds: [(s.output("other", "tierIds") as Record<string, string>).Ten as string],
    });
    assert.equal((await stack.preview()).replace, 1);
    assert.equal((await stack.up()).replace, 1);
    assert.notEqual(stack.id("stack"), oldId);
    const gone = await ctx.emulator.api("GET", `/v1/promotions/${oldCampaign}/stacks/${oldId}`);
    assert.equal(gone.status, 404);
    await stack.preview({ expectNoChanges: true });
  });

  it("fails check offline for more than 30 tiers, a tier listed twice, and a tier the promotion no longer has", async () => {
    const ids = Array.from({ length: 31 }, (_, i) => `promo_${i}`);
    const stack = new ContractStack(
      { stack: { campaignId: "camp_1", tierIds: ids } },
      { stack: "PromotionStack" },
    );
    assert.match(String(await rejection(stack.preview())), /tierIds: a stack can have up to 30 tiers/);
    stack.spec.stack = { campaignId: "camp_1", tierIds: ["promo_1", "promo_1"] };
    assert.match(String(await rejection(stack.preview())), /tierIds\[1\]: tier promo_1 is listed twice/);
    // `promo.tierIds.apply(t => t["Gone"])` of a dropped key: the engine sends the place as null.
    stack.spec.stack = { campaignId: "camp_1", tierIds: ["promo_1", null] };
    assert.match(
      String(await rejection(stack.preview())),
      /tierIds\[1\]: .*tier key the campaign no longer has/,
    );
    assert.deepEqual(await calls(ctx.emulator), []);
  });

  it("shows an out-of-band reorder as drift and puts it back; recreates a deleted stack; imports camp_…/stack_…", async () => {
    const stack = new ContractStack(graph(["Ten", "Twenty"]), KINDS);
    await stack.up();
    const [id, campaignId] = [stack.id("stack"), stack.id("promo")];
    const path = `/v1/promotions/${campaignId}/stacks/${id}`;
    await ctx.emulator.api("PUT", path, {
      tiers: { ids: [tierId(stack, "Twenty")], hierarchy_mode: "MANUAL" },
    });
    await ctx.emulator.clearRequests();
    const drift = await stack.refresh();
    assert.equal(drift.update, 1);
    assert.equal(
      (await calls(ctx.emulator)).filter((c) => c === `GET ${path}`).length,
      1,
      "one GET for the stack",
    );
    await stack.up();
    assert.deepEqual(((await ctx.emulator.api<Json>("GET", path)).body.tiers as Json).ids, [
      tierId(stack, "Ten"),
      tierId(stack, "Twenty"),
    ]);

    const imported = await stackProvider.read(`${campaignId}/${id}`, undefined);
    assert.equal(imported.id, id);
    assert.deepEqual(imported.inputs, {
      campaignId,
      name: stack.output("stack", "name"),
      tierIds: [tierId(stack, "Ten"), tierId(stack, "Twenty")],
      categoryId: stack.id("cat"),
    });

    await ctx.emulator.api("DELETE", path);
    await stack.refresh();
    assert.equal(stack.state.has("stack"), false);
    assert.equal((await stack.up()).create, 1);
  });

  for (const stackedTierDelete of ["drop", "refuse"] as const) {
    it(`drops a tier from the promotion and the stack in one change; destroys the graph (stacked-tier delete: ${stackedTierDelete})`, async () => {
      const emulator = await ctx.restart({ stackedTierDelete });
      const stack = new ContractStack(graph(["Ten", "Twenty"]), KINDS);
      await stack.up();
      stack.spec = {
        ...graph(["Ten"]),
        promo: promotion({}, [tier("Ten", 1000)]),
      };
      if (stackedTierDelete === "drop") {
        // The campaign's tier delete takes the tier out of the stack; the stack's PUT then states the new order.
        await stack.up();
        await stack.preview({ expectNoChanges: true });
        const got = await emulator.api<Json>(
          "GET",
          `/v1/promotions/${stack.id("promo")}/stacks/${stack.id("stack")}`,
        );
        assert.deepEqual((got.body.tiers as Json).ids, [tierId(stack, "Ten")]);
      } else {
        // Voucherify refusing to delete a stacked tier stops the campaign's update with its error; nothing of the
        // stack changed. Taking the tier out of the stack first (one `up`) and then out of the promotion works.
        assert.match(String(await rejection(stack.up())), /in use|stack/i);
        stack.spec = { ...graph(["Ten"]) };
        await stack.up();
        assert.deepEqual((await stack.preview()).same, 3);
        stack.spec = { ...graph(["Ten"]), promo: promotion({}, [tier("Ten", 1000)]) };
        await stack.up();
        await stack.preview({ expectNoChanges: true });
      }
      await stack.destroy();
      assert.deepEqual(
        (await emulator.api<{ data: unknown[] }>("GET", "/v1/promotions/stacks")).body.data,
        [],
      );
      assert.deepEqual((await emulator.api<{ data: unknown[] }>("GET", "/v1/categories")).body.data, []);
    });
  }
});
