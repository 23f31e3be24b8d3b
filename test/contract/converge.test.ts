// Converging whatever happened, through the adapter functions, with the emulator's failure switches and its
// request log as the witness: work that took effect although its answer was lost is found, never repeated; the
// state a partial failure carries is what the next update starts from. (Moved down from the engine e2e tier, and
// up from the code sync's unit tests against an in-memory fake of the API, test/unit/codes/converge.test.ts.)
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { count, type LoggedRequest, render, type TestEmulator } from "../helpers/emulator";
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
/** Requests other than readiness reads and async-action polls. */
const work = (log: LoggedRequest[]) =>
  render(log).filter((l) => !/^GET \/v1\/(campaigns|async-actions)\//.test(l));

/**
 * How many codes the `nth` import of `log` carried, from its async action's result (the request log holds no
 * bodies): what it imported plus what it reported failed.
 */
async function importedBy(emulator: TestEmulator, log: LoggedRequest[], nth = 0): Promise<number> {
  const accepted = log
    .map((r, i) => [r, i] as const)
    .filter(([r]) => r.method === "POST" && /\/import$/.test(r.path) && r.status === 202);
  const at = accepted[nth]?.[1];
  assert.ok(at !== undefined, render(log).join("\n"));
  const poll = log.slice(at).find((r) => r.method === "GET" && r.path.startsWith("/v1/async-actions/"));
  assert.ok(poll, render(log).join("\n"));
  await emulator.settle();
  const { body } = await emulator.api<{ result: { done_count?: number; failed_count?: number } }>(
    "GET",
    poll.path,
  );
  return (body.result.done_count ?? 0) + (body.result.failed_count ?? 0);
}

/** The campaign `coupons()` declares, made straight through the API (someone else's), with `generated` codes. */
async function madeOutside(emulator: TestEmulator, generated?: number): Promise<{ body: { id: string } }> {
  const made = await emulator.api<{ id: string }>("POST", "/v1/campaigns", {
    name: "converge coupons",
    campaign_type: "DISCOUNT_COUPONS",
    type: "AUTO_UPDATE",
    voucher: {
      type: "DISCOUNT_VOUCHER",
      discount: { type: "PERCENT", percent_off: 10 },
      code_config: { pattern: "GEN-#####" },
    },
    ...(generated === undefined ? {} : { vouchers_count: generated }),
  });
  assert.equal(made.status, 200);
  await emulator.settle();
  return made;
}

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
    assert.match(String(e), /100 voucher codes could not be reconciled/);
    const landed = String(stack.output("coupons", "campaignId"));
    assert.equal((await codesOf(emulator, landed)).length, 100, "the import did land");

    await emulator.clearRequests();
    await stack.up();
    const log = await emulator.requests();
    assert.equal(imports(log), 0, render(log).join("\n"));
    assert.ok(readings(log) <= 1, "at most one listing or export");
    assert.ok(!render(log).some((l) => l.endsWith(" 400")), "no duplicate_key");
    assert.deepEqual(work(log), ["GET /v1/vouchers 200"], "one reading, no import");
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
    assert.equal(await importedBy(emulator, log), 50, "only the missing half");
    const id = String(stack.output("coupons", "campaignId"));
    assert.deepEqual(
      await codesOf(emulator, id),
      codes(100).map((c) => c.code),
    );
    await stack.preview({ expectNoChanges: true });
  });

  it("adopting a campaign that holds 10 of 20 declared codes imports the other 10", async () => {
    const { emulator } = ctx;
    const existing = await madeOutside(emulator);
    const held = await emulator.api("POST", `/v1/campaigns/${existing.body.id}/import`, codes(10));
    assert.equal(held.status, 202);
    await emulator.settle();

    const stack = new ContractStack({ coupons: coupons({ adopt: true, vouchers: codes(20) }) });
    await emulator.clearRequests();
    await stack.up();
    const log = await emulator.requests();
    assert.equal(stack.output("coupons", "campaignId"), existing.body.id);
    assert.equal(imports(log), 1, render(log).join("\n"));
    assert.equal(await importedBy(emulator, log), 10, "only the codes it does not hold");
    assert.equal(recordedCodes(stack).length, 20, "all 20 recorded");
    assert.deepEqual(
      await codesOf(emulator, existing.body.id),
      codes(20).map((c) => c.code),
    );
    await stack.preview({ expectNoChanges: true });
  });

  it("a whole import refused as duplicates (older state): reads the campaign once instead of bisecting", async () => {
    const { emulator } = ctx;
    const stack = new ContractStack({ coupons: coupons() });
    await stack.up();
    const id = String(stack.output("coupons", "campaignId"));
    // State written before the codes were recorded: the campaign holds 60 of them already.
    assert.equal((await emulator.api("POST", `/v1/campaigns/${id}/import`, codes(60))).status, 202);
    await emulator.settle();
    stack.spec = { coupons: coupons({ vouchers: codes(100) }) };
    await emulator.clearRequests();
    await stack.up();
    const log = await emulator.requests();
    assert.equal(imports(log), 2, `the refused import, then the 40 missing:\n${render(log).join("\n")}`);
    assert.equal(await importedBy(emulator, log), 40);
    assert.equal(count(log, "GET", /^\/v1\/vouchers$/), 1, "one reading");
    assert.deepEqual(
      await codesOf(emulator, id),
      codes(100).map((c) => c.code),
    );
    await stack.preview({ expectNoChanges: true });
  });

  it("a generation that failed before doing anything records the count unchanged, so the next up grows again", async () => {
    const { emulator } = ctx;
    const stack = new ContractStack({ coupons: coupons({ vouchersCount: 5 }) });
    await stack.up();
    const id = String(stack.output("coupons", "campaignId"));
    await emulator.faults([
      { method: "POST", path: `^/v1/campaigns/${id}/vouchers$`, status: 500, times: 99 },
    ]);
    stack.spec = { coupons: coupons({ vouchersCount: 10 }) };
    const e = await rejection(stack.up());
    assert.match(String(e), /generating 5 codes failed/);
    assert.equal(stack.output("coupons", "vouchersCount"), 5);
    assert.equal(stack.output("coupons", "vouchersGenerated"), 5);

    await emulator.clearFaults();
    await emulator.clearRequests();
    await stack.up();
    const log = await emulator.requests();
    assert.equal(count(log, "POST", /\/vouchers$/), 1, render(log).join("\n"));
    assert.equal(log.find((r) => r.method === "POST")?.query.vouchers_count, "5");
    assert.equal((await codesOf(emulator, id)).length, 10);
    assert.equal(stack.output("coupons", "vouchersCount"), 10);
  });

  // The add-vouchers job runs long enough (400 ms) that a count read before it ends is short. Whether the campaign's
  // vouchers_generation_status shows the job is undocumented: both readings of the emulator's switch.
  for (const addVouchersStatus of ["unchanged", "in-progress"] as const) {
    it(`a generation answered 500 after it happened: no second generation, the recorded count is the API's (campaign status ${addVouchersStatus})`, async () => {
      const emulator = await ctx.restart({ asyncDelayMs: 400, addVouchersStatus });
      const stack = new ContractStack({ coupons: coupons({ vouchersCount: 3 }) });
      await stack.up();
      const id = String(stack.output("coupons", "campaignId"));
      await emulator.faults([
        { method: "POST", path: `^/v1/campaigns/${id}/vouchers$`, status: 500, after: true },
      ]);
      stack.spec = { coupons: coupons({ vouchersCount: 8 }) };
      await emulator.clearRequests();
      await stack.up();
      const log = await emulator.requests();
      assert.equal(count(log, "POST", /\/vouchers$/), 1, "generated once");
      assert.equal((await codesOf(emulator, id)).length, 8);
      const { body } = await emulator.api<{ vouchers_count: number }>("GET", `/v1/campaigns/${id}`);
      assert.equal(body.vouchers_count, 8);
      assert.equal(stack.output("coupons", "totalVouchers"), 8);
      assert.equal(stack.output("coupons", "vouchersGenerated"), 8);
      await emulator.clearRequests();
      await stack.preview({ expectNoChanges: true });
      await stack.up();
      assert.equal(count(await emulator.requests(), "POST", /\/vouchers$/), 0, "and never again");
      assert.equal((await codesOf(emulator, id)).length, 8);
    });
  }

  it("removing vouchersCount and declaring it again never generates twice", async () => {
    const { emulator } = ctx;
    const stack = new ContractStack({ coupons: coupons({ vouchersCount: 25 }) });
    await stack.up();
    const id = String(stack.output("coupons", "campaignId"));
    stack.spec = { coupons: coupons() };
    await stack.up();
    assert.equal(stack.output("coupons", "vouchersCount"), undefined);
    assert.equal(
      stack.output("coupons", "vouchersGenerated"),
      25,
      "the generated count survives the field's removal",
    );
    stack.spec = { coupons: coupons({ vouchersCount: 25 }) };
    await emulator.clearRequests();
    await stack.up();
    assert.equal(stack.output("coupons", "vouchersCount"), 25);
    const log = await emulator.requests();
    assert.deepEqual(work(log), [], "nothing generated, nothing read");
    assert.equal((await codesOf(emulator, id)).length, 25);
  });

  it("records an adopted campaign's other codes as generated, so a declared count generates only the difference", async () => {
    const { emulator } = ctx;
    const existing = await madeOutside(emulator, 8);
    await emulator.clearRequests();
    const stack = new ContractStack({ coupons: coupons({ adopt: true, vouchersCount: 10 }) });
    await stack.up();
    const log = await emulator.requests();
    const generation = log.filter((r) => r.method === "POST" && /\/vouchers$/.test(r.path));
    assert.equal(generation.length, 1, render(log).join("\n"));
    assert.equal(generation[0]?.query.vouchers_count, "2");
    assert.equal(stack.output("coupons", "vouchersGenerated"), 10);
    assert.equal((await codesOf(emulator, existing.body.id)).length, 10);
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
