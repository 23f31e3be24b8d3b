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
 */
export async function pollUntil<T>(
  opts: PollOptions,
  poll: () => Promise<T | undefined>,
  onTimeout: () => Error,
): Promise<T> {
  const clock = opts.clock;
  const start = clock.now();
  let delay = opts.initialDelayMs === undefined ? 250 : opts.initialDelayMs;
  const maxDelay = opts.maxDelayMs === undefined ? 5000 : opts.maxDelayMs;
  for (;;) {
    const value = await poll();
    if (value !== undefined) return value;
    const remaining = opts.timeoutMs - (clock.now() - start);
    if (remaining <= 0) throw onTimeout();
    await clock.sleep(Math.min(delay, maxDelay, remaining));
    delay = Math.min(delay * BACKOFF_FACTOR, maxDelay);
  }
}
