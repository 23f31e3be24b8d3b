import * as assert from "node:assert/strict";
import { retryAfterMs } from "../../../provider/client/retry-timing";
import { headers } from "./harness";

describe("client/retry-timing retryAfterMs", () => {
  const now = Date.parse("2026-03-01T12:00:00.000Z");

  it("reads Retry-After delta seconds as milliseconds", () => {
    assert.equal(retryAfterMs(headers({ "Retry-After": "3" }), now), 3000);
    assert.equal(retryAfterMs(headers({ "Retry-After": "0" }), now), 0);
    assert.equal(retryAfterMs(headers({ "Retry-After": "1.5" }), now), 1500);
  });

  it("reads a Retry-After HTTP-date relative to now", () => {
    assert.equal(retryAfterMs(headers({ "Retry-After": "Sun, 01 Mar 2026 12:00:07 GMT" }), now), 7000);
  });

  it("treats a Retry-After date in the past as no wait", () => {
    assert.equal(retryAfterMs(headers({ "Retry-After": "Sun, 01 Mar 2026 11:00:00 GMT" }), now), 0);
  });

  it("reads X-Rate-Limit-Retry as epoch seconds plus one second", () => {
    const resetAt = Math.floor(now / 1000) + 10;
    assert.equal(retryAfterMs(headers({ "X-Rate-Limit-Retry": String(resetAt) }), now), 11_000);
  });

  it("prefers Retry-After over X-Rate-Limit-Retry", () => {
    const resetAt = Math.floor(now / 1000) + 30;
    const h = headers({ "Retry-After": "2", "X-Rate-Limit-Retry": String(resetAt) });
    assert.equal(retryAfterMs(h, now), 2000);
  });

  it("falls back to X-Rate-Limit-Retry when Retry-After is garbage", () => {
    const resetAt = Math.floor(now / 1000) + 4;
    const h = headers({ "Retry-After": "soon", "X-Rate-Limit-Retry": String(resetAt) });
    assert.equal(retryAfterMs(h, now), 5000);
  });

  for (const garbage of ["", "soon", "-1", "1e3", "12abc", "2026"]) {
    it(`returns undefined for an unreadable Retry-After ${JSON.stringify(garbage)}`, () => {
      const got = retryAfterMs(headers({ "Retry-After": garbage }), now);
      // "2026" is delta seconds, not a year: only letters make a date.
      if (garbage === "2026") assert.equal(got, 2_026_000);
      else assert.equal(got, undefined);
    });
  }

  it("returns undefined for a garbage X-Rate-Limit-Retry and for no headers", () => {
    assert.equal(retryAfterMs(headers({ "X-Rate-Limit-Retry": "tomorrow" }), now), undefined);
    assert.equal(retryAfterMs(headers({}), now), undefined);
  });
});
