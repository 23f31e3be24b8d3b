/**
 * Errors thrown by the Voucherify client. Each carries a string brand (`voucherifyErrorKind`) and has a guard
 * function, because the provider runs from serialized copies of these classes and `instanceof` fails across them.
 * No error ever carries the secret key or a secret code: the HTTP client scrubs them (provider/redact.ts) from
 * messages and bodies before throwing.
 */
import type { Redact } from "../redact";

export type VoucherifyErrorKind =
  | "api"
  | "network"
  | "timeout"
  | "response-shape"
  | "async-action-failed"
  | "async-action-timeout";

interface ApiErrorInit {
  status: number;
  method: string;
  path: string;
  body: unknown;
  key?: string;
  message?: string;
  details?: string;
  requestId?: string;
  resourceId?: string;
  resourceType?: string;
  retryAfterMs?: number;
}

export class VoucherifyApiError extends Error {
  readonly voucherifyErrorKind = "api" as const;
  status: number;
  method: string;
  path: string;
  key?: string;
  /** The vendor's short message ("Resource not found"); `message` is the full text. */
  apiMessage?: string;
  details?: string;
  requestId?: string;
  resourceId?: string;
  resourceType?: string;
  /** Server-given wait before retrying (Retry-After / X-Rate-Limit-Retry), when present. */
  retryAfterMs?: number;
  body: unknown;

  constructor(init: ApiErrorInit) {
    super(apiErrorMessage(init));
    this.name = "VoucherifyApiError";
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.key = init.key;
    this.apiMessage = init.message;
    this.details = init.details;
    this.requestId = init.requestId;
    this.resourceId = init.resourceId;
    this.resourceType = init.resourceType;
    this.retryAfterMs = init.retryAfterMs;
    this.body = init.body;
  }
}

function apiErrorMessage(init: ApiErrorInit): string {
  let text = `Voucherify API error ${init.status}`;
  if (init.key) text += ` ${init.key}`;
  text += ` on ${init.method} ${init.path}`;
  let summary = init.message;
  if (!summary && !init.details && typeof init.body === "string" && init.body.trim() !== "") {
    summary = init.body.trim().slice(0, 200);
  }
  if (summary) text += `: ${summary}`;
  if (init.details) text += summary ? ` — ${init.details}` : `: ${init.details}`;
  if (init.requestId) text += ` (request_id ${init.requestId})`;
  return text;
}

export class NetworkError extends Error {
  readonly voucherifyErrorKind = "network" as const;
  method: string;
  path: string;

  constructor(method: string, path: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Network error on ${method} ${path}: ${reason}`, { cause });
    this.name = "NetworkError";
    this.method = method;
    this.path = path;
  }
}

export class TimeoutError extends Error {
  readonly voucherifyErrorKind = "timeout" as const;
  method: string;
  path: string;
  timeoutMs: number;

  constructor(method: string, path: string, timeoutMs: number) {
    super(`Request timed out after ${timeoutMs} ms: ${method} ${path}`);
    this.name = "TimeoutError";
    this.method = method;
    this.path = path;
    this.timeoutMs = timeoutMs;
  }
}

export interface ShapeIssue {
  path: string;
  message: string;
}

/** A 2xx response body that failed its zod schema (or was not JSON). Never retried. */
export class ResponseShapeError extends Error {
  readonly voucherifyErrorKind = "response-shape" as const;
  method: string;
  path: string;
  status: number;
  issues: ShapeIssue[];

  constructor(method: string, path: string, status: number, issues: ShapeIssue[]) {
    const list = issues
      .slice(0, 10)
      .map((i) => `${i.path || "(root)"}: ${i.message}`)
      .join("; ");
    const more = issues.length > 10 ? ` (+${issues.length - 10} more)` : "";
    super(`Unexpected response from Voucherify for ${method} ${path} (status ${status}): ${list}${more}`);
    this.name = "ResponseShapeError";
    this.method = method;
    this.path = path;
    this.status = status;
    this.issues = issues;
  }
}

/**
 * An async action (or a campaign's generation) ended FAILED. For campaign waits `asyncActionId` is the
 * campaign ID and `campaignId` is set.
 */
export class AsyncActionFailedError extends Error {
  readonly voucherifyErrorKind = "async-action-failed" as const;
  asyncActionId: string;
  result: unknown;
  campaignId?: string;

  constructor(asyncActionId: string, result: unknown, message: string, campaignId?: string) {
    super(message);
    this.name = "AsyncActionFailedError";
    this.asyncActionId = asyncActionId;
    this.result = result;
    this.campaignId = campaignId;
  }
}

/** Polling gave up. For campaign waits `asyncActionId` is the campaign ID and `campaignId` is set. */
export class AsyncActionTimeoutError extends Error {
  readonly voucherifyErrorKind = "async-action-timeout" as const;
  asyncActionId: string;
  timeoutMs: number;
  lastStatus?: string;
  campaignId?: string;

  constructor(
    asyncActionId: string,
    timeoutMs: number,
    message: string,
    lastStatus?: string,
    campaignId?: string,
  ) {
    super(message);
    this.name = "AsyncActionTimeoutError";
    this.asyncActionId = asyncActionId;
    this.timeoutMs = timeoutMs;
    this.lastStatus = lastStatus;
    this.campaignId = campaignId;
  }
}

/** Whether `e` carries the error brand `kind` (this module's kinds, or the provider's own such as "configuration"). */
export function hasErrorKind(e: unknown, kind: string): boolean {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { voucherifyErrorKind?: unknown }).voucherifyErrorKind === kind
  );
}

export function isVoucherifyApiError(e: unknown): e is VoucherifyApiError {
  return hasErrorKind(e, "api");
}

export function isNotFound(e: unknown): e is VoucherifyApiError {
  return isVoucherifyApiError(e) && e.status === 404;
}

export function isNetworkError(e: unknown): e is NetworkError {
  return hasErrorKind(e, "network");
}

export function isTimeoutError(e: unknown): e is TimeoutError {
  return hasErrorKind(e, "timeout");
}

export function isResponseShapeError(e: unknown): e is ResponseShapeError {
  return hasErrorKind(e, "response-shape");
}

export function isAsyncActionFailedError(e: unknown): e is AsyncActionFailedError {
  return hasErrorKind(e, "async-action-failed");
}

export function isAsyncActionTimeoutError(e: unknown): e is AsyncActionTimeoutError {
  return hasErrorKind(e, "async-action-timeout");
}

function scrubValue(value: unknown, redact: Redact, depth: number): unknown {
  if (typeof value === "string") return redact(value);
  if (depth > 20 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, redact, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, redact, depth + 1);
  return out;
}

/**
 * Removes secrets from the error's message, stack, string fields and body: the secret key (a proxy or a
 * misbehaving server could echo request headers) and codes declared secret (in request paths, and in what the API
 * hands back: `details`, `message`, `resource_id`). Mutates and returns the error.
 */
export function scrubError<E extends Error>(error: E, redact: Redact): E {
  error.message = redact(error.message);
  if (error.stack !== undefined) error.stack = redact(error.stack);
  const fields = error as unknown as Record<string, unknown>;
  for (const k of Object.keys(fields)) {
    const v = fields[k];
    if (typeof v === "string" || (typeof v === "object" && v !== null && !(v instanceof Error))) {
      fields[k] = scrubValue(v, redact, 0);
    }
  }
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && cause !== error) scrubError(cause, redact);
  return error;
}
