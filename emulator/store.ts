// The emulator's state: campaigns by id and name (binned ones keep their name), a project-wide
// code index (binned vouchers keep their code), categories and async actions. No HTTP here; the
// routes turn requests into calls on this store, and `snapshot()`/`restore()` give the JSON form
// used by the optional state file.
import type { IdFactory } from "./ids";
import type { PromotionStackRec } from "./promotion-stacks";
import type { Json } from "./validate";

export type RecordState = "live" | "bin";

export interface CampaignRec {
  seq: number;
  state: RecordState;
  /** Stored API fields; computed ones (vouchers_count, categories, assignments) are added on render. */
  data: Json;
}

export interface VoucherRec {
  seq: number;
  /** "deleting": hidden while a campaign delete job runs; the code stays reserved until it ends. */
  state: RecordState | "deleting";
  data: Json;
}

export interface CategoryRec {
  id: string;
  name: string;
  hierarchy: number;
  created_at: string;
  /** Set by PUT /v1/categories/{id} (emulator/categories.ts). */
  updated_at?: string;
}

export type AsyncActionType =
  | "CAMPAIGN.VOUCHERS_GENERATE"
  | "CAMPAIGN.VOUCHERS_IMPORT"
  | "CAMPAIGN.VOUCHERS_IMPORT_CSV"
  | "CAMPAIGN.VOUCHERS_UPDATE"
  | "CAMPAIGN.VOUCHERS_DELETE"
  | "VOUCHERS.BULK_UPDATE"
  | "VOUCHERS.METADATA_UPDATE";

export const ASYNC_ACTION_TYPES: AsyncActionType[] = [
  "CAMPAIGN.VOUCHERS_GENERATE",
  "CAMPAIGN.VOUCHERS_IMPORT",
  "CAMPAIGN.VOUCHERS_IMPORT_CSV",
  "CAMPAIGN.VOUCHERS_UPDATE",
  "CAMPAIGN.VOUCHERS_DELETE",
  "VOUCHERS.BULK_UPDATE",
  "VOUCHERS.METADATA_UPDATE",
];

/** One voucher of an import: its overrides, or the reason it will end in `result.failed[]`. */
export interface ImportEntry {
  code: string;
  /** 1-based CSV row, header excluded (CSV imports only). */
  row?: number;
  overrides?: Json;
  error?: string;
}

/** What an async action does, as data, so a persisted pending action can resume after a restart. */
export type JobSpec =
  | {
      kind: "generate";
      campaignId: string;
      count: number;
      codeConfig: Json;
      overrides: Json;
      /** true when started by campaign create: drives creation_status / vouchers_generation_status. */
      forCreate: boolean;
    }
  | { kind: "import"; campaignId: string; entries: ImportEntry[] }
  | {
      kind: "update";
      campaignId: string;
      /** The campaign's vouchers when the PUT arrived; the action works through them in order. */
      codes: string[];
      /** The campaign's discount before and after (plus `gift_effect`): vouchers still holding the old follow. */
      previous: Json;
      next: Json;
      /** Time limits and category the PUT carried: written to every voucher not published or redeemed. */
      overwrite?: Json;
      /** Campaign metadata changes, applied to every voucher (campaigns using the voucher metadata schema). */
      metadata?: { set: Json; unset: string[] };
    }
  | { kind: "delete"; campaignId: string; codes: string[]; force: boolean }
  | { kind: "metadata"; entries: MetadataEntry[]; mode: BulkMetadataMode };

/** One code of a bulk metadata update (VOUCHERS.BULK_UPDATE / VOUCHERS.METADATA_UPDATE). */
export interface MetadataEntry {
  code: string;
  metadata: Json;
}

/** How a bulk metadata update treats the metadata a voucher already has (undocumented, see README). */
export const BULK_METADATA_MODES = ["merge", "replace"] as const;
export type BulkMetadataMode = (typeof BULK_METADATA_MODES)[number];

export interface AsyncActionRec {
  seq: number;
  id: string;
  type: AsyncActionType;
  status: "ENQUEUED" | "IN_PROGRESS" | "DONE" | "FAILED";
  progress: number;
  created_at: string;
  updated_at: string;
  request_id: string;
  processing_time?: number;
  result?: Json;
  job: JobSpec;
  cursor: number;
  doneCount: number;
  failed: Json[];
  injectedFailure: boolean;
  /** With an injected failure: how many items the action applies before it ends FAILED (default 0). */
  processedBeforeFailure?: number;
}

// --- promotion tiers, validation rules and assignments, exports (logic in the modules of the same names) ---

export interface PromotionTierRec {
  seq: number;
  campaignId: string;
  /** Stored API fields; campaign, summary and assignments are added on render. */
  data: Json;
}

export interface ValidationRuleRec {
  seq: number;
  data: Json;
}

export const RELATED_OBJECT_TYPES = [
  "voucher",
  "promotion_tier",
  "campaign",
  "earning_rule",
  "distribution",
  "reward_assignment",
] as const;
export type RelatedObjectType = (typeof RELATED_OBJECT_TYPES)[number];

export interface AssignmentRec {
  seq: number;
  id: string;
  rule_id: string;
  related_object_id: string;
  related_object_type: RelatedObjectType;
  created_at: string;
}

export interface ExportRec {
  seq: number;
  id: string;
  created_at: string;
  status: "SCHEDULED" | "IN_PROGRESS" | "DONE" | "ERROR";
  /** `parameters` as the client sent them (echoed back). */
  parameters: Json;
  /** Secret of the download URL. */
  token: string;
  /** Origin of the emulator the export was requested from; the download URL points there. */
  origin: string;
  /** The file, written when the export is DONE. */
  csv?: string;
}

/** A publication or a redemption of a voucher (made by POST /_emulator/vouchers/{code}/publish|redeem). */
export interface VoucherEventRec {
  seq: number;
  voucherId: string;
  /** The name of the voucher's campaign when it happened: what `campaign=` of the lists matches. */
  campaign: string | null;
  /** The ID of that campaign (absent in state files of older versions). */
  campaignId?: string;
  /** The API object the list shows. */
  data: Json;
}

export interface Snapshot {
  version: 1;
  seq: number;
  campaigns: CampaignRec[];
  vouchers: VoucherRec[];
  categories: CategoryRec[];
  asyncActions: AsyncActionRec[];
  /** Optional so state files written before these endpoints existed still load. */
  promotionTiers?: PromotionTierRec[];
  validationRules?: ValidationRuleRec[];
  assignments?: AssignmentRec[];
  exports?: ExportRec[];
  publications?: VoucherEventRec[];
  redemptions?: VoucherEventRec[];
  promotionStacks?: PromotionStackRec[];
}

export const MAX_CODES_PER_CAMPAIGN = 100_000;

export class Store {
  seq = 0;
  readonly campaigns = new Map<string, CampaignRec>();
  readonly campaignNames = new Map<string, CampaignRec>();
  readonly vouchers = new Map<string, VoucherRec>();
  readonly voucherIds = new Map<string, string>();
  readonly campaignVouchers = new Map<string, Map<string, VoucherRec>>();
  readonly categories = new Map<string, CategoryRec>();
  readonly asyncActions = new Map<string, AsyncActionRec>();
  readonly promotionTiers = new Map<string, PromotionTierRec>();
  readonly validationRules = new Map<string, ValidationRuleRec>();
  readonly assignments = new Map<string, AssignmentRec>();
  readonly exports = new Map<string, ExportRec>();
  /** By ID, in the order they were made. */
  readonly publications = new Map<string, VoucherEventRec>();
  readonly redemptions = new Map<string, VoucherEventRec>();
  readonly promotionStacks = new Map<string, PromotionStackRec>();

  constructor(
    readonly ids: IdFactory,
    /** 100,000 by default (API-NOTES §10); lowered only by tests. */
    readonly maxCodesPerCampaign: number = MAX_CODES_PER_CAMPAIGN,
  ) {}

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  clear(): void {
    this.seq = 0;
    this.campaigns.clear();
    this.campaignNames.clear();
    this.vouchers.clear();
    this.voucherIds.clear();
    this.campaignVouchers.clear();
    this.categories.clear();
    this.asyncActions.clear();
    this.promotionTiers.clear();
    this.validationRules.clear();
    this.assignments.clear();
    this.exports.clear();
    this.publications.clear();
    this.redemptions.clear();
    this.promotionStacks.clear();
  }

  // --- campaigns ---

  addCampaign(data: Json): CampaignRec {
    const rec: CampaignRec = { seq: this.nextSeq(), state: "live", data };
    this.indexCampaign(rec);
    return rec;
  }

  private indexCampaign(rec: CampaignRec): void {
    this.campaigns.set(String(rec.data.id), rec);
    this.campaignNames.set(String(rec.data.name), rec);
    this.campaignVouchers.set(String(rec.data.id), new Map());
  }

  /** `{campaignId}` path parameter: the ID or the name; binned campaigns are not found. */
  findCampaign(idOrName: string): CampaignRec | undefined {
    const rec = this.campaigns.get(idOrName) ?? this.campaignNames.get(idOrName);
    return rec && rec.state === "live" ? rec : undefined;
  }

  nameTaken(name: string): boolean {
    return this.campaignNames.has(name);
  }

  removeCampaign(rec: CampaignRec): void {
    this.campaigns.delete(String(rec.data.id));
    if (this.campaignNames.get(String(rec.data.name)) === rec)
      this.campaignNames.delete(String(rec.data.name));
  }

  liveVouchers(campaignId: string): VoucherRec[] {
    const out: VoucherRec[] = [];
    for (const v of this.campaignVouchers.get(campaignId)?.values() ?? [])
      if (v.state === "live") out.push(v);
    return out;
  }

  liveVoucherCount(campaignId: string): number {
    let n = 0;
    for (const v of this.campaignVouchers.get(campaignId)?.values() ?? []) if (v.state === "live") n++;
    return n;
  }

  /** Codes that count against the 100,000-per-campaign limit (live vouchers). */
  capacityLeft(campaignId: string): number {
    return this.maxCodesPerCampaign - this.liveVoucherCount(campaignId);
  }

  // --- vouchers ---

  codeTaken(code: string): boolean {
    return this.vouchers.has(code);
  }

  addVoucher(data: Json): VoucherRec {
    const rec: VoucherRec = { seq: this.nextSeq(), state: "live", data };
    this.indexVoucher(rec);
    return rec;
  }

  /** Makes a voucher findable by code, by ID and among its campaign's codes. */
  private indexVoucher(rec: VoucherRec): void {
    const code = String(rec.data.code);
    this.vouchers.set(code, rec);
    this.voucherIds.set(String(rec.data.id), code);
    const campaignId = rec.data.campaign_id;
    if (typeof campaignId === "string") {
      let byCode = this.campaignVouchers.get(campaignId);
      if (!byCode) {
        byCode = new Map();
        this.campaignVouchers.set(campaignId, byCode);
      }
      byCode.set(code, rec);
    }
  }

  /** `{code}` path parameter: the code or the voucher ID; binned vouchers are not found. */
  findVoucher(codeOrId: string): VoucherRec | undefined {
    const rec = this.vouchers.get(codeOrId) ?? this.vouchers.get(this.voucherIds.get(codeOrId) ?? "\u0000");
    return rec && rec.state === "live" ? rec : undefined;
  }

  /**
   * DELETE of a voucher or of its campaign: the voucher goes to the bin (its code stays reserved) or, when
   * `permanent`, is freed. Its redemptions go with it ("this operation removes any redemptions on the voucher").
   */
  deleteVoucher(rec: VoucherRec, permanent: boolean): void {
    if (permanent) this.removeVoucher(rec);
    else rec.state = "bin";
    this.dropRedemptions(new Set([String(rec.data.id)]));
  }

  dropRedemptions(voucherIds: ReadonlySet<string>): void {
    if (voucherIds.size === 0) return;
    for (const [id, r] of this.redemptions) if (voucherIds.has(r.voucherId)) this.redemptions.delete(id);
  }

  /** Permanently frees a code (force delete). */
  removeVoucher(rec: VoucherRec): void {
    const code = String(rec.data.code);
    if (this.vouchers.get(code) === rec) this.vouchers.delete(code);
    this.voucherIds.delete(String(rec.data.id));
    const campaignId = rec.data.campaign_id;
    if (typeof campaignId === "string") this.campaignVouchers.get(campaignId)?.delete(code);
  }

  // --- categories ---

  findCategory(idOrName: string): CategoryRec | undefined {
    const byId = this.categories.get(idOrName);
    if (byId) return byId;
    for (const c of this.categories.values()) if (c.name === idOrName) return c;
    return undefined;
  }

  /** Categories named on a campaign or voucher are created on first use (see README). */
  ensureCategory(name: string, now: string): CategoryRec {
    const existing = this.findCategory(name);
    if (existing && existing.name === name) return existing;
    const rec: CategoryRec = { id: this.ids.category(), name, hierarchy: 0, created_at: now };
    this.categories.set(rec.id, rec);
    return rec;
  }

  // --- async actions ---

  addAsyncAction(rec: AsyncActionRec): void {
    this.asyncActions.set(rec.id, rec);
  }

  // --- persistence ---

  snapshot(): Snapshot {
    return {
      version: 1,
      seq: this.seq,
      campaigns: [...this.campaigns.values()],
      vouchers: [...this.vouchers.values()],
      categories: [...this.categories.values()],
      asyncActions: [...this.asyncActions.values()],
      promotionTiers: [...this.promotionTiers.values()],
      validationRules: [...this.validationRules.values()],
      assignments: [...this.assignments.values()],
      exports: [...this.exports.values()],
      publications: [...this.publications.values()],
      redemptions: [...this.redemptions.values()],
      promotionStacks: [...this.promotionStacks.values()],
    };
  }

  restore(snapshot: Snapshot): void {
    this.clear();
    this.seq = snapshot.seq;
    for (const c of snapshot.categories) this.categories.set(c.id, c);
    for (const c of snapshot.campaigns) this.indexCampaign(c);
    for (const v of [...snapshot.vouchers].sort((a, b) => a.seq - b.seq)) this.indexVoucher(v);
    for (const a of snapshot.asyncActions) this.asyncActions.set(a.id, a);
    for (const t of snapshot.promotionTiers ?? []) this.promotionTiers.set(String(t.data.id), t);
    for (const r of snapshot.validationRules ?? []) this.validationRules.set(String(r.data.id), r);
    for (const a of snapshot.assignments ?? []) this.assignments.set(a.id, a);
    for (const e of snapshot.exports ?? []) this.exports.set(e.id, e);
    for (const p of snapshot.publications ?? []) this.publications.set(String(p.data.id), p);
    for (const r of snapshot.redemptions ?? []) this.redemptions.set(String(r.data.id), r);
    for (const s of snapshot.promotionStacks ?? []) this.promotionStacks.set(String(s.data.id), s);
  }
}

export function isSnapshot(value: unknown): value is Snapshot {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.version === 1 &&
    typeof v.seq === "number" &&
    Array.isArray(v.campaigns) &&
    Array.isArray(v.vouchers) &&
    Array.isArray(v.categories) &&
    Array.isArray(v.asyncActions)
  );
}
