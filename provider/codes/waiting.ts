// How the code sync waits for async work (imports, generations, bulk updates, a campaign rewriting its codes, an
// export): with the operation's timeout, clock and polling knobs, one place for both the sync and ./bulk.ts.
import { type WaitOptions, waitForAsyncAction } from "../client/async-actions";
import type { ApiAsyncAction } from "../schema/wire";
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
