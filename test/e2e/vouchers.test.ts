// Voucher codes on a Campaign end to end: inline lists, CSV files and generated counts, reconciled
// by the real engine with the fewest API calls, as witnessed by the emulator's request log.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CampaignArgs } from "pulumi-voucherify";
import { type CampaignStack, destroyAndDispose, openCampaignStack } from "../helpers/campaign-stack";
import { count, type LoggedRequest, render, startTestEmulator, type TestEmulator } from "../helpers/emulator";

type VoucherList = NonNullable<CampaignArgs["vouchers"]>;

const gift = (extra: Partial<CampaignArgs>): CampaignArgs => ({
  campaignType: "GIFT_VOUCHERS",
  voucher: { type: "GIFT_VOUCHER", gift: { amount: 5000 } },
  ...extra,
});

const discount = (extra: Partial<CampaignArgs>): CampaignArgs => ({
  campaignType: "DISCOUNT_COUPONS",
  voucher: {
    type: "DISCOUNT_VOUCHER",
    discount: { type: "AMOUNT", amountOff: 1000 },
    codeConfig: { pattern: "GEN-######" },
  },
  ...extra,
});

/** Requests that change something (polling GETs of async actions and campaigns excluded). */
function writes(log: LoggedRequest[]): string[] {
  return render(log.filter((r) => r.method !== "GET"));
}

async function campaignCodes(
  emulator: TestEmulator,
  campaignId: string,
): Promise<Map<string, Record<string, unknown>>> {
  const codes = new Map<string, Record<string, unknown>>();
  for (let page = 1; ; page++) {
    const { body } = await emulator.api<{ vouchers: Record<string, unknown>[] }>(
      "GET",
      `/v1/vouchers?campaign_id=${campaignId}&limit=100&page=${page}`,
    );
    for (const v of body.vouchers) codes.set(String(v.code), v);
    if (body.vouchers.length < 100) return codes;
  }
}

function writeCsv(dir: string, name: string, rows: number): string {
  const lines = ["Code,Active,Gift Amount,Region"];
  for (let i = 0; i < rows; i++) lines.push(`CSV-${String(i).padStart(6, "0")},true,2500,"EU, North"`);
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

describe("e2e: voucher codes on a Campaign", function () {
  this.timeout(600_000);
  let emulator: TestEmulator;
  let stack: CampaignStack | undefined;
  let tmp: string;

  beforeEach(async () => {
    emulator = await startTestEmulator();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "voucherify-csv-"));
  });

  afterEach(async () => {
    await destroyAndDispose(stack);
    stack = undefined;
    await emulator.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("imports inline codes once, reconciles add/remove/change with one call each, and a no-op up calls nothing", async () => {
    const three: VoucherList = [
      { code: "INLINE-A", giftAmount: 5000 },
      { code: "INLINE-B", giftAmount: 5000, metadata: { shelf: "1" } },
      { code: "INLINE-C", giftAmount: 5000 },
    ];
    stack = await openCampaignStack(emulator, { cards: gift({ vouchers: three }) });
    await stack.up();
    const id = String(await stack.output("cards", "campaignId"));
    let log = await emulator.requests();
    assert.equal(count(log, "POST", /\/import$/), 1, render(log).join("\n"));
    assert.deepEqual([...(await campaignCodes(emulator, id)).keys()].sort(), [
      "INLINE-A",
      "INLINE-B",
      "INLINE-C",
    ]);

    await emulator.clearRequests();
    await stack.up();
    assert.deepEqual(render(await emulator.requests()), [], "a no-op up makes no API calls");

    stack.spec = {
      cards: gift({
        vouchers: [
          { code: "INLINE-A", giftAmount: 5000 },
          { code: "INLINE-B", giftAmount: 5000, metadata: { shelf: "2" } },
          { code: "INLINE-D", giftAmount: 5000 },
        ],
      }),
    };
    await emulator.clearRequests();
    await stack.up();
    log = await emulator.requests();
    assert.deepEqual(writes(log).sort(), [
      "DELETE /v1/vouchers/INLINE-C 204",
      `POST /v1/campaigns/${id}/import 202`,
      "PUT /v1/vouchers/INLINE-B 200",
    ]);
    const codes = await campaignCodes(emulator, id);
    assert.deepEqual([...codes.keys()].sort(), ["INLINE-A", "INLINE-B", "INLINE-D"]);
    assert.deepEqual(codes.get("INLINE-B")?.metadata, { shelf: "2" });
    await stack.preview({ expectNoChanges: true });
  });

  for (const bulkMetadata of ["merge", "replace"] as const) {
    it(`changes the metadata of 1 % of 1,000 codes with one bulk request, a removed key by PUT (bulk ${bulkMetadata})`, async () => {
      await emulator.close();
      emulator = await startTestEmulator({ bulkMetadata });
      const codes = (meta: (i: number) => Record<string, string>): VoucherList =>
        Array.from({ length: 1000 }, (_, i) => ({
          code: `META-${String(i).padStart(4, "0")}`,
          giftAmount: 5000,
          metadata: meta(i),
        }));
      stack = await openCampaignStack(emulator, {
        cards: gift({ vouchers: codes(() => ({ batch: "a", shelf: "1" })) }),
      });
      await stack.up();
      const id = String(await stack.output("cards", "campaignId"));

      stack.spec = {
        cards: gift({
          vouchers: codes(
            (i): Record<string, string> =>
              i < 10 ? { batch: "b", shelf: "1" } : i === 10 ? { batch: "a" } : { batch: "a", shelf: "1" },
          ),
        }),
      };
      await emulator.clearRequests();
      await stack.up();
      const log = await emulator.requests();
      assert.deepEqual(writes(log).sort(), [
        "POST /v1/vouchers/bulk/async 202",
        "PUT /v1/vouchers/META-0010 200",
      ]);
      assert.ok(count(log, "GET", /^\/v1\/async-actions\//) <= 3, render(log).join("\n"));
      const after = await campaignCodes(emulator, id);
      assert.deepEqual(after.get("META-0000")?.metadata, { batch: "b", shelf: "1" });
      assert.deepEqual(after.get("META-0010")?.metadata, { batch: "a" }, "the removed key is gone");
      assert.deepEqual(after.get("META-0011")?.metadata, { batch: "a", shelf: "1" });
      await stack.preview({ expectNoChanges: true });
    });
  }

  it("reports a code that exists in another campaign by its position, never in clear, and converges after the fix", async () => {
    const other = await emulator.api<{ id: string }>("POST", "/v1/campaigns", {
      name: "someone else's",
      campaign_type: "GIFT_VOUCHERS",
      type: "STATIC",
      voucher: { type: "GIFT_VOUCHER", gift: { amount: 100 } },
    });
    assert.equal(other.status, 200);
    await emulator.settle();
    const taken = await emulator.api("POST", `/v1/campaigns/${other.body.id}/import`, [{ code: "TAKEN-1" }]);
    assert.equal(taken.status, 202);
    await emulator.settle();

    stack = await openCampaignStack(emulator, {
      cards: gift({ vouchers: [{ code: "MINE-1" }, { code: "TAKEN-1" }] }),
    });
    // Secret by default: the failure names the code by its position in the program's list.
    const failure = await stack.up().then(
      () => assert.fail("the import of a taken code must fail"),
      (e: unknown) => String(e),
    );
    assert.match(failure, /vouchers\[1\]/);
    const exported = await stack.exportState();
    for (const [where, text] of [
      ["the error", failure],
      ["the engine output", stack.engineOutput.join("")],
      ["the state", exported],
    ]) {
      assert.ok(!String(text).includes("TAKEN-1") && !String(text).includes("MINE-1"), `a code in ${where}`);
    }
    const state = JSON.parse(exported) as { deployment: { resources?: { type: string }[] } };
    assert.equal(
      (state.deployment.resources ?? []).filter((r) => r.type.includes("Campaign")).length,
      1,
      "the campaign is recorded despite the failed import",
    );

    stack.spec = { cards: gift({ vouchers: [{ code: "MINE-1" }, { code: "MINE-2" }] }) };
    await stack.up();
    const id = String(await stack.output("cards", "campaignId"));
    assert.deepEqual([...(await campaignCodes(emulator, id)).keys()].sort(), ["MINE-1", "MINE-2"]);
    await stack.preview({ expectNoChanges: true });
  });

  it("imports a 20,000-row CSV through importCSV with state independent of the row count, and reconciles a changed file exactly with one-second timestamps", async () => {
    // Codes of one job sharing created_at to the second: the listing cannot lean on distinct stamps.
    await emulator.close();
    emulator = await startTestEmulator({ timestampGranularityMs: 1000 });
    const small = writeCsv(tmp, "small.csv", 200);
    stack = await openCampaignStack(
      emulator,
      { small: gift({ vouchersCsv: small }) },
      { stackName: "csv-small" },
    );
    await stack.up();
    const smallState = (await stack.exportState()).length;
    await stack.destroy();
    await stack.dispose();

    const large = writeCsv(tmp, "large.csv", 20_000);
    await emulator.clearRequests();
    stack = await openCampaignStack(
      emulator,
      { large: gift({ vouchersCsv: large }) },
      { stackName: "csv-large" },
    );
    await stack.up();
    const log = await emulator.requests();
    assert.equal(count(log, "POST", /\/importCSV$/), 1, "one CSV import");
    assert.equal(count(log, "POST", /\/import$/), 0, "no JSON import");
    const id = String(await stack.output("large", "campaignId"));
    const { body } = await emulator.api<{ vouchers_count: number }>("GET", `/v1/campaigns/${id}`);
    assert.equal(body.vouchers_count, 20_000);
    const largeState = (await stack.exportState()).length;
    assert.ok(Math.abs(largeState - smallState) < 300, `state ${smallState} vs ${largeState} bytes`);
    await stack.preview({ expectNoChanges: true });

    // A changed file is reconciled against what the campaign holds, read through one export (past the list's
    // 9,900-code page window): one new row imported, one changed row updated, the removed row left alone.
    const rows = fs.readFileSync(large, "utf8").trimEnd().split("\n");
    rows[1] = (rows[1] as string).replace(",true,", ",false,");
    rows.splice(2, 1);
    rows.push('CSV-NEW-1,true,2500,"EU, North"');
    fs.writeFileSync(large, `${rows.join("\n")}\n`);
    await emulator.clearRequests();
    await stack.up();
    const relog = await emulator.requests();
    assert.deepEqual(writes(relog), [
      "POST /v1/exports 200",
      "POST /v1/vouchers/CSV-000000/disable 200",
      `POST /v1/campaigns/${id}/importCSV 200`,
    ]);
    assert.equal(
      count(relog, "GET", /^\/v1\/vouchers$/),
      1,
      "one page tells the total; the export reads the rest",
    );
    const after = await emulator.api<{ vouchers_count: number }>("GET", `/v1/campaigns/${id}`);
    assert.equal(after.body.vouchers_count, 20_001);
    await stack.preview({ expectNoChanges: true });
  });

  it("grows vouchersCount with one request and refuses to shrink it at preview", async () => {
    stack = await openCampaignStack(emulator, { coupons: discount({ vouchersCount: 5 }) });
    await stack.up();
    const id = String(await stack.output("coupons", "campaignId"));

    stack.spec = { coupons: discount({ vouchersCount: 10 }) };
    await emulator.clearRequests();
    await stack.up();
    const log = await emulator.requests();
    assert.deepEqual(writes(log), [`POST /v1/campaigns/${id}/vouchers 202`]);
    assert.equal(log.find((r) => r.method === "POST")?.query.vouchers_count, "5");
    assert.equal((await campaignCodes(emulator, id)).size, 10);

    stack.spec = { coupons: discount({ vouchersCount: 4 }) };
    await emulator.clearRequests();
    await assert.rejects(stack.preview(), /vouchersCount/);
    assert.deepEqual(render(await emulator.requests()), []);
  });
});
