/** Voucher endpoints used to reconcile a campaign's codes (API-NOTES §8). */
import {
  type ApiVoucher,
  type ApiVoucherList,
  asyncActionIdSchema,
  emptyObjectSchema,
  voucherListSchema,
  voucherResponseSchema,
} from "../schema/wire";
import { exportCampaignVouchers } from "./exports";
import type { VoucherifyHttp } from "./http";
import type { PollOptions } from "./poll";

/** The API caps `page` at 99 for vouchers and `limit` at 100. */
export const MAX_VOUCHER_PAGE = 99;
export const MAX_PAGE_SIZE = 100;

function voucherPath(code: string, suffix = ""): string {
  return `/v1/vouchers/${encodeURIComponent(code)}${suffix}`;
}

export function listVouchers(
  http: VoucherifyHttp,
  q: { campaignId: string; limit?: number; page?: number; order?: string },
): Promise<ApiVoucherList> {
  return http.request({
    method: "GET",
    path: "/v1/vouchers",
    query: {
      campaign_id: q.campaignId,
      limit: q.limit,
      page: q.page,
      order: q.order,
    },
    schema: voucherListSchema(),
  });
}

/**
 * Pages beyond which an export costs fewer requests than listing: an export is 1 POST, a few polls and 1
 * download, so from about 6 pages (600 codes) on it is cheaper, and beyond the list's window the only way.
 */
export const EXPORT_FROM_PAGES = 6;

/**
 * Every voucher of a campaign, by whichever costs fewer requests: the list (pages of 100, at most 99 of them) or
 * an export (POST /v1/exports, polls, one CSV download). The first page is read either way and tells `total`.
 * Nothing depends on `created_at` being unique: codes made by one job may share a timestamp, so pages are
 * de-duplicated by code, and a listing that comes up short of `total` (ties shuffled between pages) is replaced by
 * an export.
 */
export async function readCampaignVouchers(
  http: VoucherifyHttp,
  campaignId: string,
  poll: PollOptions,
): Promise<ApiVoucher[]> {
  const first = await listVouchers(http, { campaignId, limit: MAX_PAGE_SIZE, page: 1, order: "created_at" });
  const total = typeof first.total === "number" ? first.total : undefined;
  if (first.vouchers.length < MAX_PAGE_SIZE || (total !== undefined && total <= MAX_PAGE_SIZE)) {
    return first.vouchers;
  }
  const pages = total === undefined ? MAX_VOUCHER_PAGE : Math.ceil(total / MAX_PAGE_SIZE);
  if (pages > EXPORT_FROM_PAGES || pages > MAX_VOUCHER_PAGE)
    return exportCampaignVouchers(http, campaignId, poll);
  const byCode = new Map<string, ApiVoucher>();
  for (const v of first.vouchers) byCode.set(v.code, v);
  for (let page = 2; page <= pages; page++) {
    const list = await listVouchers(http, { campaignId, limit: MAX_PAGE_SIZE, page, order: "created_at" });
    for (const v of list.vouchers) byCode.set(v.code, v);
    if (list.vouchers.length < MAX_PAGE_SIZE) break;
  }
  if (total !== undefined && byCode.size < total) return exportCampaignVouchers(http, campaignId, poll);
  return [...byCode.values()];
}

export function getVoucher(http: VoucherifyHttp, code: string): Promise<ApiVoucher> {
  return http.request({ method: "GET", path: voucherPath(code), schema: voucherResponseSchema() });
}

export function updateVoucher(
  http: VoucherifyHttp,
  code: string,
  body: Record<string, unknown>,
): Promise<ApiVoucher> {
  return http.request({ method: "PUT", path: voucherPath(code), body, schema: voucherResponseSchema() });
}

/** DELETE /v1/vouchers/{code} answers 204 with no body. */
export async function deleteVoucher(
  http: VoucherifyHttp,
  code: string,
  opts: { force: boolean },
): Promise<void> {
  await http.request({
    method: "DELETE",
    path: voucherPath(code),
    query: { force: opts.force ? true : undefined },
    schema: emptyObjectSchema(),
  });
}

export function enableVoucher(http: VoucherifyHttp, code: string): Promise<ApiVoucher> {
  return http.request({
    method: "POST",
    path: voucherPath(code, "/enable"),
    body: {},
    schema: voucherResponseSchema(),
    retry: "idempotent",
  });
}

export function disableVoucher(http: VoucherifyHttp, code: string): Promise<ApiVoucher> {
  return http.request({
    method: "POST",
    path: voucherPath(code, "/disable"),
    body: {},
    schema: voucherResponseSchema(),
    retry: "idempotent",
  });
}

/**
 * POST /v1/vouchers/bulk/async: metadata per code, one VOUCHERS.BULK_UPDATE action (≤ 10 MB of body, existing codes
 * only). Setting the same metadata twice changes nothing, so the request is retried like an idempotent one.
 */
export function updateVouchersMetadataInBulk(
  http: VoucherifyHttp,
  items: { code: string; metadata: Record<string, unknown> }[],
): Promise<{ async_action_id: string }> {
  return http.request({
    method: "POST",
    path: "/v1/vouchers/bulk/async",
    body: items,
    schema: asyncActionIdSchema(),
    retry: "idempotent",
  });
}
