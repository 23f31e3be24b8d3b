// Validation rules and their assignments (documentation/openapi/validation-rules.json): create, list, read,
// update and delete rules (a malformed definition is the documented 400, an assigned rule's delete a switch); list all assignments or a rule's, assign a rule (409 for an identical assignment
// unless force=true, which replaces it) and remove an assignment. Rule definitions are stored, not evaluated.
import type { Core } from "../core";
import {
  type AssignmentCreateBody,
  assignmentCreateSchema,
  validationRuleCreateSchema,
  validationRuleUpdateSchema,
} from "../endpoint-schemas";
import { duplicateAssignment, invalidPayload, invalidQueryParams, notFound } from "../errors";
import { listReply, pageQuery, sortByOrder } from "../paging";
import { findTier } from "../promotion-tiers";
import type { Reply, RequestContext, RouteDef } from "../router";
import { type AssignmentRec, RELATED_OBJECT_TYPES, type RelatedObjectType } from "../store";
import { boolQuery, isDateString, isPlainObject, type Json, parseOrThrow } from "../validate";
import {
  ASSIGNMENT_RESOURCE,
  addAssignment,
  checkRuleDefinition,
  deleteRule,
  findAssignments,
  findRule,
  renderAssignment,
  renderRule,
  requireUniqueName,
} from "../validation-rules";

const RULE_FIELDS = [
  "name",
  "rules",
  "bundle_rules",
  "error",
  "applicable_to",
  "type",
  "context_type",
] as const;

function bodyObject(json: unknown): Json {
  if (!isPlainObject(json)) throw invalidPayload("Payload should be object");
  return json;
}

function createRule(ctx: RequestContext): Reply {
  const { core } = ctx;
  const b = parseOrThrow(validationRuleCreateSchema, bodyObject(ctx.json), invalidPayload);
  checkRuleDefinition(b.rules);
  requireUniqueName(core.store, b.name);
  const id = core.ids.validationRule();
  const data: Json = { id, created_at: core.now() };
  for (const f of RULE_FIELDS) if (b[f] != null) data[f] = b[f];
  const rec = { seq: core.store.nextSeq(), data };
  core.store.validationRules.set(id, rec);
  return { status: 200, body: renderRule(core.store, rec) };
}

/** `start_date` / `end_date`: rules created in that window (ISO 8601). */
function createdWithin(query: URLSearchParams): (createdAt: string) => boolean {
  const bound = (name: string): number | undefined => {
    const raw = query.get(name);
    if (raw === null) return undefined;
    if (!isDateString(raw)) throw invalidQueryParams(`Property .${name} should match format "date-time"`);
    return Date.parse(raw);
  };
  const start = bound("start_date");
  const end = bound("end_date");
  return (createdAt) => {
    const at = Date.parse(createdAt);
    return (start === undefined || at >= start) && (end === undefined || at <= end);
  };
}

const RULE_ORDERS = ["created_at", "-created_at", "updated_at", "-updated_at", "name", "-name"];
const ASSIGNMENT_ORDERS = ["created_at", "-created_at"];

function listRules(ctx: RequestContext): Reply {
  const { store } = ctx.core;
  const within = createdWithin(ctx.query);
  const matches = [...store.validationRules.values()].filter((r) => within(String(r.data.created_at)));
  const sorted = sortByOrder(matches, ctx.query, RULE_ORDERS, "created_at", (r, field) => r.data[field]);
  return listReply(pageQuery(ctx.query), "data", sorted, (r) => renderRule(store, r));
}

function getRule(ctx: RequestContext): Reply {
  const { store } = ctx.core;
  return { status: 200, body: renderRule(store, findRule(store, ctx.params.validationRuleId!)) };
}

function updateRule(ctx: RequestContext): Reply {
  const { core } = ctx;
  const rec = findRule(core.store, ctx.params.validationRuleId!);
  const b = parseOrThrow(validationRuleUpdateSchema, bodyObject(ctx.json), invalidPayload);
  // Assumed: the PUT documents no 400, but a definition it carries is held to the create's rule.
  checkRuleDefinition(b.rules);
  requireUniqueName(core.store, b.name, String(rec.data.id));
  // A partial update: absent fields are kept. `"bundle_rules": null` deletes the configuration and "an empty
  // object is then returned" (ValidationRuleBundleRules in validation-rules.json); other nulls clear the field.
  for (const f of RULE_FIELDS) {
    if (b[f] === null) {
      if (f === "bundle_rules") rec.data[f] = {};
      else delete rec.data[f];
    } else if (b[f] !== undefined) rec.data[f] = b[f];
  }
  rec.data.updated_at = core.now();
  return { status: 200, body: renderRule(core.store, rec) };
}

/** An assigned rule: see ASSIGNED_RULE_DELETES (undocumented, a switch). */
function removeRule(ctx: RequestContext): Reply {
  const { core } = ctx;
  deleteRule(core.store, findRule(core.store, ctx.params.validationRuleId!), core.config.assignedRuleDelete);
  return { status: 204 };
}

function assignmentPage(ctx: RequestContext, assignments: AssignmentRec[]): Reply {
  const sorted = sortByOrder(assignments, ctx.query, ASSIGNMENT_ORDERS, "created_at", (a) => a.created_at);
  return listReply(pageQuery(ctx.query), "data", sorted, renderAssignment);
}

function listAllAssignments(ctx: RequestContext): Reply {
  const where = {
    relatedId: ctx.query.get("related_object_id") ?? undefined,
    ruleId: ctx.query.get("rule") ?? undefined,
  };
  return assignmentPage(ctx, findAssignments(ctx.core.store, where));
}

/** "If the validation rule ID … cannot be found, the endpoint will return an empty data array and a total of 0." */
function listRuleAssignments(ctx: RequestContext): Reply {
  return assignmentPage(ctx, findAssignments(ctx.core.store, { ruleId: ctx.params.validationRuleId! }));
}

/** The object an assignment names: `{related_object_type, related_object_id}` or `{campaign: id}`-style. */
function relatedObject(b: AssignmentCreateBody): { type: RelatedObjectType; id: string } {
  if (b.related_object_type !== undefined || b.related_object_id !== undefined) {
    if (b.related_object_id === undefined) throw invalidPayload("Property .related_object_id is required");
    return { type: b.related_object_type ?? "voucher", id: b.related_object_id };
  }
  const named = RELATED_OBJECT_TYPES.filter((type) => typeof b[type] === "string");
  if (named.length !== 1) {
    throw invalidPayload(
      "Payload should have related_object_type and related_object_id, or exactly one of " +
        RELATED_OBJECT_TYPES.join(", "),
    );
  }
  const type = named[0]!;
  return { type, id: String(b[type]) };
}

/** The ID an assignment stores for an object that must exist; objects the emulator lacks are never found. */
function existingObjectId(core: Core, type: RelatedObjectType, id: string): string {
  switch (type) {
    case "campaign": {
      const campaign = core.store.findCampaign(id);
      if (!campaign || campaign.data.id !== id) throw notFound("campaign", id);
      return id;
    }
    case "promotion_tier":
      return String(findTier(core.store, id).data.id);
    case "voucher": {
      const voucher = core.store.findVoucher(id);
      if (!voucher) throw notFound("voucher", id);
      return String(voucher.data.id);
    }
    default:
      throw notFound(type, id);
  }
}

function createAssignment(ctx: RequestContext): Reply {
  const { core } = ctx;
  const rule = findRule(core.store, ctx.params.validationRuleId!);
  const b = parseOrThrow(assignmentCreateSchema, bodyObject(ctx.json), invalidPayload);
  const related = relatedObject(b);
  const relatedId = existingObjectId(core, related.type, related.id);
  const ruleId = String(rule.data.id);
  const existing = findAssignments(core.store, { ruleId, relatedId }).find(
    (a) => a.related_object_type === related.type,
  );
  if (existing) {
    // "If this flag is set to true, the previous assignment with the same data will be deleted and a new one added."
    if (!boolQuery(ctx.query, "force")) throw duplicateAssignment(existing.id);
    core.store.assignments.delete(existing.id);
  }
  const assignment = addAssignment(core, ruleId, related.type, relatedId, core.now());
  return { status: 200, body: renderAssignment(assignment) };
}

function deleteAssignment(ctx: RequestContext): Reply {
  const { store } = ctx.core;
  const rule = findRule(store, ctx.params.validationRuleId!);
  const id = ctx.params.assignmentId!;
  const assignment = store.assignments.get(id);
  if (!assignment || assignment.rule_id !== rule.data.id) throw notFound(ASSIGNMENT_RESOURCE, id);
  store.assignments.delete(id);
  return { status: 204 };
}

export function validationRuleRoutes(): RouteDef[] {
  return [
    { method: "POST", template: "/v1/validation-rules", handler: createRule },
    { method: "GET", template: "/v1/validation-rules", handler: listRules },
    { method: "GET", template: "/v1/validation-rules/{validationRuleId}", handler: getRule },
    { method: "PUT", template: "/v1/validation-rules/{validationRuleId}", handler: updateRule },
    { method: "DELETE", template: "/v1/validation-rules/{validationRuleId}", handler: removeRule },
    { method: "GET", template: "/v1/validation-rules-assignments", handler: listAllAssignments },
    {
      method: "GET",
      template: "/v1/validation-rules/{validationRuleId}/assignments",
      handler: listRuleAssignments,
    },
    {
      method: "POST",
      template: "/v1/validation-rules/{validationRuleId}/assignments",
      handler: createAssignment,
    },
    {
      method: "DELETE",
      template: "/v1/validation-rules/{validationRuleId}/assignments/{assignmentId}",
      handler: deleteAssignment,
    },
  ];
}
