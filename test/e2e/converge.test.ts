// A generation whose answer was lost, end to end through the real engine. The other converge scenarios are proven
// at the contract tier (test/contract/converge.test.ts). This one stays here for now: in process, the provider reads
// the campaign's code count while the emulator's generation job is still adding codes (an add-vouchers job does not
// mark the campaign busy) and reports the generation as partly failed. The engine's process hops make that read late
// enough to pass.
import * as assert from "node:assert/strict";
import type { CampaignArgs } from "pulumi-voucherify";
import { type CampaignStack, destroyAndDispose, openCampaignStack } from "../helpers/campaign-stack";
import { count, startTestEmulator, type TestEmulator } from "../helpers/emulator";

const coupons = (extra: Partial<CampaignArgs> = {}): CampaignArgs => ({
  name: "converge coupons",
  campaignType: "DISCOUNT_COUPONS",
  voucher: {
    type: "DISCOUNT_VOUCHER",
    discount: { type: "PERCENT", percentOff: 10 },
    codeConfig: { pattern: "GEN-#####" },
  },
  ...extra,
});

describe("e2e: converging after failures that did (or half did) the work", function () {
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

  it("a generation answered 500 after it happened: no second generation, the recorded count is the API's", async () => {
    stack = await openCampaignStack(emulator, { coupons: coupons({ vouchersCount: 3 }) });
    await stack.up();
    const id = String(await stack.output("coupons", "campaignId"));
    await emulator.faults([
      { method: "POST", path: `^/v1/campaigns/${id}/vouchers$`, status: 500, after: true },
    ]);
    stack.spec = { coupons: coupons({ vouchersCount: 8 }) };
    await emulator.clearRequests();
    await stack.up();
    const log = await emulator.requests();
    assert.equal(count(log, "POST", /\/vouchers$/), 1, "generated once");
    const { body } = await emulator.api<{ vouchers_count: number }>("GET", `/v1/campaigns/${id}`);
    assert.equal(body.vouchers_count, 8);
    assert.equal(await stack.output("coupons", "totalVouchers"), 8);
    await emulator.clearRequests();
    await stack.preview({ expectNoChanges: true });
    await stack.up();
    assert.equal(count(await emulator.requests(), "POST", /\/vouchers$/), 0, "and never again");
  });
});
