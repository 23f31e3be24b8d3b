/**
 * A campaign that is still generating or rewriting its codes cannot be read or modified (the create operation's
 * description in the spec); what the API answers meanwhile is undocumented. The emulator offers both readings
 * (`--readiness`): 400 `multiple_requests` for every request on the busy campaign, or 400 `invalid_campaign` for
 * modifications during generation only. Either way the request was refused and nothing applied, so the client
 * waits, polling the same request with backoff, until the campaign is ready or the async timeout passes.
 */
import { isVoucherifyApiError } from "./errors";
import type { RequestSpec, VoucherifyHttp } from "./http";
import { type PollOptions, pollUntil } from "./poll";

/** Voucherify's answer to a request on a campaign whose codes are being generated or updated. */
export function isNotReady(e: unknown): boolean {
  if (!isVoucherifyApiError(e) || e.status !== 400) return false;
  if (e.key === "multiple_requests") return true;
  const text = `${e.apiMessage ?? ""} ${e.details ?? ""}`;
  return e.key === "invalid_campaign" && /IN_PROGRESS|MODIFYING|being generated|until generation/i.test(text);
}

export interface ReadinessOptions extends PollOptions {
  /** Told once per request that has to wait. */
  onWait?: (spec: { method: string; path: string }) => void;
}

/** `http`, except that a request refused as "not ready yet" is repeated with backoff until it is answered. */
export function waitingWhileBusy(http: VoucherifyHttp, opts: ReadinessOptions): VoucherifyHttp {
  return {
    get requestCount() {
      return http.requestCount;
    },
    request<S extends Parameters<VoucherifyHttp["request"]>[0]["schema"]>(spec: RequestSpec<S>) {
      let waiting = false;
      let last: unknown;
      return pollUntil(
        opts,
        async () => {
          try {
            return { value: await http.request(spec) };
          } catch (e) {
            if (!isNotReady(e)) throw e;
            last = e;
            if (!waiting) opts.onWait?.({ method: spec.method, path: spec.path });
            waiting = true;
            return undefined;
          }
        },
        () => (last instanceof Error ? last : new Error(`${spec.method} ${spec.path}: not ready in time`)),
      ).then((r) => r.value);
    },
  };
}
