// Validation rules of a campaign or a promotion tier, changed in place through the assignments API: the new rule
// is assigned first, then the old assignment removed, so the object is never left without its rule in between.
import { isNotFound } from "../client/errors";
import type { VoucherifyHttp } from "../client/http";
import {
  assignRule,
  deleteAssignment,
  listAssignments,
  type RelatedObjectType,
} from "../client/validation-rules";

function ids(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;
}

/**
 * Brings the object's assigned rules from `before` to `after` (rule ID lists). An `after` left unset stops managing
 * the rules (nothing is removed). Costs one POST per added rule and a GET + DELETE per removed one.
 */
export async function syncAssignments(
  http: VoucherifyHttp,
  related: { type: RelatedObjectType; id: string },
  before: unknown,
  after: unknown,
): Promise<void> {
  const wanted = ids(after);
  if (wanted === undefined) return;
  const had = ids(before) ?? [];
  for (const rule of wanted) if (!had.includes(rule)) await assignRule(http, rule, related);
  for (const rule of had) {
    if (wanted.includes(rule)) continue;
    const found = await listAssignments(http, { relatedObjectId: related.id, ruleId: rule });
    for (const a of found) {
      if (a.rule_id !== rule || (a.related_object_id ?? related.id) !== related.id) continue;
      try {
        await deleteAssignment(http, rule, a.id);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }
}
