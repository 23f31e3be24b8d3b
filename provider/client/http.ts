/**
 * The Voucherify HTTP client: URL and auth headers, JSON or multipart bodies, a timeout per attempt, lenient
 * error-body parsing, zod-checked 2xx bodies and bounded retries (decided by `decideRetry`).
 *
 * `fetch` and the `Clock` are injected so tests replace both without patching globals. Retry state lives in
 * each `request` call, never on the client object.
 */
import type FormDataClass from "form-data";
import nodeFetch from "node-fetch";
import type { z } from "zod";
import { chain, noRedaction, type Redact, secretRedaction } from "../redact";
import { errorBodySchema } from "../schema/wire";
import { type Clock, realClock } from "./clock";
import {
  NetworkError,
  ResponseShapeError,
  type ShapeIssue,
  scrubError,
  TimeoutError,
  VoucherifyApiError,
} from "./errors";
import type { RateLimiter } from "./limiter";
import { DEFAULT_RETRY_POLICY, decideRetry, defaultRetryMode, type RetryMode } from "./retry";
import { type HeaderLookup, retryAfterMs } from "./retry-timing";

export interface ClientSettings {
  apiUrl: string;
  applicationId: string;
  secretKey: string;
  /** Per attempt; default 30000. */
  timeoutMs?: number;
  /** Default 4. */
  maxRetries?: number;
  /** Backoff base unit; default 1000. */
  timeUnitMs?: number;
}

export interface RetryEvent {
  method: string;
  path: string;
  /** 1-based number of the attempt that failed. */
  attempt: number;
  delayMs: number;
  reason: string;
}

/** The subset of a fetch response the client reads. */
export interface FetchResponseLike {
  status: number;
  statusText?: string;
  headers: HeaderLookup;
  text(): Promise<string>;
}

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
}

export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

export interface ClientDeps {
  fetch?: FetchLike;
  clock?: Clock;
  onRetry?: (e: RetryEvent) => void;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Removes secret codes from errors and retry messages (the secret key is always removed). */
  redact?: Redact;
  /** Gates every attempt by the API's rate-limit budget (see ./limiter.ts); none = send at once. */
  limiter?: RateLimiter;
}

export interface Multipart {
  kind: "multipart";
  field: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface RequestSpec<S extends z.ZodType> {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown | Multipart;
  schema: S;
  /** Default: GET/PUT/DELETE "idempotent", POST "429-only". */
  retry?: RetryMode;
  /**
   * An absolute URL instead of `apiUrl` + `path` (an export's download link). The credentials go only to the API's
   * own host or to a Voucherify host (`*.voucherify.io`); `path` still names the request in logs and errors.
   */
  url?: string;
  /** "text": the 2xx body is handed to `schema` as text (CSV downloads) instead of being parsed as JSON. */
  responseType?: "json" | "text";
}

export interface VoucherifyHttp {
  request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>>;
  readonly requestCount: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

let versionCache: string | undefined;

/** This package's version, read at run time from package.json (source tree or dist/ layout). */
export function packageVersion(): string {
  if (versionCache !== undefined) return versionCache;
  // The packaged plugin has no package.json: its bundler writes the version in (provider/native/bundle-globals.d.ts).
  if (typeof PULUMI_VOUCHERIFY_VERSION === "string") return PULUMI_VOUCHERIFY_VERSION;
  let version = "0.0.0";
  for (const candidate of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = require(candidate) as { name?: unknown; version?: unknown };
      if (pkg && pkg.name === "pulumi-voucherify" && typeof pkg.version === "string") {
        version = pkg.version;
        break;
      }
    } catch {
      // try the next layout
    }
  }
  versionCache = version;
  return version;
}

export function userAgent(): string {
  return `pulumi-voucherify/${packageVersion()}`;
}

function isMultipart(body: unknown): body is Multipart {
  return typeof body === "object" && body !== null && (body as { kind?: unknown }).kind === "multipart";
}

export function buildUrl(apiUrl: string, path: string, query?: RequestSpec<z.ZodType>["query"]): string {
  const base = apiUrl.replace(/\/+$/, "");
  const params = new URLSearchParams();
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined) params.append(k, String(v));
    }
  }
  const qs = params.toString();
  return `${base}${path.startsWith("/") ? path : `/${path}`}${qs ? `?${qs}` : ""}`;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function toApiError(
  method: string,
  path: string,
  status: number,
  text: string,
  headers: HeaderLookup,
  now: number,
): VoucherifyApiError {
  const parsed = parseJson(text);
  const raw = parsed.ok ? parsed.value : text;
  const body = errorBodySchema().safeParse(raw);
  const b = body.success ? body.data : undefined;
  return new VoucherifyApiError({
    status,
    method,
    path,
    body: raw,
    key: b?.key || undefined,
    message: b?.message || undefined,
    details: b?.details || undefined,
    requestId: b?.request_id || undefined,
    resourceId: b?.resource_id || undefined,
    resourceType: b?.resource_type || undefined,
    retryAfterMs: retryAfterMs(headers, now),
  });
}

function issuePaths(error: z.ZodError): ShapeIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

export function createHttpClient(settings: ClientSettings, deps: ClientDeps = {}): VoucherifyHttp {
  const apiHost = new URL(settings.apiUrl).host;
  /** `url` if the credentials may go there: the API's host, or a Voucherify host such as download.voucherify.io. */
  const trustedUrl = (url: string): string => {
    const u = new URL(url);
    const voucherify =
      u.protocol === "https:" && (u.hostname === "voucherify.io" || u.hostname.endsWith(".voucherify.io"));
    if (u.host !== apiHost && !voucherify) {
      throw new Error(
        `refusing to send the Voucherify credentials to ${u.host} (not the API's host or a voucherify.io host)`,
      );
    }
    return url;
  };
  const doFetch: FetchLike = deps.fetch || (nodeFetch as unknown as FetchLike);
  const clock = deps.clock || realClock();
  const random = deps.random || Math.random;
  const timeoutMs = settings.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : settings.timeoutMs;
  const policy = {
    maxRetries: settings.maxRetries === undefined ? DEFAULT_RETRY_POLICY.maxRetries : settings.maxRetries,
    timeUnitMs: settings.timeUnitMs === undefined ? DEFAULT_RETRY_POLICY.timeUnitMs : settings.timeUnitMs,
  };
  const secret = settings.secretKey;
  const redact = chain(secretRedaction(secret), deps.redact ?? noRedaction);
  let count = 0;

  /**
   * One attempt, once the limiter lets it go (the wait is not part of the attempt's timeout): resolves with the
   * status and text, or rejects with NetworkError/TimeoutError.
   */
  async function attemptOnce(
    method: string,
    path: string,
    url: string,
    init: Omit<FetchInit, "signal">,
  ): Promise<{ status: number; headers: HeaderLookup; text: string }> {
    const permit = deps.limiter === undefined ? undefined : await deps.limiter.acquire(method, path);
    let answer: { status: number; headers: HeaderLookup } | undefined;
    try {
      const res = await exchange(method, path, url, init);
      answer = res;
      return res;
    } finally {
      permit?.release(answer);
    }
  }

  async function exchange(
    method: string,
    path: string,
    url: string,
    init: Omit<FetchInit, "signal">,
  ): Promise<{ status: number; headers: HeaderLookup; text: string }> {
    const controller = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
        reject(new TimeoutError(method, path, timeoutMs));
      }, timeoutMs);
    });
    timeout.catch(() => undefined);
    count += 1;
    try {
      const exchange = (async () => {
        const res = await doFetch(url, { ...init, signal: controller.signal });
        const text = await res.text();
        return { status: res.status, headers: res.headers, text };
      })();
      return await Promise.race([exchange, timeout]);
    } catch (e) {
      if (timedOut) throw new TimeoutError(method, path, timeoutMs);
      if (e instanceof TypeError && /url/i.test(e.message)) throw e; // a bad apiUrl is not transient
      throw new NetworkError(method, path, e);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  async function request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
    const method = spec.method;
    const path = spec.path;
    const mode = spec.retry || defaultRetryMode(method);
    const url = spec.url === undefined ? buildUrl(settings.apiUrl, path, spec.query) : trustedUrl(spec.url);
    const headers: Record<string, string> = {
      "X-App-Id": settings.applicationId,
      "X-App-Token": secret,
      Accept: "application/json",
      "User-Agent": userAgent(),
      "X-Voucherify-Channel": userAgent(),
    };
    let body: string | Buffer | undefined;
    if (isMultipart(spec.body)) {
      // Loaded on first use: only CSV imports send multipart, and the module costs ~40 ms of every process start.
      const FormData = require("form-data") as typeof FormDataClass;
      const form = new FormData();
      form.append(spec.body.field, spec.body.content, {
        filename: spec.body.filename,
        contentType: spec.body.contentType,
      });
      Object.assign(headers, form.getHeaders());
      body = form.getBuffer();
    } else if (spec.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(spec.body);
    }

    for (let attempt = 1; ; attempt++) {
      try {
        const res = await attemptOnce(method, path, url, { method, headers, body });
        if (res.status < 200 || res.status >= 300) {
          throw toApiError(method, path, res.status, res.text, res.headers, clock.now());
        }
        const parsed =
          spec.responseType === "text" ? { ok: true as const, value: res.text } : parseJson(res.text);
        if (!parsed.ok) {
          throw new ResponseShapeError(method, path, res.status, [
            { path: "", message: "response body is not JSON" },
          ]);
        }
        const checked = spec.schema.safeParse(parsed.value);
        if (!checked.success)
          throw new ResponseShapeError(method, path, res.status, issuePaths(checked.error));
        return checked.data as z.output<S>;
      } catch (error) {
        const decision = decideRetry({ method, mode, attempt, error, random, policy });
        if (!decision.retry) {
          throw error instanceof Error ? scrubError(error, redact) : error;
        }
        if (deps.onRetry) {
          deps.onRetry({
            method,
            path: redact(path),
            attempt,
            delayMs: decision.delayMs,
            reason: redact(decision.reason),
          });
        }
        await clock.sleep(decision.delayMs);
      }
    }
  }

  return {
    request,
    get requestCount() {
      return count;
    },
  };
}
