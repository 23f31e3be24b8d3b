// The code sync's requests and recorded state through the adapter functions, with the emulator's request log
// (bodies included, `logBodies`) as the witness. Moved up from the code sync's unit tests against an in-memory
// fake of the API (test/unit/codes/sync.test.ts), keeping their assertions (issue 17: no extra fakes).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { count, type LoggedRequest } from "../helpers/emulator";
import { ContractStack, checked, codesOf, forEachProfile, type Json, provider, rejection } from "./support";

const coupons = (extra: Json = {}): Json => ({
  name: "sync coupons",
  campaignType: "DISCOUNT_COUPONS",
  voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
  vouchersSecret: false,
  ...extra,
});

/** Requests that change something, "METHOD /path" (readiness reads and async-action polls left out). */
const writes = (log: LoggedRequest[]) =>
  log.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
const sent = (log: LoggedRequest[], method: string, path: RegExp) =>
  log.find((r) => r.method === method && path.test(r.path));

forEachProfile(
  "contract: the code sync's requests",
  (ctx) => {
    /** A stack with `vouchers` created, its request log cleared. */
    async function created(vouchers: Json[], extra: Json = {}) {
      const stack = new ContractStack({ c: coupons({ vouchers, ...extra }) });
      await stack.up();
      await ctx.emulator.clearRequests();
      return { stack, id: String(stack.output("c", "campaignId")) };
    }

    it("imports four new codes with exactly one import request and records them", async () => {
      const emulator = await ctx.restart({ asyncDelayMs: 400, logBodies: true });
      const stack = new ContractStack({
        c: coupons({ vouchers: [{ code: "C" }, { code: "A", category: "x" }, { code: "B" }, { code: "D" }] }),
      });
      await stack.up();
      const log = await emulator.requests();
      const id = String(stack.output("c", "campaignId"));
      assert.deepEqual(writes(log), ["POST /v1/campaigns", `POST /v1/campaigns/${id}/import`]);
      assert.deepEqual(sent(log, "POST", /\/import$/)?.body, [
        { code: "C" },
        { code: "A", category: "x" },
        { code: "B" },
        { code: "D" },
      ]);
      assert.deepEqual(
        stack.output("c", "vouchers"),
        [{ code: "A", category: "x" }, { code: "B" }, { code: "C" }, { code: "D" }],
        "state: by code",
      );
      assert.equal(stack.output("c", "totalVouchers"), 4, "four codes added to the campaign");
      assert.ok(
        ctx.logs.some((l) => /importing vouchers \(4 codes\): 50%/.test(l)),
        ctx.logs.join("\n"),
      );
    });

    it("adds up to three codes one synchronous request each, with no import to wait for", async () => {
      const { stack, id } = await created([]);
      stack.spec = {
        c: coupons({ vouchers: [{ code: "S1", category: "x", metadata: { a: 1 } }, { code: "S2" }] }),
      };
      await stack.up();
      const log = await ctx.emulator.requests();
      assert.deepEqual(writes(log), [
        `POST /v1/campaigns/${id}/vouchers/S1`,
        `POST /v1/campaigns/${id}/vouchers/S2`,
      ]);
      assert.deepEqual(sent(log, "POST", /\/S1$/)?.body, { category: "x", metadata: { a: 1 } });
      assert.equal(count(log, "GET", /^\/v1\/async-actions/), 0, "no async action to poll");
      assert.equal(stack.output("c", "totalVouchers"), 2);
    });

    it("imports even a few codes when they declare what the single add cannot carry (active, gift amount)", async () => {
      const { stack, id } = await created([]);
      stack.spec = { c: coupons({ vouchers: [{ code: "S1", active: false }] }) };
      await stack.up();
      assert.deepEqual(writes(await ctx.emulator.requests()), [`POST /v1/campaigns/${id}/import`]);
    });

    it("adds one, changes one and removes one with exactly one add, one update and one delete", async () => {
      const { stack, id } = await created([
        { code: "KEEP" },
        { code: "CHANGE", category: "old" },
        { code: "DROP" },
      ]);
      stack.spec = {
        c: coupons({ vouchers: [{ code: "KEEP" }, { code: "CHANGE", category: "new" }, { code: "ADD" }] }),
      };
      await stack.up();
      const log = await ctx.emulator.requests();
      assert.deepEqual(writes(log), [
        "DELETE /v1/vouchers/DROP",
        "PUT /v1/vouchers/CHANGE",
        `POST /v1/campaigns/${id}/vouchers/ADD`,
      ]);
      assert.deepEqual(sent(log, "PUT", /CHANGE$/)?.body, { category: "new" });
      assert.deepEqual(sent(log, "DELETE", /DROP$/)?.query, { force: "true" });
      assert.deepEqual(stack.output("c", "vouchers"), [
        { code: "ADD" },
        { code: "CHANGE", category: "new" },
        { code: "KEEP" },
      ]);
      assert.deepEqual(await codesOf(ctx.emulator, id), ["ADD", "CHANGE", "KEEP"]);
      assert.equal(stack.output("c", "totalVouchers"), 3, "one added, one deleted");
    });

    it("makes no API call when nothing changed", async () => {
      const { stack } = await created([{ code: "A", metadata: { k: 1 } }], { vouchersCount: 3 });
      await stack.up();
      assert.deepEqual(await ctx.emulator.requests(), []);
      assert.deepEqual(stack.output("c", "vouchers"), [{ code: "A", metadata: { k: 1 } }]);
      assert.equal(stack.output("c", "vouchersCount"), 3);
    });

    it("toggles `active` alone through enable/disable, and inside the PUT when other attributes change too", async () => {
      const { stack } = await created([
        { code: "A", active: true },
        { code: "B", active: true },
      ]);
      stack.spec = {
        c: coupons({
          vouchers: [
            { code: "A", active: false },
            { code: "B", active: false, category: "c" },
          ],
        }),
      };
      await stack.up();
      const log = await ctx.emulator.requests();
      assert.deepEqual(writes(log), ["POST /v1/vouchers/A/disable", "PUT /v1/vouchers/B"]);
      assert.deepEqual(sent(log, "PUT", /\/B$/)?.body, { category: "c", active: false });
    });

    const meta = (n: number, batch: (i: number) => Json) =>
      Array.from({ length: n }, (_, i) => ({ code: `M-${i}`, metadata: batch(i) }));
    const metadataOf = async (code: string) =>
      (await ctx.emulator.api<{ metadata: Json }>("GET", `/v1/vouchers/${code}`)).body.metadata;

    it("sends metadata-only changes of five codes as one bulk request plus polls, with each code's whole metadata", async () => {
      const { stack } = await created(meta(10, () => ({ batch: "a" })));
      const after = meta(10, (i) => (i < 5 ? { batch: "b", n: i } : { batch: "a" }));
      stack.spec = { c: coupons({ vouchers: after }) };
      await stack.up();
      const log = await ctx.emulator.requests();
      assert.deepEqual(writes(log), ["POST /v1/vouchers/bulk/async"]);
      assert.deepEqual(
        sent(log, "POST", /bulk/)?.body,
        Array.from({ length: 5 }, (_, i) => ({ code: `M-${i}`, metadata: { batch: "b", n: i } })),
      );
      const others = log.filter((r) => r.method === "GET");
      assert.ok(
        others.length > 0 && others.every((r) => r.path.startsWith("/v1/async-actions/")),
        "the POST and polls",
      );
      assert.deepEqual(await metadataOf("M-4"), { batch: "b", n: 4 });
      assert.deepEqual(stack.output("c", "vouchers"), after);
    });

    it("sends one or two changes as PUTs: no fewer requests in bulk", async () => {
      const { stack } = await created(meta(4, () => ({ batch: "a" })));
      stack.spec = { c: coupons({ vouchers: meta(4, (i) => ({ batch: i < 2 ? "b" : "a" })) }) };
      await stack.up();
      assert.deepEqual(writes(await ctx.emulator.requests()).sort(), [
        "PUT /v1/vouchers/M-0",
        "PUT /v1/vouchers/M-1",
      ]);
    });

    it("leaves a change that removes a key, or changes more than metadata, to a PUT of its own", async () => {
      const { stack } = await created(meta(6, () => ({ batch: "a" })));
      const after = [
        ...meta(3, () => ({ batch: "b" })),
        { code: "M-3", metadata: { other: 1 } }, // removes `batch`
        { code: "M-4", metadata: { batch: "b" }, active: false },
        { code: "M-5" }, // removes the metadata altogether
      ];
      stack.spec = { c: coupons({ vouchers: after }) };
      await stack.up();
      const log = await ctx.emulator.requests();
      assert.deepEqual(writes(log).sort(), [
        "POST /v1/vouchers/bulk/async",
        "PUT /v1/vouchers/M-3",
        "PUT /v1/vouchers/M-4",
        "PUT /v1/vouchers/M-5",
      ]);
      assert.deepEqual(
        ((sent(log, "POST", /bulk/)?.body ?? []) as { code: string }[]).map((i) => i.code),
        ["M-0", "M-1", "M-2"],
      );
      assert.deepEqual(await metadataOf("M-3"), { other: 1 }, "the PUT replaced the metadata");
      assert.deepEqual(stack.output("c", "vouchers"), after);
    });

    it("updates the codes one by one when the bulk action ends FAILED, so every outcome is known", async () => {
      const { stack } = await created(meta(4, () => ({ batch: "a" })));
      await ctx.emulator.failNextAsyncAction("VOUCHERS.BULK_UPDATE");
      const after = meta(4, () => ({ batch: "b" }));
      stack.spec = { c: coupons({ vouchers: after }) };
      await stack.up();
      assert.deepEqual(writes(await ctx.emulator.requests()).sort(), [
        "POST /v1/vouchers/bulk/async",
        "PUT /v1/vouchers/M-0",
        "PUT /v1/vouchers/M-1",
        "PUT /v1/vouchers/M-2",
        "PUT /v1/vouchers/M-3",
      ]);
      for (let i = 0; i < 4; i++) assert.deepEqual(await metadataOf(`M-${i}`), { batch: "b" });
      assert.deepEqual(stack.output("c", "vouchers"), after);
    });

    it("treats a 404 on delete as done, and a 404 on update as gone (not recorded, imported again next time)", async () => {
      const { stack } = await created([{ code: "DEL" }, { code: "UPD", category: "a" }]);
      for (const code of ["DEL", "UPD"]) await ctx.emulator.api("DELETE", `/v1/vouchers/${code}?force=true`);
      await ctx.emulator.clearRequests();
      stack.spec = { c: coupons({ vouchers: [{ code: "UPD", category: "b" }] }) };
      const e = await rejection(stack.up());
      assert.deepEqual(writes(await ctx.emulator.requests()), [
        "DELETE /v1/vouchers/DEL",
        "PUT /v1/vouchers/UPD",
      ]);
      assert.equal(String(e).match(/^ {2}- /gm)?.length, 1, String(e));
      assert.match(String(e), /- UPD: /);
      assert.deepEqual(stack.output("c", "vouchers"), []);
    });

    it("keeps the previous declaration of a code whose update or delete failed", async () => {
      const { stack } = await created([{ code: "A", category: "old" }, { code: "B" }]);
      await ctx.emulator.faults([
        { method: "PUT", path: "^/v1/vouchers/A$", status: 500, times: 99 },
        { method: "DELETE", path: "^/v1/vouchers/B$", status: 500, times: 99 },
      ]);
      stack.spec = { c: coupons({ vouchers: [{ code: "A", category: "new" }] }) };
      const e = String(await rejection(stack.up()));
      assert.deepEqual(
        [...e.matchAll(/^ {2}- (\S+): /gm)].map((m) => m[1]),
        ["B", "A"],
        e,
      );
      assert.deepEqual(stack.output("c", "vouchers"), [{ code: "A", category: "old" }, { code: "B" }]);
    });

    it("reports items the async import failed and does not record them, so the next up retries them", async () => {
      const { stack, id } = await created([]);
      const bad = { code: "BAD", startDate: "2030-01-02", expirationDate: "2030-01-01" };
      stack.spec = { c: coupons({ vouchers: [{ code: "OK" }, bad, { code: "OK2" }, { code: "OK3" }] }) };
      const e = String(await rejection(stack.up()));
      assert.equal(e.match(/^ {2}- /gm)?.length, 1, e);
      assert.match(e, /- BAD: expiration_date: must be later than start_date/);
      assert.deepEqual(stack.output("c", "vouchers"), [{ code: "OK" }, { code: "OK2" }, { code: "OK3" }]);
      assert.equal(stack.output("c", "totalVouchers"), 3, "only the imported codes count");
      assert.deepEqual(writes(await ctx.emulator.requests()), [`POST /v1/campaigns/${id}/import`]);
    });

    /** Another campaign, made straight through the API, holding `codes`. */
    async function otherCampaign(codes: string[]): Promise<string> {
      const made = await ctx.emulator.api<{ id: string }>("POST", "/v1/campaigns", {
        name: "Other campaign",
        campaign_type: "DISCOUNT_COUPONS",
        type: "STATIC",
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percent_off: 5 } },
      });
      const imported = await ctx.emulator.api(
        "POST",
        `/v1/campaigns/${made.body.id}/import`,
        codes.map((code) => ({ code })),
      );
      assert.equal(imported.status, 202);
      await ctx.emulator.settle();
      return made.body.id;
    }

    it("isolates a code that exists in another campaign and imports the rest", async () => {
      await otherCampaign(["TAKEN"]);
      const stack = new ContractStack({
        c: coupons({ vouchers: [{ code: "A" }, { code: "TAKEN" }, { code: "B" }] }),
      });
      const e = String(await rejection(stack.up()));
      assert.equal(e.match(/^ {2}- /gm)?.length, 1, e);
      assert.match(e, /- TAKEN: .*already exists in campaign Other campaign/);
      assert.deepEqual(stack.output("c", "vouchers"), [{ code: "A" }, { code: "B" }]);
      assert.deepEqual(await codesOf(ctx.emulator, String(stack.output("c", "campaignId"))), ["A", "B"]);
    });

    it("counts a rejected code that already belongs to this campaign as imported (a retried import converges)", async () => {
      const { stack, id } = await created([]);
      await ctx.emulator.api("POST", `/v1/campaigns/${id}/vouchers/ALREADY`);
      stack.spec = { c: coupons({ vouchers: [{ code: "ALREADY" }] }) };
      await stack.up();
      assert.deepEqual(stack.output("c", "vouchers"), [{ code: "ALREADY" }]);
    });

    it("generates nothing after the create (the create request carries vouchers_count)", async () => {
      const stack = new ContractStack({ c: coupons({ vouchersCount: 5 }) });
      await stack.up();
      const log = await ctx.emulator.requests();
      assert.deepEqual(writes(log), ["POST /v1/campaigns"]);
      assert.equal(((sent(log, "POST", /^\/v1\/campaigns$/)?.body ?? {}) as Json).vouchers_count, 5);
      assert.equal(stack.output("c", "vouchersCount"), 5);
    });

    it("grows by the difference with one request plus polling", async () => {
      const { stack, id } = await created([], { vouchersCount: 5 });
      stack.spec = { c: coupons({ vouchers: [], vouchersCount: 10 }) };
      await stack.up();
      const log = await ctx.emulator.requests();
      assert.deepEqual(writes(log), [`POST /v1/campaigns/${id}/vouchers`]);
      assert.deepEqual(sent(log, "POST", /\/vouchers$/)?.query, { vouchers_count: "5" });
      const after = log.slice(log.findIndex((r) => r.method === "POST") + 1);
      assert.ok(
        after.every((r) => r.path.startsWith("/v1/async-actions/")),
        "then only polls",
      );
      assert.equal((await codesOf(ctx.emulator, id)).length, 10);
      assert.equal(stack.output("c", "vouchersCount"), 10);
    });

    describe("CSV source", () => {
      let dir: string;
      let file: string;
      beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "voucherify-sync-csv-"));
        file = path.join(dir, "codes.csv");
      });
      afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

      it("imports a new file through one importCSV on a fresh campaign, recording digest and rows only", async () => {
        fs.writeFileSync(file, "Code,Category,Region\nA,x,EU\nB,,US\n");
        const stack = new ContractStack({ c: coupons({ vouchersCsv: file }) });
        await stack.up();
        const id = String(stack.output("c", "campaignId"));
        assert.deepEqual(writes(await ctx.emulator.requests()), [
          "POST /v1/campaigns",
          `POST /v1/campaigns/${id}/importCSV`,
        ]);
        assert.equal(stack.output("c", "vouchersCsvDigest"), stack.recorded("c").inputs.vouchersCsvDigest);
        assert.equal(stack.output("c", "vouchersCsvRows"), 2);
        assert.equal(stack.output("c", "vouchers"), undefined);
        const a = await ctx.emulator.api<{ metadata: Json }>("GET", "/v1/vouchers/A");
        assert.deepEqual(a.body.metadata, { Region: "EU" });

        await ctx.emulator.clearRequests();
        await stack.up();
        assert.deepEqual(await ctx.emulator.requests(), [], "no API call when the file is unchanged");
        assert.equal(stack.output("c", "vouchersCsvDigest"), stack.recorded("c").inputs.vouchersCsvDigest);
      });

      /** A campaign holding KEEP, CHANGE, DROP (from the file) and INLINE; the file then drops DROP and adds NEW. */
      async function reconcileChangedFile(prune: boolean) {
        fs.writeFileSync(file, "Code,Category\nKEEP,k\nCHANGE,old\nDROP,\n");
        const declaration = coupons({
          vouchersCsv: file,
          vouchersCsvPrune: prune,
          vouchers: [{ code: "INLINE" }],
        });
        const stack = new ContractStack({ c: declaration });
        await stack.up();
        const id = String(stack.output("c", "campaignId"));
        fs.writeFileSync(file, "Code,Category\nKEEP,k\nCHANGE,new\nNEW,n\n");
        await ctx.emulator.clearRequests();
        ctx.logs.length = 0;
        await stack.up();
        const log = await ctx.emulator.requests();
        assert.equal(count(log, "GET", /^\/v1\/vouchers$/), 1, "lists once");
        const csv = String(sent(log, "POST", /\/importCSV$/)?.body);
        assert.ok(csv.includes("Code,Category\r\nNEW,n\r\n"), `only the new row is imported: ${csv}`);
        assert.equal(stack.output("c", "vouchersCsvDigest"), stack.recorded("c").inputs.vouchersCsvDigest);
        return { id, writes: writes(log), codes: await codesOf(ctx.emulator, id) };
      }

      it("keeps the previous digest when rows fail, naming the file's row, so the next up reconciles again", async () => {
        await otherCampaign(["ELSEWHERE"]);
        fs.writeFileSync(file, "Code\nA\n");
        const stack = new ContractStack({ c: coupons({ vouchersCsv: file }) });
        await stack.up();
        const before = stack.output("c", "vouchersCsvDigest");
        fs.writeFileSync(file, "Code\nA\nB\nELSEWHERE\n");
        const e = String(await rejection(stack.up()));
        assert.equal(e.match(/^ {2}- /gm)?.length, 1, e);
        assert.match(e, /- ELSEWHERE: row 3: /);
        assert.equal(stack.output("c", "vouchersCsvDigest"), before);
        assert.ok((await codesOf(ctx.emulator, String(stack.output("c", "campaignId")))).includes("B"));
      });

      it("refuses to reconcile when the file changed after check", async () => {
        fs.writeFileSync(file, "Code\nA\n");
        const inputs = await checked(coupons({ vouchersCsv: file }));
        fs.writeFileSync(file, "Code\nA\nB\n");
        const e = (await rejection(provider.create(inputs))) as { properties?: Json };
        assert.match(String(e), /changed after preview/);
        const log = await ctx.emulator.requests();
        assert.equal(
          count(log, "POST", /\/importCSV$/) + count(log, "GET", /^\/v1\/vouchers$/),
          0,
          "the sync calls nothing",
        );
        assert.equal(e.properties?.vouchersCsvDigest, undefined);
      });

      it("with vouchersCsvPrune, reconciles a changed file: lists once, imports new rows by CSV, updates changed rows, deletes removed ones", async () => {
        const { id, writes, codes } = await reconcileChangedFile(true);
        assert.deepEqual(writes, [
          "DELETE /v1/vouchers/DROP",
          "PUT /v1/vouchers/CHANGE",
          `POST /v1/campaigns/${id}/importCSV`,
        ]);
        assert.deepEqual(codes, ["CHANGE", "INLINE", "KEEP", "NEW"]);
      });

      it("without pruning, reconciles a changed file but leaves codes missing from it in place, and says so", async () => {
        const { id, writes, codes } = await reconcileChangedFile(false);
        assert.deepEqual(writes, ["PUT /v1/vouchers/CHANGE", `POST /v1/campaigns/${id}/importCSV`]);
        assert.deepEqual(codes, ["CHANGE", "DROP", "INLINE", "KEEP", "NEW"]);
        assert.ok(
          ctx.logs.some((m) => /1 code\(s\) .* left in place/.test(m)),
          ctx.logs.join("\n"),
        );
      });
    });
  },
  { logBodies: true },
);
