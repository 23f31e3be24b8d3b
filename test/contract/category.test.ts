// The Category resource through its adapter functions, against the emulator of each profile: create, no change
// after create, an edit as one PUT, drift, import, and delete of a category a campaign uses under both values of
// the emulator's used-category switch.
import * as assert from "node:assert/strict";
import { calls, promotion } from "./resources-support";
import { adapters, ContractStack, forEachProfile, type Json, rejection } from "./support";

const category = adapters.Category;

forEachProfile("contract: Category", (ctx) => {
  it("creates, previews clean, and an edit of either field is one PUT", async () => {
    const stack = new ContractStack({ cat: { name: "first", hierarchy: 1 } }, { cat: "Category" });
    await stack.up();
    const id = stack.id("cat");
    assert.match(id, /^cat_/);
    await ctx.emulator.clearRequests();
    await stack.preview({ expectNoChanges: true });
    stack.spec.cat = { name: "first", hierarchy: 5 };
    assert.equal((await stack.preview()).update, 1);
    assert.deepEqual(await calls(ctx.emulator), [], "no request in check or diff");
    assert.deepEqual(await stack.up(), { create: 0, update: 1, replace: 0, delete: 0, same: 0 });
    assert.deepEqual(await calls(ctx.emulator), [`PUT /v1/categories/${id}`]);
    assert.equal((await ctx.emulator.api<Json>("GET", `/v1/categories/${id}`)).body.hierarchy, 5);
    stack.spec.cat = { name: "renamed", hierarchy: 5 };
    await stack.up();
    assert.equal(stack.id("cat"), id);
    assert.equal((await ctx.emulator.api<Json>("GET", `/v1/categories/${id}`)).body.name, "renamed");
    await stack.preview({ expectNoChanges: true });
  });

  it("fails check offline for a negative or fractional hierarchy", async () => {
    const stack = new ContractStack({ cat: { name: "x", hierarchy: -1 } }, { cat: "Category" });
    assert.match(String(await rejection(stack.preview())), /hierarchy: must be a whole number >= 0/);
    stack.spec.cat = { name: "x", hierarchy: 1.5 };
    assert.match(String(await rejection(stack.preview())), /hierarchy: must be a whole number >= 0/);
    assert.deepEqual(await calls(ctx.emulator), []);
  });

  it("shows an out-of-band edit as drift and puts it back; recreates a deleted category; imports one", async () => {
    const stack = new ContractStack({ cat: { name: "drifting", hierarchy: 2 } }, { cat: "Category" });
    await stack.up();
    const id = stack.id("cat");
    await ctx.emulator.api("PUT", `/v1/categories/${id}`, { name: "drifting", hierarchy: 9 });
    await ctx.emulator.clearRequests();
    assert.equal((await stack.refresh()).update, 1);
    assert.deepEqual(await calls(ctx.emulator), [`GET /v1/categories/${id}`]);
    assert.equal((await stack.up()).update, 1);
    assert.equal((await ctx.emulator.api<Json>("GET", `/v1/categories/${id}`)).body.hierarchy, 2);

    await ctx.emulator.api("DELETE", `/v1/categories/${id}`);
    assert.equal((await stack.refresh()).delete, 1);
    assert.equal((await stack.up()).create, 1);

    const read = await category.read(stack.id("cat"), {});
    assert.deepEqual(read.inputs, { name: "drifting", hierarchy: 2 });
  });

  for (const usedCategoryDelete of ["unassign", "refuse"] as const) {
    it(`references: a campaign names the category by ID; destroy succeeds (used-category delete: ${usedCategoryDelete})`, async () => {
      const emulator = await ctx.restart({ usedCategoryDelete });
      const stack = new ContractStack(
        { cat: { name: "promos", hierarchy: 1 }, promo: (s) => promotion({ categoryId: s.id("cat") }) },
        { cat: "Category" },
      );
      await stack.up();
      const { body } = await emulator.api<Json>("GET", `/v1/campaigns/${stack.id("promo")}`);
      assert.equal(body.category_id, stack.id("cat"));
      await stack.preview({ expectNoChanges: true });

      // Deleted out of order, the category still used: the switch decides.
      const early = category.delete(stack.id("cat"), stack.recorded("cat").outs);
      if (usedCategoryDelete === "refuse") {
        assert.match(String(await rejection(early)), /in use/i);
      } else {
        await early;
        stack.state.delete("cat");
      }
      // The engine deletes the campaign first, then the category it references.
      await stack.destroy();
      assert.deepEqual((await emulator.api<{ data: unknown[] }>("GET", "/v1/categories")).body.data, []);
      assert.deepEqual(
        (await emulator.api<{ campaigns: unknown[] }>("GET", "/v1/campaigns")).body.campaigns,
        [],
      );
    });
  }
});
