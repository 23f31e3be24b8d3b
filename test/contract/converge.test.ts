// Converging whatever happened, through the adapter functions, with the emulator's failure switches and its
// request log as the witness: work that took effect although its answer was lost is found, never repeated; the
// state a partial failure carries is what the next update starts from. (Moved down from the engine e2e tier.)
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { count, type LoggedRequest, render } from "../helpers/emulator";
import { ContractStack, codesOf, forEachProfile, type Json, rejection } from "./support";

const codes = (n: number, prefix = "CONV") =>
  Array.from({ length: n }, (_, i) => ({ code: `${prefix}-${String(i).padStart(3, "0")}` }));

const coupons = (extra: Json = {}): Json => ({
  name: "converge coupons",
  campaignType: "DISCOUNT_COUPONS",
  voucher: {
    type: "DISCOUNT_VOUCHER",
    discount: { type: "PERCENT", percentOff: 10 },
    codeConfig: { pattern: "GEN-#####" },
  },
  ...extra,
});

const imports = (log: LoggedRequest[]) => count(log, "POST", /\/import$/);
const readings = (log: LoggedRequest[]) =>
  count(log, "GET", /^\/v1\/vouchers$/) + count(log, "POST", /^\/v1\/exports$/);
const recordedCodes = (stack: ContractStack) =>
  ((stack.output("coupons", "vouchers") as Json[] | undefined) ?? []).map((v) => v.code);

forEachProfile("contract: converging after failures that did (or half did) the work", (ctx) => {
  it("an import that landed and then answered 500: the next up reads once and imports nothing twice", async () => {
    const { emulator } = ctx;
    const stack = new ContractStack({ coupons: coupons() });
    await stack.up();
    await emulator.faults([{ method: "POST", path: "/import$", status: 500, after: true }]);
    stack.spec = { coupons: coupons({ vouchers: codes(100) }) };
    const e = await rejection(stack.up());
    assert.match(String(e), /may or may not have taken effect/);
    assert.equal(stack.output("coupons", "vouchersUnverified"), true, "state says the import is unverified");
    await emulator.settle();

    await emulator.clearRequests();
    await stack.up();
    const log = await emulator.requests();
    assert.equal(imports(log), 0, render(log).join("\n"));
    assert.ok(readings(log) <= 1, "at most one listing or export");
    assert.ok(!render(log).some((l) => l.endsWith(" 400")), "no duplicate_key");
    const id = String(stack.output("coupons", "campaignId"));
    assert.deepEqual(
      await codesOf(emulator, id),
      codes(100).map((c) => c.code),
    );
    assert.deepEqual(
      recordedCodes(stack),
      codes(100).map((c) => c.code),
    );
    await stack.preview({ expectNoChanges: true });
  });

  it("an async import that ended FAILED after 50 of 100 codes: the next up imports only the other 50", async () => {
    const { emulator } = ctx;
    const stack = new ContractStack({ coupons: coupons() });
    await stack.up();
    await emulator.failNextAsyncAction("CAMPAIGN.VOUCHERS_IMPORT", 1, 50);
    stack.spec = { coupons: coupons({ vouchers: codes(100) }) };
    await rejection(stack.up());

    await emulator.clearRequests();
    await stack.up();
    const log = await emulator.requests();
    assert.equal(imports(log), 1, render(log).join("\n"));
    assert.ok(readings(log) <= 1, "at most one listing or export");
    const id = String(stack.output("coupons", "campaignId"));
    assert.deepEqual(
      await codesOf(emulator, id),
      codes(100).map((c) => c.code),
    );
    await stack.preview({ expectNoChanges: true });
  });

  it("adopting a campaign that holds 10 of 20 declared codes imports the other 10", async () => {
    const { emulator } = ctx;
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

    const stack = new ContractStack({ coupons: coupons({ adopt: true, vouchers: codes(20) }) });
    await emulator.clearRequests();
    await stack.up();
    const log = await emulator.requests();
    assert.equal(stack.output("coupons", "campaignId"), existing.body.id);
    assert.equal(imports(log), 1, render(log).join("\n"));
    assert.deepEqual(
      await codesOf(emulator, existing.body.id),
      codes(20).map((c) => c.code),
    );
    await stack.preview({ expectNoChanges: true });
  });

  it("vouchersCsvPrune: true round-trips: create, then a preview expects no changes", async () => {
    const { emulator } = ctx;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "converge-csv-"));
    try {
      const csv = path.join(dir, "codes.csv");
      fs.writeFileSync(csv, "Code,Category\nPRUNE-1,a\nPRUNE-2,b\n");
      const stack = new ContractStack({ pruned: coupons({ vouchersCsv: csv, vouchersCsvPrune: true }) });
      await stack.up();
      await emulator.clearRequests();
      await stack.preview({ expectNoChanges: true });
      assert.deepEqual(render(await emulator.requests()), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
