// getValidationRule and getCategory (the core the program functions and the native invokes share) against the
// emulator of each profile: by ID (one GET), by name, absent as undefined, a category name two categories share.
import * as assert from "node:assert/strict";
import { runtimeFromConfig } from "../../provider/kit/runtime";
import { lookupCategory, lookupValidationRule } from "../../provider/lookups/referenced";
import { INVOKES, type Invoke } from "../../provider/native/invokes";
import { calls, orderOver } from "./resources-support";
import { forEachProfile, type Json, rejection } from "./support";

forEachProfile("contract: getValidationRule and getCategory", (ctx) => {
  it("finds a rule by ID in one GET and by name, and answers undefined for an absent one", async () => {
    const { body } = await ctx.emulator.api<Json>("POST", "/v1/validation-rules", {
      name: "big",
      ...orderOver(5000),
    });
    const http = runtimeFromConfig().http;
    await ctx.emulator.clearRequests();
    const byId = await lookupValidationRule(http, String(body.id));
    assert.deepEqual(await calls(ctx.emulator), [`GET /v1/validation-rules/${String(body.id)}`]);
    assert.equal(byId?.id, body.id);
    assert.equal(byId?.name, "big");
    assert.deepEqual(byId?.rules, orderOver(5000).rules);
    assert.equal((await lookupValidationRule(http, "big"))?.id, body.id);
    assert.equal(await lookupValidationRule(http, "val_000000000000"), undefined);
    assert.equal(await lookupValidationRule(http, "nobody"), undefined);
    const invoked = await (INVOKES["voucherify:index:getValidationRule"] as Invoke)(http, {
      nameOrId: "big",
    });
    assert.equal((invoked.validationRule as Json).id, body.id);
    assert.deepEqual(
      await (INVOKES["voucherify:index:getValidationRule"] as Invoke)(http, { nameOrId: "x" }),
      {},
    );
  });

  it("finds a category by ID and by name; refuses to guess between two of one name", async () => {
    const { body } = await ctx.emulator.api<Json>("POST", "/v1/categories", { name: "first", hierarchy: 1 });
    const http = runtimeFromConfig().http;
    assert.deepEqual(await lookupCategory(http, String(body.id)), {
      id: body.id,
      name: "first",
      hierarchy: 1,
      createdAt: body.created_at,
    });
    assert.equal((await lookupCategory(http, "first"))?.id, body.id);
    assert.equal(await lookupCategory(http, "cat_000000000000000000"), undefined);
    const invoked = await (INVOKES["voucherify:index:getCategory"] as Invoke)(http, { nameOrId: "first" });
    assert.equal((invoked.category as Json).id, body.id);
    await ctx.emulator.api("POST", "/v1/categories", { name: "first", hierarchy: 2 });
    assert.match(String(await rejection(lookupCategory(http, "first"))), /2 categories are named "first"/);
  });
});
