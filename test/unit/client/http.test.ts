import * as assert from "node:assert/strict";
import * as sinon from "sinon";
import { z } from "zod";
import { recordingClock } from "../../../provider/client/clock";
import {
  isNetworkError,
  isResponseShapeError,
  isTimeoutError,
  isVoucherifyApiError,
  type VoucherifyApiError,
} from "../../../provider/client/errors";
import { type ClientSettings, createHttpClient, type RetryEvent } from "../../../provider/client/http";
import { CodeRedactor } from "../../../provider/redact";
import { campaignResponseSchema, emptyObjectSchema } from "../../../provider/schema/wire";
import { campaignBody, notFound, type Scripted, SETTINGS, scriptedFetch } from "./harness";

function setup(responses: Scripted[], settings: Partial<ClientSettings> = {}, random = () => 0.5) {
  const f = scriptedFetch(responses);
  const clock = recordingClock(Date.parse("2026-03-01T12:00:00Z"));
  const retries: RetryEvent[] = [];
  const http = createHttpClient(
    { ...SETTINGS, ...settings },
    { fetch: f.fetch, clock, random, onRetry: (e) => retries.push(e) },
  );
  return { http, f, clock, retries };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail("expected the request to fail");
}

const getCampaign = {
  method: "GET" as const,
  path: "/v1/campaigns/camp_abc",
  schema: campaignResponseSchema(),
};

describe("client/http createHttpClient", () => {
  it("sends auth, content and identification headers", async () => {
    const { http, f } = setup([{ status: 200, body: campaignBody() }]);
    await http.request({
      method: "PUT",
      path: "/v1/campaigns/camp_abc",
      body: { a: 1 },
      schema: campaignResponseSchema(),
    });
    const h = f.requests[0]!.headers;
    assert.equal(h["X-App-Id"], SETTINGS.applicationId);
    assert.equal(h["X-App-Token"], SETTINGS.secretKey);
    assert.equal(h["Content-Type"], "application/json");
    assert.equal(h.Accept, "application/json");
    assert.match(h["User-Agent"]!, /^pulumi-voucherify\/\d+\.\d+\.\d+/);
    assert.equal(h["X-Voucherify-Channel"], h["User-Agent"]);
    assert.equal(f.requests[0]!.body, '{"a":1}');
  });

  it("sends no body and no Content-Type on a GET", async () => {
    const { http, f } = setup([{ status: 200, body: campaignBody() }]);
    await http.request(getCampaign);
    assert.equal(f.requests[0]!.body, undefined);
    assert.equal(f.requests[0]!.headers["Content-Type"], undefined);
  });

  it("joins apiUrl and path and encodes the query, dropping undefined values", async () => {
    const { http, f } = setup([{ status: 200, body: {} }], { apiUrl: "http://127.0.0.1:9999/" });
    await http.request({
      method: "GET",
      path: "/v1/vouchers",
      query: {
        campaign: "Spring Sale & more",
        limit: 100,
        force: true,
        page: undefined,
        "created_at[after]": "x",
      },
      schema: emptyObjectSchema(),
    });
    assert.equal(
      f.requests[0]!.url,
      "http://127.0.0.1:9999/v1/vouchers?campaign=Spring+Sale+%26+more&limit=100&force=true&created_at%5Bafter%5D=x",
    );
  });

  it("sends a multipart body with the part name, filename and text/csv content type", async () => {
    const { http, f } = setup([{ status: 200, body: { async_action_id: "aa_1" } }]);
    await http.request({
      method: "POST",
      path: "/v1/campaigns/c/importCSV",
      body: {
        kind: "multipart",
        field: "file",
        filename: "codes.csv",
        contentType: "text/csv",
        content: Buffer.from("Code\nA1\n"),
      },
      schema: z.looseObject({ async_action_id: z.string() }),
    });
    const r = f.requests[0]!;
    assert.match(r.headers["content-type"]!, /^multipart\/form-data; boundary=/);
    assert.equal(r.headers["Content-Type"], undefined);
    const text = (r.body as Buffer).toString("utf8");
    assert.match(text, /Content-Disposition: form-data; name="file"; filename="codes.csv"/);
    assert.match(text, /Content-Type: text\/csv/);
    assert.match(text, /Code\nA1\n/);
  });

  it("returns the schema-checked body and keeps unknown vendor fields", async () => {
    const { http } = setup([{ status: 200, body: campaignBody({ brand_new_field: { x: 1 } }) }]);
    const c = await http.request(getCampaign);
    assert.equal(c.id, "camp_abc");
    assert.deepEqual((c as Record<string, unknown>).brand_new_field, { x: 1 });
  });

  it("parses a 204 with no body as undefined before validating it", async () => {
    const { http } = setup([{ status: 204 }, { status: 204 }]);
    assert.deepEqual(
      await http.request({ method: "DELETE", path: "/v1/vouchers/A", schema: emptyObjectSchema() }),
      {},
    );
    const err = await rejection(
      http.request({ method: "DELETE", path: "/v1/vouchers/A", schema: campaignResponseSchema() }),
    );
    assert.ok(isResponseShapeError(err));
  });

  it("throws ResponseShapeError naming the failing paths when a 2xx body breaks its schema, without retrying", async () => {
    const { http, f } = setup([{ status: 200, body: { id: 42, name: "x", vouchers_count: "many" } }]);
    const err = await rejection(http.request(getCampaign));
    assert.ok(isResponseShapeError(err));
    assert.deepEqual(err.issues.map((i) => i.path).sort(), ["id", "vouchers_count"]);
    assert.match(err.message, /GET \/v1\/campaigns\/camp_abc/);
    assert.match(err.message, /id: /);
    assert.equal(f.requests.length, 1);
  });

  it("throws ResponseShapeError on a 2xx body that is not JSON", async () => {
    const { http } = setup([{ status: 200, text: "<html>ok</html>" }]);
    const err = await rejection(http.request(getCampaign));
    assert.ok(isResponseShapeError(err));
    assert.match(err.message, /not JSON/);
  });

  it("maps an error body to VoucherifyApiError with key, details and request_id", async () => {
    const { http } = setup([notFound("camp_abc")]);
    const err = await rejection(http.request(getCampaign));
    assert.ok(isVoucherifyApiError(err));
    assert.equal(err.status, 404);
    assert.equal(err.key, "not_found");
    assert.equal(err.details, "Cannot find campaign with id camp_abc");
    assert.equal(err.requestId, "v-0adaccaba61502e4b3");
    assert.equal(err.resourceType, "campaign");
    assert.equal(err.resourceId, "camp_abc");
    assert.equal(
      err.message,
      "Voucherify API error 404 not_found on GET /v1/campaigns/camp_abc: Resource not found — " +
        "Cannot find campaign with id camp_abc (request_id v-0adaccaba61502e4b3)",
    );
  });

  it("keeps a non-JSON error body as text in the message", async () => {
    const { http } = setup([{ status: 401, text: "Unauthorized by proxy" }]);
    const err = (await rejection(http.request(getCampaign))) as VoucherifyApiError;
    assert.equal(err.status, 401);
    assert.equal(err.body, "Unauthorized by proxy");
    assert.match(err.message, /401 on GET \/v1\/campaigns\/camp_abc: Unauthorized by proxy/);
  });

  it("never puts the secret key into an error, even when the server echoes it", async () => {
    const echo = {
      status: 400,
      body: {
        code: 400,
        key: "invalid_payload",
        message: `bad token ${SETTINGS.secretKey}`,
        details: SETTINGS.secretKey,
      },
    };
    const { http } = setup([echo]);
    const err = await rejection(http.request(getCampaign));
    assert.ok(isVoucherifyApiError(err));
    for (const text of [err.message, JSON.stringify(err), String(err.stack)]) {
      assert.ok(!text.includes(SETTINGS.secretKey), text);
    }
    assert.match(err.message, /\[redacted\]/);
  });

  it("names a secret code by its position in errors and retry messages, in paths and in what the API says", async () => {
    const redactor = new CodeRedactor();
    redactor.add("SECRET-7", "vouchers[7]");
    const f = scriptedFetch([
      { status: 503, body: { code: 503, key: "unavailable", message: "try again" } },
      {
        status: 404,
        body: {
          code: 404,
          key: "not_found",
          message: "Resource not found",
          details: "Cannot find voucher with id SECRET-7",
          resource_id: "SECRET-7",
        },
      },
    ]);
    const retries: RetryEvent[] = [];
    const http = createHttpClient(SETTINGS, {
      fetch: f.fetch,
      clock: recordingClock(),
      random: () => 0,
      redact: redactor.redact,
      onRetry: (e) => retries.push(e),
    });
    const err = await rejection(
      http.request({ method: "GET", path: "/v1/vouchers/SECRET-7", schema: emptyObjectSchema() }),
    );
    assert.ok(isVoucherifyApiError(err));
    for (const text of [err.message, JSON.stringify(err), String(err.stack), JSON.stringify(retries)]) {
      assert.ok(!text.includes("SECRET-7"), text);
    }
    assert.match(err.message, /GET \/v1\/vouchers\/vouchers\[7\].*Cannot find voucher with id vouchers\[7\]/);
    assert.equal(err.resourceId, "vouchers[7]");
    assert.equal(retries[0]?.path, "/v1/vouchers/vouchers[7]");
  });

  it("never puts the secret key into a network error", async () => {
    const cause = new Error(`connect ECONNREFUSED with ${SETTINGS.secretKey}`);
    const { http } = setup([{ error: cause }, { error: cause }], { maxRetries: 1 });
    const err = await rejection(http.request(getCampaign));
    assert.ok(isNetworkError(err));
    assert.ok(!err.message.includes(SETTINGS.secretKey));
    assert.ok(!JSON.stringify(err).includes(SETTINGS.secretKey));
    assert.ok(!String((err.cause as Error).message).includes(SETTINGS.secretKey));
  });

  it("retries a GET on 503 then succeeds, waiting a jittered backoff", async () => {
    const { http, f, clock, retries } = setup(
      [
        { status: 503, body: { code: 503 } },
        { status: 200, body: campaignBody() },
      ],
      {
        timeUnitMs: 100,
      },
    );
    const c = await http.request(getCampaign);
    assert.equal(c.id, "camp_abc");
    assert.equal(f.requests.length, 2);
    assert.deepEqual(clock.sleeps, [50]);
    assert.deepEqual(retries, [
      { method: "GET", path: "/v1/campaigns/camp_abc", attempt: 1, delayMs: 50, reason: "HTTP 503" },
    ]);
    assert.equal(http.requestCount, 2);
  });

  it("honours Retry-After exactly, without jitter, on 429", async () => {
    const { http, clock } = setup(
      [
        {
          status: 429,
          body: { code: 429, message: "Too many requests hit the API too quickly." },
          headers: { "Retry-After": "7" },
        },
        { status: 200, body: campaignBody() },
      ],
      {},
      () => 0.123,
    );
    await http.request(getCampaign);
    assert.deepEqual(clock.sleeps, [7000]);
  });

  it("does not retry a POST after a 500 (it may have reached the server)", async () => {
    const { http, f } = setup([{ status: 500, body: { code: 500, message: "boom" } }]);
    const err = await rejection(
      http.request({
        method: "POST",
        path: "/v1/campaigns",
        body: { name: "x" },
        schema: campaignResponseSchema(),
      }),
    );
    assert.ok(isVoucherifyApiError(err));
    assert.equal(err.status, 500);
    assert.equal(f.requests.length, 1);
  });

  it("retries a POST after a 429", async () => {
    const { http, f, clock } = setup([
      { status: 429, body: { code: 429 }, headers: { "Retry-After": "0" } },
      { status: 200, body: campaignBody() },
    ]);
    await http.request({
      method: "POST",
      path: "/v1/campaigns",
      body: { name: "x" },
      schema: campaignResponseSchema(),
    });
    assert.deepEqual(f.log(), ["POST /v1/campaigns", "POST /v1/campaigns"]);
    assert.deepEqual(clock.sleeps, [0]);
  });

  it("retries a network error on GET but not on POST", async () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const get = setup([{ error: reset }, { status: 200, body: campaignBody() }]);
    await get.http.request(getCampaign);
    assert.equal(get.f.requests.length, 2);
    assert.equal(get.retries[0]!.reason, "network error");

    const post = setup([{ error: reset }]);
    const err = await rejection(
      post.http.request({
        method: "POST",
        path: "/v1/campaigns",
        body: {},
        schema: campaignResponseSchema(),
      }),
    );
    assert.ok(isNetworkError(err));
    assert.equal(err.cause, reset);
    assert.equal(post.f.requests.length, 1);
  });

  it("does not wrap a bad URL as a network error nor retry it", async () => {
    const { http, f } = setup([{ error: new TypeError("Only absolute URLs are supported") }]);
    const err = await rejection(http.request(getCampaign));
    assert.ok(err instanceof TypeError);
    assert.equal(f.requests.length, 1);
  });

  it("gives up after maxRetries with the last error", async () => {
    const responses: Scripted[] = [500, 502, 503, 504, 500].map((status) => ({
      status,
      body: { code: status, key: `k${status}` },
    }));
    const { http, f, clock, retries } = setup(responses, { timeUnitMs: 10 }, () => 0.999);
    const err = await rejection(http.request(getCampaign));
    assert.ok(isVoucherifyApiError(err));
    assert.equal(err.status, 500);
    assert.equal(err.key, "k500");
    assert.equal(f.requests.length, 5);
    assert.equal(f.remaining(), 0);
    assert.deepEqual(clock.sleeps, [10, 20, 40, 80]);
    assert.deepEqual(
      retries.map((r) => r.attempt),
      [1, 2, 3, 4],
    );
  });

  it("respects a custom maxRetries of 0", async () => {
    const { http, f } = setup([{ status: 503, body: {} }], { maxRetries: 0 });
    await rejection(http.request(getCampaign));
    assert.equal(f.requests.length, 1);
  });

  it("keeps retry state per request, not on the client", async () => {
    const responses: Scripted[] = [
      { status: 503, body: {} },
      { status: 503, body: {} },
      { status: 200, body: campaignBody() },
      { status: 503, body: {} },
      { status: 503, body: {} },
      { status: 200, body: campaignBody() },
    ];
    const { http, retries } = setup(responses, { maxRetries: 2 });
    await http.request(getCampaign);
    await http.request(getCampaign);
    assert.deepEqual(
      retries.map((r) => r.attempt),
      [1, 2, 1, 2],
    );
    assert.equal(http.requestCount, 6);
  });

  describe("per-attempt timeout", () => {
    let timers: sinon.SinonFakeTimers;
    beforeEach(() => {
      timers = sinon.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    });
    afterEach(() => timers.restore());

    it("aborts a hanging attempt with TimeoutError and retries it", async () => {
      const { http, f, retries } = setup([{ hang: true }, { status: 200, body: campaignBody() }], {
        timeoutMs: 5000,
      });
      const pending = http.request(getCampaign);
      await timers.tickAsync(4999);
      assert.equal(f.requests.length, 1);
      await timers.tickAsync(1);
      const c = await pending;
      assert.equal(c.id, "camp_abc");
      assert.equal(f.requests.length, 2);
      assert.equal(retries[0]!.reason, "timeout");
    });

    it("fails with TimeoutError when every attempt hangs", async () => {
      const { http, f } = setup([{ hang: true }, { hang: true }], { timeoutMs: 1000, maxRetries: 1 });
      const pending = rejection(http.request(getCampaign));
      await timers.tickAsync(2000);
      const err = await pending;
      assert.ok(isTimeoutError(err));
      assert.equal(err.timeoutMs, 1000);
      assert.match(err.message, /timed out after 1000 ms: GET \/v1\/campaigns\/camp_abc/);
      assert.equal(f.requests.length, 2);
    });

    it("does not retry a timed-out POST", async () => {
      const { http, f } = setup([{ hang: true }], { timeoutMs: 1000 });
      const pending = rejection(
        http.request({ method: "POST", path: "/v1/campaigns", body: {}, schema: campaignResponseSchema() }),
      );
      await timers.tickAsync(1000);
      assert.ok(isTimeoutError(await pending));
      assert.equal(f.requests.length, 1);
    });

    it("clears its timer once the response arrived", async () => {
      const { http } = setup([{ status: 200, body: campaignBody() }], { timeoutMs: 1000 });
      await http.request(getCampaign);
      assert.equal(timers.countTimers(), 0);
    });
  });
});
