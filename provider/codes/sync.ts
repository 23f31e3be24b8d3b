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

import { waitForCampaignReady } from "../client/async-actions";
import { addVouchers, addVoucherWithCode, importVouchers, importVouchersCsv } from "../client/campaigns";
import type { Clock } from "../client/clock";
import {
  isAsyncActionFailedError,
  isAsyncActionTimeoutError,
  isNetworkError,
  isNotFound,
  isTimeoutError,
  isVoucherifyApiError,
} from "../client/errors";
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
import {
  type Rewritten,
  reachedByRewrite,
  restoreDeclared,
  rewritesAnything,
  withCurrentMetadata,
} from "./reapply";
import { registerCsvCodes } from "./secrecy";
import { readCodeFields } from "./state";
import { differenceFromListed } from "./verify";
import { codeWaitOptions, waitForCodeAction } from "./waiting";

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
  /**
   * How many codes the campaign holds as the sync starts (the API's `vouchers_count` as last read): a generation
   * whose answer was lost is judged by how the count moved.
   */
  campaignCodeCount?: number;
  /** Codes this resource generated so far (default: what the previous state says). */
  generatedBefore?: number;
  /** What a campaign update just rewrote on the campaign's codes: declared per-code values are put back. */
  rewritten?: Rewritten;
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
  /** Codes this resource has generated, as far as the API shows (recorded as `vouchersGenerated`). */
  generated: number;
  /**
   * An import may or may not have taken effect (an error after the request was sent, or an async action that
   * ended FAILED halfway): the next sync reads what the campaign holds before importing anything.
   */
  uncertain: boolean;
}

/** Computed outputs the code sync owns (never compared by the diff). */
export const GENERATED_KEY = "vouchersGenerated";
export const UNVERIFIED_KEY = "vouchersUnverified";

/**
 * Up to this many new codes are added one request each (`POST /v1/campaigns/{id}/vouchers/{code}`, synchronous)
 * instead of through an import, which costs one request plus at least one poll of its async action (with the
 * default backoff usually 2 to 5): three single adds never cost more, and they need no waiting. Codes with
 * `active`, `giftAmount` or `loyaltyPoints` go through the import, whose items can carry them.
 */
export const SMALL_ADDITION_MAX = 3;

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

/** Whether the single-code endpoint's body can carry everything the item declares. */
function addableOneByOne(item: VoucherItem): boolean {
  return item.active === undefined && item.giftAmount === undefined && item.loyaltyPoints === undefined;
}

/** The single add's 409 duplicate_found read like the import's duplicate_key (the same fact). */
function asDuplicateKey(e: unknown): unknown {
  return isVoucherifyApiError(e) ? Object.assign(e, { key: "duplicate_key" }) : e;
}

/** A whole import refused because some of its codes exist already (400 duplicate_key). */
function isDuplicateRejection(e: unknown): boolean {
  return isVoucherifyApiError(e) && e.status === 400 && e.key === "duplicate_key";
}

/** After this, a request may have reached the server and taken effect: its outcome is not known. */
function isAmbiguous(e: unknown): boolean {
  if (isNetworkError(e) || isTimeoutError(e) || isAsyncActionFailedError(e) || isAsyncActionTimeoutError(e)) {
    return true;
  }
  return isVoucherifyApiError(e) && e.status >= 500;
}

class CodeSync {
  readonly failures: CodeFailure[] = [];
  /** Codes added to (positive) or removed from (negative) the campaign by this sync. */
  countDelta = 0;
  /** An import may have taken effect without this sync knowing (see CodeSyncResult.uncertain). */
  uncertain = false;
  private probes = 0;
  private holds: Promise<Map<string, ApiVoucher>> | undefined;

  constructor(private readonly ctx: CodeSyncContext) {}

  /** What the campaign holds, read once per sync (list or export, whichever costs fewer requests). */
  campaignCodes(): Promise<Map<string, ApiVoucher>> {
    if (this.holds === undefined) {
      const poll = codeWaitOptions(this.ctx);
      this.holds = readCampaignVouchers(this.ctx.http, this.ctx.campaignId, poll).then(
        (list) => new Map(list.map((v) => [v.code, v])),
      );
    }
    return this.holds;
  }

  get hasReadCampaign(): boolean {
    return this.holds !== undefined;
  }

  private wait(id: string, label: string): Promise<ApiAsyncAction> {
    return waitForCodeAction(this.ctx, id, label);
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
      if (isDuplicateRejection(e) && !this.hasReadCampaign && items.length > 1) {
        // Some of these codes exist already. Those in this campaign landed earlier (an import whose answer was
        // lost): read the campaign once instead of bisecting, and import only the rest.
        return this.importMissing(items, label);
      }
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
      if (isAmbiguous(e)) {
        this.uncertain = true;
        const reason =
          `the import may or may not have taken effect (${errorText(e)}); the next up reads the campaign's codes ` +
          "first and imports only what is missing";
        for (const code of codes) this.failures.push({ code, reason });
        return [];
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

  /** Counts the items the campaign holds already as imported, and imports the rest. */
  private async importMissing(items: Record<string, unknown>[], label: string): Promise<string[]> {
    let holds: Map<string, ApiVoucher>;
    try {
      holds = await this.campaignCodes();
    } catch (e) {
      const reason = `import refused as duplicates, and reading the campaign's codes failed: ${errorText(e)}`;
      for (const item of items) this.failures.push({ code: String(item.code), reason });
      return [];
    }
    const landed = items.filter((i) => holds.has(String(i.code))).map((i) => String(i.code));
    const rest = items.filter((i) => !holds.has(String(i.code)));
    this.ctx.log(`${landed.length} of ${items.length} codes are in the campaign already; importing the rest`);
    return [...landed, ...(rest.length === 0 ? [] : await this.importChunk(rest, label))];
  }

  /** Adds codes one request each; returns the codes the campaign holds afterwards. */
  private async addOneByOne(items: VoucherItem[]): Promise<string[]> {
    const added: string[] = [];
    for (const item of items) {
      const { code, ...body } = toImportItem(item, this.ctx.campaignType);
      try {
        await addVoucherWithCode(this.ctx.http, this.ctx.campaignId, item.code, body);
        this.countDelta += 1;
        added.push(item.code);
      } catch (e) {
        // 409: the code exists; if in this campaign, an earlier add (whose answer was lost) did the work.
        const duplicate = isVoucherifyApiError(e) && e.status === 409;
        if (await this.explainRejectedCode(String(code), duplicate ? asDuplicateKey(e) : e))
          added.push(item.code);
      }
    }
    return added;
  }

  async importItems(items: VoucherItem[]): Promise<string[]> {
    if (items.length === 0) return [];
    if (items.length <= SMALL_ADDITION_MAX && items.every(addableOneByOne)) return this.addOneByOne(items);
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

  /**
   * Generates `count` more codes; returns how many the campaign gained. When the answer is lost (a 5xx or a
   * dropped connection after the request was sent), the campaign's count says whether the work happened, so a
   * generation is never repeated.
   */
  async generate(count: number): Promise<number> {
    const expected = (this.ctx.campaignCodeCount ?? 0) + this.countDelta;
    try {
      this.ctx.log(`generating ${count} voucher code${count === 1 ? "" : "s"}`);
      const started = await addVouchers(this.ctx.http, this.ctx.campaignId, count);
      if (started.asyncActionId !== undefined) {
        await this.wait(started.asyncActionId, `generating ${count} vouchers`);
      }
      this.countDelta += count;
      return count;
    } catch (e) {
      let gained = 0;
      if (isAmbiguous(e) && this.ctx.campaignCodeCount !== undefined) {
        try {
          const now = await waitForCampaignReady(
            this.ctx.http,
            this.ctx.campaignId,
            codeWaitOptions(this.ctx),
          );
          gained = Math.max(0, Math.min(count, (now.vouchers_count ?? 0) - expected));
        } catch {
          gained = 0;
        }
      }
      this.countDelta += gained;
      if (gained < count) {
        this.failures.push({
          code: "(generated codes)",
          reason: `generating ${count} codes failed after ${gained}: ${errorText(e)}`,
        });
      } else {
        this.ctx.log(
          `the generation answered ${errorText(e)}, but the campaign holds the ${count} new codes`,
        );
      }
      return gained;
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
    let restores: CodeUpdate[] = [];
    for (const item of present.values()) {
      const own = restoreDeclared(item, ctx.rewritten);
      if (own !== undefined) restores.push(own);
    }
    if (csvPath !== undefined && !csvActive) {
      const loaded = loadVoucherCsv(csvPath, { readFile: ctx.readFile });
      if (!("error" in loaded)) {
        registerCsvCodes(ctx.secrets, inputs, loaded.parsed.items, loaded.parsed.rowNumbers);
        for (const row of loaded.parsed.items) {
          const own = restoreDeclared(row, ctx.rewritten);
          if (own !== undefined) restores.push(own);
        }
      }
    }
    if (restores.length > 0) {
      // The rewrite runs as the campaign's async update (MODIFYING): wait for it, or it could undo these.
      await waitForCampaignReady(ctx.http, ctx.campaignId, codeWaitOptions(ctx));
      // Published and redeemed codes were never rewritten: one fresh listing (100 codes a page) spares their PUTs,
      // and tells what the others hold now, so a metadata restore keeps the keys they inherited.
      const listing = await readCampaignVouchers(ctx.http, ctx.campaignId, codeWaitOptions(ctx)).catch(
        () => undefined,
      );
      if (listing !== undefined) {
        const held = new Map(listing.map((v) => [v.code, v]));
        restores = restores
          .filter((u) => reachedByRewrite(held.get(u.code)))
          .map((u) => withCurrentMetadata(u, held.get(u.code)));
      }
    }
    if (restores.length > 0) {
      ctx.log(`putting back the declared values of ${restores.length} code(s) the campaign update rewrote`);
      await forEachConcurrently(restores, async (u) => {
        await sync.update(u);
      });
    }
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
