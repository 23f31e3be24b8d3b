// Test control under /_emulator (no auth; never part of /v1):
//   GET/DELETE /_emulator/requests     request log of /v1 calls
//   POST /_emulator/reset              empty all data, log, faults and pending failures
//   GET/POST/DELETE /_emulator/faults  inject faults for the next matching /v1 requests
//   POST/DELETE /_emulator/async-failures  make the next async action(s) of a type end FAILED
//   POST /_emulator/settle             answer once no async work is pending
import { z } from "zod";
import { invalidPayload } from "../errors";
import { faultsBodySchema } from "../faults";
import type { Reply, RequestContext, RouteDef } from "../router";
import { ASYNC_ACTION_TYPES, type AsyncActionType } from "../store";
import { parseOrThrow } from "../validate";

const asyncFailureSchema = z.object({
  type: z.enum(ASYNC_ACTION_TYPES as [AsyncActionType, ...AsyncActionType[]]),
  times: z.number().int().min(1).optional(),
  /** Items the failing action applies before it ends FAILED. */
  processed: z.number().int().min(0).optional(),
});

function pendingFailures(ctx: RequestContext): Record<string, number> {
  return Object.fromEntries([...ctx.core.asyncFailures].map(([type, queue]) => [type, queue.length]));
}

export function adminRoutes(): RouteDef[] {
  return [
    {
      method: "GET",
      template: "/_emulator/requests",
      handler: (ctx): Reply => ({ status: 200, body: { requests: ctx.core.log.list() } }),
    },
    {
      method: "DELETE",
      template: "/_emulator/requests",
      handler: (ctx): Reply => {
        ctx.core.log.clear();
        return { status: 204 };
      },
    },
    {
      method: "POST",
      template: "/_emulator/reset",
      handler: (ctx): Reply => {
        ctx.core.reset();
        return { status: 204 };
      },
    },
    {
      method: "GET",
      template: "/_emulator/faults",
      handler: (ctx): Reply => ({ status: 200, body: { rules: ctx.core.faults.pending() } }),
    },
    {
      method: "POST",
      template: "/_emulator/faults",
      handler: (ctx): Reply => {
        const body = parseOrThrow(faultsBodySchema, ctx.json, invalidPayload);
        ctx.core.faults.add(body.rules);
        return { status: 200, body: { rules: ctx.core.faults.pending() } };
      },
    },
    {
      method: "DELETE",
      template: "/_emulator/faults",
      handler: (ctx): Reply => {
        ctx.core.faults.clear();
        return { status: 204 };
      },
    },
    {
      method: "POST",
      template: "/_emulator/async-failures",
      handler: (ctx): Reply => {
        const body = parseOrThrow(asyncFailureSchema, ctx.json, invalidPayload);
        const queue = ctx.core.asyncFailures.get(body.type) ?? [];
        for (let i = 0; i < (body.times ?? 1); i++) queue.push(body.processed ?? 0);
        ctx.core.asyncFailures.set(body.type, queue);
        return { status: 200, body: { pending: pendingFailures(ctx) } };
      },
    },
    {
      method: "DELETE",
      template: "/_emulator/async-failures",
      handler: (ctx): Reply => {
        ctx.core.asyncFailures.clear();
        return { status: 204 };
      },
    },
    {
      method: "POST",
      template: "/_emulator/settle",
      handler: async (ctx): Promise<Reply> => {
        await ctx.core.scheduler.whenIdle();
        return { status: 204 };
      },
    },
  ];
}
