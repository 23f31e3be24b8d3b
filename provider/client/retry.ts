/**
 * The retry decision, as one pure function evaluated in a fixed order:
 * attempt limit → error kind → retry mode (method) → status lists → server timing / backoff.
 *
 * - Only errors known to be transient are retried: HTTP 429/500/502/503/504, network errors and per-attempt
 *   timeouts. Zod, programming and async-action errors pass through untouched.
 * - "429-only" (the default for POST): after a 5xx, a network error or a timeout, a POST may have reached the
 *   server; the caller must look the resource up instead of re-posting. A 429 is safe: nothing was done.
 * - A server-given wait (Retry-After / X-Rate-Limit-Retry) is honoured exactly, without jitter, capped at
 *   `maxRetryAfterMs`. Otherwise: exponential backoff with full jitter, base `timeUnitMs`.
 */
import { isNetworkError, isTimeoutError, isVoucherifyApiError } from "./errors";

export type RetryMode = "idempotent" | "429-only";

export interface RetryPolicy {
  /** Retries after the first attempt (so at most maxRetries + 1 attempts). */
  maxRetries: number;
  /** Backoff base unit. */
  timeUnitMs: number;
  /** Cap on a server-given wait. */
  maxRetryAfterMs: number;
  /** Cap on a computed backoff delay (before jitter). */
  maxBackoffMs: number;
  doNotRetry: readonly number[];
  retryStatuses: readonly number[];
}

export const DEFAULT_RETRY_POLICY = {
  maxRetries: 4,
  timeUnitMs: 1000,
  maxRetryAfterMs: 60_000,
  maxBackoffMs: 30_000,
  doNotRetry: [400, 401, 402, 403, 404, 409, 413, 415, 422, 423],
  retryStatuses: [429, 500, 502, 503, 504],
} satisfies RetryPolicy;

export interface RetryInput {
  method: string;
  mode: RetryMode;
  /** 1-based number of the attempt that just failed. */
  attempt: number;
  error: unknown;
  /** Jitter source in [0, 1). */
  random: () => number;
  policy?: Partial<RetryPolicy>;
}

export type RetryDecision =
  | { retry: false; reason: string }
  | { retry: true; delayMs: number; reason: string };

export function defaultRetryMode(method: string): RetryMode {
  return method.toUpperCase() === "POST" ? "429-only" : "idempotent";
}

export function decideRetry(input: RetryInput): RetryDecision {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...(input.policy || {}) };
  const { error, mode, attempt } = input;

  if (attempt > policy.maxRetries) return { retry: false, reason: `gave up after ${attempt} attempts` };

  let reason: string;
  let serverDelay: number | undefined;
  if (isVoucherifyApiError(error)) {
    const status = error.status;
    reason = `HTTP ${status}${error.key ? ` ${error.key}` : ""}`;
    if (policy.doNotRetry.includes(status) || !policy.retryStatuses.includes(status)) {
      return { retry: false, reason: `${reason} is not retriable` };
    }
    if (status === 429 || status === 503) serverDelay = error.retryAfterMs;
  } else if (isNetworkError(error) || isTimeoutError(error)) {
    reason = isTimeoutError(error) ? "timeout" : "network error";
  } else {
    return { retry: false, reason: "not a transient error" };
  }
  // Only a 429 proves that nothing was done; anything else after a POST may have reached the server.
  if (mode === "429-only" && !(isVoucherifyApiError(error) && error.status === 429)) {
    return {
      retry: false,
      reason: `${reason} after ${input.method} may have reached the server; not retried`,
    };
  }

  if (serverDelay !== undefined) {
    return { retry: true, delayMs: Math.min(Math.max(0, serverDelay), policy.maxRetryAfterMs), reason };
  }
  const ceiling = Math.min(policy.maxBackoffMs, policy.timeUnitMs * 2 ** (attempt - 1));
  const r = Math.min(Math.max(input.random(), 0), 1);
  return { retry: true, delayMs: Math.round(ceiling * r), reason };
}
