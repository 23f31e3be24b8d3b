/**
 * Voucher exports (API-NOTES §15): `POST /v1/exports` for a campaign's vouchers, polled until DONE, then the CSV at
 * `result.url`. The documented way to read more codes than the voucher list's 99-page window (9,900) holds.
 */
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { ApiVoucher } from "../schema/wire";
import type { VoucherifyHttp } from "./http";
import { type PollOptions, pollAfterDelay } from "./poll";

/** The export fields the provider compares declared codes by (ExportVoucherFields), in this order. */
export const EXPORT_FIELDS = [
  "code",
  "category",
  "active",
  "start_date",
  "expiration_date",
  "redemption_quantity",
  "additional_info",
  "metadata",
  "created_at",
] as const;

function exportSchema() {
  return z.looseObject({
    id: z.string(),
    status: z.string(),
    result: z.looseObject({ url: z.string().optional() }).nullable().optional(),
  });
}

export type ApiExport = z.output<ReturnType<typeof exportSchema>>;

export function createVoucherExport(http: VoucherifyHttp, campaignId: string): Promise<ApiExport> {
  return http.request({
    method: "POST",
    path: "/v1/exports",
    body: { exported_object: "voucher", parameters: { campaign_id: campaignId, fields: [...EXPORT_FIELDS] } },
    schema: exportSchema(),
    // Starting an export twice only costs a second export: safe to retry.
    retry: "idempotent",
  });
}

export function getExport(http: VoucherifyHttp, id: string): Promise<ApiExport> {
  return http.request({
    method: "GET",
    path: `/v1/exports/${encodeURIComponent(id)}`,
    schema: exportSchema(),
  });
}

function cellText(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/** One CSV row of the export as the voucher fields the list endpoint would have given. */
function voucherOf(row: Record<string, string>): ApiVoucher {
  let metadata: Record<string, unknown> | undefined;
  const meta = cellText(row.metadata);
  if (meta !== undefined) {
    try {
      const parsed = JSON.parse(meta) as unknown;
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
        metadata = parsed as Record<string, unknown>;
      }
    } catch {
      metadata = undefined;
    }
  }
  const quantity = cellText(row.redemption_quantity);
  const active = cellText(row.active);
  return {
    code: row.code ?? "",
    category: cellText(row.category),
    active: active === undefined ? undefined : active.toLowerCase() === "true",
    start_date: cellText(row.start_date),
    expiration_date: cellText(row.expiration_date),
    additional_info: cellText(row.additional_info),
    metadata,
    created_at: cellText(row.created_at),
    redemption: { quantity: quantity === undefined ? null : Number(quantity) },
  } as ApiVoucher;
}

/** Parses the export CSV: columns follow EXPORT_FIELDS (the vendor names headers after the requested fields). */
export function parseVoucherExport(csv: string): ApiVoucher[] {
  const records = parse(csv, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  const [, ...rows] = records;
  return rows.map((cells) => {
    const row: Record<string, string> = {};
    EXPORT_FIELDS.forEach((field, i) => {
      row[field] = cells[i] ?? "";
    });
    return voucherOf(row);
  });
}

/** Every voucher of the campaign, through one export: 1 POST, the polls, 1 download. */
export async function exportCampaignVouchers(
  http: VoucherifyHttp,
  campaignId: string,
  poll: PollOptions,
): Promise<ApiVoucher[]> {
  const started = await createVoucherExport(http, campaignId);
  let last = started.status;
  const done = await pollAfterDelay(
    poll,
    async () => {
      const e = started.status === "DONE" && last === "DONE" ? started : await getExport(http, started.id);
      last = e.status;
      if (e.status === "ERROR" || e.status === "FAILED") throw new Error(`Voucherify export ${e.id} failed`);
      return e.status === "DONE" ? e : undefined;
    },
    () =>
      new Error(
        `Voucherify export ${started.id} was not done within ${poll.timeoutMs} ms (last status ${last})`,
      ),
  );
  const url = done.result?.url;
  if (url === undefined) throw new Error(`Voucherify export ${done.id} is DONE but has no download URL`);
  const csv = await http.request({
    method: "GET",
    path: `/v1/exports/${encodeURIComponent(done.id)} (download)`,
    url,
    responseType: "text",
    schema: z.string(),
  });
  return parseVoucherExport(csv);
}
