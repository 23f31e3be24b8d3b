// The Campaign resource end to end, for what only the engine shows: the order of a replacement's create and delete,
// the state it records from a create that failed halfway, and what reaches the exported state and the engine's
// output. Everything the provider decides on its own (requests and recorded state) is proven at the contract tier,
// test/contract/.
import * as assert from "node:assert/strict";
import type { CampaignArgs } from "pulumi-voucherify";
import { type CampaignStack, destroyAndDispose, openCampaignStack } from "../helpers/campaign-stack";
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

  // One emulator for the describe: each test's campaigns are gone (destroyed) before the next starts.
  before(async () => {
    emulator = await startTestEmulator();
  });

  afterEach(async () => {
    await destroyAndDispose(stack);
    stack = undefined;
    assert.deepEqual(await listCampaigns(emulator), [], "the stack's destroy removed every campaign");
  });

  after(async () => {
    await emulator.close();
  });

  it("replaces on a replace-forcing field: autonamed creates first, a kept name deletes first", async () => {
    stack = await openCampaignStack(emulator, { auto: discount(), named: discount({ name: "e2e named" }) });
    // The engine's own round trip (what engine.test.ts proved with a resource that needed no API): a first
    // preview plans the stack and both campaigns, the up returns the outputs the provider computed.
    assert.equal((await stack.preview()).changeSummary.create, 3, "stack + 2 campaigns to create");
    const first = await stack.up();
    assert.equal(first.summary.resourceChanges?.create, 3);
    assert.equal(first.outputs["named.name"]?.value, "e2e named");
    assert.equal(first.outputs["named.totalVouchers"]?.value, 3);
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
    const refresh = await stack.refresh();
    assert.equal(refresh.changes.update ?? 0, 0, "a refresh after the replacement finds no drift");
    assert.equal(refresh.changes.same, 3);
    await stack.destroy();
    const state = JSON.parse(await stack.exportState()) as { deployment: { resources?: unknown[] } };
    assert.equal((state.deployment.resources ?? []).length, 0, "destroy leaves an empty stack");
  });

  it("records a campaign that failed after creation and converges on the next up; no secret in state or output", async () => {
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

    await stack.refresh();
    const exported = await stack.exportState();
    assert.ok(!exported.includes(SECRET_KEY), "secret key not in state");
    for (const { code } of vouchers) assert.ok(!exported.includes(code), "inline codes are stored encrypted");
    const printed = stack.engineOutput.join("");
    assert.ok(!printed.includes(SECRET_KEY), "secret key not in engine output");
    for (const { code } of vouchers) assert.ok(!printed.includes(code), "no secret code in engine output");
  });
});
