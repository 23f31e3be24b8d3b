/**
 * Server-given retry timing, as a pure function of the response headers and the current time.
 *
 * `Retry-After` is authoritative when present (delta seconds or an HTTP-date). Voucherify's
 * `X-Rate-Limit-Retry` (epoch seconds of the reset) is used only when `Retry-After` is missing or unreadable,
 * plus one second so the retry lands after the reset. Anything unreadable yields `undefined`, so the caller
 * falls back to its own backoff.
 */
export interface HeaderLookup {
  get(name: string): string | null | undefined;
}

const DELTA_SECONDS = /^\d+(\.\d+)?$/;

function parseRetryAfter(value: string, now: number): number | undefined {
  const v = value.trim();
  if (v === "") return undefined;
  if (DELTA_SECONDS.test(v)) return Math.round(Number(v) * 1000);
  // HTTP-date: must contain letters, otherwise Date.parse accepts things like "1" as a year.
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  if (!Number.isFinite(at)) return undefined;
  return Math.max(0, at - now);
}

function parseResetEpoch(value: string, now: number): number | undefined {
  const v = value.trim();
  if (!DELTA_SECONDS.test(v)) return undefined;
  const at = Number(v) * 1000 + 1000;
  return Math.max(0, Math.round(at - now));
}

export function retryAfterMs(headers: HeaderLookup, now: number): number | undefined {
  const retryAfter = headers.get("retry-after");
  if (retryAfter !== null && retryAfter !== undefined) {
    const ms = parseRetryAfter(retryAfter, now);
    if (ms !== undefined) return ms;
  }
  const reset = headers.get("x-rate-limit-retry");
  if (reset !== null && reset !== undefined) return parseResetEpoch(reset, now);
  return undefined;
}
