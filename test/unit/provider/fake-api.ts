// An in-memory stand-in for the Voucherify HTTP client (VoucherifyHttp) used by the lifecycle tests: it routes
// each request by method and path, keeps a request log ("METHOD /path"), parses responses with the request's own
// zod schema (as the real client does) and can be told to fail a request once. No sockets, no timers.
import type { z } from "zod";
import { NetworkError, VoucherifyApiError } from "../../../provider/client/errors";
import type { Multipart, RequestSpec, VoucherifyHttp } from "../../../provider/client/http";
import { parseVoucherCsv } from "../../../provider/codes/csv";

type Json = Record<string, unknown>;

export interface FakeCampaign extends Json {
  id: string;
  name: string;
  active: boolean;
}

interface Fault {
  match: RegExp;
  error: () => Error;
  /** Apply the request's effect before failing (a 5xx after the server did the work). */
  afterEffect: boolean;
}

export class FakeVoucherify implements VoucherifyHttp {
  readonly log: string[] = [];
  readonly bodies: { line: string; body: unknown }[] = [];
  readonly campaigns = new Map<string, FakeCampaign>();
  readonly vouchers = new Map<string, Json>();
  /** Redemptions and publications per campaign name (what GET /v1/redemptions|publications?campaign= count). */
  readonly redeemed = new Map<string, number>();
  readonly published = new Map<string, number>();
  /** Promotion tiers by ID (`campaign_id` says whose). */
  readonly tiers = new Map<string, Json>();
  /** Validation-rule assignments by ID. */
  readonly assignments = new Map<
    string,
    { id: string; rule_id: string; related_object_id: string; related_object_type: string }
  >();
  /** Failed items reported by the next import async action(s), by code. */
  importFailures = new Map<string, string>();
  /** GETs of a campaign still IN_PROGRESS before it reports DONE. */
  pollsUntilReady = 1;
  private faults: Fault[] = [];
  private actions = new Map<string, Json>();
  private seq = 0;
  private polls = new Map<string, number>();

  get requestCount(): number {
    return this.log.length;
  }

  /** The next request whose "METHOD /path" matches fails with `error` (once). */
  failOnce(match: RegExp, error: () => Error, opts: { afterEffect?: boolean } = {}): void {
    this.faults.push({ match, error, afterEffect: opts.afterEffect === true });
  }

  addCampaign(fields: Partial<FakeCampaign> & { name: string }): FakeCampaign {
    const c: FakeCampaign = {
      id: `camp_${++this.seq}`,
      object: "campaign",
      campaign_type: "DISCOUNT_COUPONS",
      type: "AUTO_UPDATE",
      created_at: "2026-01-01T00:00:00.000Z",
      creation_status: "DONE",
      vouchers_generation_status: "DONE",
      vouchers_count: 0,
      active: true,
      ...fields,
    };
    this.campaigns.set(c.id, c);
    this.polls.set(c.id, 0);
    return c;
  }

  async request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
    const query = spec.query
      ? Object.entries(spec.query)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}=${v}`)
          .join("&")
      : "";
    const line = `${spec.method} ${spec.path}${query ? `?${query}` : ""}`;
    this.log.push(line);
    this.bodies.push({ line, body: spec.body });
    const i = this.faults.findIndex((f) => f.match.test(line));
    const fault = i >= 0 ? this.faults.splice(i, 1)[0] : undefined;
    if (fault && !fault.afterEffect) throw fault.error();
    const body = this.route(spec.method, spec.path, spec.query || {}, spec.body);
    if (fault) throw fault.error();
    return spec.schema.parse(body) as z.output<S>;
  }

  private notFound(method: string, path: string, what: string): VoucherifyApiError {
    return apiError(404, method, path, "not_found", `Cannot find ${what}`);
  }

  private find(idOrName: string): FakeCampaign | undefined {
    const byId = this.campaigns.get(idOrName);
    if (byId) return byId;
    for (const c of this.campaigns.values()) if (c.name === idOrName) return c;
    return undefined;
  }

  private action(type: string, result: Json): Json {
    const id = `aa_${++this.seq}`;
    const a = { id, object: "async_action", type, status: "DONE", progress: 100, result };
    this.actions.set(id, a);
    return { async_action_id: id };
  }

  private route(method: string, path: string, query: Json, body: unknown): unknown {
    const parts = path.split("/").map(decodeURIComponent);
    // ["", "v1", "campaigns", id, sub]
    if (parts[2] === "campaigns") {
      const key = parts[3];
      const sub = parts[4];
      if (key === undefined) {
        if (method !== "POST") throw new Error(`unrouted ${method} ${path}`);
        const b = body as Json;
        const name = String(b.name);
        if (this.find(name)) {
          return throwing(
            apiError(409, method, path, "duplicate_found", `Duplicated campaign exists with name ${name}`),
          );
        }
        const c = this.addCampaign({
          ...(b as Json),
          name,
          creation_status: "IN_PROGRESS",
          vouchers_generation_status: "IN_PROGRESS",
          vouchers_count: 0,
          active: true,
        });
        this.polls.set(c.id, 0);
        c.requested_count = b.vouchers_count;
        const promotion = b.promotion as { tiers?: Json[] } | undefined;
        for (const tier of promotion?.tiers ?? []) this.addTier(c.id, tier);
        for (const rule of (b.validation_rules as string[] | undefined) ?? [])
          this.assign(rule, "campaign", c.id);
        return this.render(c);
      }
      const c = this.find(key);
      if (!c) throw this.notFound(method, path, `campaign with id ${key}`);
      if (sub === undefined) {
        if (method === "GET") {
          const n = (this.polls.get(c.id) || 0) + 1;
          this.polls.set(c.id, n);
          if (c.creation_status !== "DONE" && n >= this.pollsUntilReady) {
            c.creation_status = "DONE";
            c.vouchers_generation_status = "DONE";
            c.vouchers_count = typeof c.requested_count === "number" ? c.requested_count : 0;
          }
          return this.render(c);
        }
        if (method === "PUT") {
          Object.assign(c, body as Json);
          return this.render(c);
        }
        if (method === "DELETE") {
          this.campaigns.delete(c.id);
          return this.action("CAMPAIGN.VOUCHERS_DELETE", {
            message: "Deleted",
            done_count: 0,
            force: query.force,
          });
        }
      }
      if (method === "POST" && sub === "enable") {
        c.active = true;
        return {};
      }
      if (method === "POST" && sub === "disable") {
        c.active = false;
        return {};
      }
      if (method === "POST" && sub === "vouchers" && parts[5] !== undefined) {
        const code = String(parts[5]);
        if (this.vouchers.has(code))
          throw apiError(409, method, path, "duplicate_found", `Duplicated voucher ${code}`);
        const reason = this.importFailures.get(code);
        if (reason !== undefined) throw apiError(400, method, path, "invalid_voucher", reason);
        const voucher = { ...(body as Json), code, campaign_id: c.id };
        this.vouchers.set(code, voucher);
        c.vouchers_count = Number(c.vouchers_count) + 1;
        return voucher;
      }
      if (method === "POST" && sub === "importCSV") {
        const rows = parseVoucherCsv((body as Multipart).content).items;
        for (const row of rows) this.vouchers.set(row.code, { code: row.code, campaign_id: c.id });
        c.vouchers_count = Number(c.vouchers_count) + rows.length;
        return this.action("CAMPAIGN.VOUCHERS_IMPORT_CSV", {
          done_count: rows.length,
          failed_count: 0,
          failed: [],
        });
      }
      if (method === "POST" && sub === "import") {
        const items = body as Json[];
        const failed: Json[] = [];
        let done = 0;
        for (const item of items) {
          const code = String(item.code);
          const reason = this.importFailures.get(code);
          if (reason !== undefined) failed.push({ code, reason });
          else {
            this.vouchers.set(code, { ...item, campaign_id: c.id });
            done++;
          }
        }
        c.vouchers_count = Number(c.vouchers_count) + done;
        return this.action("CAMPAIGN.VOUCHERS_IMPORT", {
          message: `${done} voucher(s) imported successfully, ${failed.length} failed.`,
          done_count: done,
          failed_count: failed.length,
          failed,
        });
      }
    }
    if (parts[2] === "promotions") return this.routeTiers(method, parts, body);
    if ((parts[2] === "redemptions" || parts[2] === "publications") && method === "GET") {
      const name = String(query.campaign);
      const total = (parts[2] === "redemptions" ? this.redeemed : this.published).get(name) ?? 0;
      return { object: "list", data_ref: parts[2], [parts[2]]: [], total };
    }
    if (parts[2] === "validation-rules" || parts[2] === "validation-rules-assignments") {
      return this.routeAssignments(method, path, parts, query, body);
    }
    if (parts[2] === "async-actions" && method === "GET") {
      const a = this.actions.get(String(parts[3]));
      if (!a) throw this.notFound(method, path, "async action");
      return a;
    }
    throw new Error(`FakeVoucherify: unrouted ${method} ${path}`);
  }

  /** The campaign as GET answers it: its tiers and its rule assignments rendered in. */
  private render(c: FakeCampaign): Json {
    const out: Json = { ...c };
    if (c.campaign_type === "PROMOTION") {
      const tiers = [...this.tiers.values()]
        .filter((t) => t.campaign_id === c.id)
        .map((t) => this.renderTier(t));
      out.promotion = { object: "list", data_ref: "tiers", tiers, total: tiers.length, has_more: false };
    }
    out.validation_rules_assignments = this.assignmentList(c.id);
    delete out.validation_rules;
    return out;
  }

  private renderTier(t: Json): Json {
    return { ...t, validation_rule_assignments: this.assignmentList(String(t.id)) };
  }

  private assignmentList(relatedId: string): Json {
    const data = [...this.assignments.values()].filter((a) => a.related_object_id === relatedId);
    return { object: "list", data_ref: "data", data, total: data.length };
  }

  private addTier(campaignId: string, body: Json): Json {
    const { validation_rules: rules, ...fields } = body;
    const tier: Json = {
      active: true,
      ...fields,
      id: `promo_${++this.seq}`,
      object: "promotion_tier",
      campaign_id: campaignId,
    };
    this.tiers.set(String(tier.id), tier);
    for (const rule of (rules as string[] | undefined) ?? [])
      this.assign(rule, "promotion_tier", String(tier.id));
    return tier;
  }

  private assign(ruleId: string, type: string, relatedId: string): Json {
    const a = {
      id: `asgm_${++this.seq}`,
      rule_id: ruleId,
      related_object_id: relatedId,
      related_object_type: type,
    };
    this.assignments.set(a.id, a);
    return a;
  }

  private routeTiers(method: string, parts: string[], body: unknown): unknown {
    const path = parts.join("/");
    // ["", "v1", "promotions", campaignId, "tiers"] or ["", "v1", "promotions", "tiers", tierId, action?]
    if (parts[3] !== "tiers") {
      const c = this.find(String(parts[3]));
      if (!c) throw this.notFound(method, path, "campaign");
      if (method === "POST") return this.renderTier(this.addTier(c.id, body as Json));
      const tiers = [...this.tiers.values()].filter((t) => t.campaign_id === c.id);
      return {
        object: "list",
        data_ref: "tiers",
        tiers: tiers.map((t) => this.renderTier(t)),
        total: tiers.length,
      };
    }
    const tier = this.tiers.get(String(parts[4]));
    if (!tier) throw this.notFound(method, path, "promotion tier");
    const action = parts[5];
    if (method === "POST" && (action === "enable" || action === "disable")) {
      tier.active = action === "enable";
      return this.renderTier(tier);
    }
    if (method === "PUT") {
      Object.assign(tier, body as Json);
      return this.renderTier(tier);
    }
    if (method === "DELETE") {
      this.tiers.delete(String(tier.id));
      return undefined;
    }
    return this.renderTier(tier);
  }

  private routeAssignments(
    method: string,
    path: string,
    parts: string[],
    query: Json,
    body: unknown,
  ): unknown {
    if (parts[2] === "validation-rules-assignments") {
      const data = [...this.assignments.values()].filter(
        (a) =>
          (query.related_object_id === undefined || a.related_object_id === query.related_object_id) &&
          (query.rule === undefined || a.rule_id === query.rule),
      );
      return { object: "list", data_ref: "data", data, total: data.length };
    }
    const ruleId = String(parts[3]);
    if (method === "POST") {
      const b = body as { related_object_type: string; related_object_id: string };
      for (const a of this.assignments.values()) {
        if (a.rule_id === ruleId && a.related_object_id === b.related_object_id) {
          throw apiError(409, method, path, "duplicate_found", "Assignment exists");
        }
      }
      return this.assign(ruleId, b.related_object_type, b.related_object_id);
    }
    if (method === "DELETE") {
      const id = String(parts[5]);
      if (!this.assignments.delete(id)) throw this.notFound(method, path, "assignment");
      return undefined;
    }
    throw new Error(`FakeVoucherify: unrouted ${method} ${path}`);
  }
}

function throwing(e: Error): never {
  throw e;
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

export function networkError(): NetworkError {
  return new NetworkError("POST", "/v1/campaigns", new Error("socket hang up"));
}
