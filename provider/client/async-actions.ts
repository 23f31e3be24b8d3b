/** Async actions (API-NOTES §7) and polling helpers with bounded, capped exponential backoff. */
import { type ApiAsyncAction, type ApiCampaign, asyncActionSchema } from "../schema/wire";
import { getCampaign } from "./campaigns";
import { AsyncActionFailedError, AsyncActionTimeoutError, isNotFound } from "./errors";
import type { VoucherifyHttp } from "./http";
import { type PollOptions, pollAfterDelay } from "./poll";
import { isNotReady } from "./readiness";

export interface WaitOptions extends PollOptions {
  onProgress?: (a: ApiAsyncAction) => void;
}

export function getAsyncAction(http: VoucherifyHttp, id: string): Promise<ApiAsyncAction> {
  return http.request({
    method: "GET",
    path: `/v1/async-actions/${encodeURIComponent(id)}`,
    schema: asyncActionSchema(),
  });
}

function resultMessage(result: unknown): string | undefined {
  if (typeof result === "object" && result !== null) {
    const m = (result as { message?: unknown }).message;
    if (typeof m === "string") return m;
  }
  return undefined;
}

/** Resolves with the action once DONE; FAILED → AsyncActionFailedError; time up → AsyncActionTimeoutError. */
export async function waitForAsyncAction(
  http: VoucherifyHttp,
  id: string,
  opts: WaitOptions,
): Promise<ApiAsyncAction> {
  let lastStatus: string | undefined;
  let lastProgress: string | undefined;
  return pollAfterDelay(
    opts,
    async () => {
      const action = await getAsyncAction(http, id);
      lastStatus = action.status;
      const progressKey = `${action.status}:${action.progress === undefined ? "" : action.progress}`;
      if (opts.onProgress && progressKey !== lastProgress) opts.onProgress(action);
      lastProgress = progressKey;
      if (action.status === "DONE") return action;
      if (action.status === "FAILED") {
        const why = resultMessage(action.result);
        throw new AsyncActionFailedError(
          id,
          action.result,
          `Voucherify async action ${id}${action.type ? ` (${action.type})` : ""} failed${why ? `: ${why}` : ""}`,
        );
      }
      return undefined;
    },
    () =>
      new AsyncActionTimeoutError(
        id,
        opts.timeoutMs,
        `Voucherify async action ${id} did not finish within ${opts.timeoutMs} ms (last status ${lastStatus})`,
        lastStatus,
      ),
  );
}

/** A campaign status that means finished (absent counts as finished). */
export function isDone(status: string | null | undefined): boolean {
  return status === undefined || status === null || status === "DONE";
}

/**
 * Polls GET /v1/campaigns/{id} until `creation_status` and `vouchers_generation_status` are DONE. A FAILED status
 * throws AsyncActionFailedError (with `campaignId`); a 404 right after creation counts as not ready yet.
 */
export async function waitForCampaignReady(
  http: VoucherifyHttp,
  id: string,
  opts: WaitOptions,
): Promise<ApiCampaign> {
  let lastStatus: string | undefined;
  return pollAfterDelay(
    opts,
    async () => {
      let campaign: ApiCampaign;
      try {
        campaign = await getCampaign(http, id);
      } catch (e) {
        if (isNotFound(e)) {
          lastStatus = "NOT_FOUND";
          return undefined;
        }
        if (isNotReady(e)) {
          lastStatus = "busy (the API refuses reads until the codes are done)";
          return undefined;
        }
        throw e;
      }
      const creation = campaign.creation_status;
      const generation = campaign.vouchers_generation_status;
      lastStatus = `creation_status ${creation}, vouchers_generation_status ${generation}`;
      if (creation === "FAILED" || generation === "FAILED") {
        throw new AsyncActionFailedError(
          id,
          campaign,
          `Voucherify campaign ${id} failed to build (${lastStatus})`,
          id,
        );
      }
      return isDone(creation) && isDone(generation) ? campaign : undefined;
    },
    () =>
      new AsyncActionTimeoutError(
        id,
        opts.timeoutMs,
        `Voucherify campaign ${id} was not ready within ${opts.timeoutMs} ms (${lastStatus})`,
        lastStatus,
        id,
      ),
  );
}
