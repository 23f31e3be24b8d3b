/** Promotion tier endpoints (API-NOTES §15): tiers of a PROMOTION campaign change in place through these. */
import { type ApiTier, emptyObjectSchema, tierListSchema, tierResponseSchema } from "../schema/wire";
import type { VoucherifyHttp } from "./http";

function tierPath(tierId: string, suffix = ""): string {
  return `/v1/promotions/tiers/${encodeURIComponent(tierId)}${suffix}`;
}

/** GET /v1/promotions/{campaignId}/tiers (a campaign holds few tiers: one page of 100). */
export async function listTiers(http: VoucherifyHttp, campaignId: string): Promise<ApiTier[]> {
  const list = await http.request({
    method: "GET",
    path: `/v1/promotions/${encodeURIComponent(campaignId)}/tiers`,
    query: { limit: 100 },
    schema: tierListSchema(),
  });
  return list.tiers;
}

/** POST /v1/promotions/{campaignId}/tiers. Retried on 429 only: after a 5xx the tier may exist. */
export function createTier(
  http: VoucherifyHttp,
  campaignId: string,
  body: Record<string, unknown>,
): Promise<ApiTier> {
  return http.request({
    method: "POST",
    path: `/v1/promotions/${encodeURIComponent(campaignId)}/tiers`,
    body,
    schema: tierResponseSchema(),
  });
}

export function updateTier(
  http: VoucherifyHttp,
  tierId: string,
  body: Record<string, unknown>,
): Promise<ApiTier> {
  return http.request({ method: "PUT", path: tierPath(tierId), body, schema: tierResponseSchema() });
}

/** DELETE answers 204. */
export async function deleteTier(http: VoucherifyHttp, tierId: string): Promise<void> {
  await http.request({ method: "DELETE", path: tierPath(tierId), schema: emptyObjectSchema() });
}

/** Enable/disable set a state: idempotent, so 5xx and network errors are retried. */
export async function setTierActive(http: VoucherifyHttp, tierId: string, active: boolean): Promise<void> {
  await http.request({
    method: "POST",
    path: tierPath(tierId, active ? "/enable" : "/disable"),
    body: {},
    schema: emptyObjectSchema(),
    retry: "idempotent",
  });
}
