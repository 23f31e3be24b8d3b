// Converging whatever happened: an import or a generation that may have taken effect is judged by what the
// campaign holds, never guessed (no bisecting a batch that landed, no generating codes that exist).
import assert from "node:assert/strict";
import { recordingClock } from "../../../provider/client/clock";
import { type CodeSyncContext, type CodeSyncResult, syncVoucherCodes } from "../../../provider/codes/sync";
import { FakeApi, serverError } from "./fake-api";

const CAMPAIGN = "camp_conv";

function setup(extra: Partial<CodeSyncContext> = {}) {
  const api = new FakeApi({ campaignId: CAMPAIGN });
  const ctx: CodeSyncContext = {
    http: api,
    clock: recordingClock(),
    campaignId: CAMPAIGN,
    campaignType: "DISCOUNT_COUPONS",
    log: () => undefined,
    asyncTimeoutMs: 60000,
    wait: { initialDelayMs: 1, maxDelayMs: 1 },
    ...extra,
  };
  return { api, ctx };
}

const codes = (n: number, prefix = "C") =>
  Array.from({ length: n }, (_, i) => ({ code: `${prefix}-${String(i).padStart(3, "0")}` }));

/** Previous outputs as the state recorder writes them after `result` (code fields and the code's computed). */
function stateAfter(result: CodeSyncResult): Record<string, unknown> {
  return {
    ...result.outputs,
    vouchersGenerated: result.generated,
    ...(result.uncertain ? { vouchersUnverified: true } : {}),
  };
}

describe("codes/sync — converging after ambiguous outcomes", () => {
  it("an import that landed and then answered 500: the next sync reads once and imports nothing again", async () => {
    const { api, ctx } = setup({ freshCampaign: true });
    api.failAfter(/\/import$/, serverError);
    const first = await syncVoucherCodes(ctx, undefined, { vouchers: codes(100) });
    assert.equal(first.uncertain, true);
    assert.equal(first.failures.length, 100);
    assert.equal(api.vouchers.size, 100, "the import did land");

    api.calls.length = 0;
    const next = await syncVoucherCodes({ ...ctx, freshCampaign: false }, stateAfter(first), {
      vouchers: codes(100),
    });
    assert.deepEqual(next.failures, []);
    assert.equal(next.uncertain, false);
    assert.deepEqual(api.writes(), ["GET /v1/vouchers"], "one reading, no import");
    assert.equal((next.outputs.vouchers as unknown[]).length, 100);
  });

  it("an async import that ended FAILED after 50 of 100: the next sync imports only the other 50", async () => {
    const { api, ctx } = setup({ freshCampaign: true });
    api.failAction("CAMPAIGN.VOUCHERS_IMPORT", 50);
    const first = await syncVoucherCodes(ctx, undefined, { vouchers: codes(100) });
    assert.equal(first.uncertain, true);

    api.calls.length = 0;
    const next = await syncVoucherCodes({ ...ctx, freshCampaign: false }, stateAfter(first), {
      vouchers: codes(100),
    });
    assert.deepEqual(next.failures, []);
    const imports = api.calls.filter((c) => c.path.endsWith("/import"));
    assert.equal(imports.length, 1);
    assert.equal((imports[0]!.body as unknown[]).length, 50, "only the missing half");
    assert.equal(api.vouchers.size, 100);
  });

  it("a whole import refused as duplicates (older state): reads the campaign once instead of bisecting", async () => {
    const { api, ctx } = setup();
    for (const c of codes(60)) api.seed(c);
    const r = await syncVoucherCodes(ctx, { vouchers: [] }, { vouchers: codes(100) });
    assert.deepEqual(r.failures, []);
    const imports = api.calls.filter((c) => c.path.endsWith("/import"));
    assert.equal(imports.length, 2, "the refused import, then the 40 missing");
    assert.equal((imports[1]!.body as unknown[]).length, 40);
    assert.equal(api.calls.filter((c) => c.path === "/v1/vouchers").length, 1, "one reading");
  });

  it("a generation answered 500 after it happened: no second generation, the recorded count is the API's", async () => {
    const { api, ctx } = setup({ campaignCodeCount: 5 });
    for (const c of codes(5, "GEN")) api.seed(c);
    api.failAfter(/\/vouchers$/, serverError);
    const r = await syncVoucherCodes(ctx, { vouchersCount: 5, vouchersGenerated: 5 }, { vouchersCount: 10 });
    assert.deepEqual(r.failures, []);
    assert.equal(r.generated, 10);
    assert.equal(r.outputs.vouchersCount, 10);
    assert.equal(api.calls.filter((c) => c.method === "POST").length, 1, "generated once");
  });

  it("a generation that failed before doing anything records the count unchanged, so the next up grows again", async () => {
    const { api, ctx } = setup({ campaignCodeCount: 5 });
    for (const c of codes(5, "GEN")) api.seed(c);
    api.failBefore(/\/vouchers$/, serverError);
    const r = await syncVoucherCodes(ctx, { vouchersCount: 5, vouchersGenerated: 5 }, { vouchersCount: 10 });
    assert.equal(r.generated, 5);
    assert.equal(r.outputs.vouchersCount, 5);
    assert.equal(r.failures.length, 1);
  });

  it("removing vouchersCount and declaring it again never generates twice", async () => {
    const { api, ctx } = setup({ campaignCodeCount: 25 });
    const removed = await syncVoucherCodes(ctx, { vouchersCount: 25, vouchersGenerated: 25 }, {});
    assert.equal(removed.outputs.vouchersCount, undefined);
    assert.equal(removed.generated, 25, "the generated count survives the field's removal");
    const again = await syncVoucherCodes(ctx, stateAfter(removed), { vouchersCount: 25 });
    assert.equal(again.outputs.vouchersCount, 25);
    assert.deepEqual(api.calls, [], "nothing generated, nothing read");
  });
});

describe("codes/sync — adopting a campaign that holds codes", () => {
  it("records the declared codes it holds as imported and imports only the rest", async () => {
    const { api, ctx } = setup({ freshCampaign: false, campaignCodeCount: 10 });
    for (const c of codes(10)) api.seed(c);
    const r = await syncVoucherCodes(ctx, undefined, { vouchers: codes(20) });
    assert.deepEqual(r.failures, []);
    const imports = api.calls.filter((c) => c.path.endsWith("/import"));
    assert.equal(imports.length, 1);
    assert.equal((imports[0]!.body as unknown[]).length, 10);
    assert.equal((r.outputs.vouchers as unknown[]).length, 20);
  });

  it("records an adopted campaign's other codes as generated, so a declared count generates only the difference", async () => {
    const { api, ctx } = setup({ freshCampaign: false, campaignCodeCount: 8 });
    for (const c of codes(8, "GEN")) api.seed(c);
    const r = await syncVoucherCodes(ctx, undefined, { vouchersCount: 10 });
    assert.equal(api.calls.find((c) => c.method === "POST")?.query?.vouchers_count, 2);
    assert.equal(r.generated, 10);
  });
});
