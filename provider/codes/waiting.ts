// How the code sync waits for async work (imports, generations, bulk updates, a campaign rewriting its codes, an
// export): with the operation's timeout, clock and polling knobs, one place for both the sync and ./bulk.ts.
import { z } from "zod";
import { type WaitOptions, waitForAsyncAction } from "../client/async-actions";
import { AsyncActionTimeoutError } from "../client/errors";
import { pollUntil } from "../client/poll";
import { type ApiAsyncAction, asyncActionSchema } from "../schema/wire";
import type { CodeSyncContext } from "./context";

type WaitContext = Pick<CodeSyncContext, "http" | "clock" | "asyncTimeoutMs" | "wait" | "log">;

/** Polling options of the sync's waits: its timeout and clock, its backoff knobs (defaults of pollUntil). */
export function codeWaitOptions(ctx: WaitContext): WaitOptions {
  return {
    timeoutMs: ctx.asyncTimeoutMs,
    clock: ctx.clock,
    initialDelayMs: ctx.wait?.initialDelayMs,
    maxDelayMs: ctx.wait?.maxDelayMs,
  };
}

/** Waits for an async action the sync started, logging its progress under `label`. */
export function waitForCodeAction(ctx: WaitContext, id: string, label: string): Promise<ApiAsyncAction> {
  return waitForAsyncAction(ctx.http, id, {
    ...codeWaitOptions(ctx),
    onProgress: (a) => {
      if (typeof a.progress === "number") ctx.log(`${label}: ${a.progress}%`);
    },
  });
}

/** GET /v1/async-actions (AsyncActionsListResponseBody): the newest actions first. */
const asyncActionList = z.looseObject({ async_actions: z.array(asyncActionSchema()).nullish() });

const GENERATE = "CAMPAIGN.VOUCHERS_GENERATE";
const running = (a: ApiAsyncAction) => a.status === "ENQUEUED" || a.status === "IN_PROGRESS";

/**
 * After an add-vouchers request whose answer was lost: waits until the generation it may have started has ended,
 * so that the campaign's count is final when it is read. Whether the campaign itself shows the generation is
 * undocumented (its vouchers_generation_status is documented for a create); the action is documented to be
 * IN_PROGRESS while it runs (add-vouchers description). An action names no campaign, so the one watched is the
 * action the request started when the error's request_id names it, else every running generation of the project.
 */
export async function waitForGenerations(ctx: WaitContext, requestId: string | undefined): Promise<void> {
  let pending = 0;
  await pollUntil(
    codeWaitOptions(ctx),
    async () => {
      const list = await ctx.http.request({
        method: "GET",
        path: "/v1/async-actions",
        query: { limit: 100 },
        schema: asyncActionList,
      });
      const generations = (list.async_actions ?? []).filter((a) => a.type === GENERATE);
      const own = generations.filter((a) => requestId !== undefined && a.request_id === requestId);
      pending = (own.length > 0 ? own : generations).filter(running).length;
      return pending === 0 ? true : undefined;
    },
    () =>
      new AsyncActionTimeoutError(
        GENERATE,
        ctx.asyncTimeoutMs,
        `${pending} code generation(s) still running after ${ctx.asyncTimeoutMs} ms`,
        "IN_PROGRESS",
      ),
  );
}
