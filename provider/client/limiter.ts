/**
 * The client-side rate limiter: one per provider process and Voucherify project (`processLimiter`), shared by
 * every operation the engine runs in that process, so parallel work (20 campaigns created at once, per-code
 * updates, deletes, enable/disable) never sends more than the plan allows.
 *
 * It knows the budget only from the API's own answers (documentation/guides/limits.mdx, "Response headers"):
 * `X-Rate-Limit-Remaining` (requests that can still be made in the current period), `X-Rate-Limit-Retry` (when the
 * next request can be made, Unix seconds) and, on a 429, `Retry-After` and `X-Rate-Limit-Type`.
 *
 * - Requests are numbered as they are let go. An answer of request n saying R remain means the API will take
 *   requests up to number n + R, less the requests that were still in flight when n was let go (they may be
 *   counted after n). Answers arrive in any order, so the lane keeps the highest such bound and lets requests go
 *   while their number is below it. The bound holds across periods too: a new period only adds room.
 * - Below nothing else, one request may go when nothing is in flight (a probe): at the start, when nothing is
 *   known, and whenever the bound is used up. It is safe, because the request that takes the last call of a
 *   period is answered with Remaining 0, and that stops the lane. Answers with no rate-limit headers at all
 *   mean the API does not limit this client: then only `maxInFlight` applies.
 * - Remaining 0, or a 429, stops the lane until the reported time (Retry-After, else X-Rate-Limit-Retry plus the
 *   second it is rounded to), and forgets the bound: after the stop a probe goes first. A stop longer than
 *   `maxBlockMs` (an hourly budget spent: the Sandbox's 100 calls per hour, the bulk budget) is not waited out:
 *   the lane's requests fail at once with RateLimitExhaustedError, which says until when.
 * - Bulk API calls have their own budget (limits.mdx: "bulk API calls"; `X-Rate-Limit-Type: bulk_api_calls`), so
 *   they are a lane of their own. Whether they also count against the plain budget, and so which budget their
 *   answers describe, is not documented: a bulk call takes a number in both lanes, and its answer can only lower
 *   the plain lane's bound (and pause it, at most `maxBlockMs`, when it says none remain). Either way nothing is
 *   sent over a budget; the price of not knowing is at worst one early pause.
 * - Other clients of the same project spend the same budget unseen: their share shows up as a 429, which stops
 *   the lane until the time it names, and the HTTP client's retry sends the request again.
 */
import type { Clock } from "./clock";
import { type HeaderLookup, retryAfterMs } from "./retry-timing";

export type Lane = "api_calls" | "bulk_api_calls";

/**
 * The requests this provider sends whose description in the spec says "This API request starts a process that
 * affects Voucherify data in bulk": code generation, imports, campaign deletion and the bulk voucher updates.
 */
const BULK_REQUESTS: readonly { method: string; path: RegExp }[] = [
  { method: "POST", path: /^\/v1\/campaigns\/[^/]+\/(vouchers|import|importCSV)$/ },
  { method: "DELETE", path: /^\/v1\/campaigns\/[^/]+$/ },
  { method: "POST", path: /^\/v1\/vouchers\/(import|importCSV|bulk\/async|metadata\/async)$/ },
];

export function laneOf(method: string, path: string): Lane {
  const m = method.toUpperCase();
  return BULK_REQUESTS.some((r) => r.method === m && r.path.test(path)) ? "bulk_api_calls" : "api_calls";
}

/** What the client reports back once an attempt is over: its answer, or nothing (network error, timeout). */
export interface Answer {
  status: number;
  headers: HeaderLookup;
}

export interface Permit {
  release(answer?: Answer): void;
}

export interface RateLimiter {
  /** Resolves once the request may be sent; the caller must release the permit when the attempt is over. */
  acquire(method: string, path: string): Promise<Permit>;
}

export interface LimiterOptions {
  clock: Clock;
  /** Requests in flight at once per lane (default 10): the budget aside, a bound on sockets and server load. */
  maxInFlight?: number;
  /** Longest stop waited out (default 2 minutes: a per-minute period plus the reset's rounding). */
  maxBlockMs?: number;
}

export const DEFAULT_MAX_IN_FLIGHT = 10;
const DEFAULT_MAX_BLOCK_MS = 120_000;

/** The budget of a lane is spent for longer than a provider operation should wait; nothing was sent. */
export class RateLimitExhaustedError extends Error {
  constructor(
    readonly lane: Lane,
    readonly until: number,
  ) {
    super(
      `the Voucherify ${lane === "bulk_api_calls" ? "bulk API" : "API"} call limit is used up until ` +
        `${new Date(until).toISOString()} (X-Rate-Limit-Retry / Retry-After); run the operation again after that`,
    );
    this.name = "RateLimitExhaustedError";
  }
}

class LaneState {
  /** Requests let go so far; the next one gets this number. */
  granted = 0;
  /** Requests numbered below this will be taken by the API (see above). */
  bound = 0;
  /** No answer ever carried the rate-limit headers. */
  unlimited = false;
  /** Some answer carried them: a later answer without them (a proxy's 502, say) says nothing. */
  limited = false;
  inFlight = 0;
  blockedUntil = 0;
  /** A stop too long to wait out: requests fail until then. */
  exhaustedUntil = 0;
}

/** A request's place in a lane: its number and how many were in flight when it went. */
interface Ticket {
  seq: number;
  before: number;
}

function headerInt(headers: HeaderLookup, name: string): number | undefined {
  const v = headers.get(name);
  if (v === null || v === undefined || !/^\s*\d+\s*$/.test(v)) return undefined;
  return Number(v);
}

export function createRateLimiter(options: LimiterOptions): RateLimiter {
  const clock = options.clock;
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const maxBlockMs = options.maxBlockMs ?? DEFAULT_MAX_BLOCK_MS;
  const lanes: Record<Lane, LaneState> = { api_calls: new LaneState(), bulk_api_calls: new LaneState() };
  const waiting: { lanes: Lane[]; grant: (tickets: Ticket[]) => void; refuse: (e: Error) => void }[] = [];
  let wakeAt: number | undefined;

  const canStart = (lane: LaneState, now: number): boolean => {
    if (now < lane.blockedUntil || lane.inFlight >= maxInFlight) return false;
    return lane.unlimited || lane.granted < lane.bound || lane.inFlight === 0;
  };

  /** Stops a lane for `ms` (1 s when the answer named no time); `pauseOnly`: never longer than maxBlockMs. */
  const block = (lane: LaneState, ms: number | undefined, pauseOnly = false): void => {
    const wait = Math.max(ms ?? 1000, 0);
    const until = clock.now() + (pauseOnly ? Math.min(wait, maxBlockMs) : wait);
    if (wait > maxBlockMs && !pauseOnly) lane.exhaustedUntil = Math.max(lane.exhaustedUntil, until);
    lane.blockedUntil = Math.max(lane.blockedUntil, until);
    lane.bound = lane.granted; // after the stop, a probe finds out where the new period stands
  };

  /** Grants every waiting request that may start now; arms a wake-up for the earliest stop that ends. */
  const pump = (): void => {
    const now = clock.now();
    for (let i = 0; i < waiting.length; ) {
      const w = waiting[i] as (typeof waiting)[number];
      const spent = w.lanes.find((l) => now < lanes[l].exhaustedUntil);
      if (spent !== undefined) {
        waiting.splice(i, 1);
        w.refuse(new RateLimitExhaustedError(spent, lanes[spent].exhaustedUntil));
      } else if (w.lanes.every((l) => canStart(lanes[l], now))) {
        waiting.splice(i, 1);
        const tickets = w.lanes.map((l) => {
          const lane = lanes[l];
          const ticket = { seq: lane.granted, before: lane.inFlight };
          lane.granted += 1;
          lane.inFlight += 1;
          return ticket;
        });
        w.grant(tickets);
      } else {
        i++;
      }
    }
    if (waiting.length === 0) return;
    const ends = Object.values(lanes)
      .filter((l) => l.exhaustedUntil <= now)
      .map((l) => l.blockedUntil)
      .filter((t) => t > now);
    if (ends.length === 0) return; // a release will pump again
    const at = Math.min(...ends);
    if (wakeAt !== undefined && wakeAt <= at) return;
    wakeAt = at;
    clock.sleep(at - now).then(() => {
      if (wakeAt === at) wakeAt = undefined;
      pump();
    });
  };

  const report = (laneName: Lane, ticket: Ticket, answer: Answer): void => {
    const lane = lanes[laneName];
    if (answer.status === 429) {
      const type = answer.headers.get("x-rate-limit-type");
      const hit = type === "bulk_api_calls" || type === "api_calls" ? lanes[type] : lane;
      hit.limited = true;
      hit.unlimited = false;
      block(hit, retryAfterMs(answer.headers, clock.now()));
      return;
    }
    const remaining = headerInt(answer.headers, "x-rate-limit-remaining");
    if (remaining === undefined) {
      if (!lane.limited) lane.unlimited = true;
      return;
    }
    lane.limited = true;
    lane.unlimited = false;
    lane.bound = Math.max(lane.bound, ticket.seq + 1 + remaining - ticket.before);
    if (remaining === 0) block(lane, retryAfterMs(answer.headers, clock.now()));
    if (laneName === "bulk_api_calls") {
      // Maybe the plain budget's numbers: they may lower the plain lane's bound, never raise it.
      const plain = lanes.api_calls;
      plain.bound = Math.min(plain.bound, plain.granted + Math.max(0, remaining - plain.inFlight));
      if (remaining === 0) block(plain, retryAfterMs(answer.headers, clock.now()), true);
    }
  };

  return {
    acquire(method, path) {
      const own = laneOf(method, path);
      const used: Lane[] = own === "bulk_api_calls" ? ["bulk_api_calls", "api_calls"] : ["api_calls"];
      return new Promise<Permit>((resolve, reject) => {
        const grant = (tickets: Ticket[]) => {
          let released = false;
          resolve({
            release(answer) {
              if (released) return;
              released = true;
              for (const l of used) lanes[l].inFlight -= 1;
              if (answer !== undefined) report(own, tickets[0] as Ticket, answer);
              pump();
            },
          });
        };
        waiting.push({ lanes: used, grant, refuse: reject });
        pump();
      });
    },
  };
}

const processLimiters = new Map<string, RateLimiter>();

/** The limiter of this process for one Voucherify project (budgets are per project), created on first use. */
export function processLimiter(apiUrl: string, applicationId: string, clock: Clock): RateLimiter {
  const key = `${apiUrl.replace(/\/+$/, "")}\n${applicationId}`;
  let limiter = processLimiters.get(key);
  if (limiter === undefined) {
    limiter = createRateLimiter({ clock });
    processLimiters.set(key, limiter);
  }
  return limiter;
}
