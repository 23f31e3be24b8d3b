// The rate limiter against a simulated Voucherify on virtual time: the budget is counted when a request arrives
// (fixed windows, as documentation/guides/limits.mdx and the emulator describe them), answers take 20–80 ms, and
// every answer carries X-Rate-Limit-Limit/-Remaining/-Retry. Requests go through the real HTTP client.
import * as assert from "node:assert/strict";
import { z } from "zod";
import type { Clock } from "../../../provider/client/clock";
import type { FetchInit, FetchLike, FetchResponseLike } from "../../../provider/client/http";
import { createHttpClient } from "../../../provider/client/http";
import {
  createRateLimiter,
  laneOf,
  RateLimitExhaustedError,
  type RateLimiter,
} from "../../../provider/client/limiter";
import { headers, SETTINGS } from "./harness";

/** Time that moves only when every promise has settled and a timer is due; a stall with no timer is a deadlock. */
class VirtualClock implements Clock {
  private t = 1_800_000_000_000;
  private timers: { at: number; resolve: () => void }[] = [];

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), resolve }));
  }

  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const settled = work.finally(() => {
      done = true;
    });
    settled.catch(() => undefined);
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) return work;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (next === undefined) throw new Error("deadlock: requests wait and no timer is due");
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }
}

interface Budget {
  limit: number;
  windowMs: number;
}

interface Arrival {
  at: number;
  path: string;
  status: number;
}

/** A server with an api budget (and optionally a separate bulk budget), counting requests on arrival. */
function simulatedApi(
  clock: VirtualClock,
  budgets: { api?: Budget; bulk?: Budget; latency?: (n: number) => number; noHeaders?: boolean },
) {
  const windows = new Map<string, { start: number; used: number }>();
  const arrivals: Arrival[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const hit = (name: string, b: Budget) => {
    const now = clock.now();
    let w = windows.get(name);
    if (w === undefined || now - w.start >= b.windowMs) {
      w = { start: now, used: 0 };
      windows.set(name, w);
    }
    const allowed = w.used < b.limit;
    if (allowed) w.used++;
    const remaining = b.limit - w.used;
    const resetAt = w.start + b.windowMs;
    const h: Record<string, string> = {
      "X-Rate-Limit-Limit": String(b.limit),
      "X-Rate-Limit-Remaining": String(remaining),
      "X-Rate-Limit-Retry": String(Math.ceil((remaining > 0 ? now : resetAt) / 1000)),
    };
    if (!allowed) {
      h["Retry-After"] = String(Math.max(1, Math.ceil((resetAt - now) / 1000)));
      h["X-Rate-Limit-Type"] = name;
    }
    return { allowed, h };
  };
  const fetch: FetchLike = async (url: string, init: FetchInit): Promise<FetchResponseLike> => {
    const path = new URL(url).pathname;
    const lane = laneOf(init.method, path);
    const budget = lane === "bulk_api_calls" && budgets.bulk ? budgets.bulk : budgets.api;
    const n = arrivals.length;
    const outcome =
      budget === undefined
        ? { allowed: true, h: {} }
        : hit(lane === "bulk_api_calls" && budgets.bulk ? "bulk_api_calls" : "api_calls", budget);
    const status = outcome.allowed ? 200 : 429;
    arrivals.push({ at: clock.now(), path, status });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await clock.sleep(budgets.latency ? budgets.latency(n) : 20 + ((n * 37) % 61));
    inFlight--;
    const body =
      status === 200 ? { ok: true } : { code: 429, message: "Too many requests hit the API too quickly." };
    return {
      status,
      headers: headers(budgets.noHeaders ? {} : outcome.h),
      text: () => Promise.resolve(JSON.stringify(body)),
    };
  };
  return { fetch, arrivals, maxInFlight: () => maxInFlight };
}

function client(clock: VirtualClock, fetch: FetchLike, limiter: RateLimiter) {
  return createHttpClient(SETTINGS, { fetch, clock, limiter, random: () => 0.5 });
}

const put = (code: string) => ({
  method: "PUT" as const,
  path: `/v1/vouchers/${code}`,
  body: {},
  schema: z.unknown(),
});

describe("client/limiter", () => {
  it("sends 60 parallel per-code calls through a budget of 25 per minute without a single 429", async () => {
    const clock = new VirtualClock();
    const api = simulatedApi(clock, { api: { limit: 25, windowMs: 60_000 } });
    const http = client(clock, api.fetch, createRateLimiter({ clock }));
    const started = clock.now();
    const codes = Array.from({ length: 60 }, (_, i) => `C-${i}`);
    await clock.run(Promise.all(codes.map((c) => http.request(put(c)))));
    assert.equal(api.arrivals.length, 60, "one request per call: nothing was refused and retried");
    assert.deepEqual(
      api.arrivals.filter((a) => a.status === 429),
      [],
    );
    assert.ok(api.maxInFlight() > 1, "the calls ran in parallel");
    assert.ok(api.maxInFlight() <= 10, `at most 10 in flight (saw ${api.maxInFlight()})`);
    // 25 + 25 + 10: the third window opens two minutes after the first.
    assert.ok(clock.now() - started >= 120_000, `done after ${clock.now() - started} ms`);
    assert.ok(clock.now() - started < 130_000, `done after ${clock.now() - started} ms`);
  });

  it("never exceeds the budget whatever order the answers come back in", async () => {
    for (const [limit, calls, seed] of [
      [7, 30, 1],
      [25, 80, 2],
      [40, 100, 3],
      [3, 10, 4],
    ] as const) {
      const clock = new VirtualClock();
      let x = seed;
      const random = () => {
        x = (x * 1103515245 + 12345) % 2147483648;
        return x / 2147483648;
      };
      const api = simulatedApi(clock, {
        api: { limit, windowMs: 60_000 },
        latency: () => 5 + Math.floor(random() * 400),
      });
      const http = client(clock, api.fetch, createRateLimiter({ clock }));
      await clock.run(Promise.all(Array.from({ length: calls }, (_, i) => http.request(put(`R-${i}`)))));
      const refused = api.arrivals.filter((a) => a.status === 429).length;
      assert.equal(refused, 0, `limit ${limit}, ${calls} calls: ${refused} refused`);
      assert.equal(api.arrivals.length, calls);
    }
  });

  it("sends one probe first, then runs at full width when answers carry no rate-limit headers", async () => {
    const clock = new VirtualClock();
    const api = simulatedApi(clock, { noHeaders: true });
    const http = client(clock, api.fetch, createRateLimiter({ clock, maxInFlight: 6 }));
    await clock.run(Promise.all(Array.from({ length: 30 }, (_, i) => http.request(put(`U-${i}`)))));
    const [first, second] = api.arrivals;
    assert.ok(first && second && second.at > first.at, "the second request waited for the first answer");
    assert.equal(api.maxInFlight(), 6);
  });

  it("after a 429 sends nothing more on that lane until Retry-After has passed", async () => {
    const clock = new VirtualClock();
    const api = simulatedApi(clock, { api: { limit: 20, windowMs: 60_000 } });
    const limiter = createRateLimiter({ clock });
    const http = client(clock, api.fetch, limiter);
    // Spend the budget outside the limiter (another program on the same project).
    const outside = createHttpClient(
      { ...SETTINGS, maxRetries: 0 },
      { fetch: api.fetch, clock, random: () => 0.5 },
    );
    await clock.run(Promise.all(Array.from({ length: 20 }, (_, i) => outside.request(put(`O-${i}`)))));
    const spentAt = clock.now();
    await clock.run(Promise.all(Array.from({ length: 15 }, (_, i) => http.request(put(`M-${i}`)))));
    const mine = api.arrivals.slice(20);
    const refused = mine.filter((a) => a.status === 429);
    assert.equal(refused.length, 1, "only the probe met the spent budget");
    const afterProbe = mine.filter((a) => a.at > (refused[0]?.at ?? 0));
    assert.ok(
      afterProbe.every((a) => a.at >= spentAt + 55_000),
      "nothing went before the window's end",
    );
    assert.equal(mine.filter((a) => a.status === 200).length, 15);
  });

  it("spends the bulk budget separately and refuses at once, naming the time, when it is used up for the hour", async () => {
    const clock = new VirtualClock();
    const api = simulatedApi(clock, {
      api: { limit: 100, windowMs: 60_000 },
      bulk: { limit: 2, windowMs: 3_600_000 },
    });
    const http = client(clock, api.fetch, createRateLimiter({ clock }));
    const bulk = (i: number) => ({
      method: "POST" as const,
      path: "/v1/vouchers/bulk/async",
      body: [{ code: `B-${i}`, metadata: {} }],
      schema: z.unknown(),
    });
    await clock.run(http.request(bulk(1)));
    await clock.run(http.request(bulk(2)));
    await assert.rejects(clock.run(http.request(bulk(3))), (e) => {
      assert.ok(e instanceof RateLimitExhaustedError);
      assert.equal(e.lane, "bulk_api_calls");
      assert.match(e.message, /bulk API call limit is used up until \d{4}-\d\d-\d\dT/);
      return true;
    });
    assert.equal(api.arrivals.length, 2, "the third bulk call was never sent");
    // Plain calls go on (after at most a short, capped pause).
    await clock.run(Promise.all(Array.from({ length: 5 }, (_, i) => http.request(put(`P-${i}`)))));
    assert.deepEqual(
      api.arrivals.filter((a) => a.status === 429),
      [],
    );
  });

  it("recovers with a probe when spent requests never answered (network errors)", async () => {
    const clock = new VirtualClock();
    const api = simulatedApi(clock, { api: { limit: 3, windowMs: 60_000 } });
    let failures = 2;
    const flaky: FetchLike = (url, init) => {
      if (failures-- > 0) return Promise.reject(new Error("socket hang up"));
      return api.fetch(url, init);
    };
    const http = client(clock, flaky, createRateLimiter({ clock }));
    await clock.run(Promise.all(Array.from({ length: 4 }, (_, i) => http.request(put(`N-${i}`)))));
    assert.equal(api.arrivals.filter((a) => a.status === 200).length, 4);
    assert.equal(api.arrivals.filter((a) => a.status === 429).length, 0);
  });

  it("classifies the bulk requests of the spec", () => {
    assert.equal(laneOf("POST", "/v1/campaigns/camp_1/import"), "bulk_api_calls");
    assert.equal(laneOf("POST", "/v1/campaigns/camp_1/vouchers"), "bulk_api_calls");
    assert.equal(laneOf("DELETE", "/v1/campaigns/camp_1"), "bulk_api_calls");
    assert.equal(laneOf("POST", "/v1/vouchers/bulk/async"), "bulk_api_calls");
    assert.equal(laneOf("GET", "/v1/campaigns/camp_1"), "api_calls");
    assert.equal(laneOf("PUT", "/v1/vouchers/A"), "api_calls");
    assert.equal(laneOf("POST", "/v1/vouchers/A/disable"), "api_calls");
  });
});
