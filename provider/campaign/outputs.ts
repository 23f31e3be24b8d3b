// Outputs the API computes. Their names never collide with an input name (`isActive` vs the `active` input,
// `totalVouchers` vs `vouchersCount`, `categoryIdActual` vs `categoryId`, `tierIds` vs `promotion.tiers`), so
// outputs = inputs + these, and a preview right after apply compares only input-shaped fields.

import type { ApiCampaign } from "../schema/wire";

type Json = Record<string, unknown>;

export type ComputedOutputs = {
  /** Voucherify campaign ID (`camp_…`); also the resource id. */
  campaignId: string;
  createdAt: string;
  updatedAt?: string;
  /** DONE, IN_PROGRESS, FAILED, DRAFT or MODIFYING. */
  creationStatus: string;
  vouchersGenerationStatus: string;
  /** Number of codes the campaign holds (the API's `vouchers_count`). */
  totalVouchers: number;
  /** Whether the campaign is enabled (the API's `active`). */
  isActive: boolean;
  /** The category ID the API reports (also when the category was given by name). */
  categoryIdActual?: string | null;
  /** PROMOTION: each tier's ID (`promo_…`) by its key. */
  tierIds?: Record<string, string>;
  /** Codes this resource generated (`vouchersCount` growth is measured against it). */
  vouchersGenerated?: number;
  /** Set when an import may or may not have taken effect: the next `up` reads the campaign's codes first. */
  vouchersUnverified?: boolean;
};

/** Names of the computed outputs (to tell them apart from inputs in state). */
export const COMPUTED_OUTPUT_KEYS = [
  "campaignId",
  "createdAt",
  "updatedAt",
  "creationStatus",
  "vouchersGenerationStatus",
  "totalVouchers",
  "isActive",
  "categoryIdActual",
  "tierIds",
  "vouchersGenerated",
  "vouchersUnverified",
] as const;

/** Computed outputs fixed once the campaign exists. */
export const STABLE_COMPUTED_KEYS = ["campaignId", "createdAt"] as const;

export interface ComputedExtras {
  /** Codes added (or removed, negative) since `api` was read: keeps `totalVouchers` current without a GET. */
  countDelta?: number;
  tierIds?: Record<string, string>;
}

export function computedOutputs(api: ApiCampaign, extras: ComputedExtras = {}): ComputedOutputs {
  const out: ComputedOutputs = {
    campaignId: api.id,
    createdAt: api.created_at ?? "",
    creationStatus: api.creation_status ?? "",
    vouchersGenerationStatus: api.vouchers_generation_status ?? "",
    totalVouchers: (api.vouchers_count ?? 0) + (extras.countDelta ?? 0),
    isActive: api.active ?? true,
  };
  if (typeof api.updated_at === "string") out.updatedAt = api.updated_at;
  if (api.category_id !== undefined) out.categoryIdActual = api.category_id;
  if (extras.tierIds !== undefined && Object.keys(extras.tierIds).length > 0) out.tierIds = extras.tierIds;
  return out;
}

/** `totalVouchers` plus the codes a sync added or removed since it was read (saves a GET after every import). */
export function computedWithDelta(computed: Json, delta: number): Json {
  const total = computed.totalVouchers;
  return typeof total === "number" && delta !== 0 ? { ...computed, totalVouchers: total + delta } : computed;
}

/** Computed outputs with the tier IDs as they are now. */
export function withTierIds(computed: Json, tierIds: Record<string, string>): Json {
  const { tierIds: _old, ...rest } = computed;
  return Object.keys(tierIds).length === 0 ? rest : { ...rest, tierIds };
}

/** Computed outputs after a code sync: its count delta, what it generated, and whether its outcome is certain. */
export function withCodeOutcome(
  computed: Json,
  outcome: { countDelta: number; generated: number; uncertain: boolean },
): Json {
  const {
    vouchersGenerated: _g,
    vouchersUnverified: _u,
    ...rest
  } = computedWithDelta(computed, outcome.countDelta);
  return {
    ...rest,
    ...(outcome.generated > 0 ? { vouchersGenerated: outcome.generated } : {}),
    ...(outcome.uncertain ? { vouchersUnverified: true } : {}),
  };
}
