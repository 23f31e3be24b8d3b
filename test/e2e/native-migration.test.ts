// A TypeScript stack moves from the dynamic Campaign (pulumi-voucherify) to the native one
// (pulumi-voucherify/native) by changing the class it declares: nothing is created, replaced or deleted, the
// campaigns keep their IDs and generated names, and afterwards the stack previews clean under the native provider
// and destroys through it. What makes it work is described in provider/native/resource.ts and the README.
import * as assert from "node:assert/strict";
import type { CampaignArgs } from "pulumi-voucherify";
import { type CampaignStack, destroyAndDispose, openCampaignStack } from "../helpers/campaign-stack";
import { count, render, SECRET_KEY, startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { pluginPath } from "../helpers/native";

const SPEC: Record<string, CampaignArgs> = {
  // Autonamed, with generated codes.
  weekend: {
    campaignType: "DISCOUNT_COUPONS",
    description: "Weekend coupons",
    voucher: {
      type: "DISCOUNT_VOUCHER",
      discount: { type: "PERCENT", percentOff: 10 },
      codeConfig: { pattern: "MIG-####" },
    },
    vouchersCount: 3,
  },
  // Named, with inline codes (a secret JSON string in the dynamic state).
  cards: {
    name: "migration-cards",
    campaignType: "GIFT_VOUCHERS",
    voucher: { type: "GIFT_VOUCHER", gift: { amount: 5000 } },
    vouchers: [{ code: "MIG-CARD-1" }, { code: "MIG-CARD-2", giftAmount: 7500 }],
  },
};

describe("e2e: moving a TypeScript stack from the dynamic to the native Campaign", function () {
  this.timeout(600_000);
  let emulator: TestEmulator;
  let stack: CampaignStack | undefined;

  before(async () => {
    emulator = await startTestEmulator();
  });
  after(async () => {
    await destroyAndDispose(stack);
    await emulator.close();
  });

  it("keeps every campaign: no create, replace or delete, then a clean preview and a native destroy", async () => {
    stack = await openCampaignStack(emulator, SPEC, { env: { PATH: pluginPath() } });
    await stack.up();
    const before = {
      weekend: [await stack.output("weekend", "campaignId"), await stack.output("weekend", "name")],
      cards: [await stack.output("cards", "campaignId"), await stack.output("cards", "name")],
    };

    stack.kind = "native";
    await emulator.settle();
    await emulator.clearRequests();
    const moved = await stack.up();
    const changes = moved.summary.resourceChanges ?? {};
    assert.equal(changes.create, undefined, JSON.stringify(changes));
    assert.equal(changes.replace, undefined, JSON.stringify(changes));
    assert.equal(changes.delete, undefined, JSON.stringify(changes));
    assert.equal(changes.update, undefined, JSON.stringify(changes));
    const requests = await emulator.requests();
    assert.equal(count(requests, "POST", /^\/v1\/campaigns$/), 0, render(requests).join("\n"));
    assert.equal(count(requests, "DELETE", /^\/v1\/campaigns\//), 0, render(requests).join("\n"));
    assert.deepEqual(
      {
        weekend: [await stack.output("weekend", "campaignId"), await stack.output("weekend", "name")],
        cards: [await stack.output("cards", "campaignId"), await stack.output("cards", "name")],
      },
      before,
    );

    const state = await stack.exportState();
    assert.match(state, /voucherify:index:Campaign::weekend/);
    assert.doesNotMatch(state, /pulumi-nodejs:dynamic\/voucherify:Campaign/);
    assert.ok(!state.includes("MIG-CARD-1"), "the codes lost their secrecy in the move");
    assert.ok(!state.includes(SECRET_KEY), "the secret key is in the state");

    await stack.preview({ expectNoChanges: true });
    // Still a working resource under the native provider: an edit goes out as one PUT.
    stack.spec = {
      ...SPEC,
      weekend: { ...SPEC.weekend, description: "Edited after the move" },
    } as typeof SPEC;
    await emulator.clearRequests();
    await stack.up();
    assert.equal(count(await emulator.requests(), "PUT", /^\/v1\/campaigns\/camp_/), 1);

    await stack.destroy();
    for (const [id] of Object.values(before)) {
      assert.equal(
        (await emulator.api("GET", `/v1/campaigns/${String(id)}`)).status,
        404,
        `${String(id)} survived`,
      );
    }
  });
});
