import * as assert from "node:assert/strict";
import { recordingClock } from "../../../provider/client/clock";
import { VoucherifyApiError } from "../../../provider/client/errors";
import type { VoucherifyHttp } from "../../../provider/client/http";
import { isNotReady, waitingWhileBusy } from "../../../provider/client/readiness";
import { emptyObjectSchema } from "../../../provider/schema/wire";

const busy = (key: string, details: string) =>
  new VoucherifyApiError({ status: 400, method: "PUT", path: "/v1/campaigns/c", key, details, body: {} });

function scripted(answers: (Error | Record<string, unknown>)[]): VoucherifyHttp & { calls: number } {
  const http = {
    calls: 0,
    requestCount: 0,
    async request() {
      const next = answers[http.calls++];
      if (next instanceof Error) throw next;
      return next as never;
    },
  };
  return http;
}

describe("readiness: a campaign busy with its codes", () => {
  it("recognises both documented-by-emulator answers, and nothing else", () => {
    assert.equal(isNotReady(busy("multiple_requests", "Campaign c is generating its vouchers")), true);
    assert.equal(
      isNotReady(busy("invalid_campaign", "is still being generated (creation_status IN_PROGRESS)")),
      true,
    );
    assert.equal(isNotReady(busy("invalid_campaign", "You can not generate vouchers for STANDALONE")), false);
    assert.equal(isNotReady(busy("duplicate_key", "IN_PROGRESS")), false);
  });

  it("repeats a refused request with backoff until it is answered, telling once that it waits", async () => {
    const clock = recordingClock();
    const http = scripted([busy("multiple_requests", ""), busy("multiple_requests", ""), { ok: true }]);
    const waits: string[] = [];
    const wrapped = waitingWhileBusy(http, {
      clock,
      timeoutMs: 60_000,
      initialDelayMs: 250,
      onWait: (r) => waits.push(`${r.method} ${r.path}`),
    });
    const result = await wrapped.request({
      method: "PUT",
      path: "/v1/campaigns/c",
      schema: emptyObjectSchema(),
    });
    assert.deepEqual(result, { ok: true });
    assert.equal(http.calls, 3);
    assert.deepEqual(clock.sleeps, [250, 375]);
    assert.deepEqual(waits, ["PUT /v1/campaigns/c"]);
  });

  it("gives up with the last refusal once the async timeout passes", async () => {
    const clock = recordingClock();
    const http = scripted(Array.from({ length: 50 }, () => busy("multiple_requests", "still busy")));
    const wrapped = waitingWhileBusy(http, { clock, timeoutMs: 1000, initialDelayMs: 250 });
    await assert.rejects(
      wrapped.request({ method: "GET", path: "/v1/campaigns/c", schema: emptyObjectSchema() }),
      /still busy/,
    );
  });

  it("passes every other error straight through", async () => {
    const http = scripted([busy("not_found", "x")]);
    const wrapped = waitingWhileBusy(http, { clock: recordingClock(), timeoutMs: 1000 });
    await assert.rejects(
      wrapped.request({ method: "GET", path: "/x", schema: emptyObjectSchema() }),
      /not_found/,
    );
    assert.equal(http.calls, 1);
  });
});
