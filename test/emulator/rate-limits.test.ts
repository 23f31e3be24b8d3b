// Rate limits as documentation/guides/limits.mdx describes them: X-Rate-Limit-Limit/-Remaining/-Retry on every
// counted response, Retry-After and X-Rate-Limit-Type only on the 429, minute or hour windows, and bulk API
// calls (the operations the spec says affect data "in bulk") in their own hourly budget.
import * as assert from "node:assert/strict";
import { rateLimitTypeOf } from "../../emulator/rate-limits";
import { ContractCheck, useCheckedEmulators } from "./contract-check";
import { type Json, rejection, sdk } from "./support";

const check = new ContractCheck();

describe("emulator rate limits", () => {
  const start = useCheckedEmulators(check);

  it("sends the limit headers on every response and Retry-After / X-Rate-Limit-Type on the 429 only", async () => {
    const emu = await start({ rateLimit: 3 });
    const before = Math.floor(Date.now() / 1000);
    const client = sdk(emu.url);
    await client.campaigns.list();
    assert.deepEqual(
      [client.apiLimitsHandler.getRateLimit(), client.apiLimitsHandler.getRateLimitRemaining()],
      [3, 2],
    );
    const seen: (string | null)[][] = [];
    for (let i = 0; i < 2; i++) {
      const r = await emu.call("GET", "/v1/campaigns");
      assert.equal(r.status, 200);
      const h = r.headers;
      seen.push([h.get("x-rate-limit-limit"), h.get("x-rate-limit-remaining")]);
      assert.equal(h.get("retry-after"), null);
      assert.equal(h.get("x-rate-limit-type"), null);
      const retry = Number(h.get("x-rate-limit-retry"));
      if (i === 0)
        assert.ok(retry >= before && retry <= Math.ceil(Date.now() / 1000), "now, while calls remain");
      else assert.ok(retry >= before + 59 && retry <= before + 61, "the window's end once none remain");
    }
    assert.deepEqual(seen, [
      ["3", "1"],
      ["3", "0"],
    ]);
    const limited = await emu.call<Json>("GET", "/v1/campaigns");
    assert.equal(limited.status, 429);
    assert.deepEqual(
      [limited.body.code, limited.body.message],
      [429, "Too many requests hit the API too quickly."],
    );
    const h = limited.headers;
    assert.deepEqual([h.get("x-rate-limit-type"), h.get("x-rate-limit-remaining")], ["api_calls", "0"]);
    const retryAfter = Number(h.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, String(retryAfter));
    const error = await rejection(client.campaigns.list());
    assert.deepEqual([error.code, error.message], [429, "Too many requests hit the API too quickly."]);
  });

  it("counts per hour with --rate-limit-window hour (the Sandbox: 100 calls per hour)", async () => {
    const emu = await start({ rateLimit: 1, rateLimitWindow: "hour" });
    assert.equal((await emu.call("GET", "/v1/campaigns")).status, 200);
    const limited = await emu.call("GET", "/v1/campaigns");
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    assert.ok(retryAfter > 3500 && retryAfter <= 3600, String(retryAfter));
  });

  it("counts bulk API calls in their own hourly budget", async () => {
    const emu = await start({ rateLimit: 100, bulkRateLimit: 1 });
    const c = await emu.call<Json>("POST", "/v1/campaigns", {
      body: {
        name: "Bulk",
        campaign_type: "DISCOUNT_COUPONS",
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "AMOUNT", amount_off: 1 } },
      },
    });
    assert.equal(c.headers.get("x-rate-limit-remaining"), "99");
    const first = await emu.call("POST", `/v1/campaigns/${c.body.id}/import`, { body: [{ code: "B1" }] });
    assert.equal(first.status, 202);
    assert.deepEqual(
      [first.headers.get("x-rate-limit-limit"), first.headers.get("x-rate-limit-remaining")],
      ["1", "0"],
    );
    const second = await emu.call<Json>("POST", `/v1/campaigns/${c.body.id}/vouchers?vouchers_count=2`, {
      body: {},
    });
    assert.equal(second.status, 429);
    assert.equal(second.headers.get("x-rate-limit-type"), "bulk_api_calls");
    assert.ok(Number(second.headers.get("retry-after")) > 3500);
    const other = await emu.call("GET", `/v1/campaigns/${c.body.id}`);
    assert.deepEqual([other.status, other.headers.get("x-rate-limit-remaining")], [200, "98"]);
    await emu.settle();
  });

  it("classifies as bulk exactly the operations the spec says start a process affecting data in bulk", () => {
    const bulk = [
      ["POST", "/v1/campaigns/camp_1/vouchers"],
      ["POST", "/v1/campaigns/My%20Campaign/import"],
      ["POST", "/v1/campaigns/camp_1/importCSV"],
      ["DELETE", "/v1/campaigns/camp_1"],
      ["POST", "/v1/vouchers/import"],
      ["POST", "/v1/vouchers/importCSV"],
      ["POST", "/v1/vouchers/bulk/async"],
      ["POST", "/v1/vouchers/metadata/async"],
      ["POST", "/v1/customers/bulk/async"],
      ["POST", "/v1/products/metadata/async"],
      ["POST", "/v1/skus/importCSV"],
      ["POST", "/v1/orders/import"],
    ];
    const single = [
      ["POST", "/v1/campaigns"],
      ["GET", "/v1/campaigns/camp_1"],
      ["PUT", "/v1/campaigns/camp_1"],
      ["POST", "/v1/campaigns/camp_1/vouchers/CODE"],
      ["GET", "/v1/vouchers"],
      ["POST", "/v1/exports"],
      ["POST", "/v1/promotions/camp_1/tiers"],
    ];
    for (const [method, path] of bulk) assert.equal(rateLimitTypeOf(method!, path!), "bulk_api_calls", path);
    for (const [method, path] of single) assert.equal(rateLimitTypeOf(method!, path!), "api_calls", path);
  });

  it("sends no limit headers when no limit is configured", async () => {
    const emu = await start({});
    const r = await emu.call("GET", "/v1/campaigns");
    assert.equal(r.headers.get("x-rate-limit-limit"), null);
  });
});
