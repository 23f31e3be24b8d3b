/**
 * Validation rules (documentation/openapi/validation-rules.json) and their assignments (API-NOTES §15): the
 * campaign update body has no `validation_rules`, so a campaign's or a tier's rule changes by assigning the new
 * rule and removing the old assignment. A rule edit is one PUT (partial: absent fields are kept).
 */
import {
  type ApiValidationRule,
  validationRuleListSchema,
  validationRuleResponseSchema,
} from "../schema/validation-rule";
import {
  type ApiAssignment,
  assignmentListSchema,
  assignmentResponseSchema,
  emptyObjectSchema,
} from "../schema/wire";
import { isVoucherifyApiError } from "./errors";
import type { VoucherifyHttp } from "./http";

function rulePath(id: string): string {
  return `/v1/validation-rules/${encodeURIComponent(id)}`;
}

/** POST /v1/validation-rules (body from toRuleCreateBody). Retried on 429 only: after a 5xx the rule may exist. */
export function createRule(http: VoucherifyHttp, body: Record<string, unknown>): Promise<ApiValidationRule> {
  return http.request({
    method: "POST",
    path: "/v1/validation-rules",
    body,
    schema: validationRuleResponseSchema(),
  });
}

/** GET /v1/validation-rules/{id} (by ID: the docs name no lookup by name). */
export function getRule(http: VoucherifyHttp, id: string): Promise<ApiValidationRule> {
  return http.request({ method: "GET", path: rulePath(id), schema: validationRuleResponseSchema() });
}

/** PUT /v1/validation-rules/{id} (body from toRuleUpdateBody). */
export function updateRule(
  http: VoucherifyHttp,
  id: string,
  body: Record<string, unknown>,
): Promise<ApiValidationRule> {
  return http.request({ method: "PUT", path: rulePath(id), body, schema: validationRuleResponseSchema() });
}

/** DELETE answers 204. */
export async function deleteRule(http: VoucherifyHttp, id: string): Promise<void> {
  await http.request({ method: "DELETE", path: rulePath(id), schema: emptyObjectSchema() });
}

/** GET /v1/validation-rules: one page (`limit` 1..100, `page`), in `order`. */
export async function listRules(
  http: VoucherifyHttp,
  q: { page: number; limit?: number; order?: string },
): Promise<{ data: ApiValidationRule[]; total?: number | null }> {
  return http.request({
    method: "GET",
    path: "/v1/validation-rules",
    query: { limit: q.limit ?? 100, page: q.page, order: q.order },
    schema: validationRuleListSchema(),
  });
}

/** Pages of ListRules the API serves (ParameterPage: 1..100). */
const MAX_RULE_PAGES = 100;

/**
 * The rule named exactly `name`, or undefined: names are unique ("Custom, unique name for set of validation
 * rules", ValidationRuleBase). The docs offer no name filter, so pages of 100 (ordered by name, for stable pages)
 * are read until it is found or the list ends. The API's collation is unknown, so the scan never stops early.
 */
export async function findRuleByName(
  http: VoucherifyHttp,
  name: string,
): Promise<ApiValidationRule | undefined> {
  for (let page = 1; page <= MAX_RULE_PAGES; page++) {
    const list = await listRules(http, { page, order: "name" });
    const found = list.data.find((r) => r.name === name);
    if (found) return found;
    if (list.data.length < 100) return undefined;
  }
  return undefined;
}

export type RelatedObjectType = "campaign" | "promotion_tier";

function assignmentsPath(ruleId: string, suffix = ""): string {
  return `/v1/validation-rules/${encodeURIComponent(ruleId)}/assignments${suffix}`;
}

/**
 * POST /v1/validation-rules/{id}/assignments. An identical assignment that exists already (409 duplicate_found,
 * e.g. after a retried request that had reached the server) counts as done.
 */
export async function assignRule(
  http: VoucherifyHttp,
  ruleId: string,
  related: { type: RelatedObjectType; id: string },
): Promise<void> {
  try {
    await http.request({
      method: "POST",
      path: assignmentsPath(ruleId),
      body: { related_object_type: related.type, related_object_id: related.id },
      schema: assignmentResponseSchema(),
      retry: "idempotent",
    });
  } catch (e) {
    if (isVoucherifyApiError(e) && e.status === 409) return;
    throw e;
  }
}

/** GET /v1/validation-rules-assignments for one object (and rule). */
export async function listAssignments(
  http: VoucherifyHttp,
  q: { relatedObjectId: string; ruleId?: string },
): Promise<ApiAssignment[]> {
  const list = await http.request({
    method: "GET",
    path: "/v1/validation-rules-assignments",
    query: { related_object_id: q.relatedObjectId, rule: q.ruleId, limit: 100 },
    schema: assignmentListSchema(),
  });
  return list.data;
}

/** DELETE /v1/validation-rules/{id}/assignments/{assignmentId} (204). */
export async function deleteAssignment(
  http: VoucherifyHttp,
  ruleId: string,
  assignmentId: string,
): Promise<void> {
  await http.request({
    method: "DELETE",
    path: assignmentsPath(ruleId, `/${encodeURIComponent(assignmentId)}`),
    schema: emptyObjectSchema(),
  });
}
