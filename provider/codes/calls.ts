// The code sync's API calls, one method per kind of call (import, add, CSV import, update, delete, generate), each
// catching its errors and turning them into per-code failures, so that what the sync records is what happened.
// The order of the calls and what is recorded are the sync's (./sync.ts).
import { waitForCampaignReady } from "../client/async-actions";
import { addVouchers, addVoucherWithCode, importVouchers, importVouchersCsv } from "../client/campaigns";
import {
  isAsyncActionFailedError,
  isAsyncActionTimeoutError,
  isNetworkError,
  isNotFound,
  isTimeoutError,
  isVoucherifyApiError,
} from "../client/errors";
import {
  deleteVoucher,
  disableVoucher,
  enableVoucher,
  getVoucher,
  readCampaignVouchers,
  updateVoucher,
} from "../client/vouchers";
import type { VoucherItem } from "../schema/vouchers";
import type { ApiAsyncAction, ApiVoucher } from "../schema/wire";
import type { CodeSyncContext } from "./context";
import { type CsvVoucherItem, chunkCsvRows, writeVoucherCsv } from "./csv";
import {
  type CodeFailure,
  type CodeUpdate,
  chunkImportItems,
  DEFAULT_MAX_IMPORT_BYTES,
  toImportItem,
} from "./plan";
import { codeWaitOptions, waitForCodeAction, waitForGenerations } from "./waiting";

/**
 * Up to this many new codes are added one request each (`POST /v1/campaigns/{id}/vouchers/{code}`, synchronous)
 * instead of through an import, which costs one request plus at least one poll of its async action (with the
 * default backoff usually 2 to 5): three single adds never cost more, and they need no waiting. Codes with
 * `active`, `giftAmount` or `loyaltyPoints` go through the import, whose items can carry them.
 */
export const SMALL_ADDITION_MAX = 3;

/** Most single-code probes spent isolating the codes of a rejected import request before giving up on the rest. */
const MAX_BISECT_REQUESTS = 64;

export function errorText(e: unknown): string {
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
export function isAmbiguous(e: unknown): boolean {
  if (isNetworkError(e) || isTimeoutError(e) || isAsyncActionFailedError(e) || isAsyncActionTimeoutError(e)) {
    return true;
  }
  return isVoucherifyApiError(e) && e.status >= 500;
}

export class CodeCalls {
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
   * dropped connection after the request was sent), the campaign's count once the generation has ended says
   * whether the work happened, so a generation is never repeated.
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
          // The generation may still be adding codes: count once it has ended, never halfway.
          await waitForGenerations(this.ctx, isVoucherifyApiError(e) ? e.requestId : undefined);
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
