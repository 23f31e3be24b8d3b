// Converging whatever happened, end to end through the real engine, with the emulator's failure switches and its
// request log as the witness: work that took effect although its answer was lost is found, never repeated.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CampaignArgs } from "pulumi-voucherify";
import { type CampaignStack, destroyAndDispose, openCampaignStack } from "../helpers/campaign-stack";
import { count, type LoggedRequest, render, startTestEmulator, type TestEmulator } from "../helpers/emulator";

const codes = (n: number, prefix = "CONV") =>
  Array.from({ length: n }, (_, i) => ({ code: `${prefix}-${String(i).padStart(3, "0")}` }));

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

async function campaignCodes(emulator: TestEmulator, id: string): Promise<string[]> {
  const all: string[] = [];
  for (let page = 1; ; page++) {
    const { body } = await emulator.api<{ vouchers: { code: string }[] }>(
      "GET",
      `/v1/vouchers?campaign_id=${id}&limit=100&page=${page}`,
    );
    all.push(...body.vouchers.map((v) => v.code));
    if (body.vouchers.length < 100) return all.sort();
  }
}

const imports = (log: LoggedRequest[]) => count(log, "POST", /\/import$/);
const readings = (log: LoggedRequest[]) =>
  count(log, "GET", /^\/v1\/vouchers$/) + count(log, "POST", /^\/v1\/exports$/);

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

  it("an import that landed and then answered 500: the next up reads once and imports nothing twice", async () => {
    stack = await openCampaignStack(emulator, { coupons: coupons() });
    await stack.up();
    await emulator.faults([{ method: "POST", path: "/import$", status: 500, after: true }]);
    stack.spec = { coupons: coupons({ vouchers: codes(100) }) };
    await assert.rejects(stack.up(), /may or may not have taken effect/);
    await emulator.settle();

    await emulator.clearRequests();
    await stack.up();
    const log = await emulator.requests();
    assert.equal(imports(log), 0, render(log).join("\n"));
    assert.ok(readings(log) <= 1, "at most one listing or export");
    assert.ok(!render(log).some((l) => l.endsWith(" 400")), "no duplicate_key");
    const id = String(await stack.output("coupons", "campaignId"));
    assert.deepEqual(
      await campaignCodes(emulator, id),
      codes(100).map((c) => c.code),
    );
    await stack.preview({ expectNoChanges: true });
  });

  it("an async import that ended FAILED after 50 of 100 codes: the next up imports only the other 50", async () => {
    stack = await openCampaignStack(emulator, { coupons: coupons() });
    await stack.up();
    await emulator.failNextAsyncAction("CAMPAIGN.VOUCHERS_IMPORT", 1, 50);
    stack.spec = { coupons: coupons({ vouchers: codes(100) }) };
    await assert.rejects(stack.up());

    await emulator.clearRequests();
    await stack.up();
    const log = await emulator.requests();
    assert.equal(imports(log), 1, render(log).join("\n"));
    assert.ok(readings(log) <= 1, "at most one listing or export");
    const id = String(await stack.output("coupons", "campaignId"));
    assert.deepEqual(
      await campaignCodes(emulator, id),
      codes(100).map((c) => c.code),
    );
    await stack.preview({ expectNoChanges: true });
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

  it("adopting a campaign that holds 10 of 20 declared codes imports the other 10", async () => {
    const existing = await emulator.api<{ id: string }>("POST", "/v1/campaigns", {
      name: "converge coupons",
      campaign_type: "DISCOUNT_COUPONS",
      type: "AUTO_UPDATE",
      voucher: {
        type: "DISCOUNT_VOUCHER",
        discount: { type: "PERCENT", percent_off: 10 },
        code_config: { pattern: "GEN-#####" },
      },
    });
    assert.equal(existing.status, 200);
    await emulator.settle();
    const held = await emulator.api("POST", `/v1/campaigns/${existing.body.id}/import`, codes(10));
    assert.equal(held.status, 202);
    await emulator.settle();

    stack = await openCampaignStack(emulator, { coupons: coupons({ adopt: true, vouchers: codes(20) }) });
    await emulator.clearRequests();
    await stack.up();
    const log = await emulator.requests();
    assert.equal(await stack.output("coupons", "campaignId"), existing.body.id);
    assert.equal(imports(log), 1, render(log).join("\n"));
    assert.deepEqual(
      await campaignCodes(emulator, existing.body.id),
      codes(20).map((c) => c.code),
    );
    await stack.preview({ expectNoChanges: true });
  });

  it("vouchersCsvPrune: true round-trips: create, then a preview expects no changes", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "converge-csv-"));
    try {
      const csv = path.join(dir, "codes.csv");
      fs.writeFileSync(csv, "Code,Category\nPRUNE-1,a\nPRUNE-2,b\n");
      stack = await openCampaignStack(emulator, {
        pruned: coupons({ vouchersCsv: csv, vouchersCsvPrune: true }),
      });
      await stack.up();
      await emulator.clearRequests();
      await stack.preview({ expectNoChanges: true });
      assert.deepEqual(render(await emulator.requests()), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
