// The code sync's byte limits and a bulk update's per-code results, through `syncVoucherCodes` with the
// provider's real HTTP client against the in-process emulator; the emulator's request log (bodies included,
// `logBodies`) is the witness. Moved up from the code sync's unit tests against an in-memory fake of the API
// (test/unit/codes/sync.test.ts), keeping their assertions (issue 17: no extra fakes). The limits are set
// far below the API's 10 MB so that a few codes show the split.
import * as assert from "node:assert/strict";
import { realClock } from "../../provider/client/clock";
import { createHttpClient } from "../../provider/client/http";
import { checkVoucherCodeInputs } from "../../provider/codes/check";
import { type CodeSyncContext, syncVoucherCodes } from "../../provider/codes/sync";
import { APP_ID, type LoggedRequest, SECRET_KEY } from "../helpers/emulator";
import { forEachProfile, type Json } from "./support";

/** Inputs as check would return them. */
function checked(news: Json, olds?: Json): Json {
  const r = checkVoucherCodeInputs(olds, { campaignType: "DISCOUNT_COUPONS", ...news }, {});
  assert.deepEqual(r.failures, []);
  return r.inputs;
}

const codes = (n: number, batch: (i: number) => Json) =>
  Array.from({ length: n }, (_, i) => ({ code: `M-${i}`, metadata: batch(i) }));

/** Requests that change something, "METHOD /path" (async-action polls left out). */
const writes = (log: LoggedRequest[]) =>
  log.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);

forEachProfile(
  "contract: the code sync's byte limits and per-code bulk results",
  (ctx) => {
    /** A sync context on a fresh coupon campaign, through the real client. */
    async function setup(): Promise<CodeSyncContext> {
      const made = await ctx.emulator.api<{ id: string }>("POST", "/v1/campaigns", {
        name: "limits",
        campaign_type: "DISCOUNT_COUPONS",
        type: "STATIC",
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percent_off: 10 } },
      });
      assert.equal(typeof made.body.id, "string", JSON.stringify(made.body));
      await ctx.emulator.settle();
      await ctx.emulator.clearRequests();
      return {
        http: createHttpClient({
          apiUrl: ctx.emulator.url,
          applicationId: APP_ID,
          secretKey: SECRET_KEY,
          timeUnitMs: 1,
        }),
        clock: realClock(),
        campaignId: made.body.id,
        campaignType: "DISCOUNT_COUPONS",
        log: (m) => ctx.logs.push(m),
        asyncTimeoutMs: 60_000,
        wait: { initialDelayMs: 10, maxDelayMs: 50 },
        freshCampaign: true,
      };
    }

    /** `n` codes imported with metadata {batch: "a"}, the request log cleared. */
    async function imported(n: number) {
      const sync = await setup();
      const before = checked({ vouchers: codes(n, () => ({ batch: "a" })) });
      const first = await syncVoucherCodes(sync, undefined, before);
      assert.deepEqual(first.failures, []);
      await ctx.emulator.settle();
      await ctx.emulator.clearRequests();
      return { sync: { ...sync, freshCampaign: false }, previous: { ...before, ...first.outputs } };
    }

    it("splits a large import into requests under the byte limit", async () => {
      const sync = await setup();
      sync.maxImportBytes = 200;
      const vouchers = Array.from({ length: 30 }, (_, i) => ({ code: `CODE-${String(i).padStart(3, "0")}` }));
      const r = await syncVoucherCodes(sync, undefined, checked({ vouchers }));
      assert.deepEqual(r.failures, []);
      const imports = (await ctx.emulator.requests()).filter(
        (c) => c.method === "POST" && c.path.endsWith("/import"),
      );
      assert.ok(imports.length > 1);
      for (const c of imports) assert.ok(Buffer.byteLength(JSON.stringify(c.body)) <= 200);
      assert.deepEqual(
        imports.flatMap((c) => (c.body as { code: string }[]).map((i) => i.code)),
        vouchers.map((v) => v.code),
      );
      assert.equal((r.outputs.vouchers as unknown[]).length, 30);
    });

    it("splits the bulk body under the byte limit", async () => {
      const { sync, previous } = await imported(30);
      sync.maxImportBytes = 400;
      const after = checked({ vouchers: codes(30, () => ({ batch: "b" })) });
      const r = await syncVoucherCodes(sync, previous, after);
      assert.deepEqual(r.failures, []);
      const posts = (await ctx.emulator.requests()).filter(
        (c) => c.method === "POST" && c.path === "/v1/vouchers/bulk/async",
      );
      assert.ok(posts.length > 1);
      for (const c of posts) assert.ok(Buffer.byteLength(JSON.stringify(c.body)) <= 400);
      assert.equal(
        posts.reduce((n, c) => n + (c.body as unknown[]).length, 0),
        30,
      );
    });

    it("records exactly what the result says: a refused code keeps its previous declaration, a missing one leaves state", async () => {
      const { sync, previous } = await imported(5);
      await ctx.emulator.refuseInBulk([{ code: "M-1", key: "invalid_metadata", details: "code M-1" }]);
      // Deleted outside Pulumi, for good (not to the bin).
      assert.equal((await ctx.emulator.api("DELETE", "/v1/vouchers/M-2?force=true")).status, 204);
      await ctx.emulator.clearRequests();
      const after = checked({ vouchers: codes(5, () => ({ batch: "b" })) });
      const r = await syncVoucherCodes(sync, previous, after);
      assert.deepEqual(writes(await ctx.emulator.requests()), ["POST /v1/vouchers/bulk/async"]);
      assert.deepEqual(
        r.failures.map((f) => [f.code, f.reason]),
        [
          ["M-1", "bulk metadata update failed: invalid_metadata: code M-1"],
          ["M-2", "the voucher no longer exists in Voucherify; the next up imports it again"],
        ],
      );
      const recorded = new Map(
        (r.outputs.vouchers as { code: string; metadata?: unknown }[]).map((v) => [v.code, v]),
      );
      assert.deepEqual(recorded.get("M-1")?.metadata, { batch: "a" });
      assert.equal(recorded.has("M-2"), false);
      for (const code of ["M-0", "M-3", "M-4"])
        assert.deepEqual(recorded.get(code)?.metadata, { batch: "b" });
    });
  },
  { logBodies: true },
);
