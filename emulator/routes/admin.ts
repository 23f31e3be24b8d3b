// Test control under /_emulator (no auth; never part of /v1):
//   GET/DELETE /_emulator/requests     request log of /v1 calls
//   POST /_emulator/reset              empty all data, log, faults, pending failures and bulk refusals
//   GET/POST/DELETE /_emulator/faults  inject faults for the next matching /v1 requests
//   POST/DELETE /_emulator/async-failures  make the next async action(s) of a type end FAILED
//   POST/DELETE /_emulator/bulk-refusals  make bulk metadata updates refuse the named codes (per-code errors)
//   POST /_emulator/settle             answer once no async work is pending
//   POST /_emulator/requests/wait      answer once a matching /v1 request has been answered (long poll)
//   POST /_emulator/vouchers/{code}/publish|redeem  publish / redeem a voucher (the counters on it and the
//                                                   objects GET /v1/publications and /v1/redemptions list)
import { z } from "zod";
import { invalidPayload, notFound } from "../errors";
import { faultsBodySchema } from "../faults";
import { metadataSchemasSchema } from "../metadata-schemas";
import { renderVoucher } from "../model";
import { recordPublication, recordRedemption } from "../publications-redemptions";
import type { Reply, RequestContext, RouteDef } from "../router";
import { ASYNC_ACTION_TYPES, type AsyncActionType } from "../store";
import { type Json, parseOrThrow } from "../validate";

const waitSchema = z.object({
  method: z.string().optional(),
  /** Regular expression tested against the path. */
  path: z.string().optional(),
  status: z.number().int().optional(),
  timeoutMs: z.number().int().min(1).max(600_000).optional(),
});

const asyncFailureSchema = z.object({
  type: z.enum(ASYNC_ACTION_TYPES as [AsyncActionType, ...AsyncActionType[]]),
  times: z.number().int().min(1).optional(),
  /** Items the failing action applies before it ends FAILED. */
  processed: z.number().int().min(0).optional(),
});

const bulkRefusalsSchema = z.object({
  refusals: z
    .array(
      z.object({
        code: z.string().min(1),
        key: z.string().min(1),
        message: z.string().optional(),
        details: z.string().optional(),
      }),
    )
    .min(1),
});

function pendingFailures(ctx: RequestContext): Record<string, number> {
  return Object.fromEntries([...ctx.core.asyncFailures].map(([type, queue]) => [type, queue.length]));
}

/** Each unit is an object kept in memory: a call makes at most this many. */
const MAX_UNITS = 10_000;
const units = z.number().int().min(1).max(MAX_UNITS).optional();
const countSchema = z.object({ count: units }).optional();
const quantitySchema = z.object({ quantity: units }).optional();

/**
 * What publications or redemptions leave behind, without the publication and redemption APIs the emulator
 * does not have: the counters on the voucher (`publish.count`, `redemption.redeemed_quantity`) and one
 * publication / redemption object per unit. Campaign updates no longer reach such a voucher's time limits and
 * category.
 */
function countOnVoucher(kind: "publish" | "redeem") {
  return (ctx: RequestContext): Reply => {
    const rec = ctx.core.store.findVoucher(ctx.params.code!);
    if (!rec) throw notFound("voucher", ctx.params.code!);
    const d = rec.data;
    if (kind === "publish") {
      const n = parseOrThrow(countSchema, ctx.json, invalidPayload)?.count ?? 1;
      const publish = (d.publish ?? {}) as Json;
      d.publish = { ...publish, count: Number(publish.count ?? 0) + n };
      for (let i = 0; i < n; i++) recordPublication(ctx.core, rec);
    } else {
      const n = parseOrThrow(quantitySchema, ctx.json, invalidPayload)?.quantity ?? 1;
      const redemption = (d.redemption ?? {}) as Json;
      d.redemption = { ...redemption, redeemed_quantity: Number(redemption.redeemed_quantity ?? 0) + n };
      for (let i = 0; i < n; i++) recordRedemption(ctx.core, rec);
    }
    ctx.core.onChange();
    return { status: 200, body: renderVoucher(ctx.core.store, rec) };
  };
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
      template: "/_emulator/bulk-refusals",
      handler: (ctx): Reply => {
        const body = parseOrThrow(bulkRefusalsSchema, ctx.json, invalidPayload);
        for (const r of body.refusals) {
          const details = r.details ?? `Voucher ${r.code} was refused`;
          ctx.core.bulkRefusals.set(r.code, { key: r.key, message: r.message ?? details, details });
        }
        return { status: 200, body: { refused: [...ctx.core.bulkRefusals.keys()] } };
      },
    },
    {
      method: "DELETE",
      template: "/_emulator/bulk-refusals",
      handler: (ctx): Reply => {
        ctx.core.bulkRefusals.clear();
        return { status: 204 };
      },
    },
    {
      // A campaign that is `readonly` for the restricted user the API key belongs to: its PUT answers 400
      // resource_protected (the campaign PUT's 400 example in openapi/campaigns.json).
      method: "POST",
      template: "/_emulator/campaigns/{campaignId}/protect",
      handler: (ctx): Reply => {
        const rec = ctx.core.store.findCampaign(ctx.params.campaignId!);
        if (!rec) throw notFound("campaign", ctx.params.campaignId!);
        ctx.core.protectedCampaigns.add(String(rec.data.id));
        return { status: 200, body: { id: rec.data.id, protected: true } };
      },
    },
    {
      method: "GET",
      template: "/_emulator/metadata-schemas",
      handler: (ctx): Reply => ({ status: 200, body: ctx.core.metadataSchemas }),
    },
    {
      // Replaces the project's metadata schemas (until the next reset, which restores the configured ones).
      method: "PUT",
      template: "/_emulator/metadata-schemas",
      handler: (ctx): Reply => {
        ctx.core.metadataSchemas = parseOrThrow(metadataSchemasSchema, ctx.json, invalidPayload);
        return { status: 200, body: ctx.core.metadataSchemas };
      },
    },
    { method: "POST", template: "/_emulator/vouchers/{code}/publish", handler: countOnVoucher("publish") },
    { method: "POST", template: "/_emulator/vouchers/{code}/redeem", handler: countOnVoucher("redeem") },
    {
      method: "POST",
      template: "/_emulator/requests/wait",
      handler: async (ctx): Promise<Reply> => {
        const w = parseOrThrow(waitSchema, ctx.json ?? {}, invalidPayload);
        const path = w.path === undefined ? undefined : new RegExp(w.path);
        const entry = await ctx.core.log.waitFor(
          (e) =>
            (w.method === undefined || e.method === w.method) &&
            (path === undefined || path.test(e.path)) &&
            (w.status === undefined || e.status === w.status),
          w.timeoutMs ?? 60_000,
        );
        return entry === undefined
          ? { status: 408, body: { message: "no such request in time" } }
          : { status: 200, body: entry };
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
