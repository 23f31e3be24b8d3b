// Outputs the API computes. Their names never collide with an input name (`isActive` vs the `active` input,
// `totalVouchers` vs `vouchersCount`, `categoryIdActual` vs `categoryId`), so outputs = inputs + these, and a
// preview right after apply compares only input-shaped fields.
import type { ApiCampaign } from "../schema/wire";

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
] as const;

export function computedOutputs(api: ApiCampaign): ComputedOutputs {
  const out: ComputedOutputs = {
    campaignId: api.id,
    createdAt: api.created_at ?? "",
    creationStatus: api.creation_status ?? "",
    vouchersGenerationStatus: api.vouchers_generation_status ?? "",
    totalVouchers: api.vouchers_count ?? 0,
    isActive: api.active ?? true,
  };
  if (typeof api.updated_at === "string") out.updatedAt = api.updated_at;
  if (api.category_id !== undefined) out.categoryIdActual = api.category_id;
  return out;
}
