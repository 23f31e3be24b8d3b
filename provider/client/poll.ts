/** Polling with bounded, capped exponential backoff on the injected clock. */
import type { Clock } from "./clock";

export const BACKOFF_FACTOR = 1.5;

export interface PollOptions {
  timeoutMs: number;
  clock: Clock;
  /** Default 250. */
  initialDelayMs?: number;
  /** Default 5000. */
  maxDelayMs?: number;
}

/**
 * Calls `poll` until it returns a value, sleeping between calls with a delay growing ×1.5 from
 * `initialDelayMs` up to `maxDelayMs`, never past the deadline; `onTimeout` builds the error once time is up.
 * The first call is immediate (a request that may be answered at once, such as one the API refused as busy).
 */
export function pollUntil<T>(
  opts: PollOptions,
  poll: () => Promise<T | undefined>,
  onTimeout: () => Error,
): Promise<T> {
  return pollLoop(opts, poll, onTimeout, false);
}

/**
 * `pollUntil` for work that was just started (an async action, a campaign generating its codes, an export): the
 * first look comes after the first delay, since a look at once could only say "not yet" and would cost a request.
 */
export function pollAfterDelay<T>(
  opts: PollOptions,
  poll: () => Promise<T | undefined>,
  onTimeout: () => Error,
): Promise<T> {
  return pollLoop(opts, poll, onTimeout, true);
}

async function pollLoop<T>(
  opts: PollOptions,
  poll: () => Promise<T | undefined>,
  onTimeout: () => Error,
  waitFirst: boolean,
): Promise<T> {
  const clock = opts.clock;
  const start = clock.now();
  let delay = opts.initialDelayMs === undefined ? 250 : opts.initialDelayMs;
  const maxDelay = opts.maxDelayMs === undefined ? 5000 : opts.maxDelayMs;
  const pause = async (): Promise<void> => {
    const remaining = opts.timeoutMs - (clock.now() - start);
    if (remaining <= 0) throw onTimeout();
    await clock.sleep(Math.min(delay, maxDelay, remaining));
    delay = Math.min(delay * BACKOFF_FACTOR, maxDelay);
  };
  if (waitFirst) await pause();
  for (;;) {
    const value = await poll();
    if (value !== undefined) return value;
    await pause();
  }
}
