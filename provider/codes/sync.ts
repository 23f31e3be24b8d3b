// Executes the voucher-code reconcile against the API and returns the code state to record.
//
// Order: deletes (free codes and capacity) → updates → JSON imports → CSV imports → generated-count growth.
// Every operation is caught and turned into a per-code failure, so the state returned always reflects what
// actually happened: a code that failed to import is not recorded (the next `up` retries it), a failed update keeps
// the previous declaration of that code, a failed delete keeps the code. For a CSV source the digest is recorded
// only when the whole file reconciled; otherwise the previous digest stays and the next `up` reconciles again.
//
// API calls: inline codes are planned against the previous state, so a no-op costs nothing and a change costs one
// import per ≤10 MB chunk, one PUT (or enable/disable) per changed code and one DELETE per removed code, side by
// side within the rate limit; metadata-only changes of three or more codes go in bulk (./bulk.ts). A CSV
// source costs nothing unless its digest changed; then the campaign's vouchers are listed (1 request per 100
// codes) and only the difference is applied (new rows through one importCSV per ≤10 MB chunk).

import type { VoucherItem } from "../schema/vouchers";
import type { ApiVoucher } from "../schema/wire";
import { updateMetadataInBulk } from "./bulk";
import { CodeCalls, errorText } from "./calls";
import { forEachConcurrently } from "./concurrency";
import { type CodeSyncContext, type CodeSyncResult, GENERATED_KEY, UNVERIFIED_KEY } from "./context";
import type { CsvVoucherItem } from "./csv";
import { loadChangedCsv } from "./csv-source";
import { type CodeUpdate, planCodeChanges, sortByCode } from "./plan";
import { rewritesAnything } from "./reapply";
import { restoreRewritten } from "./restore";
import { readCodeFields } from "./state";
import { differenceFromListed } from "./verify";

export type { CodeSyncContext, CodeSyncResult } from "./context";
export { GENERATED_KEY, UNVERIFIED_KEY } from "./context";
// Kept importable from here for the tests and callers that know the sync by this module.
export { chunkCsvRows } from "./csv";

/**
 * Reconciles the campaign's codes with the declaration in `inputs` (checked inputs), given the previous outputs
 * (undefined on create). Never throws for per-code problems: they come back in `failures`.
 */
export async function syncVoucherCodes(
  ctx: CodeSyncContext,
  previousOutputs: Record<string, unknown> | undefined,
  inputs: Record<string, unknown>,
): Promise<CodeSyncResult> {
  const prev = readCodeFields(previousOutputs);
  const desired = readCodeFields(inputs);
  const sync = new CodeCalls(ctx);
  const isCreate = previousOutputs === undefined;

  // Inline codes, planned against the previous state.
  const previousItems = prev.vouchers === undefined ? [] : prev.vouchers;
  const desiredItems = desired.vouchers === undefined ? [] : desired.vouchers;
  const plan = planCodeChanges(previousItems, desiredItems);
  for (const r of plan.refused)
    sync.failures.push({ code: r.code, reason: r.reason, attribute: r.attribute });
  const present = new Map<string, VoucherItem>();
  for (const item of previousItems) present.set(item.code, item);
  const desiredByCode = new Map<string, VoucherItem>();
  for (const item of desiredItems) desiredByCode.set(item.code, item);
  const pendingCodes = new Set(plan.refused.map((r) => r.code));
  for (const u of plan.toUpdate) pendingCodes.add(u.code);
  for (const item of desiredItems) {
    // Unchanged codes take the new declaration (it may have stopped managing an attribute); updated ones only
    // once their update succeeded, refused ones keep the previous declaration.
    if (present.has(item.code) && !pendingCodes.has(item.code)) present.set(item.code, item);
  }

  // CSV source: only touched when its digest changed, or when the source was removed.
  const csv = loadChangedCsv(ctx, inputs, prev.vouchersCsvDigest, desired.vouchersCsvDigest, sync.failures);
  const { csvPath, csvChanged, csvRows, rowOf } = csv;
  let csvOk = csv.ok;
  const reconcileCsv = csvChanged && csvOk;
  // What the campaign holds is read (once) when a changed CSV file is reconciled, when the campaign was adopted
  // rather than created, and when the previous outcome was uncertain: codes that landed are then recorded as
  // imported instead of being imported again.
  const fresh = isCreate && ctx.freshCampaign === true;
  const readFirst =
    !fresh && ((isCreate && plan.toImport.length > 0) || previousOutputs?.[UNVERIFIED_KEY] === true);
  let listed: Map<string, ApiVoucher> | undefined;
  if ((reconcileCsv && !fresh) || readFirst) {
    try {
      ctx.log("reading the campaign's vouchers to reconcile the declared codes");
      listed = await sync.campaignCodes();
    } catch (e) {
      sync.failures.push({
        code: reconcileCsv ? "(vouchersCsv)" : "(vouchers)",
        reason: `reading the campaign's vouchers failed: ${errorText(e)}`,
      });
      listed = undefined;
      if (reconcileCsv) csvOk = false;
      if (readFirst) sync.uncertain = true;
    }
  }
  const csvActive = reconcileCsv && csvOk;
  const csvCodes = new Set(csvRows.map((r) => r.code));

  // Deletes.
  const toDelete: string[] = [];
  if (csvActive && listed !== undefined && inputs.vouchersCsvPrune === true) {
    // Pruning: the file owns the campaign's codes, so the listing is the truth: delete what is in neither source
    // (covers codes removed from the inline list).
    for (const code of listed.keys()) {
      if (!csvCodes.has(code) && !desiredByCode.has(code)) toDelete.push(code);
    }
    for (const code of plan.toDelete) if (!listed.has(code)) present.delete(code);
  } else {
    if (csvActive && listed !== undefined) {
      // Without pruning, codes missing from the file are left alone: state keeps only the file's digest, so they
      // cannot be told apart from codes someone added outside the program.
      let unmanaged = 0;
      for (const code of listed.keys()) if (!csvCodes.has(code) && !desiredByCode.has(code)) unmanaged++;
      if (unmanaged > 0) {
        ctx.log(
          `${unmanaged} code(s) of the campaign are not in the CSV file; they were left in place ` +
            "(set vouchersCsvPrune: true to delete them)",
        );
      }
    }
    for (const code of plan.toDelete) if (!(csvActive && csvCodes.has(code))) toDelete.push(code);
  }
  await forEachConcurrently(toDelete, async (code) => {
    if (await sync.delete(code)) present.delete(code);
  });
  // A code moved from the inline list into the CSV file is no longer recorded as inline.
  for (const code of plan.toDelete) if (csvCodes.has(code)) present.delete(code);

  // Updates: inline plan, plus CSV rows (and inline imports) that already exist in the listing.
  const updates: { update: CodeUpdate; item?: VoucherItem }[] = plan.toUpdate.map((u) => ({
    update: u,
    item: desiredByCode.get(u.code),
  }));
  let inlineImports = plan.toImport;
  if (listed !== undefined) {
    const stillNew: VoucherItem[] = [];
    for (const item of inlineImports) {
      const l = listed.get(item.code);
      if (l === undefined) {
        stillNew.push(item);
        continue;
      }
      const d = differenceFromListed(item, l);
      if (d.refused.length > 0) {
        sync.failures.push(...d.refused);
      } else if (d.update !== undefined) {
        updates.push({ update: d.update, item });
      } else {
        present.set(item.code, item);
      }
    }
    inlineImports = stillNew;
  }
  const csvNew: CsvVoucherItem[] = [];
  const csvUpdates: CodeUpdate[] = [];
  if (csvActive) {
    for (const row of csvRows) {
      const l = listed === undefined ? undefined : listed.get(row.code);
      if (l === undefined) {
        csvNew.push(row);
        continue;
      }
      const d = differenceFromListed(row, l);
      if (d.refused.length > 0) {
        const r = rowOf.get(row.code);
        for (const f of d.refused) sync.failures.push({ ...f, reason: `row ${r}: ${f.reason}` });
      } else if (d.update !== undefined) {
        csvUpdates.push(d.update);
      }
    }
  }
  const settle = ({ update, item }: (typeof updates)[number], outcome: "ok" | "gone" | "failed") => {
    if (outcome === "ok" && item !== undefined) present.set(update.code, item);
    if (outcome === "gone") present.delete(update.code);
  };
  // Metadata-only changes of many codes go in bulk (./bulk.ts); what is left, one call per code.
  const oneByOne = await updateMetadataInBulk(
    ctx,
    updates,
    (code) => present.get(code),
    settle,
    sync.failures,
  );
  await forEachConcurrently(oneByOne, async (entry) => settle(entry, await sync.update(entry.update)));
  await forEachConcurrently(csvUpdates, async (u) => {
    await sync.update(u);
  });

  // A campaign update rewrote inherited fields on the codes: put back what codes declare for them.
  if (rewritesAnything(ctx.rewritten)) {
    const unreconciledCsv = csvActive ? undefined : csvPath;
    await restoreRewritten(ctx, ctx.rewritten, sync, inputs, present.values(), unreconciledCsv);
  }

  // Imports.
  const imported = await sync.importItems(inlineImports);
  for (const code of imported) {
    const item = desiredByCode.get(code);
    if (item !== undefined) present.set(code, item);
  }
  await sync.importCsvRows(csvNew, rowOf);

  // Generated count: what this resource generated so far, as the API shows it; growth generates the difference.
  let generated = fresh
    ? (ctx.generatedBefore ?? desired.vouchersCount ?? 0)
    : generatedSoFar(ctx, previousOutputs, prev.vouchersCount, listed, desiredByCode, csvCodes);
  if (desired.vouchersCount !== undefined && desired.vouchersCount > generated && !fresh) {
    generated += await sync.generate(desired.vouchersCount - generated);
  }
  const countOut =
    desired.vouchersCount === undefined ? undefined : Math.min(desired.vouchersCount, generated);

  // Outputs: every code field, explicitly (an absent one would be recorded as desired).
  const csvFailed = sync.failures.some((f) => f.code === "(vouchersCsv)" || rowOf.has(f.code)) || !csvOk;
  const csvApplied = csvPath !== undefined && (!csvChanged || !csvFailed);
  const keepPrevious = csvChanged && csvFailed;
  const outputs: Record<string, unknown> = {
    vouchers:
      desired.vouchers !== undefined || present.size > 0 ? sortByCode([...present.values()]) : undefined,
    vouchersCsv: csvPath,
    // A file that failed to reconcile keeps the previous digest, so the next `up` sees a difference again.
    vouchersCsvDigest: csvApplied
      ? desired.vouchersCsvDigest
      : keepPrevious
        ? prev.vouchersCsvDigest
        : undefined,
    vouchersCsvRows: csvApplied ? desired.vouchersCsvRows : keepPrevious ? prev.vouchersCsvRows : undefined,
    vouchersCsvPrune: desired.vouchersCsvPrune,
    vouchersCount: countOut,
    verifyVouchersOnRefresh: desired.verifyVouchersOnRefresh,
    vouchersSecret: desired.vouchersSecret,
  };
  return {
    outputs,
    failures: sync.failures,
    countDelta: sync.countDelta,
    generated,
    uncertain: sync.uncertain,
  };
}

/**
 * Codes this resource generated before this sync (on an existing campaign): given by the caller, else recorded in state (`vouchersGenerated`, or the declared count of older state), else — for an adopted
 * campaign — its codes minus the declared ones it holds.
 */
function generatedSoFar(
  ctx: CodeSyncContext,
  previousOutputs: Record<string, unknown> | undefined,
  previousCount: number | undefined,
  listed: Map<string, ApiVoucher> | undefined,
  declared: Map<string, VoucherItem>,
  csvCodes: Set<string>,
): number {
  if (ctx.generatedBefore !== undefined) return ctx.generatedBefore;
  const recorded = previousOutputs?.[GENERATED_KEY];
  if (typeof recorded === "number") return recorded;
  if (previousOutputs !== undefined) return previousCount ?? 0;
  let declaredHeld = 0;
  if (listed !== undefined)
    for (const code of listed.keys()) if (declared.has(code) || csvCodes.has(code)) declaredHeld++;
  return Math.max(0, (ctx.campaignCodeCount ?? 0) - declaredHeld);
}
