/** Test harness for the client: a scripted fetch (responses served in order, requests recorded), no sockets. */
import type { FetchInit, FetchLike, FetchResponseLike } from "../../../provider/client/http";

export type Scripted =
  | { status: number; body?: unknown; text?: string; headers?: Record<string, string> }
  | { error: Error }
  /** Never answers; rejects like node-fetch (AbortError) once the request's signal aborts. */
  | { hang: true };

export interface RecordedRequest {
  url: string;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface ScriptedFetch {
  fetch: FetchLike;
  requests: RecordedRequest[];
  /** "METHOD /path?query" per request, for whole-sequence assertions. */
  log(): string[];
  remaining(): number;
}

function headerLookup(h: Record<string, string> = {}) {
  const lower = new Map(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (name: string) => lower.get(name.toLowerCase()) ?? null };
}

export function scriptedFetch(responses: Scripted[]): ScriptedFetch {
  const queue = [...responses];
  const requests: RecordedRequest[] = [];
  const fetch: FetchLike = (url: string, init: FetchInit): Promise<FetchResponseLike> => {
    const u = new URL(url);
    requests.push({
      url,
      method: init.method,
      path: u.pathname,
      query: u.search,
      headers: { ...init.headers },
      body: init.body,
    });
    const next = queue.shift();
    if (next === undefined) return Promise.reject(new Error(`unexpected request ${init.method} ${url}`));
    if ("error" in next) return Promise.reject(next.error);
    if ("hang" in next) {
      return new Promise((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => {
          const e = new Error("The user aborted a request.");
          e.name = "AbortError";
          reject(e);
        });
      });
    }
    const text =
      next.text !== undefined ? next.text : next.body === undefined ? "" : JSON.stringify(next.body);
    return Promise.resolve({
      status: next.status,
      headers: headerLookup(next.headers),
      text: () => Promise.resolve(text),
    });
  };
  return {
    fetch,
    requests,
    log: () => requests.map((r) => `${r.method} ${r.path}${r.query}`),
    remaining: () => queue.length,
  };
}

export function headers(h: Record<string, string>) {
  return headerLookup(h);
}

export const SETTINGS = {
  apiUrl: "https://api.voucherify.test",
  applicationId: "app-id-123",
  secretKey: "sk-TOP-SECRET-0123456789",
};

export function campaignBody(overrides: Record<string, unknown> = {}) {
  return {
    id: "camp_abc",
    name: "Spring Sale",
    campaign_type: "DISCOUNT_COUPONS",
    type: "AUTO_UPDATE",
    creation_status: "DONE",
    vouchers_generation_status: "DONE",
    object: "campaign",
    ...overrides,
  };
}

export function notFound(what = "x") {
  return {
    status: 404,
    body: {
      code: 404,
      key: "not_found",
      message: "Resource not found",
      details: `Cannot find campaign with id ${what}`,
      request_id: "v-0adaccaba61502e4b3",
      resource_id: what,
      resource_type: "campaign",
    },
  };
}
