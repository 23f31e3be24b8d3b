// An in-memory stand-in for the Voucherify endpoints the code sync uses, behind the VoucherifyHttp interface (no
// sockets). Records every call; async actions report IN_PROGRESS 50% on the first poll and DONE on the second.

import type { z } from "zod";
import { VoucherifyApiError } from "../../../provider/client/errors";
import type { Multipart, RequestSpec, VoucherifyHttp } from "../../../provider/client/http";
import { parseVoucherCsv } from "../../../provider/codes/csv";

export interface Call {
  method: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

export interface FakeVoucher {
  code: string;
  campaign_id: string;
  campaign?: string;
  category?: string | null;
  active?: boolean;
  metadata?: Record<string, unknown>;
  additional_info?: string | null;
  start_date?: string | null;
  expiration_date?: string | null;
  redemption?: { quantity: number | null };
  gift?: { amount: number };
  loyalty_card?: { points: number };
  created_at: string;
}

interface Action {
  id: string;
  polls: number;
  result: unknown;
  type: string;
  fail?: boolean;
}

export interface FakeApiOptions {
  campaignId: string;
  /** Codes whose import is reported in the async result's failed[] (per item, like the real API). */
  itemFailures?: Record<string, string>;
  /** Codes for which every request on /v1/vouchers/{code} (except GET) fails with this status. */
  voucherErrors?: Record<string, number>;
  /** POST /v1/vouchers/bulk/async: the next this many actions end FAILED (nothing applied). */
  failBulkActions?: number;
  /** Codes the bulk update reports in its result's errors (key and details), leaving them unchanged. */
  bulkErrors?: Record<string, string>;
}

export class FakeApi implements VoucherifyHttp {
  readonly calls: Call[] = [];
  readonly vouchers = new Map<string, FakeVoucher>();
  private readonly actions = new Map<string, Action>();
  private seq = 0;
  private generated = 0;
  private afterFaults: { match: RegExp; error: () => Error }[] = [];
  private beforeFaults: { match: RegExp; error: () => Error }[] = [];
  private failingActions: { type: string; processed: number }[] = [];

  constructor(private readonly opts: FakeApiOptions) {}

  /** The next request matching "METHOD /path" takes effect, then fails with `error` (its answer is lost). */
  failAfter(match: RegExp, error: () => Error): void {
    this.afterFaults.push({ match, error });
  }

  /** The next request matching "METHOD /path" fails with `error` before doing anything. */
  failBefore(match: RegExp, error: () => Error): void {
    this.beforeFaults.push({ match, error });
  }

  /** The next async action of `type` applies its first `processed` items, then ends FAILED. */
  failAction(type: string, processed: number): void {
    this.failingActions.push({ type, processed });
  }

  private takeFailingAction(type: string): number | undefined {
    const i = this.failingActions.findIndex((f) => f.type === type);
    return i < 0 ? undefined : this.failingActions.splice(i, 1)[0]?.processed;
  }

  get requestCount(): number {
    return this.calls.length;
  }

  /** Calls other than async-action polls, rendered "METHOD /path". */
  writes(): string[] {
    return this.calls
      .filter((c) => !c.path.startsWith("/v1/async-actions/"))
      .map((c) => `${c.method} ${c.path}`);
  }

  seed(v: Partial<FakeVoucher> & { code: string }): void {
    this.vouchers.set(v.code, { campaign_id: this.opts.campaignId, created_at: this.now(), ...v });
  }

  private now(): string {
    return new Date(Date.UTC(2024, 0, 1) + this.seq++ * 1000).toISOString();
  }

  private action(type: string, result: unknown, fail = false): { async_action_id: string } {
    const id = `aa_${(this.actions.size + 1).toString(16).padStart(18, "0")}`;
    this.actions.set(id, { id, polls: 0, result, type, fail });
    return { async_action_id: id };
  }

  private importItems(items: Record<string, unknown>[]): {
    failed: { code: string; reason: string }[];
    done: number;
  } {
    const failed: { code: string; reason: string }[] = [];
    let done = 0;
    for (const item of items) {
      const code = String(item.code);
      const why = this.opts.itemFailures?.[code];
      if (why !== undefined) {
        failed.push({ code, reason: why });
        continue;
      }
      const v: FakeVoucher = { code, campaign_id: this.opts.campaignId, created_at: this.now() };
      if (item.category !== undefined) v.category = item.category as string;
      v.active = item.active === undefined ? true : (item.active as boolean);
      if (item.metadata !== undefined) v.metadata = item.metadata as Record<string, unknown>;
      if (item.additional_info !== undefined) v.additional_info = item.additional_info as string;
      if (item.start_date !== undefined) v.start_date = item.start_date as string;
      if (item.expiration_date !== undefined) v.expiration_date = item.expiration_date as string;
      if (item.redemption !== undefined) v.redemption = item.redemption as { quantity: number | null };
      if (item.gift !== undefined) v.gift = item.gift as { amount: number };
      if (item.loyalty_card !== undefined) v.loyalty_card = item.loyalty_card as { points: number };
      this.vouchers.set(code, v);
      done++;
    }
    return { failed, done };
  }

  private handle(spec: RequestSpec<z.ZodType>): unknown {
    const { method, path } = spec;
    const m = (re: RegExp) => path.match(re);
    const cid = encodeURIComponent(this.opts.campaignId);
    let match: RegExpMatchArray | null;
    if (method === "POST" && path === `/v1/campaigns/${cid}/import`) {
      const items = spec.body as Record<string, unknown>[];
      const dups = items.filter((i) => this.vouchers.has(String(i.code)));
      if (dups.length > 0) {
        throw apiError(400, method, path, "duplicate_key", `${dups.length} voucher codes(s) already exist.`);
      }
      const processed = this.takeFailingAction("CAMPAIGN.VOUCHERS_IMPORT");
      const r = this.importItems(processed === undefined ? items : items.slice(0, processed));
      return this.action(
        "CAMPAIGN.VOUCHERS_IMPORT",
        {
          message: `${r.done} voucher(s) imported successfully, ${r.failed.length} failed.`,
          done_count: r.done,
          failed_count: items.length - r.done,
          failed: r.failed,
        },
        processed !== undefined,
      );
    }
    if (method === "POST" && path === `/v1/campaigns/${cid}/importCSV`) {
      const part = spec.body as Multipart;
      const parsed = parseVoucherCsv(part.content);
      const failed: { code: string; row: number; reason: string }[] = [];
      const ok: Record<string, unknown>[] = [];
      parsed.items.forEach((it, i) => {
        if (this.vouchers.has(it.code))
          failed.push({ code: it.code, row: i + 1, reason: "Code already exists" });
        else
          ok.push({
            code: it.code,
            category: it.category,
            active: it.active,
            metadata: it.metadata,
            gift: it.giftAmount === undefined ? undefined : { amount: it.giftAmount },
          });
      });
      const r = this.importItems(ok);
      return this.action("CAMPAIGN.VOUCHERS_IMPORT_CSV", {
        done_count: r.done,
        failed_count: failed.length + r.failed.length,
        failed: [...failed, ...r.failed.map((f) => ({ ...f, row: 0 }))],
      });
    }
    match = m(new RegExp(`^/v1/campaigns/${cid}/vouchers/([^/]+)$`));
    if (method === "POST" && match) {
      const code = decodeURIComponent(match[1] as string);
      if (this.vouchers.has(code))
        throw apiError(409, method, path, "duplicate_found", `Duplicated voucher ${code}`);
      const why = this.opts.itemFailures?.[code];
      if (why !== undefined) throw apiError(400, method, path, "invalid_voucher", why);
      this.importItems([{ ...(spec.body as Record<string, unknown>), code }]);
      return this.vouchers.get(code);
    }
    if (method === "POST" && path === `/v1/campaigns/${cid}/vouchers`) {
      const n = Number(spec.query?.vouchers_count);
      for (let i = 0; i < n; i++) this.seed({ code: `GEN-${++this.generated}` });
      return this.action("CAMPAIGN.VOUCHERS_GENERATE", {
        message: `Generated ${n} vouchers.`,
        done_count: n,
      });
    }
    if (method === "POST" && path === "/v1/vouchers/bulk/async") {
      // Merged into the voucher's metadata (the emulator's default reading); unknown codes are result errors.
      const items = spec.body as { code: string; metadata: Record<string, unknown> }[];
      if ((this.opts.failBulkActions ?? 0) > 0) {
        this.opts.failBulkActions = (this.opts.failBulkActions ?? 0) - 1;
        const started = this.action("VOUCHERS.BULK_UPDATE", { message: "Bulk update failed" });
        (this.actions.get(started.async_action_id) as Action).fail = true;
        return started;
      }
      const errors: { code: string; key: string; message: string; details: string }[] = [];
      for (const item of items) {
        const v = this.vouchers.get(item.code);
        const refused = this.opts.bulkErrors?.[item.code];
        if (v === undefined || refused !== undefined) {
          const key = v === undefined ? "not_found" : (refused ?? "error");
          errors.push({ code: item.code, key, message: "Resource not found", details: `code ${item.code}` });
          continue;
        }
        v.metadata = { ...(v.metadata ?? {}), ...item.metadata };
      }
      return this.action("VOUCHERS.BULK_UPDATE", {
        done_count: items.length - errors.length,
        failed_count: errors.length,
        errors,
      });
    }
    match = m(/^\/v1\/async-actions\/([^/]+)$/);
    if (method === "GET" && match) {
      const a = this.actions.get(decodeURIComponent(match[1] as string));
      if (a === undefined) throw apiError(404, method, path, "not_found", "no such async action");
      a.polls++;
      const done = a.polls >= 2;
      return {
        id: a.id,
        type: a.type,
        status: done ? (a.fail ? "FAILED" : "DONE") : "IN_PROGRESS",
        progress: done ? 100 : 50,
        result: done ? a.result : null,
      };
    }
    if (method === "GET" && path === `/v1/campaigns/${cid}`) {
      const count = [...this.vouchers.values()].filter((v) => v.campaign_id === this.opts.campaignId).length;
      return {
        id: this.opts.campaignId,
        creation_status: "DONE",
        vouchers_generation_status: "DONE",
        vouchers_count: count,
      };
    }
    if (method === "GET" && path === "/v1/vouchers") {
      const page = Number(spec.query?.page || 1);
      const limit = Number(spec.query?.limit || 10);
      const all = [...this.vouchers.values()].filter((v) => v.campaign_id === spec.query?.campaign_id);
      return {
        object: "list",
        data_ref: "vouchers",
        vouchers: all.slice((page - 1) * limit, page * limit),
        total: all.length,
      };
    }
    match = m(/^\/v1\/vouchers\/([^/]+)(\/enable|\/disable)?$/);
    if (match) {
      const code = decodeURIComponent(match[1] as string);
      const v = this.vouchers.get(code);
      const forced = this.opts.voucherErrors?.[code];
      if (forced !== undefined && method !== "GET") {
        throw apiError(forced, method, path, forced === 404 ? "not_found" : "error", `forced ${forced}`);
      }
      if (v === undefined)
        throw apiError(404, method, path, "not_found", `Cannot find voucher with id ${code}`);
      if (method === "GET") return v;
      if (method === "DELETE") {
        this.vouchers.delete(code);
        return undefined;
      }
      if (method === "POST" && match[2] !== undefined) {
        v.active = match[2] === "/enable";
        return v;
      }
      if (method === "PUT") {
        Object.assign(v, spec.body as Record<string, unknown>);
        return v;
      }
    }
    throw apiError(404, method, path, "not_found", `fake: no route for ${method} ${path}`);
  }

  async request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
    const call: Call = { method: spec.method, path: spec.path };
    if (spec.query !== undefined) call.query = spec.query;
    if (spec.body !== undefined) call.body = spec.body;
    this.calls.push(call);
    const line = `${spec.method} ${spec.path}`;
    const before = this.beforeFaults.findIndex((f) => f.match.test(line));
    if (before >= 0) throw this.beforeFaults.splice(before, 1)[0]?.error();
    const response = this.handle(spec);
    const i = this.afterFaults.findIndex((f) => f.match.test(line));
    if (i >= 0) throw this.afterFaults.splice(i, 1)[0]?.error();
    return spec.schema.parse(response) as z.output<S>;
  }
}

export function apiError(
  status: number,
  method: string,
  path: string,
  key: string,
  details: string,
): VoucherifyApiError {
  return new VoucherifyApiError({
    status,
    method,
    path,
    key,
    message: status === 404 ? "Resource not found" : "Error",
    details,
    requestId: "v-test",
    body: { code: status, key, details },
  });
}

export function serverError(): VoucherifyApiError {
  return apiError(503, "POST", "/v1/campaigns", "service_unavailable", "try again");
}
