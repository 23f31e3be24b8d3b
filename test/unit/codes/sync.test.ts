// The code sync's pure behaviour: what it decides before any request. Its requests and recorded state are proved
// at the contract tier against the emulator (test/contract/codes-sync.test.ts, codes-limits.test.ts).
import assert from "node:assert/strict";
import { recordingClock } from "../../../provider/client/clock";
import type { VoucherifyHttp } from "../../../provider/client/http";
import { type CodeSyncContext, syncVoucherCodes } from "../../../provider/codes/sync";

/**
 * A client whose every request fails the test: the behaviour under test needs no API. Requests are also counted,
 * in case the sync turns the failure into a per-code one.
 */
const calls: string[] = [];
const noApi: VoucherifyHttp = {
  request: (spec) => {
    calls.push(`${spec.method} ${spec.path}`);
    return assert.fail(`unexpected request ${spec.method} ${spec.path}`);
  },
  get requestCount() {
    return calls.length;
  },
};

const ctx: CodeSyncContext = {
  http: noApi,
  clock: recordingClock(),
  campaignId: "camp_test",
  campaignType: "DISCOUNT_COUPONS",
  log: () => {},
  asyncTimeoutMs: 60000,
};

describe("codes/sync syncVoucherCodes — inline codes", () => {
  it("reports refused changes and keeps the previous item", async () => {
    const previous = { vouchers: [{ code: "R", redemption: { quantity: 1 } }] };
    const r = await syncVoucherCodes(ctx, previous, {
      vouchers: [{ code: "R", redemption: { quantity: 2 } }],
    });
    assert.deepEqual(calls, []);
    assert.equal(r.failures[0]?.attribute, "redemption");
    assert.deepEqual(r.outputs.vouchers, previous.vouchers);
  });
});
