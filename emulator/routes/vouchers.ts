// Voucher endpoints used to reconcile campaign codes (API-NOTES §8).
import type { Core } from "../core";
import { invalidPayload, invalidQueryParams, invalidVoucher, notFound } from "../errors";
import { checkMetadata } from "../metadata-schemas";
import { renderVoucher } from "../model";
import { listReply, orderComparator, orderQuery, pageQuery } from "../paging";
import { checkReadiness } from "../readiness";
import type { Reply, RequestContext, RouteDef } from "../router";
import type { VoucherRec } from "../store";
import { timeLimitProblem } from "../time-limits";
import {
  boolQuery,
  isPlainObject,
  type Json,
  parseOrThrow,
  toIsoDate,
  voucherUpdateSchema,
} from "../validate";

function findVoucher(core: Core, codeOrId: string): VoucherRec {
  const rec = core.store.findVoucher(codeOrId);
  if (!rec) throw notFound("voucher", codeOrId);
  return rec;
}

const ORDERS = ["created_at", "-created_at", "updated_at", "-updated_at", "code", "-code"];

/** `created_at[before|after]`, `updated_at[before|after]` (API-NOTES §8): strict bounds on ISO date-times. */
function timeRangeFilters(query: URLSearchParams): { accepts(data: Json): boolean }[] {
  const filters: { accepts(data: Json): boolean }[] = [];
  for (const field of ["created_at", "updated_at"]) {
    for (const bound of ["before", "after"]) {
      const raw = query.get(`${field}[${bound}]`);
      if (raw === null) continue;
      const at = Date.parse(raw);
      if (Number.isNaN(at)) {
        throw invalidQueryParams(`Property .${field}.${bound} should match format "date-time"`);
      }
      filters.push({
        accepts: (data) => {
          const value = typeof data[field] === "string" ? Date.parse(data[field] as string) : Number.NaN;
          if (Number.isNaN(value)) return false;
          return bound === "after" ? value > at : value < at;
        },
      });
    }
  }
  return filters;
}

function listVouchers(ctx: RequestContext): Reply {
  const { core, query } = ctx;
  const page = pageQuery(query, 99);
  // Newest first by default (the operation's description).
  const order = orderQuery(query, ORDERS, "-created_at");
  const range = timeRangeFilters(query);
  const campaignId = query.get("campaign_id");
  const campaignName = query.get("campaign");
  const category = query.get("category");
  const code = query.get("code");
  if ([...query.keys()].some((k) => k === "filters" || k.startsWith("filters["))) {
    throw invalidQueryParams("Voucher list filters[...] are not supported by the emulator");
  }
  let source: Iterable<VoucherRec> = core.store.vouchers.values();
  let ids: string[] = [];
  if (campaignId) ids.push(campaignId);
  if (campaignName) {
    const byName = core.store.campaignNames.get(campaignName);
    ids.push(byName && byName.state === "live" ? String(byName.data.id) : "\u0000");
  }
  ids = [...new Set(ids)];
  // A list of one campaign's codes is a read of that campaign (readiness.ts).
  for (const id of ids) {
    const campaign = core.store.findCampaign(id);
    if (campaign) checkReadiness(core, campaign, "read");
  }
  if (ids.length > 1) source = [];
  else if (ids.length === 1) source = core.store.campaignVouchers.get(ids[0]!)?.values() ?? [];
  const matches: VoucherRec[] = [];
  for (const v of source) {
    if (v.state !== "live") continue;
    if (category && v.data.category !== category && v.data.category_id !== category) continue;
    if (code && v.data.code !== code) continue;
    if (!range.every((r) => r.accepts(v.data))) continue;
    matches.push(v);
  }
  // Ties follow creation order, so pages are deterministic even when many codes share a created_at.
  matches.sort(orderComparator(order, (v, field) => v.data[field]));
  return listReply(page, "vouchers", matches, (v) => renderVoucher(core.store, v, { listItem: true }));
}

function getVoucher(ctx: RequestContext): Reply {
  return { status: 200, body: renderVoucher(ctx.core.store, findVoucher(ctx.core, ctx.params.code!)) };
}

function updateVoucher(ctx: RequestContext): Reply {
  const { core } = ctx;
  const rec = findVoucher(core, ctx.params.code!);
  if (!isPlainObject(ctx.json)) throw invalidPayload("Payload should be object");
  const b = parseOrThrow(voucherUpdateSchema, ctx.json, invalidVoucher);
  checkMetadata(core.metadataSchemas, "voucher", b.metadata, false);
  const d = rec.data;
  const after = (f: "validity_timeframe" | "validity_day_of_week" | "validity_hours") =>
    b[f] === undefined ? d[f] : b[f];
  const limits = timeLimitProblem({
    validity_timeframe: after("validity_timeframe"),
    validity_day_of_week: after("validity_day_of_week"),
    validity_hours: after("validity_hours"),
  });
  if (limits) throw invalidVoucher(limits);
  const now = core.now();
  if (b.discount !== undefined && d.type === "DISCOUNT_VOUCHER") {
    const current = d.discount as Json | null;
    if (current && current.type !== b.discount.type) {
      throw invalidVoucher("It is not possible to change Voucher discount type");
    }
  }
  if (typeof b.category_id === "string") {
    const cat = core.store.categories.get(b.category_id);
    if (!cat) throw notFound("category", b.category_id);
    d.category_id = cat.id;
    d.category = cat.name;
  } else if (typeof b.category === "string" && b.category !== "") {
    const cat = core.store.findCategory(b.category) ?? core.store.ensureCategory(b.category, now);
    d.category_id = cat.id;
    d.category = cat.name;
  } else if (b.category === null || b.category_id === null) {
    d.category_id = null;
    d.category = null;
  }
  if (b.start_date !== undefined) d.start_date = b.start_date === null ? null : toIsoDate(b.start_date);
  if (b.expiration_date !== undefined) {
    d.expiration_date = b.expiration_date === null ? null : toIsoDate(b.expiration_date);
  }
  if (b.validity_timeframe !== undefined) d.validity_timeframe = b.validity_timeframe;
  if (b.validity_day_of_week !== undefined) d.validity_day_of_week = b.validity_day_of_week;
  if (b.validity_hours !== undefined) d.validity_hours = b.validity_hours;
  if (b.active != null) d.active = b.active;
  if (b.additional_info !== undefined) d.additional_info = b.additional_info;
  if (b.metadata !== undefined) d.metadata = b.metadata ?? {};
  if (b.discount !== undefined && d.type === "DISCOUNT_VOUCHER") d.discount = b.discount;
  // gift.amount, loyalty_card.points, redemption, type and code are not changeable here; the API
  // ignores them (amounts/points change through the balance endpoint).
  d.updated_at = now;
  return { status: 200, body: renderVoucher(core.store, rec) };
}

function deleteVoucher(ctx: RequestContext): Reply {
  const { core } = ctx;
  const rec = findVoucher(core, ctx.params.code!);
  core.store.deleteVoucher(rec, boolQuery(ctx.query, "force"));
  return { status: 204 };
}

function setActive(active: boolean) {
  return (ctx: RequestContext): Reply => {
    const rec = findVoucher(ctx.core, ctx.params.code!);
    rec.data.active = active;
    rec.data.updated_at = ctx.core.now();
    return { status: 200, body: renderVoucher(ctx.core.store, rec) };
  };
}

export function voucherRoutes(): RouteDef[] {
  return [
    { method: "GET", template: "/v1/vouchers", handler: listVouchers },
    { method: "GET", template: "/v1/vouchers/{code}", handler: getVoucher },
    { method: "PUT", template: "/v1/vouchers/{code}", handler: updateVoucher },
    { method: "DELETE", template: "/v1/vouchers/{code}", handler: deleteVoucher },
    { method: "POST", template: "/v1/vouchers/{code}/enable", handler: setActive(true) },
    { method: "POST", template: "/v1/vouchers/{code}/disable", handler: setActive(false) },
  ];
}
