import * as assert from "node:assert/strict";
import { waitForAsyncAction, waitForCampaignReady } from "../../../provider/client/async-actions";
import { recordingClock } from "../../../provider/client/clock";
import {
  isAsyncActionFailedError,
  isAsyncActionTimeoutError,
  isVoucherifyApiError,
} from "../../../provider/client/errors";
import { createHttpClient } from "../../../provider/client/http";
import type { ApiAsyncAction } from "../../../provider/schema/wire";
import { campaignBody, notFound, type Scripted, SETTINGS, scriptedFetch } from "./harness";

function action(status: string, progress?: number, result?: unknown): Scripted {
  return {
    status: 200,
    body: { id: "aa_1", type: "CAMPAIGN.VOUCHERS_IMPORT", status, progress, result, object: "async_action" },
  };
}

function setup(responses: Scripted[]) {
  const f = scriptedFetch(responses);
  const clock = recordingClock(1_000_000);
  const http = createHttpClient(SETTINGS, { fetch: f.fetch, clock: recordingClock(), random: () => 0 });
  return { http, f, clock };
}

describe("client/async-actions waitForAsyncAction", () => {
  it("looks first after the initial delay, then polls until DONE with backoff growing x1.5 and reports progress changes", async () => {
    const { http, f, clock } = setup([
      action("ENQUEUED", 0),
      action("IN_PROGRESS", 40),
      action("IN_PROGRESS", 40),
      action("IN_PROGRESS", 90),
      action("DONE", 100, { message: "2 voucher(s) imported successfully, 0 failed.", done_count: 2 }),
    ]);
    const seen: ApiAsyncAction[] = [];
    const done = await waitForAsyncAction(http, "aa_1", {
      clock,
      timeoutMs: 60_000,
      onProgress: (a) => seen.push(a),
    });
    assert.equal(done.status, "DONE");
    assert.equal(f.requests.length, 5);
    assert.deepEqual(f.log()[0], "GET /v1/async-actions/aa_1");
    assert.deepEqual(clock.sleeps, [250, 375, 562.5, 843.75, 1265.625]);
    assert.deepEqual(
      seen.map((a) => a.progress),
      [0, 40, 90, 100],
    );
  });

  it("caps the backoff at maxDelayMs", async () => {
    const { http, clock } = setup([
      ...Array.from({ length: 6 }, () => action("IN_PROGRESS", 1)),
      action("DONE", 100),
    ]);
    await waitForAsyncAction(http, "aa_1", {
      clock,
      timeoutMs: 60_000,
      initialDelayMs: 100,
      maxDelayMs: 300,
    });
    assert.deepEqual(clock.sleeps, [100, 150, 225, 300, 300, 300, 300]);
  });

  it("throws AsyncActionFailedError with the result on FAILED", async () => {
    const result = { message: "Import failed", failed: [{ code: "A", reason: "dup" }] };
    const { http } = setup([action("IN_PROGRESS", 10), action("FAILED", 100, result)]);
    const clock = recordingClock();
    await assert.rejects(waitForAsyncAction(http, "aa_1", { clock, timeoutMs: 10_000 }), (e) => {
      assert.ok(isAsyncActionFailedError(e));
      assert.equal(e.asyncActionId, "aa_1");
      assert.deepEqual(e.result, result);
      assert.match(e.message, /aa_1 \(CAMPAIGN.VOUCHERS_IMPORT\) failed: Import failed/);
      return true;
    });
  });

  it("throws AsyncActionTimeoutError once the injected clock passes the timeout, never sleeping past it", async () => {
    const { http, f, clock } = setup(Array.from({ length: 20 }, () => action("IN_PROGRESS", 5)));
    await assert.rejects(
      waitForAsyncAction(http, "aa_1", { clock, timeoutMs: 1000, initialDelayMs: 400 }),
      (e) => isAsyncActionTimeoutError(e) && e.asyncActionId === "aa_1" && e.lastStatus === "IN_PROGRESS",
    );
    assert.deepEqual(clock.sleeps, [400, 600]);
    assert.equal(f.requests.length, 2);
  });

  it("propagates API errors from polling", async () => {
    const { http, clock } = setup([notFound("aa_1")]);
    await assert.rejects(waitForAsyncAction(http, "aa_1", { clock, timeoutMs: 1000 }), (e) =>
      isVoucherifyApiError(e),
    );
  });
});

describe("client/async-actions waitForCampaignReady", () => {
  const building = campaignBody({
    creation_status: "IN_PROGRESS",
    vouchers_generation_status: "IN_PROGRESS",
  });

  it("polls GET, starting after the initial delay, until creation and generation are DONE", async () => {
    const { http, f, clock } = setup([
      { status: 200, body: building },
      { status: 200, body: campaignBody({ vouchers_generation_status: "IN_PROGRESS" }) },
      { status: 200, body: campaignBody() },
    ]);
    const c = await waitForCampaignReady(http, "camp_abc", { clock, timeoutMs: 10_000 });
    assert.equal(c.creation_status, "DONE");
    assert.deepEqual(f.log(), Array(3).fill("GET /v1/campaigns/camp_abc"));
    assert.deepEqual(clock.sleeps, [250, 375, 562.5]);
  });

  it("treats a 404 right after create as not ready yet", async () => {
    const { http, clock } = setup([notFound("camp_abc"), { status: 200, body: campaignBody() }]);
    const c = await waitForCampaignReady(http, "camp_abc", { clock, timeoutMs: 10_000 });
    assert.equal(c.id, "camp_abc");
  });

  it("throws AsyncActionFailedError carrying the campaign on FAILED", async () => {
    const { http, clock } = setup([
      { status: 200, body: campaignBody({ vouchers_generation_status: "FAILED" }) },
    ]);
    await assert.rejects(waitForCampaignReady(http, "camp_abc", { clock, timeoutMs: 10_000 }), (e) => {
      assert.ok(isAsyncActionFailedError(e));
      assert.equal(e.campaignId, "camp_abc");
      assert.match(e.message, /vouchers_generation_status FAILED/);
      return true;
    });
  });

  it("times out with AsyncActionTimeoutError naming the campaign", async () => {
    const { http, clock } = setup(Array.from({ length: 10 }, () => ({ status: 200, body: building })));
    await assert.rejects(
      waitForCampaignReady(http, "camp_abc", { clock, timeoutMs: 500 }),
      (e) => isAsyncActionTimeoutError(e) && e.campaignId === "camp_abc",
    );
  });
});
