import assert from "node:assert/strict";
import { recordingClock } from "../../../provider/client/clock";
import { checkVoucherCodeInputs } from "../../../provider/codes/check";
import { type CodeSyncContext, syncVoucherCodes } from "../../../provider/codes/sync";
import { FakeApi, type FakeApiOptions } from "./fake-api";

const CAMPAIGN = "camp_test";

function setup(opts: Partial<FakeApiOptions> = {}, files: Record<string, string> = {}) {
  const api = new FakeApi({ campaignId: CAMPAIGN, ...opts });
  const logs: string[] = [];
  const readFile = (p: string) => {
    const t = files[p];
    if (t === undefined) throw Object.assign(new Error("missing"), { code: "ENOENT" });
    return Buffer.from(t, "utf8");
  };
  const ctx: CodeSyncContext = {
    http: api,
    clock: recordingClock(),
    campaignId: CAMPAIGN,
    campaignType: "DISCOUNT_COUPONS",
    log: (m) => logs.push(m),
    asyncTimeoutMs: 60000,
    readFile,
    // Without previous outputs the sync runs for a create; a campaign it did not just create is adopted.
    freshCampaign: true,
  };
  /** Inputs as check would return them (CSV digest included). */
  const checked = (news: Record<string, unknown>, olds?: Record<string, unknown>) => {
    const r = checkVoucherCodeInputs(olds, { campaignType: "DISCOUNT_COUPONS", ...news }, { readFile });
    assert.deepEqual(r.failures, []);
    return r.inputs;
  };
  return { api, logs, ctx, checked, files };
}

describe("codes/sync syncVoucherCodes — inline codes", () => {
  it("splits a large import into requests under the byte limit", async () => {
    const { api, ctx, checked } = setup();
    ctx.maxImportBytes = 200;
    const vouchers = Array.from({ length: 30 }, (_, i) => ({ code: `CODE-${String(i).padStart(3, "0")}` }));
    const r = await syncVoucherCodes(ctx, undefined, checked({ vouchers }));
    assert.deepEqual(r.failures, []);
    const imports = api.calls.filter((c) => c.path.endsWith("/import"));
    assert.ok(imports.length > 1);
    for (const c of imports) assert.ok(Buffer.byteLength(JSON.stringify(c.body)) <= 200);
    assert.deepEqual(
      imports.flatMap((c) => (c.body as { code: string }[]).map((i) => i.code)),
      vouchers.map((v) => v.code),
    );
    assert.equal((r.outputs.vouchers as unknown[]).length, 30);
  });

  it("reports refused changes and keeps the previous item", async () => {
    const { api, ctx } = setup();
    const previous = { vouchers: [{ code: "R", redemption: { quantity: 1 } }] };
    const r = await syncVoucherCodes(ctx, previous, {
      vouchers: [{ code: "R", redemption: { quantity: 2 } }],
    });
    assert.equal(api.calls.length, 0);
    assert.equal(r.failures[0]?.attribute, "redemption");
    assert.deepEqual(r.outputs.vouchers, previous.vouchers);
  });
});

describe("codes/sync syncVoucherCodes — metadata in bulk", () => {
  const codes = (n: number, batch: (i: number) => Record<string, unknown>) =>
    Array.from({ length: n }, (_, i) => ({ code: `M-${i}`, metadata: batch(i) }));

  /** `n` codes imported with metadata {batch: "a"}, calls cleared. */
  async function imported(n: number, opts: Partial<FakeApiOptions> = {}) {
    const s = setup(opts);
    const before = s.checked({ vouchers: codes(n, () => ({ batch: "a" })) });
    const first = await syncVoucherCodes(s.ctx, undefined, before);
    s.api.calls.length = 0;
    return { ...s, previous: { ...before, ...first.outputs } };
  }

  it("records exactly what the result says: a refused code keeps its previous declaration, a missing one leaves state", async () => {
    const { api, ctx, checked, previous } = await imported(5, { bulkErrors: { "M-1": "invalid_metadata" } });
    api.vouchers.delete("M-2"); // deleted outside Pulumi
    const after = checked({ vouchers: codes(5, () => ({ batch: "b" })) });
    const r = await syncVoucherCodes(ctx, previous, after);
    assert.deepEqual(api.writes(), ["POST /v1/vouchers/bulk/async"]);
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
    for (const code of ["M-0", "M-3", "M-4"]) assert.deepEqual(recorded.get(code)?.metadata, { batch: "b" });
  });

  it("splits the bulk body under the byte limit", async () => {
    const { api, ctx, checked, previous } = await imported(30);
    ctx.maxImportBytes = 400;
    const after = checked({ vouchers: codes(30, () => ({ batch: "b" })) });
    const r = await syncVoucherCodes(ctx, previous, after);
    assert.deepEqual(r.failures, []);
    const posts = api.calls.filter((c) => c.path === "/v1/vouchers/bulk/async");
    assert.ok(posts.length > 1);
    for (const c of posts) assert.ok(Buffer.byteLength(JSON.stringify(c.body)) <= 400);
    assert.equal(
      posts.reduce((n, c) => n + (c.body as unknown[]).length, 0),
      30,
    );
  });
});
