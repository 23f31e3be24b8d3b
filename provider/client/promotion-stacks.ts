/**
 * Promotion stack endpoints (documentation/openapi/promotions.json, "Promotion Stacks"). A stack lives under its
 * campaign: every call but the project-wide list needs the campaign ID. An edit (reorder, rename, category) is
 * one PUT. Path parameters are always encodeURIComponent'ed.
 */
import {
  type ApiPromotionStack,
  type PromotionStackBody,
  promotionStackListSchema,
  promotionStackResponseSchema,
} from "../schema/promotion-stack";
import { emptyObjectSchema } from "../schema/wire";
import type { VoucherifyHttp } from "./http";

function stacksPath(campaignId: string, stackId?: string): string {
  const base = `/v1/promotions/${encodeURIComponent(campaignId)}/stacks`;
  return stackId === undefined ? base : `${base}/${encodeURIComponent(stackId)}`;
}

/** POST /v1/promotions/{campaignId}/stacks. Retried on 429 only: after a 5xx the stack may exist. */
export function createStack(
  http: VoucherifyHttp,
  campaignId: string,
  body: PromotionStackBody,
): Promise<ApiPromotionStack> {
  return http.request({
    method: "POST",
    path: stacksPath(campaignId),
    body,
    schema: promotionStackResponseSchema(),
  });
}

export function getStack(
  http: VoucherifyHttp,
  campaignId: string,
  stackId: string,
): Promise<ApiPromotionStack> {
  return http.request({
    method: "GET",
    path: stacksPath(campaignId, stackId),
    schema: promotionStackResponseSchema(),
  });
}

export function updateStack(
  http: VoucherifyHttp,
  campaignId: string,
  stackId: string,
  body: PromotionStackBody,
): Promise<ApiPromotionStack> {
  return http.request({
    method: "PUT",
    path: stacksPath(campaignId, stackId),
    body,
    schema: promotionStackResponseSchema(),
  });
}

/** DELETE answers 204. */
export async function deleteStack(http: VoucherifyHttp, campaignId: string, stackId: string): Promise<void> {
  await http.request({
    method: "DELETE",
    path: stacksPath(campaignId, stackId),
    schema: emptyObjectSchema(),
  });
}

/** GET /v1/promotions/{campaignId}/stacks: the campaign's stacks in one answer (no paging parameters). */
export async function listStacks(http: VoucherifyHttp, campaignId: string): Promise<ApiPromotionStack[]> {
  const list = await http.request({
    method: "GET",
    path: stacksPath(campaignId),
    schema: promotionStackListSchema(),
  });
  return list.data;
}

/**
 * The campaign's stack named exactly `name`, or undefined (e.g. to find a stack whose create answer was lost).
 * Stack names are not documented as unique; the oldest match is taken.
 */
export async function findStackByName(
  http: VoucherifyHttp,
  campaignId: string,
  name: string,
): Promise<ApiPromotionStack | undefined> {
  return (await listStacks(http, campaignId)).find((s) => s.name === name);
}
