/** One function per campaign endpoint (API-NOTES §3). Path parameters are always encodeURIComponent'ed. */
import { z } from "zod";
import {
  type ApiCampaign,
  type ApiCampaignList,
  type ApiVoucher,
  asyncActionIdSchema,
  campaignListSchema,
  campaignResponseSchema,
  emptyObjectSchema,
  voucherResponseSchema,
} from "../schema/wire";
import { isNotFound } from "./errors";
import type { VoucherifyHttp } from "./http";

function campaignPath(idOrName: string, suffix = ""): string {
  return `/v1/campaigns/${encodeURIComponent(idOrName)}${suffix}`;
}

/** POST /v1/campaigns. Retried on 429 only: after a 5xx the campaign may exist (look it up by name). */
export function createCampaign(http: VoucherifyHttp, body: Record<string, unknown>): Promise<ApiCampaign> {
  return http.request({ method: "POST", path: "/v1/campaigns", body, schema: campaignResponseSchema() });
}

/** GET /v1/campaigns/{idOrName}: the API accepts the ID or the (unique) name. */
export function getCampaign(http: VoucherifyHttp, idOrName: string): Promise<ApiCampaign> {
  return http.request({ method: "GET", path: campaignPath(idOrName), schema: campaignResponseSchema() });
}

/** Query parameters in wire form: `limit`, `page`, `campaign_type`, …, and the `filters[...]` keys. */
export type CampaignListQuery = Record<string, string | number | boolean | undefined>;

/**
 * GET /v1/campaigns: one page of the list (`limit` 1..100, `page` 1..100). `query` is already in wire form; see
 * provider/lookups/filters.ts for the typed arguments that serialize to it.
 */
export function listCampaigns(http: VoucherifyHttp, query: CampaignListQuery): Promise<ApiCampaignList> {
  return http.request({ method: "GET", path: "/v1/campaigns", query, schema: campaignListSchema() });
}

/**
 * The campaign with exactly this name, or undefined. A 404 means none; a campaign found whose name differs
 * (the lookup matched an ID) also counts as none.
 */
export async function findCampaignByName(
  http: VoucherifyHttp,
  name: string,
): Promise<ApiCampaign | undefined> {
  try {
    const campaign = await getCampaign(http, name);
    if (typeof campaign.name === "string" && campaign.name !== name) return undefined;
    return campaign;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

export function updateCampaign(
  http: VoucherifyHttp,
  id: string,
  body: Record<string, unknown>,
): Promise<ApiCampaign> {
  return http.request({ method: "PUT", path: campaignPath(id), body, schema: campaignResponseSchema() });
}

/** DELETE /v1/campaigns/{id}; `force: true` deletes permanently, otherwise the campaign goes to the bin. */
export function deleteCampaign(
  http: VoucherifyHttp,
  id: string,
  opts: { force: boolean },
): Promise<{ async_action_id: string }> {
  return http.request({
    method: "DELETE",
    path: campaignPath(id),
    query: { force: opts.force ? true : undefined },
    schema: asyncActionIdSchema(),
  });
}

/** POST …/enable: setting a state is idempotent, so 5xx and network errors are retried. */
export async function enableCampaign(http: VoucherifyHttp, id: string): Promise<void> {
  await http.request({
    method: "POST",
    path: campaignPath(id, "/enable"),
    body: {},
    schema: emptyObjectSchema(),
    retry: "idempotent",
  });
}

export async function disableCampaign(http: VoucherifyHttp, id: string): Promise<void> {
  await http.request({
    method: "POST",
    path: campaignPath(id, "/disable"),
    body: {},
    schema: emptyObjectSchema(),
    retry: "idempotent",
  });
}

/**
 * POST …/vouchers?vouchers_count=n: one voucher comes back synchronously (200 voucher), more start a
 * CAMPAIGN.VOUCHERS_GENERATE async action (202 {async_action_id}).
 */
export async function addVouchers(
  http: VoucherifyHttp,
  id: string,
  count: number,
  body?: Record<string, unknown>,
): Promise<{ asyncActionId?: string; voucher?: ApiVoucher }> {
  const result = await http.request({
    method: "POST",
    path: campaignPath(id, "/vouchers"),
    query: { vouchers_count: count },
    body: body || {},
    schema: z.union([asyncActionIdSchema(), voucherResponseSchema()]),
  });
  if ("async_action_id" in result && typeof result.async_action_id === "string") {
    return { asyncActionId: result.async_action_id };
  }
  return { voucher: result as ApiVoucher };
}

/**
 * POST …/vouchers/{code}: one voucher with this code, synchronously (200 voucher). A repeat answers 409
 * duplicate_found, so a retry after a lost answer is safe: the caller checks whose the code is.
 */
export function addVoucherWithCode(
  http: VoucherifyHttp,
  id: string,
  code: string,
  body: Record<string, unknown>,
): Promise<ApiVoucher> {
  return http.request({
    method: "POST",
    path: campaignPath(id, `/vouchers/${encodeURIComponent(code)}`),
    body,
    schema: voucherResponseSchema(),
    retry: "idempotent",
  });
}

/** POST …/import with a JSON array of import items (202 {async_action_id}). */
export function importVouchers(
  http: VoucherifyHttp,
  id: string,
  items: Record<string, unknown>[],
): Promise<{ async_action_id: string }> {
  return http.request({
    method: "POST",
    path: campaignPath(id, "/import"),
    body: items,
    schema: asyncActionIdSchema(),
  });
}

/** POST …/importCSV, multipart part `file` (answers 200 {async_action_id}, not 202). */
export function importVouchersCsv(
  http: VoucherifyHttp,
  id: string,
  csv: Buffer,
  filename: string,
): Promise<{ async_action_id: string }> {
  return http.request({
    method: "POST",
    path: campaignPath(id, "/importCSV"),
    body: { kind: "multipart", field: "file", filename, contentType: "text/csv", content: csv },
    schema: asyncActionIdSchema(),
  });
}

function totalOnlySchema() {
  return z.looseObject({ total: z.number().nullable().optional() });
}

/**
 * Whether anything of the campaign has been redeemed or published: `GET /v1/redemptions` and
 * `GET /v1/publications` filtered by the campaign's name, one item each (the spec's `campaign` filter takes the
 * name). Two requests.
 */
export async function campaignHasHistory(http: VoucherifyHttp, campaignName: string): Promise<boolean> {
  for (const path of ["/v1/redemptions", "/v1/publications"]) {
    const list = await http.request({
      method: "GET",
      path,
      query: { campaign: campaignName, limit: 1 },
      schema: totalOnlySchema(),
    });
    if ((list.total ?? 0) > 0) return true;
  }
  return false;
}
