/** Voucher endpoints used to reconcile a campaign's codes (API-NOTES §8). */
import {
  type ApiVoucher,
  type ApiVoucherList,
  emptyObjectSchema,
  voucherListSchema,
  voucherResponseSchema,
} from "../schema/wire";
import type { VoucherifyHttp } from "./http";

/** The API caps `page` at 99 for vouchers and `limit` at 100. */
export const MAX_VOUCHER_PAGE = 99;
export const MAX_PAGE_SIZE = 100;

function voucherPath(code: string, suffix = ""): string {
  return `/v1/vouchers/${encodeURIComponent(code)}${suffix}`;
}

export function listVouchers(
  http: VoucherifyHttp,
  q: { campaignId: string; limit?: number; page?: number; order?: string; createdAfter?: string },
): Promise<ApiVoucherList> {
  return http.request({
    method: "GET",
    path: "/v1/vouchers",
    query: {
      campaign_id: q.campaignId,
      limit: q.limit,
      page: q.page,
      order: q.order,
      "created_at[after]": q.createdAfter,
    },
    schema: voucherListSchema(),
  });
}

/**
 * Every voucher of a campaign, in pages of 100 ordered by `created_at`. Stops at an empty or short page, or once
 * `total` codes were seen. The API serves at most 99 pages (9,900 codes) per query, so a larger campaign is read
 * in windows: each next window starts just before the last `created_at` seen (`created_at[after]`), and codes
 * seen twice at the seam are de-duplicated. Ordering every page by creation time from the start means the first
 * page already belongs to the first window (no page is fetched twice).
 */
export async function listAllCampaignVouchers(
  http: VoucherifyHttp,
  campaignId: string,
): Promise<ApiVoucher[]> {
  const byCode = new Map<string, ApiVoucher>();
  let createdAfter: string | undefined;
  for (;;) {
    let seen = 0;
    let lastCreatedAt: string | undefined;
    for (let page = 1; page <= MAX_VOUCHER_PAGE; page++) {
      const list = await listVouchers(http, {
        campaignId,
        limit: MAX_PAGE_SIZE,
        page,
        order: "created_at",
        createdAfter,
      });
      for (const v of list.vouchers) {
        byCode.set(v.code, v);
        if (v.created_at) lastCreatedAt = v.created_at;
      }
      seen += list.vouchers.length;
      if (list.vouchers.length < MAX_PAGE_SIZE || (typeof list.total === "number" && seen >= list.total)) {
        return [...byCode.values()];
      }
    }
    const at = lastCreatedAt === undefined ? Number.NaN : Date.parse(lastCreatedAt);
    // Start one millisecond earlier so codes created in the same millisecond are not skipped.
    const next = Number.isFinite(at) ? new Date(at - 1).toISOString() : undefined;
    if (next === undefined || next === createdAfter) {
      throw new Error(
        `Cannot list all vouchers of campaign ${campaignId}: the API pages only ${MAX_VOUCHER_PAGE * MAX_PAGE_SIZE} ` +
          "codes at a time and the listing could not advance by creation time",
      );
    }
    createdAfter = next;
  }
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
