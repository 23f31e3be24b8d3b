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

import { waitForAsyncAction } from "../client/async-actions";
import { addVouchers, importVouchers, importVouchersCsv } from "../client/campaigns";
import type { Clock } from "../client/clock";
import { isNotFound, isVoucherifyApiError } from "../client/errors";
import type { VoucherifyHttp } from "../client/http";
import {
  deleteVoucher,
  disableVoucher,
  enableVoucher,
  getVoucher,
  readCampaignVouchers,
  updateVoucher,
} from "../client/vouchers";
import type { CodeRedactor } from "../redact";
import type { VoucherItem } from "../schema/vouchers";
import type { ApiAsyncAction, ApiVoucher } from "../schema/wire";
import { updateMetadataInBulk } from "./bulk";
import { loadVoucherCsv } from "./check";
import { forEachConcurrently } from "./concurrency";
import { type CsvVoucherItem, writeVoucherCsv } from "./csv";
import { csvDigest } from "./digest";
import {
  type CodeFailure,
  type CodeUpdate,
  chunkImportItems,
  DEFAULT_MAX_IMPORT_BYTES,
  planCodeChanges,
  sortByCode,
  toImportItem,
} from "./plan";
import { registerCsvCodes } from "./secrecy";
import { readCodeFields } from "./state";
import { differenceFromListed } from "./verify";

export interface CodeSyncContext {
  http: VoucherifyHttp;
  clock: Clock;
  campaignId: string;
  campaignType: string;
  log: (msg: string) => void;
  asyncTimeoutMs: number;
  /** The campaign was just created by this operation (nothing to list before a CSV import). Default false. */
  freshCampaign?: boolean;
  /** Import payload limit per request (default DEFAULT_MAX_IMPORT_BYTES). */
  maxImportBytes?: number;
  /** CSV file reader (default fs.readFileSync). */
  readFile?: (path: string) => Buffer;
  /** Polling knobs for async actions (defaults of waitForAsyncAction). */
  wait?: { initialDelayMs?: number; maxDelayMs?: number };
  /** The operation's secret codes; the CSV file's codes are added when it is read. */
  secrets?: CodeRedactor;
}

export interface CodeSyncResult {
  /** Code-state fields to merge into the resource outputs. */
  outputs: Record<string, unknown>;
  /** Codes that could not be reconciled; non-empty => the caller raises a partial-failure error with the state. */
  failures: CodeFailure[];
  /**
   * Net number of codes this sync added to the campaign (imported + generated - deleted), so the caller can keep
   * `totalVouchers` current without another GET.
   */
  countDelta: number;
}

/** Most single-code probes spent isolating the codes of a rejected import request before giving up on the rest. */
const MAX_BISECT_REQUESTS = 64;

function errorText(e: unknown): string {
  if (isVoucherifyApiError(e)) {
    const parts = [e.key, e.details || e.apiMessage].filter((p) => typeof p === "string" && p !== "");
    return parts.length > 0 ? `${parts.join(": ")} (HTTP ${e.status})` : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** `failed[]` of an import async-action result: {code, reason, row?}. */
function failedItems(action: ApiAsyncAction): { code: string; reason: string; row?: number }[] {
  const result = action.result;
  if (typeof result !== "object" || result === null) return [];
  const failed = (result as { failed?: unknown }).failed;
  if (!Array.isArray(failed)) return [];
  const out: { code: string; reason: string; row?: number }[] = [];
  for (const f of failed) {
    if (typeof f !== "object" || f === null) continue;
    const rec = f as { code?: unknown; reason?: unknown; row?: unknown };
    out.push({
      code: typeof rec.code === "string" ? rec.code : "",
      reason: typeof rec.reason === "string" ? rec.reason : "import failed",
      row: typeof rec.row === "number" ? rec.row : undefined,
    });
  }
  return out;
}

function isRequestRejection(e: unknown): boolean {
  return isVoucherifyApiError(e) && e.status === 400;
}

class CodeSync {
  readonly failures: CodeFailure[] = [];
  /** Codes added to (positive) or removed from (negative) the campaign by this sync. */
  countDelta = 0;
  private probes = 0;

  constructor(private readonly ctx: CodeSyncContext) {}

  private async wait(id: string, label: string): Promise<ApiAsyncAction> {
    const w = this.ctx.wait === undefined ? {} : this.ctx.wait;
    return waitForAsyncAction(this.ctx.http, id, {
      timeoutMs: this.ctx.asyncTimeoutMs,
      clock: this.ctx.clock,
      initialDelayMs: w.initialDelayMs,
      maxDelayMs: w.maxDelayMs,
      onProgress: (a) => {
        if (typeof a.progress === "number") this.ctx.log(`${label}: ${a.progress}%`);
      },
    });
  }

  /**
   * A code rejected alone with 400: if it already belongs to this campaign (an earlier import that timed out, or
   * a retry), it counts as imported; otherwise it is a failure naming where it lives.
   */
  private async explainRejectedCode(code: string, e: unknown): Promise<boolean> {
    if (isVoucherifyApiError(e) && e.key === "duplicate_key") {
      try {
        const v = await getVoucher(this.ctx.http, code);
        if (v.campaign_id === this.ctx.campaignId) return true;
        const where =
          v.campaign || v.campaign_id ? `campaign ${v.campaign || v.campaign_id}` : "a standalone voucher";
        this.failures.push({
          code,
          reason: `the code already exists in ${where}; codes are unique per project`,
        });
        return false;
      } catch {
        // fall through to the generic reason
      }
      this.failures.push({ code, reason: "the code already exists in this Voucherify project" });
      return false;
    }
    this.failures.push({ code, reason: errorText(e) });
    return false;
  }

  /**
   * Imports one chunk of JSON items; returns the codes that ended up in the campaign. A request rejected as a
   * whole (400: duplicate codes, invalid item) is split in halves until the offending codes are isolated.
   */
  private async importChunk(items: Record<string, unknown>[], label: string): Promise<string[]> {
    const codes = items.map((i) => String(i.code));
    let action: ApiAsyncAction;
    try {
      const started = await importVouchers(this.ctx.http, this.ctx.campaignId, items);
      action = await this.wait(started.async_action_id, label);
    } catch (e) {
      if (isRequestRejection(e)) {
        if (items.length === 1) {
          return (await this.explainRejectedCode(codes[0] as string, e)) ? codes : [];
        }
        if (this.probes < MAX_BISECT_REQUESTS) {
          this.probes += 2;
          const mid = Math.ceil(items.length / 2);
          const left = await this.importChunk(items.slice(0, mid), label);
          const right = await this.importChunk(items.slice(mid), label);
          return [...left, ...right];
        }
      }
      const reason = `import failed: ${errorText(e)}`;
      for (const code of codes) this.failures.push({ code, reason });
      return [];
    }
    const failed = failedItems(action);
    const failedCodes = new Set<string>();
    for (const f of failed) {
      failedCodes.add(f.code);
      this.failures.push({ code: f.code || "(unknown code)", reason: f.reason });
    }
    const imported = codes.filter((c) => !failedCodes.has(c));
    this.countDelta += imported.length;
    return imported;
  }

  async importItems(items: VoucherItem[]): Promise<string[]> {
    if (items.length === 0) return [];
    const payload = items.map((i) => toImportItem(i, this.ctx.campaignType));
    const chunks = chunkImportItems(payload, this.ctx.maxImportBytes);
    const imported: string[] = [];
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i] as Record<string, unknown>[];
      const label = `importing vouchers (${chunk.length} codes${chunks.length > 1 ? `, chunk ${i + 1}/${chunks.length}` : ""})`;
      this.ctx.log(`${label}: started`);
      imported.push(...(await this.importChunk(chunk, label)));
    }
    return imported;
  }

  /** Imports CSV rows through importCSV, in chunks under the byte limit; returns the codes imported. */
  async importCsvRows(rows: CsvVoucherItem[], rowOf: Map<string, number>): Promise<string[]> {
    if (rows.length === 0) return [];
    const chunks = chunkCsvRows(
      rows,
      this.ctx.maxImportBytes === undefined ? DEFAULT_MAX_IMPORT_BYTES : this.ctx.maxImportBytes,
    );
    const imported: string[] = [];
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i] as CsvVoucherItem[];
      const codes = chunk.map((r) => r.code);
      const label = `importing vouchers from CSV (${chunk.length} rows${chunks.length > 1 ? `, chunk ${i + 1}/${chunks.length}` : ""})`;
      this.ctx.log(`${label}: started`);
      try {
        const csv = Buffer.from(writeVoucherCsv(chunk), "utf8");
        const started = await importVouchersCsv(this.ctx.http, this.ctx.campaignId, csv, "vouchers.csv");
        const action = await this.wait(started.async_action_id, label);
        const failedCodes = new Set<string>();
        for (const f of failedItems(action)) {
          // `row` in the result counts rows of the generated chunk; name the row of the user's file instead.
          const code = f.code !== "" ? f.code : f.row !== undefined ? (chunk[f.row - 1]?.code ?? "") : "";
          failedCodes.add(code);
          const fileRow = rowOf.get(code);
          this.failures.push({
            code: code || "(unknown code)",
            reason: fileRow === undefined ? f.reason : `row ${fileRow}: ${f.reason}`,
          });
        }
        const done = codes.filter((c) => !failedCodes.has(c));
        this.countDelta += done.length;
        imported.push(...done);
      } catch (e) {
        const reason = `CSV import failed: ${errorText(e)}`;
        for (const code of codes) {
          const fileRow = rowOf.get(code);
          this.failures.push({ code, reason: fileRow === undefined ? reason : `row ${fileRow}: ${reason}` });
        }
      }
    }
    return imported;
  }

  /** Applies one update; returns "ok", "gone" (404: the voucher was deleted outside) or "failed". */
  async update(u: CodeUpdate): Promise<"ok" | "gone" | "failed"> {
    const http = this.ctx.http;
    try {
      if (Object.keys(u.body).length > 0) {
        // One call: `active` rides along in the PUT when a PUT is needed anyway.
        const body = u.setActive === undefined ? u.body : { ...u.body, active: u.setActive };
        await updateVoucher(http, u.code, body);
      } else if (u.setActive === true) {
        await enableVoucher(http, u.code);
      } else if (u.setActive === false) {
        await disableVoucher(http, u.code);
      }
      return "ok";
    } catch (e) {
      if (isNotFound(e)) {
        this.failures.push({
          code: u.code,
          reason: "the voucher no longer exists in Voucherify; the next up imports it again",
        });
        return "gone";
      }
      this.failures.push({ code: u.code, reason: `update failed: ${errorText(e)}` });
      return "failed";
    }
  }

  /** Deletes permanently (force, so the code can be reused); 404 counts as gone. */
  async delete(code: string): Promise<boolean> {
    try {
      await deleteVoucher(this.ctx.http, code, { force: true });
      this.countDelta -= 1;
      return true;
    } catch (e) {
      if (isNotFound(e)) return true;
      this.failures.push({ code, reason: `delete failed: ${errorText(e)}` });
      return false;
    }
  }

  async generate(count: number): Promise<boolean> {
    try {
      this.ctx.log(`generating ${count} voucher code${count === 1 ? "" : "s"}`);
      const started = await addVouchers(this.ctx.http, this.ctx.campaignId, count);
      if (started.asyncActionId !== undefined) {
        await this.wait(started.asyncActionId, `generating ${count} vouchers`);
      }
      this.countDelta += count;
      return true;
    } catch (e) {
      this.failures.push({
        code: "(generated codes)",
        reason: `generating ${count} codes failed: ${errorText(e)}`,
      });
      return false;
    }
  }
}

/** Splits CSV rows so each generated file (header + rows, CRLF) stays within maxBytes; order preserved. */
export function chunkCsvRows(rows: readonly CsvVoucherItem[], maxBytes: number): CsvVoucherItem[][] {
  // Column set may differ per chunk; measure with the full header (an upper bound) plus each row's line.
  const header = Buffer.byteLength(writeVoucherCsv([]), "utf8");
  const full = writeVoucherCsv(rows);
  const lines = full.split("\r\n");
  const headerBytes = Math.max(header, Buffer.byteLength(lines[0] || "", "utf8") + 2);
  const chunks: CsvVoucherItem[][] = [];
  let current: CsvVoucherItem[] = [];
  let bytes = headerBytes;
  rows.forEach((row, i) => {
    // Rows never contain a raw CRLF outside quotes, but quoted values may; fall back to writing the row alone.
    const line = lines[i + 1];
    const size =
      line !== undefined && lines.length === rows.length + 2
        ? Buffer.byteLength(line, "utf8") + 2
        : Buffer.byteLength(writeVoucherCsv([row]), "utf8");
    if (headerBytes + size > maxBytes) {
      throw new Error(`voucher ${row.code}: its CSV row alone exceeds the ${maxBytes}-byte import limit`);
    }
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = headerBytes;
    }
    current.push(row);
    bytes += size;
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}

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
  const sync = new CodeSync(ctx);
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
  const csvPath = typeof inputs.vouchersCsv === "string" ? inputs.vouchersCsv : undefined;
  const csvChanged =
    csvPath !== undefined
      ? desired.vouchersCsvDigest !== prev.vouchersCsvDigest
      : prev.vouchersCsvDigest !== undefined;
  let csvOk = true;
  let csvRows: CsvVoucherItem[] = [];
  const rowOf = new Map<string, number>();
  if (csvChanged && csvPath !== undefined) {
    const loaded = loadVoucherCsv(csvPath, { readFile: ctx.readFile });
    if ("error" in loaded) {
      sync.failures.push({ code: "(vouchersCsv)", reason: loaded.error });
      csvOk = false;
    } else {
      const digest = csvDigest(loaded.content);
      if (desired.vouchersCsvDigest !== undefined && digest !== desired.vouchersCsvDigest) {
        sync.failures.push({
          code: "(vouchersCsv)",
          reason: `the file "${csvPath}" changed after preview/check; run pulumi up again`,
        });
        csvOk = false;
      } else {
        csvRows = loaded.parsed.items;
        registerCsvCodes(ctx.secrets, inputs, csvRows, loaded.parsed.rowNumbers);
        loaded.parsed.items.forEach((r, i) => {
          rowOf.set(r.code, loaded.parsed.rowNumbers[i] as number);
        });
      }
    }
  }
  const reconcileCsv = csvChanged && csvOk;
  let listed: Map<string, ApiVoucher> | undefined;
  if (reconcileCsv && !(isCreate && ctx.freshCampaign === true)) {
    try {
      ctx.log("listing the campaign's vouchers to reconcile the CSV source");
      listed = new Map();
      const poll = { timeoutMs: ctx.asyncTimeoutMs, clock: ctx.clock, ...ctx.wait };
      for (const v of await readCampaignVouchers(ctx.http, ctx.campaignId, poll)) listed.set(v.code, v);
    } catch (e) {
      sync.failures.push({
        code: "(vouchersCsv)",
        reason: `listing the campaign's vouchers failed: ${errorText(e)}`,
      });
      listed = undefined;
      csvOk = false;
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

  // Imports.
  const imported = await sync.importItems(inlineImports);
  for (const code of imported) {
    const item = desiredByCode.get(code);
    if (item !== undefined) present.set(code, item);
  }
  await sync.importCsvRows(csvNew, rowOf);

  // Generated count.
  let countOut = prev.vouchersCount;
  if (desired.vouchersCount === undefined) {
    countOut = undefined;
  } else if (isCreate) {
    countOut = desired.vouchersCount; // generated by the create request itself (vouchers_count in its body)
  } else {
    const before = prev.vouchersCount === undefined ? 0 : prev.vouchersCount;
    const delta = desired.vouchersCount - before;
    if (delta > 0) {
      if (await sync.generate(delta)) countOut = desired.vouchersCount;
    } else {
      countOut = desired.vouchersCount;
    }
  }

  // Outputs.
  const outputs: Record<string, unknown> = {};
  if (desired.vouchers !== undefined || present.size > 0) {
    outputs.vouchers = sortByCode([...present.values()]);
  }
  if (csvPath !== undefined) outputs.vouchersCsv = csvPath;
  const csvFailed = sync.failures.some((f) => f.code === "(vouchersCsv)" || rowOf.has(f.code)) || !csvOk;
  if (!csvChanged) {
    if (csvPath !== undefined) {
      outputs.vouchersCsvDigest = desired.vouchersCsvDigest;
      outputs.vouchersCsvRows = desired.vouchersCsvRows;
    }
  } else if (!csvFailed) {
    if (csvPath !== undefined) {
      outputs.vouchersCsvDigest = desired.vouchersCsvDigest;
      outputs.vouchersCsvRows = desired.vouchersCsvRows;
    }
  } else if (prev.vouchersCsvDigest !== undefined) {
    // Keep the previous digest so the next `up` sees a difference and reconciles again.
    outputs.vouchersCsvDigest = prev.vouchersCsvDigest;
    outputs.vouchersCsvRows = prev.vouchersCsvRows;
  }
  if (countOut !== undefined) outputs.vouchersCount = countOut;
  if (desired.verifyVouchersOnRefresh !== undefined)
    outputs.verifyVouchersOnRefresh = desired.verifyVouchersOnRefresh;
  if (desired.vouchersSecret !== undefined) outputs.vouchersSecret = desired.vouchersSecret;
  return { outputs, failures: sync.failures, countDelta: sync.countDelta };
}
