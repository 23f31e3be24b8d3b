import * as assert from "node:assert/strict";
import { z } from "zod";
import {
  NetworkError,
  ResponseShapeError,
  TimeoutError,
  VoucherifyApiError,
} from "../../../provider/client/errors";
import { DEFAULT_RETRY_POLICY, decideRetry, defaultRetryMode } from "../../../provider/client/retry";

function apiError(status: number, retryAfterMs?: number) {
  return new VoucherifyApiError({ status, method: "GET", path: "/v1/campaigns/x", body: {}, retryAfterMs });
}

const half = () => 0.5;

describe("client/retry decideRetry", () => {
  it("defaults POST to 429-only and every other method to idempotent", () => {
    assert.equal(defaultRetryMode("POST"), "429-only");
    for (const m of ["GET", "PUT", "DELETE"]) assert.equal(defaultRetryMode(m), "idempotent");
  });

  const table: { status: number; idempotent: boolean; post: boolean }[] = [
    ...DEFAULT_RETRY_POLICY.doNotRetry.map((status) => ({ status, idempotent: false, post: false })),
    { status: 429, idempotent: true, post: true },
    { status: 500, idempotent: true, post: false },
    { status: 502, idempotent: true, post: false },
    { status: 503, idempotent: true, post: false },
    { status: 504, idempotent: true, post: false },
    { status: 405, idempotent: false, post: false },
    { status: 501, idempotent: false, post: false },
  ];
  for (const row of table) {
    it(`${row.idempotent ? "retries" : "does not retry"} HTTP ${row.status} on GET and ${
      row.post ? "retries" : "does not retry"
    } it on POST`, () => {
      const get = decideRetry({
        method: "GET",
        mode: "idempotent",
        attempt: 1,
        error: apiError(row.status),
        random: half,
      });
      const post = decideRetry({
        method: "POST",
        mode: "429-only",
        attempt: 1,
        error: apiError(row.status),
        random: half,
      });
      assert.equal(get.retry, row.idempotent);
      assert.equal(post.retry, row.post);
    });
  }

  it("retries network errors and timeouts only for idempotent requests", () => {
    for (const error of [
      new NetworkError("GET", "/p", new Error("ECONNRESET")),
      new TimeoutError("GET", "/p", 10),
    ]) {
      assert.equal(
        decideRetry({ method: "GET", mode: "idempotent", attempt: 1, error, random: half }).retry,
        true,
      );
      assert.equal(
        decideRetry({ method: "POST", mode: "429-only", attempt: 1, error, random: half }).retry,
        false,
      );
    }
  });

  it("retries a POST marked idempotent (enable/disable) on 500", () => {
    const d = decideRetry({
      method: "POST",
      mode: "idempotent",
      attempt: 1,
      error: apiError(500),
      random: half,
    });
    assert.equal(d.retry, true);
  });

  it("never retries zod, programming or shape errors", () => {
    for (const error of [
      new TypeError("x is not a function"),
      z.string().safeParse(1).error,
      new ResponseShapeError("GET", "/p", 200, [{ path: "id", message: "Required" }]),
      "a string",
      undefined,
    ]) {
      assert.equal(
        decideRetry({ method: "GET", mode: "idempotent", attempt: 1, error, random: half }).retry,
        false,
      );
    }
  });

  it("stops after maxRetries attempts", () => {
    const at = (attempt: number) =>
      decideRetry({ method: "GET", mode: "idempotent", attempt, error: apiError(503), random: half }).retry;
    assert.deepEqual([1, 2, 3, 4, 5].map(at), [true, true, true, true, false]);
    const custom = decideRetry({
      method: "GET",
      mode: "idempotent",
      attempt: 2,
      error: apiError(503),
      random: half,
      policy: { maxRetries: 1 },
    });
    assert.equal(custom.retry, false);
  });

  it("backs off exponentially from timeUnitMs with full jitter", () => {
    const delays = [1, 2, 3, 4].map((attempt) => {
      const d = decideRetry({
        method: "GET",
        mode: "idempotent",
        attempt,
        error: apiError(500),
        random: () => 0.999999,
        policy: { timeUnitMs: 100 },
      });
      return d.retry ? d.delayMs : -1;
    });
    assert.deepEqual(delays, [100, 200, 400, 800]);
    const zero = decideRetry({
      method: "GET",
      mode: "idempotent",
      attempt: 3,
      error: apiError(500),
      random: () => 0,
    });
    assert.equal(zero.retry && zero.delayMs, 0);
    const mid = decideRetry({
      method: "GET",
      mode: "idempotent",
      attempt: 3,
      error: apiError(500),
      random: half,
    });
    assert.equal(mid.retry && mid.delayMs, 2000);
  });

  it("caps the computed backoff at maxBackoffMs", () => {
    const d = decideRetry({
      method: "GET",
      mode: "idempotent",
      attempt: 10,
      error: apiError(500),
      random: () => 0.999999,
      policy: { maxRetries: 20 },
    });
    assert.equal(d.retry && d.delayMs, DEFAULT_RETRY_POLICY.maxBackoffMs);
  });

  it("honours a server-given wait exactly, without jitter, on 429 and 503", () => {
    for (const status of [429, 503]) {
      const d = decideRetry({
        method: "GET",
        mode: "idempotent",
        attempt: 3,
        error: apiError(status, 1234),
        random: half,
      });
      assert.deepEqual(d.retry && d.delayMs, 1234);
    }
  });

  it("caps a server-given wait at maxRetryAfterMs", () => {
    const d = decideRetry({
      method: "GET",
      mode: "idempotent",
      attempt: 1,
      error: apiError(429, 3_600_000),
      random: half,
    });
    assert.equal(d.retry && d.delayMs, 60_000);
  });
});
