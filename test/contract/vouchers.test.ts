// Voucher codes on a Campaign through the adapter functions: inline lists, CSV files and generated counts,
// reconciled with the fewest API calls, as witnessed by the emulator's request log under each profile.
// (Moved down from the engine e2e tier.)
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { count, type LoggedRequest, render, type TestEmulator } from "../helpers/emulator";
import { CheckFailedError, ContractStack, forEachProfile, type Json, rejection } from "./support";

const gift = (extra: Json): Json => ({
  campaignType: "GIFT_VOUCHERS",
  voucher: { type: "GIFT_VOUCHER", gift: { amount: 5000 } },
  ...extra,
});

const discount = (extra: Json): Json => ({
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

async function campaignCodes(emulator: TestEmulator, campaignId: string): Promise<Map<string, Json>> {
  await emulator.settle();
  const codes = new Map<string, Json>();
  for (let page = 1; ; page++) {
    const { body } = await emulator.api<{ vouchers: Json[] }>(
      "GET",
      `/v1/vouchers?campaign_id=${campaignId}&limit=100&page=${page}`,
    );
    for (const v of body.vouchers) codes.set(String(v.code), v);
    if (body.vouchers.length < 100) return codes;
  }
}

async function codesCount(emulator: TestEmulator, id: string): Promise<number> {
  await emulator.settle();
  return (await emulator.api<{ vouchers_count: number }>("GET", `/v1/campaigns/${id}`)).body.vouchers_count;
}

function writeCsv(dir: string, name: string, rows: number): string {
  const lines = ["Code,Active,Gift Amount,Region"];
  for (let i = 0; i < rows; i++) lines.push(`CSV-${String(i).padStart(6, "0")},true,2500,"EU, North"`);
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

forEachProfile("contract: voucher codes on a Campaign", (ctx) => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "voucherify-csv-"));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("imports inline codes once, reconciles add/remove/change with one call each, and a no-op up calls nothing", async () => {
    const { emulator } = ctx;
    const three = [
      { code: "INLINE-A", giftAmount: 5000 },
      { code: "INLINE-B", giftAmount: 5000, metadata: { shelf: "1" } },
      { code: "INLINE-C", giftAmount: 5000 },
    ];
    const stack = new ContractStack({ cards: gift({ name: "inline cards", vouchers: three }) });
    await stack.up();
    const id = String(stack.output("cards", "campaignId"));
    let log = await emulator.requests();
    assert.equal(count(log, "POST", /\/import$/), 1, render(log).join("\n"));
    assert.deepEqual([...(await campaignCodes(emulator, id)).keys()].sort(), [
      "INLINE-A",
      "INLINE-B",
      "INLINE-C",
    ]);

    await emulator.clearRequests();
    const noop = await stack.up();
    assert.equal(noop.same, 1);
    assert.deepEqual(render(await emulator.requests()), [], "a no-op up makes no API calls");

    stack.spec = {
      cards: gift({
        name: "inline cards",
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
    assert.deepEqual(
      (stack.output("cards", "vouchers") as Json[]).map((v) => v.code),
      ["INLINE-A", "INLINE-B", "INLINE-D"],
      "state records the codes as applied",
    );
    await stack.preview({ expectNoChanges: true });
  });

  for (const bulkMetadata of ["merge", "replace"] as const) {
    it(`changes the metadata of 1 % of 1,000 codes with one bulk request, a removed key by PUT (bulk ${bulkMetadata})`, async () => {
      const emulator = await ctx.restart({ bulkMetadata });
      const codes = (meta: (i: number) => Record<string, string>) =>
        Array.from({ length: 1000 }, (_, i) => ({
          code: `META-${String(i).padStart(4, "0")}`,
          giftAmount: 5000,
          metadata: meta(i),
        }));
      const stack = new ContractStack({
        cards: gift({ vouchers: codes(() => ({ batch: "a", shelf: "1" })) }),
      });
      await stack.up();
      const id = String(stack.output("cards", "campaignId"));

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
    const { emulator } = ctx;
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

    const stack = new ContractStack({ cards: gift({ vouchers: [{ code: "MINE-1" }, { code: "TAKEN-1" }] }) });
    // Secret by default: the failure names the code by its position in the program's list.
    const e = await rejection(stack.up());
    const failure = [String(e), ...((e as { reasons?: string[] }).reasons ?? [])].join("\n");
    assert.match(failure, /vouchers\[1\]/);
    const recorded = stack.recorded("cards");
    for (const [where, text] of [
      ["the error", failure],
      ["the provider's log", ctx.logs.join("\n")],
      ["the state", JSON.stringify(recorded.outs)],
    ]) {
      assert.ok(!String(text).includes("TAKEN-1") && !String(text).includes("MINE-1"), `a code in ${where}`);
    }
    assert.ok(recorded.initErrors, "the campaign is recorded despite the failed import");
    assert.equal(recorded.id, recorded.outs.campaignId);

    stack.spec = { cards: gift({ vouchers: [{ code: "MINE-1" }, { code: "MINE-2" }] }) };
    await stack.up();
    const id = String(stack.output("cards", "campaignId"));
    assert.equal(id, recorded.id, "the recorded campaign is kept");
    assert.deepEqual([...(await campaignCodes(emulator, id)).keys()].sort(), ["MINE-1", "MINE-2"]);
    await stack.preview({ expectNoChanges: true });
  });

  it("imports a 20,000-row CSV through importCSV with state independent of the row count, and reconciles a changed file exactly with one-second timestamps", async () => {
    // Codes of one job sharing created_at to the second: the listing cannot lean on distinct stamps.
    const emulator = await ctx.restart({ timestampGranularityMs: 1000 });
    const small = writeCsv(tmp, "small.csv", 200);
    const smallStack = new ContractStack({ small: gift({ name: "small csv", vouchersCsv: small }) });
    await smallStack.up();
    const smallState = JSON.stringify(smallStack.recorded("small")).length;
    await smallStack.destroy();

    const large = writeCsv(tmp, "large.csv", 20_000);
    await emulator.clearRequests();
    const stack = new ContractStack({ large: gift({ name: "large csv", vouchersCsv: large }) });
    await stack.up();
    const log = await emulator.requests();
    assert.equal(count(log, "POST", /\/importCSV$/), 1, "one CSV import");
    assert.equal(count(log, "POST", /\/import$/), 0, "no JSON import");
    const id = String(stack.output("large", "campaignId"));
    assert.equal(await codesCount(emulator, id), 20_000);
    const largeState = JSON.stringify(stack.recorded("large")).length;
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
    assert.equal(await codesCount(emulator, id), 20_001);
    await stack.preview({ expectNoChanges: true });
  });

  it("grows vouchersCount with one request and refuses to shrink it at preview", async () => {
    const { emulator } = ctx;
    const stack = new ContractStack({ coupons: discount({ vouchersCount: 5 }) });
    await stack.up();
    const id = String(stack.output("coupons", "campaignId"));

    stack.spec = { coupons: discount({ vouchersCount: 10 }) };
    await emulator.clearRequests();
    await stack.up();
    const log = await emulator.requests();
    assert.deepEqual(writes(log), [`POST /v1/campaigns/${id}/vouchers 202`]);
    assert.equal(log.find((r) => r.method === "POST")?.query.vouchers_count, "5");
    assert.equal((await campaignCodes(emulator, id)).size, 10);
    assert.equal(
      stack.output("coupons", "vouchersGenerated"),
      10,
      "state records what this resource generated",
    );

    stack.spec = { coupons: discount({ vouchersCount: 4 }) };
    await emulator.clearRequests();
    const e = await rejection(stack.preview());
    assert.ok(e instanceof CheckFailedError && /vouchersCount/.test(e.message), String(e));
    assert.deepEqual(render(await emulator.requests()), []);
  });
});
