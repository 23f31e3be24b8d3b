// Metadata-only changes of existing codes through the bulk endpoint: POST /v1/vouchers/bulk/async ("Updates
// specific metadata parameters for each code, respectively, in one asynchronous operation", up to 10 MB, no
// upserts) instead of one PUT per code. A 1 % metadata change at 100,000 codes is then one request plus polls
// instead of 1,000 PUTs.
//
// What the endpoint does with keys a request leaves out is not documented: "updates specific metadata parameters"
// reads as a merge (the emulator's default; `--bulk-metadata replace` offers the other reading), and nothing says
// that a null value removes a key. So the request always carries the code's whole desired metadata, which is
// right under either reading, and a change that removes a key the previous declaration set (at any depth, in case
// the merge is deep) is left to the PUT, whose metadata replaces the voucher's.
//
// Outcomes are exact per code: a code named in the result's `errors` keeps its previous declaration (or, when not
// found, is dropped from state so the next `up` imports it again); every other code of a chunk that ended DONE
// took the new metadata. A chunk whose request failed, whose action ended FAILED or whose result does not account
// for every code is handed back for one PUT per code: a PUT of the same metadata again changes nothing.

import { updateVouchersMetadataInBulk } from "../client/vouchers";
import { isRecord } from "../kit/json";
import type { VoucherItem } from "../schema/vouchers";
import { bulkUpdateResultSchema } from "../schema/wire";
import type { CodeSyncContext } from "./context";
import { chunkImportItems, DEFAULT_MAX_IMPORT_BYTES } from "./plan";
import type { CodeFailure, CodeUpdate } from "./types";
import { waitForCodeAction } from "./waiting";

/**
 * Fewest metadata-only changes sent in bulk: the bulk request costs itself and at least one poll, so below three
 * codes the PUTs are no more requests.
 */
export const BULK_MIN_CODES = 3;

/** Whether `after` lacks a key `before` sets, at any depth of nested objects. */
function removesKey(before: unknown, after: unknown): boolean {
  if (!isRecord(before) || !isRecord(after)) return false;
  return Object.keys(before).some(
    (k) => before[k] !== undefined && (after[k] === undefined || removesKey(before[k], after[k])),
  );
}

/** The update changes metadata and nothing else, and removes no key that `previous` declared. */
export function isBulkMetadataUpdate(update: CodeUpdate, previous: VoucherItem | undefined): boolean {
  const keys = Object.keys(update.body);
  if (update.setActive !== undefined || keys.length !== 1 || keys[0] !== "metadata") return false;
  if (previous === undefined || !isRecord(update.body.metadata)) return false;
  return !removesKey(previous.metadata ?? {}, update.body.metadata);
}

export type BulkOutcome = "ok" | "gone";

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Sends the metadata-only updates among `entries` in bulk when there are at least BULK_MIN_CODES of them; `settle`
 * is told each code's outcome and `failures` gets the codes the API refused. Resolves to the entries still to be
 * applied one by one (the others, and the codes of a chunk whose outcome is not known).
 */
export async function updateMetadataInBulk<T extends { update: CodeUpdate }>(
  ctx: CodeSyncContext,
  entries: readonly T[],
  previousOf: (code: string) => VoucherItem | undefined,
  settle: (entry: T, outcome: BulkOutcome) => void,
  failures: CodeFailure[],
): Promise<T[]> {
  const bulk = entries.filter((e) => isBulkMetadataUpdate(e.update, previousOf(e.update.code)));
  if (bulk.length < BULK_MIN_CODES) return [...entries];
  const inBulk = new Set<T>(bulk);
  const oneByOne = entries.filter((e) => !inBulk.has(e));
  const byCode = new Map(bulk.map((e) => [e.update.code, e]));
  const items = bulk.map((e) => ({ code: e.update.code, metadata: e.update.body.metadata }));
  const chunks = chunkImportItems(items, ctx.maxImportBytes ?? DEFAULT_MAX_IMPORT_BYTES);
  for (const [i, chunk] of chunks.entries()) {
    const codes = chunk.map((item) => String(item.code));
    const label = `updating the metadata of ${codes.length} codes in bulk${chunks.length > 1 ? ` (chunk ${i + 1}/${chunks.length})` : ""}`;
    ctx.log(`${label}: started`);
    /** Codes named in the result's errors: their outcome is known either way. */
    const refused = new Set<string>();
    let unsettled = codes;
    try {
      const started = await updateVouchersMetadataInBulk(
        ctx.http,
        chunk as { code: string; metadata: Record<string, unknown> }[],
      );
      const action = await waitForCodeAction(ctx, started.async_action_id, label);
      const result = bulkUpdateResultSchema().safeParse(action.result);
      const errors = result.success ? (result.data.errors ?? []) : undefined;
      if (errors === undefined) throw new Error("the bulk update's result is unreadable");
      for (const error of errors) {
        const entry = typeof error.code === "string" ? byCode.get(error.code) : undefined;
        if (entry === undefined || refused.has(entry.update.code)) continue;
        refused.add(entry.update.code);
        if (error.key === "not_found") {
          failures.push({
            code: entry.update.code,
            reason: "the voucher no longer exists in Voucherify; the next up imports it again",
          });
          settle(entry, "gone");
        } else {
          const why = [error.key, error.details || error.message].filter(Boolean).join(": ");
          failures.push({
            code: entry.update.code,
            reason: `bulk metadata update failed: ${why || "refused"}`,
          });
        }
      }
      const failedCount = result.data?.failed_count;
      if (typeof failedCount === "number" && failedCount > refused.size) {
        throw new Error(`${failedCount} codes failed but only ${refused.size} are named`);
      }
      for (const code of codes) if (!refused.has(code)) settle(byCode.get(code) as T, "ok");
      unsettled = [];
    } catch (e) {
      unsettled = unsettled.filter((code) => !refused.has(code));
      ctx.log(`${label} failed (${reasonOf(e)}); updating those ${unsettled.length} codes one by one`);
    }
    for (const code of unsettled) oneByOne.push(byCode.get(code) as T);
  }
  return oneByOne;
}
