// Validation rules and their assignments to campaigns, promotion tiers and vouchers: lookups, creating and
// removing assignments, and the JSON the API renders for them (field sets from the vendor's examples in
// documentation/openapi/validation-rules.json). Used by the validation-rule routes and by campaign and tier
// create, read and delete.
import type { Core } from "./core";
import { ApiError, notFound } from "./errors";
import type { AssignmentRec, RelatedObjectType, Store, ValidationRuleRec } from "./store";
import type { Json } from "./validate";

/** The vendor names rules "validation_rules" in 404 bodies ("Cannot find validation_rules with id val_…"). */
export const RULE_RESOURCE = "validation_rules";
export const ASSIGNMENT_RESOURCE = "validation_rules_assignment";

/**
 * DELETE /v1/validation-rules/{id} of a rule that is still assigned. The operation documents 204 and 404 only
 * and no page says more, so both readings are offered: "unassign" (default) removes the rule's assignments
 * with it, "refuse" answers 400 while any assignment remains.
 */
export const ASSIGNED_RULE_DELETES = ["unassign", "refuse"] as const;
export type AssignedRuleDelete = (typeof ASSIGNED_RULE_DELETES)[number];

/**
 * Rule names that need a `property` (the metadata rules marked "*Requires the property field to be defined" in
 * documentation/api-reference/validation-rules/validation-rule-object.mdx, "Validation Rule Rules").
 */
export const RULES_NEEDING_PROPERTY = [
  "customer.metadata",
  "custom_event.metadata",
  "order.items.metadata",
  "order.metadata",
  "product.metadata",
  "redemption.metadata",
];

/**
 * 400 `invalid_validation_rules` for a metadata rule without its `property`, at any depth: the vendor's example
 * "Invalid Validation Rules" of POST /v1/validation-rules ("Rule 'custom_event.metadata' must have a
 * 'property'"). Nothing else about a definition is checked (the docs give no other 400).
 */
export function checkRuleDefinition(rules: unknown): void {
  if (typeof rules !== "object" || rules === null) return;
  for (const [key, rule] of Object.entries(rules)) {
    if (key === "logic" || typeof rule !== "object" || rule === null) continue;
    const r = rule as Json;
    const name = r.name;
    if (typeof name === "string" && RULES_NEEDING_PROPERTY.includes(name)) {
      if (typeof r.property !== "string" || r.property === "") {
        throw new ApiError(
          400,
          "invalid_validation_rules",
          "Invalid Validation Rule Definition",
          `Rule '${name}' must have a 'property'`,
        );
      }
    }
    checkRuleDefinition(r.rules);
  }
}

export function findRule(store: Store, id: string): ValidationRuleRec {
  const rec = store.validationRules.get(id);
  if (!rec) throw notFound(RULE_RESOURCE, id);
  return rec;
}

/** Refuses (404) the first ID that names no rule, before the caller creates anything. */
export function requireRules(store: Store, ids: readonly string[]): void {
  for (const id of ids) findRule(store, id);
}

/** Rules that exist from the start under fixed IDs (`validationRuleIds`), e.g. those named by vendor examples. */
export function seedRules(core: Core, ids: readonly string[]): void {
  for (const id of ids) {
    if (core.store.validationRules.has(id)) continue;
    const data: Json = { id, name: id, created_at: core.now() };
    core.store.validationRules.set(id, { seq: core.store.nextSeq(), data });
  }
}

export function addAssignment(
  core: Core,
  ruleId: string,
  type: RelatedObjectType,
  relatedId: string,
  now: string,
): AssignmentRec {
  const rec: AssignmentRec = {
    seq: core.store.nextSeq(),
    id: core.ids.assignment(),
    rule_id: ruleId,
    related_object_id: relatedId,
    related_object_type: type,
    created_at: now,
  };
  core.store.assignments.set(rec.id, rec);
  return rec;
}

/** Assignments matching every given criterion, oldest first. */
export function findAssignments(
  store: Store,
  where: { ruleId?: string; relatedId?: string },
): AssignmentRec[] {
  return [...store.assignments.values()]
    .filter(
      (a) =>
        (where.ruleId === undefined || a.rule_id === where.ruleId) &&
        (where.relatedId === undefined || a.related_object_id === where.relatedId),
    )
    .sort((a, b) => a.seq - b.seq);
}

/** Drops every assignment of the given objects (they are being deleted). */
export function removeAssignmentsOf(store: Store, relatedIds: readonly string[]): void {
  const ids = new Set(relatedIds);
  for (const a of [...store.assignments.values()]) {
    if (ids.has(a.related_object_id)) store.assignments.delete(a.id);
  }
}

export function renderAssignment(a: AssignmentRec): Json {
  return {
    id: a.id,
    rule_id: a.rule_id,
    related_object_id: a.related_object_id,
    related_object_type: a.related_object_type,
    created_at: a.created_at,
    object: "validation_rules_assignment",
  };
}

/** The `{object, data_ref, data, total}` envelope of campaign reads and tier reads. */
export function assignmentList(assignments: AssignmentRec[]): Json {
  return {
    object: "list",
    data_ref: "data",
    data: assignments.map(renderAssignment),
    total: assignments.length,
  };
}

export function renderRule(store: Store, rec: ValidationRuleRec): Json {
  const d = rec.data;
  const out: Json = {
    id: d.id,
    name: d.name,
    rules: d.rules ?? { logic: "" },
  };
  if (d.bundle_rules !== undefined) out.bundle_rules = d.bundle_rules;
  if (d.error !== undefined) out.error = d.error;
  out.applicable_to = d.applicable_to ?? { excluded: [], included: [], included_all: false };
  out.created_at = d.created_at;
  if (d.updated_at !== undefined) out.updated_at = d.updated_at;
  out.type = d.type ?? "expression";
  out.context_type = d.context_type ?? "global";
  // The vendor's examples show the count only on rules that are assigned somewhere.
  const count = findAssignments(store, { ruleId: String(d.id) }).length;
  if (count > 0) out.assignments_count = count;
  out.object = "validation_rules";
  return out;
}

/**
 * 409 `duplicate_found` for a name another rule has: names are "Custom, unique name for set of validation rules"
 * (ValidationRuleBase.name). The answer is assumed: errors.mdx gives 409 for "a voucher with a name that was
 * already in use".
 */
export function requireUniqueName(store: Store, name: unknown, self?: string): void {
  if (typeof name !== "string") return;
  for (const r of store.validationRules.values()) {
    if (r.data.name === name && r.data.id !== self) {
      throw new ApiError(
        409,
        "duplicate_found",
        "Duplicated resource found",
        `Duplicated ${RULE_RESOURCE} exists with name ${name}`,
        { id: String(r.data.id), type: RULE_RESOURCE },
      );
    }
  }
}

/** Deletes a rule as `mode` says; refuses (400) before anything changes. */
export function deleteRule(store: Store, rec: ValidationRuleRec, mode: AssignedRuleDelete): void {
  const id = String(rec.data.id);
  const assignments = findAssignments(store, { ruleId: id });
  if (assignments.length > 0 && mode === "refuse") {
    throw new ApiError(
      400,
      "resource_in_use",
      "Resource in use",
      `Validation rule ${id} is still assigned to ${assignments.length} object(s); remove its assignments first`,
      { id, type: RULE_RESOURCE },
    );
  }
  for (const a of assignments) store.assignments.delete(a.id);
  store.validationRules.delete(id);
}
