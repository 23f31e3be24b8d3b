// The Campaign resource end to end: the real Pulumi engine, the dynamic provider in its own
// process, and the emulator's request log as the witness of every API call.
import * as assert from "node:assert/strict";
import type { CampaignArgs } from "pulumi-voucherify";
import {
  type CampaignSpec,
  type CampaignStack,
  destroyAndDispose,
  openCampaignStack,
} from "../helpers/campaign-stack";
import { count, render, SECRET_KEY, startTestEmulator, type TestEmulator } from "../helpers/emulator";

interface ApiCampaign {
  id: string;
  name: string;
  description?: string;
  active?: boolean;
  metadata?: Record<string, unknown>;
}

const discount = (extra: Partial<CampaignArgs> = {}): CampaignArgs => ({
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

const allTypes = (description: string): CampaignSpec => ({
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

async function getCampaign(
  emulator: TestEmulator,
  id: string,
): Promise<{ status: number; body: ApiCampaign }> {
  return emulator.api<ApiCampaign>("GET", `/v1/campaigns/${encodeURIComponent(id)}`);
}

describe("e2e: Campaign with the real engine", function () {
  this.timeout(300_000);
  let emulator: TestEmulator;
  let stack: CampaignStack | undefined;

  beforeEach(async () => {
    emulator = await startTestEmulator();
  });

  afterEach(async () => {
    await destroyAndDispose(stack);
    stack = undefined;
    await emulator.close();
  });

  it("creates every campaign type, previews no changes with zero API calls, updates in place, destroys all", async () => {
    stack = await openCampaignStack(emulator, allTypes("first"));
    const up = await stack.up();
    assert.equal(up.summary.resourceChanges?.create, 6, "stack + 5 campaigns");
    const ids = new Map<string, unknown>();
    for (const name of ["discount", "gift", "loyalty", "referral", "promotion"]) {
      const id = await stack.output(name, "campaignId");
      assert.match(String(id), /^camp_/);
      ids.set(name, id);
    }
    assert.equal((await listCampaigns(emulator)).length, 5);

    await emulator.clearRequests();
    await stack.preview({ expectNoChanges: true });
    assert.deepEqual(render(await emulator.requests()), [], "preview makes no API calls");

    stack.spec = allTypes("second");
    await emulator.clearRequests();
    const update = await stack.up();
    assert.equal(update.summary.resourceChanges?.update, 5);
    const log = await emulator.requests();
    assert.equal(count(log, "PUT", /^\/v1\/campaigns\/[^/]+$/), 5, render(log).join("\n"));
    assert.equal(count(log, "POST", /^\/v1\/campaigns$/), 0, "no campaign re-created");
    for (const [name, id] of ids) {
      assert.equal(await stack.output(name, "campaignId"), id, `${name} kept its ID`);
      assert.equal((await getCampaign(emulator, String(id))).body.description, "second");
    }

    const refresh = await stack.refresh();
    assert.equal(refresh.changes.update ?? 0, 0, "refresh after update finds no drift");
    await stack.preview({ expectNoChanges: true });

    await stack.destroy();
    assert.deepEqual(await listCampaigns(emulator), []);
  });

  it("replaces on a replace-forcing field: autonamed creates first, a kept name deletes first", async () => {
    stack = await openCampaignStack(emulator, { auto: discount(), named: discount({ name: "e2e named" }) });
    await stack.up();
    const autoId = await stack.output("auto", "campaignId");
    const autoName = await stack.output("auto", "name");
    const namedId = await stack.output("named", "campaignId");
    assert.match(String(autoName), /^auto-[a-z0-9]+$/, "autoname from the resource name");

    stack.spec = {
      auto: discount({
        voucher: {
          type: "DISCOUNT_VOUCHER",
          discount: { type: "PERCENT", percentOff: 10 },
          codeConfig: { pattern: "NEW-####" },
        },
      }),
      named: discount({
        name: "e2e named",
        voucher: {
          type: "DISCOUNT_VOUCHER",
          discount: { type: "PERCENT", percentOff: 10 },
          redemption: { quantity: 5 },
          codeConfig: { pattern: "E2E-####" },
        },
      }),
    };
    const preview = await stack.preview();
    assert.equal(preview.changeSummary.replace, 2);
    await emulator.clearRequests();
    await stack.up();
    const newAutoId = await stack.output("auto", "campaignId");
    const newNamedId = await stack.output("named", "campaignId");
    assert.notEqual(newAutoId, autoId);
    assert.notEqual(newNamedId, namedId);
    const newAutoName = await stack.output("auto", "name");
    assert.match(String(newAutoName), /^auto-[a-z0-9]+$/);
    assert.notEqual(
      newAutoName,
      autoName,
      "an autonamed replacement gets a fresh name so it can be created first",
    );
    assert.equal((await getCampaign(emulator, String(autoId))).status, 404, "old autonamed campaign gone");
    assert.equal((await getCampaign(emulator, String(namedId))).status, 404, "old named campaign gone");
    assert.equal((await listCampaigns(emulator)).length, 2);

    const log = render(await emulator.requests());
    const autoCreate = log.findIndex((l) => l.startsWith("POST /v1/campaigns 200"));
    const autoDelete = log.findIndex((l) => l.startsWith(`DELETE /v1/campaigns/${autoId}`));
    assert.ok(
      autoCreate >= 0 && autoDelete > autoCreate,
      "the autonamed replacement is created before the delete",
    );
    const namedDelete = log.findIndex((l) => l.startsWith(`DELETE /v1/campaigns/${namedId}`));
    const creates = log
      .map((l, i) => (l.startsWith("POST /v1/campaigns 200") ? i : -1))
      .filter((i) => i >= 0);
    assert.ok(namedDelete >= 0, log.join("\n"));
    assert.ok(
      creates.some((i) => i > namedDelete),
      "the kept-name replacement is created after the delete",
    );
    await stack.preview({ expectNoChanges: true });
  });

  it("replaces for every replace-forcing field, documented immutables included, each with a new ID and the old campaign gone", async () => {
    const base = allTypes("replace");
    const discountVoucher = {
      type: "DISCOUNT_VOUCHER" as const,
      discount: { type: "PERCENT" as const, percentOff: 10 },
    };
    // One campaign per replace-forcing field: `before` is created, then `after` changes only that field.
    const cases: Record<string, { before: CampaignArgs; after: CampaignArgs }> = {
      name: { before: discount({ name: "r name" }), after: discount({ name: "r name renamed" }) },
      campaignType: {
        before: discount({ name: "r campaignType" }),
        after: { ...base.gift!, name: "r campaignType" },
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
        before: { ...base.gift!, name: "r gift amount" },
        after: {
          ...base.gift!,
          name: "r gift amount",
          voucher: { type: "GIFT_VOUCHER", gift: { amount: 7500 }, codeConfig: { pattern: "GIFT-####" } },
        },
      },
      referralConversionEvent: {
        before: { ...base.referral!, name: "r conversion event" },
        after: {
          ...base.referral!,
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
        before: { ...base.loyalty!, name: "r points" },
        after: {
          ...base.loyalty!,
          name: "r points",
          voucher: {
            type: "LOYALTY_CARD",
            loyaltyCard: { points: 2000 },
            codeConfig: { pattern: "LOY-####" },
          },
        },
      },
      isReferralCode: {
        before: { ...base.referral!, name: "r referral" },
        after: {
          ...base.referral!,
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
    stack = await openCampaignStack(emulator, Object.fromEntries(names.map((n) => [n, cases[n]!.before])));
    await stack.up();
    const before = new Map<string, string>();
    for (const n of names) before.set(n, String(await stack.output(n, "campaignId")));

    stack.spec = Object.fromEntries(names.map((n) => [n, cases[n]!.after]));
    const preview = await stack.preview();
    assert.equal(preview.changeSummary.replace, names.length, JSON.stringify(preview.changeSummary));
    await stack.up();
    for (const n of names) {
      const oldId = before.get(n)!;
      const newId: string = String(await stack.output(n, "campaignId"));
      assert.notEqual(newId, oldId, `${n}: new campaign`);
      assert.equal((await getCampaign(emulator, oldId)).status, 404, `${n}: old campaign gone`);
      assert.equal((await getCampaign(emulator, newId)).status, 200, `${n}: new campaign exists`);
    }
    assert.equal((await listCampaigns(emulator)).length, names.length);
    await stack.preview({ expectNoChanges: true });
  });

  it("disables with active: false and enables again", async () => {
    stack = await openCampaignStack(emulator, { promo: discount({ active: false }) });
    await stack.up();
    const id = String(await stack.output("promo", "campaignId"));
    assert.equal((await getCampaign(emulator, id)).body.active, false);
    await stack.preview({ expectNoChanges: true });

    stack.spec = { promo: discount({ active: true }) };
    await emulator.clearRequests();
    await stack.up();
    assert.equal((await getCampaign(emulator, id)).body.active, true);
    assert.deepEqual(
      render(await emulator.requests()).filter((l) => !l.startsWith("GET")),
      [`POST /v1/campaigns/${id}/enable 200`],
    );
  });

  it("finds out-of-band changes and deletions on refresh, and the next up repairs them", async () => {
    stack = await openCampaignStack(emulator, { promo: discount({ metadata: { team: "growth" } }) });
    await stack.up();
    const id = String(await stack.output("promo", "campaignId"));

    await emulator.api("PUT", `/v1/campaigns/${id}`, { description: "changed in the dashboard" });
    await emulator.clearRequests();
    const refresh = await stack.refresh();
    assert.equal(refresh.changes.update, 1, "refresh records the drift");
    assert.deepEqual(
      render(await emulator.requests()),
      [`GET /v1/campaigns/${id} 200`],
      "refresh is one GET",
    );
    const preview = await stack.preview();
    assert.equal(preview.changeSummary.update, 1, "the drift shows as a change to undo");
    await stack.up();
    assert.equal((await getCampaign(emulator, id)).body.description, "10% off");

    await emulator.api("DELETE", `/v1/campaigns/${id}?force=true`);
    const refreshGone = await stack.refresh();
    assert.equal(refreshGone.changes.delete, 1, "refresh drops the deleted campaign");
    const recreate = await stack.up();
    assert.equal(recreate.summary.resourceChanges?.create, 1);
    assert.notEqual(await stack.output("promo", "campaignId"), id);
  });

  it("adopts an existing campaign with adopt: true and refuses a name clash without it", async () => {
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

    stack = await openCampaignStack(emulator, { existing: discount({ name: "e2e existing" }) });
    await assert.rejects(stack.up(), /holds redemptions or publications.*adopt/s);
    assert.equal((await listCampaigns(emulator)).length, 1, "no duplicate was created");

    stack.spec = { existing: discount({ name: "e2e existing", adopt: true }) };
    await stack.up();
    assert.equal(await stack.output("existing", "campaignId"), created.body.id);
    assert.equal(
      (await getCampaign(emulator, created.body.id)).body.description,
      "10% off",
      "adopted then updated",
    );
    await stack.preview({ expectNoChanges: true });
  });

  it("fails preview on bad input, naming the property, before any API call", async () => {
    stack = await openCampaignStack(emulator, {
      bad: discount({
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 150 } },
      }),
    });
    await emulator.clearRequests();
    await assert.rejects(stack.preview(), /voucher\.discount\.percentOff/);
    assert.deepEqual(render(await emulator.requests()), []);
  });

  it("survives injected 429s and 500s", async () => {
    stack = await openCampaignStack(emulator, { promo: discount() });
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
  });

  it("records a campaign that failed after creation and converges on the next up", async () => {
    // More codes than a small addition, so they go through an import (which is made to fail).
    const vouchers = ["E2E-FAIL-1", "E2E-FAIL-2", "E2E-FAIL-3", "E2E-FAIL-4"].map((code) => ({ code }));
    stack = await openCampaignStack(emulator, { promo: discount({ vouchers }) });
    await emulator.failNextAsyncAction("CAMPAIGN.VOUCHERS_IMPORT");
    await assert.rejects(stack.up());
    const campaigns = await listCampaigns(emulator);
    assert.equal(campaigns.length, 1, "exactly one campaign exists after the failure");
    const state = JSON.parse(await stack.exportState()) as {
      deployment: { resources?: { type: string; id?: string }[] };
    };
    const recorded = (state.deployment.resources ?? []).filter((r) => r.type.includes("Campaign"));
    assert.equal(recorded.length, 1);
    assert.equal(recorded[0]?.id, campaigns[0]?.id, "the failed campaign is in state");

    await emulator.clearRequests();
    await stack.up();
    const log = await emulator.requests();
    assert.equal(count(log, "POST", /^\/v1\/campaigns$/), 0, "no second campaign");
    assert.equal(count(log, "POST", /\/import$/), 1, "the import is retried");
    await stack.preview({ expectNoChanges: true });
  });

  it("keeps the secret key out of state and engine output", async () => {
    stack = await openCampaignStack(emulator, {
      promo: discount({ vouchers: [{ code: "E2E-SECRET-CODE-1" }] }),
    });
    await stack.up();
    await stack.refresh();
    const state = await stack.exportState();
    assert.ok(!state.includes(SECRET_KEY), "secret key not in state");
    assert.ok(!state.includes("E2E-SECRET-CODE-1"), "inline codes are stored encrypted");
    assert.ok(!stack.engineOutput.join("").includes(SECRET_KEY), "secret key not in engine output");
  });
});
