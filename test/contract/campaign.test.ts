// The Campaign resource through the adapter functions, against the emulator of each profile, with its request log
// as the witness of every API call: create, update in place, replace, enable/disable, refresh, adopt, bad input at
// preview and retried failures. (Moved down from the engine e2e tier: none of this depends on the engine.)
import * as assert from "node:assert/strict";
import { count, render, type TestEmulator } from "../helpers/emulator";
import { CheckFailedError, ContractStack, forEachProfile, type Json, rejection } from "./support";

interface ApiCampaign {
  id: string;
  name: string;
  description?: string;
  active?: boolean;
}

export const discount = (extra: Json = {}): Json => ({
  campaignType: "DISCOUNT_COUPONS",
  description: "10% off",
  voucher: {
    type: "DISCOUNT_VOUCHER",
    discount: { type: "PERCENT", percentOff: 10 },
    codeConfig: { pattern: "E2E-####" },
  },
  vouchersCount: 3,
  ...extra,
});

export const allTypes = (description: string): Record<string, Json> => ({
  discount: discount({ name: "e2e discount", description }),
  gift: {
    name: "e2e gift",
    campaignType: "GIFT_VOUCHERS",
    description,
    voucher: { type: "GIFT_VOUCHER", gift: { amount: 5000 }, codeConfig: { pattern: "GIFT-####" } },
    vouchersCount: 2,
  },
  loyalty: {
    name: "e2e loyalty",
    campaignType: "LOYALTY_PROGRAM",
    description,
    voucher: { type: "LOYALTY_CARD", loyaltyCard: { points: 1000 }, codeConfig: { pattern: "LOY-####" } },
    vouchersCount: 2,
  },
  referral: {
    name: "e2e referral",
    campaignType: "REFERRAL_PROGRAM",
    description,
    referralProgram: { conversionEventType: "redemption" },
    voucher: {
      type: "DISCOUNT_VOUCHER",
      discount: { type: "AMOUNT", amountOff: 500 },
      isReferralCode: true,
      codeConfig: { pattern: "REF-####" },
    },
    vouchersCount: 2,
  },
  promotion: {
    name: "e2e promotion",
    campaignType: "PROMOTION",
    description,
    promotion: {
      tiers: [{ name: "Order over $100", action: { discount: { type: "AMOUNT", amountOff: 3000 } } }],
    },
  },
});

async function listCampaigns(emulator: TestEmulator): Promise<ApiCampaign[]> {
  const { body } = await emulator.api<{ campaigns: ApiCampaign[] }>("GET", "/v1/campaigns?limit=100");
  return body.campaigns;
}

/** The campaign once the emulator is idle (strict readiness refuses reads while codes follow a PUT). */
async function getCampaign(
  emulator: TestEmulator,
  id: string,
): Promise<{ status: number; body: ApiCampaign }> {
  await emulator.settle();
  return emulator.api<ApiCampaign>("GET", `/v1/campaigns/${encodeURIComponent(id)}`);
}

forEachProfile("contract: Campaign lifecycle", (ctx) => {
  it("creates every campaign type, previews no changes with zero API calls, updates in place, destroys all", async () => {
    const { emulator } = ctx;
    const stack = new ContractStack(allTypes("first"));
    const up = await stack.up();
    assert.equal(up.create, 5);
    const ids = new Map<string, unknown>();
    for (const name of ["discount", "gift", "loyalty", "referral", "promotion"]) {
      const id = stack.output(name, "campaignId");
      assert.match(String(id), /^camp_/);
      assert.equal(stack.recorded(name).id, id, "the resource ID is the campaign ID");
      ids.set(name, id);
    }
    assert.equal((await listCampaigns(emulator)).length, 5);

    await emulator.clearRequests();
    await stack.preview({ expectNoChanges: true });
    assert.deepEqual(render(await emulator.requests()), [], "preview makes no API calls");

    stack.spec = allTypes("second");
    await emulator.clearRequests();
    const update = await stack.up();
    assert.equal(update.update, 5);
    const log = await emulator.requests();
    assert.equal(count(log, "PUT", /^\/v1\/campaigns\/[^/]+$/), 5, render(log).join("\n"));
    assert.equal(count(log, "POST", /^\/v1\/campaigns$/), 0, "no campaign re-created");
    for (const [name, id] of ids) {
      assert.equal(stack.output(name, "campaignId"), id, `${name} kept its ID`);
      assert.equal(stack.output(name, "description"), "second", `${name}: recorded as applied`);
      assert.equal((await getCampaign(emulator, String(id))).body.description, "second");
    }

    const refresh = await stack.refresh();
    assert.equal(refresh.update, 0, "refresh after update finds no drift");
    await stack.preview({ expectNoChanges: true });

    await stack.destroy();
    assert.deepEqual(await listCampaigns(emulator), []);
  });

  it("replaces for every replace-forcing field, documented immutables included, each with a new ID and the old campaign gone", async () => {
    const { emulator } = ctx;
    const base = allTypes("replace");
    const discountVoucher = { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } };
    // One campaign per replace-forcing field: `before` is created, then `after` changes only that field.
    const cases: Record<string, { before: Json; after: Json }> = {
      name: { before: discount({ name: "r name" }), after: discount({ name: "r name renamed" }) },
      campaignType: {
        before: discount({ name: "r campaignType" }),
        after: { ...base.gift, name: "r campaignType" },
      },
      typeStandalone: {
        before: discount({ name: "r type", vouchersCount: 1 }),
        after: discount({ name: "r type", type: "STANDALONE", vouchersCount: 1 }),
      },
      useVoucherMetadataSchema: {
        before: discount({ name: "r metadata schema" }),
        after: discount({ name: "r metadata schema", useVoucherMetadataSchema: false }),
      },
      discountType: {
        before: discount({ name: "r discount type" }),
        after: discount({
          name: "r discount type",
          voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "AMOUNT", amountOff: 500 } },
        }),
      },
      giftAmount: {
        before: { ...base.gift, name: "r gift amount" },
        after: {
          ...base.gift,
          name: "r gift amount",
          voucher: { type: "GIFT_VOUCHER", gift: { amount: 7500 }, codeConfig: { pattern: "GIFT-####" } },
        },
      },
      referralConversionEvent: {
        before: { ...base.referral, name: "r conversion event" },
        after: {
          ...base.referral,
          name: "r conversion event",
          referralProgram: { conversionEventType: "custom_event", customEvent: { name: "signed_up" } },
        },
      },
      codeConfig: {
        before: discount(),
        after: discount({ voucher: { ...discountVoucher, codeConfig: { pattern: "NEXT-####" } } }),
      },
      redemptionQuantity: {
        before: discount({ name: "r quantity" }),
        after: discount({
          name: "r quantity",
          voucher: { ...discountVoucher, codeConfig: { pattern: "E2E-####" }, redemption: { quantity: 2 } },
        }),
      },
      loyaltyPoints: {
        before: { ...base.loyalty, name: "r points" },
        after: {
          ...base.loyalty,
          name: "r points",
          voucher: {
            type: "LOYALTY_CARD",
            loyaltyCard: { points: 2000 },
            codeConfig: { pattern: "LOY-####" },
          },
        },
      },
      isReferralCode: {
        before: { ...base.referral, name: "r referral" },
        after: {
          ...base.referral,
          name: "r referral",
          voucher: {
            type: "DISCOUNT_VOUCHER",
            discount: { type: "AMOUNT", amountOff: 500 },
            isReferralCode: false,
            codeConfig: { pattern: "REF-####" },
          },
        },
      },
    };
    const names = Object.keys(cases);
    const stack = new ContractStack(Object.fromEntries(names.map((n) => [n, cases[n]?.before as Json])));
    await stack.up();
    const before = new Map(names.map((n) => [n, String(stack.output(n, "campaignId"))]));

    stack.spec = Object.fromEntries(names.map((n) => [n, cases[n]?.after as Json]));
    const preview = await stack.preview();
    assert.equal(preview.replace, names.length, JSON.stringify(preview));
    await stack.up();
    for (const n of names) {
      const oldId = before.get(n) as string;
      const newId = String(stack.output(n, "campaignId"));
      assert.notEqual(newId, oldId, `${n}: new campaign`);
      assert.equal((await getCampaign(emulator, oldId)).status, 404, `${n}: old campaign gone`);
      assert.equal((await getCampaign(emulator, newId)).status, 200, `${n}: new campaign exists`);
    }
    assert.equal((await listCampaigns(emulator)).length, names.length);
    await stack.preview({ expectNoChanges: true });
  });

  it("disables with active: false and enables again", async () => {
    const { emulator } = ctx;
    const stack = new ContractStack({ promo: discount({ active: false }) });
    await stack.up();
    const id = String(stack.output("promo", "campaignId"));
    assert.equal((await getCampaign(emulator, id)).body.active, false);
    assert.equal(stack.output("promo", "isActive"), false);
    await stack.preview({ expectNoChanges: true });

    stack.spec = { promo: discount({ active: true }) };
    await emulator.clearRequests();
    await stack.up();
    assert.equal((await getCampaign(emulator, id)).body.active, true);
    assert.equal(stack.output("promo", "isActive"), true);
    assert.deepEqual(
      render(await emulator.requests()).filter((l) => !l.startsWith("GET")),
      [`POST /v1/campaigns/${id}/enable 200`],
    );
  });

  it("finds out-of-band changes and deletions on refresh, and the next up repairs them", async () => {
    const { emulator } = ctx;
    const stack = new ContractStack({ promo: discount({ metadata: { team: "growth" } }) });
    await stack.up();
    const id = String(stack.output("promo", "campaignId"));

    await emulator.api("PUT", `/v1/campaigns/${id}`, { description: "changed in the dashboard" });
    await emulator.settle(); // the out-of-band change has finished, whatever the profile's readiness
    await emulator.clearRequests();
    const refresh = await stack.refresh();
    assert.equal(refresh.update, 1, "refresh records the drift");
    assert.deepEqual(
      render(await emulator.requests()),
      [`GET /v1/campaigns/${id} 200`],
      "refresh is one GET",
    );
    const preview = await stack.preview();
    assert.equal(preview.update, 1, "the drift shows as a change to undo");
    await stack.up();
    assert.equal((await getCampaign(emulator, id)).body.description, "10% off");

    await emulator.api("DELETE", `/v1/campaigns/${id}?force=true`);
    const refreshGone = await stack.refresh();
    assert.equal(refreshGone.delete, 1, "refresh drops the deleted campaign");
    const recreate = await stack.up();
    assert.equal(recreate.create, 1);
    assert.notEqual(stack.output("promo", "campaignId"), id);
  });

  it("adopts an existing campaign with adopt: true and refuses a name clash without it", async () => {
    const { emulator } = ctx;
    const created = await emulator.api<ApiCampaign>("POST", "/v1/campaigns", {
      name: "e2e existing",
      campaign_type: "DISCOUNT_COUPONS",
      type: "AUTO_UPDATE",
      voucher: {
        type: "DISCOUNT_VOUCHER",
        discount: { type: "PERCENT", percent_off: 10 },
        code_config: { pattern: "E2E-####" },
      },
      vouchers_count: 3,
    });
    assert.equal(created.status, 200);
    // Someone else's campaign in use: one of its codes is published (a fresh, untouched campaign of the same
    // settings would be taken for one an interrupted run of this program created).
    await emulator.settle();
    const { body: listed } = await emulator.api<{ vouchers: { code: string }[] }>(
      "GET",
      `/v1/vouchers?campaign_id=${created.body.id}`,
    );
    const published = await fetch(
      `${emulator.url}/_emulator/vouchers/${encodeURIComponent(String(listed.vouchers[0]?.code))}/publish`,
      { method: "POST" },
    );
    assert.equal(published.status, 200);

    const stack = new ContractStack({ existing: discount({ name: "e2e existing" }) });
    await assert.rejects(stack.up(), /holds redemptions or publications.*adopt/s);
    assert.equal((await listCampaigns(emulator)).length, 1, "no duplicate was created");
    assert.equal(stack.state.size, 0, "nothing recorded");

    stack.spec = { existing: discount({ name: "e2e existing", adopt: true }) };
    await stack.up();
    assert.equal(stack.output("existing", "campaignId"), created.body.id);
    assert.equal(
      (await getCampaign(emulator, created.body.id)).body.description,
      "10% off",
      "adopted then updated",
    );
    await stack.preview({ expectNoChanges: true });
  });

  it("fails preview on bad input, naming the property, before any API call", async () => {
    const { emulator } = ctx;
    const stack = new ContractStack({
      bad: discount({
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 150 } },
      }),
    });
    await emulator.clearRequests();
    const e = await rejection(stack.preview());
    assert.ok(e instanceof CheckFailedError, String(e));
    assert.ok(
      e.failures.some((f) => /voucher\.discount\.percentOff/.test(f.property)),
      JSON.stringify(e.failures),
    );
    assert.deepEqual(render(await emulator.requests()), []);
  });

  it("survives injected 429s and 500s", async () => {
    const { emulator } = ctx;
    const stack = new ContractStack({ promo: discount() });
    await emulator.faults([
      { method: "POST", path: "^/v1/campaigns$", status: 429, retryAfter: 0, times: 2 },
      { method: "GET", path: "^/v1/campaigns/", status: 500, times: 2 },
      { method: "GET", path: "^/v1/campaigns/", status: 503, times: 1 },
    ]);
    await stack.up();
    const log = render(await emulator.requests());
    assert.equal(log.filter((l) => l === "POST /v1/campaigns 429").length, 2, log.join("\n"));
    assert.equal(log.filter((l) => l === "POST /v1/campaigns 200").length, 1, "created exactly once");
    assert.equal((await listCampaigns(emulator)).length, 1);
    assert.match(String(stack.output("promo", "campaignId")), /^camp_/);
  });
});
