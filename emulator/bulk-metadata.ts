// The work of VOUCHERS.BULK_UPDATE and VOUCHERS.METADATA_UPDATE async actions: set metadata on existing codes
// (no upserts: an unknown code is an error of the result, documented on POST /v1/vouchers/bulk/async), and
// the documented result {done_count, failed_count, reports, reports_available_till, errors[]}. Codes named by
// POST /_emulator/bulk-refusals fail in `errors[]` in the documented item shape {code, key, message, details}
// (AsyncActionResultVouchersBulkUpdateResponseBody), which is how a test meets a per-code refusal.
import type { Core } from "./core";
import type { AsyncActionRec, JobSpec } from "./store";
import type { Json } from "./validate";

type MetadataJob = Extract<JobSpec, { kind: "metadata" }>;

/** How long the vendor keeps the (here: never written) report files; the examples do not say. */
const REPORT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export function metadataSlice(core: Core, rec: AsyncActionRec, job: MetadataJob, end: number): void {
  const now = core.now();
  for (; rec.cursor < end; rec.cursor++) {
    const entry = job.entries[rec.cursor]!;
    const refusal = core.bulkRefusals.get(entry.code);
    if (refusal) {
      rec.failed.push({ code: entry.code, ...refusal });
      continue;
    }
    const voucher = core.store.findVoucher(entry.code);
    if (!voucher || voucher.data.code !== entry.code) {
      rec.failed.push({
        code: entry.code,
        key: "not_found",
        message: "Resource not found",
        details: `Cannot find voucher with id ${entry.code}`,
      });
      continue;
    }
    const current = (voucher.data.metadata ?? {}) as Json;
    voucher.data.metadata = job.mode === "merge" ? { ...current, ...entry.metadata } : { ...entry.metadata };
    voucher.data.updated_at = now;
    rec.doneCount++;
  }
}

export function metadataResult(rec: AsyncActionRec, failedCount: number): Json {
  return {
    done_count: rec.doneCount,
    failed_count: failedCount,
    reports: [],
    reports_available_till: new Date(Date.parse(rec.created_at) + REPORT_RETENTION_MS).toISOString(),
    errors: rec.failed,
  };
}
