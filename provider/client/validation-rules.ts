/**
 * Validation-rule assignments (API-NOTES §15): the campaign update body has no `validation_rules`, so a campaign's
 * or a tier's rule changes by assigning the new rule and removing the old assignment.
 */
import {
  type ApiAssignment,
  assignmentListSchema,
  assignmentResponseSchema,
  emptyObjectSchema,
} from "../schema/wire";
import { isVoucherifyApiError } from "./errors";
import type { VoucherifyHttp } from "./http";

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
