// Voucherify's filter conditions (`{"conditions": {"$in": ["a", "b"]}}`: FiltersCondition and
// FilterConditionsString in the spec) and their `junction`, in the two forms they arrive in:
//  - a JSON body, e.g. `parameters.filters` of POST /v1/exports;
//  - the query string, in the wire form the SDK's qs sends for GET /v1/campaigns:
//    `filters[metadata.env][conditions][$is]=test`, lists as `...[$in][0]=a&...[$in][1]=b` (also `[$in][]=a`
//    or a repeated key), `filters[junction]=or`.
// Both parse into the same `Filters`, evaluated by the same conditions; each caller says which fields exist
// and how an item's value is read. A condition, field or junction the emulator does not implement is refused
// (400), never ignored: a silently unfiltered result is the kind of forgiveness that hides client bugs.
import { type ApiError, invalidQueryParams } from "./errors";
import { isPlainObject } from "./validate";

function equals(value: unknown, expected: unknown): boolean {
  if (typeof value === "boolean") return value === (expected === true || expected === "true");
  if (typeof value === "number") return value === Number(expected);
  return value !== undefined && value !== null && String(value) === String(expected);
}

/** Null or absent; an empty string is a value. */
function isUnknown(value: unknown): boolean {
  return value === undefined || value === null;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function time(value: unknown): number {
  return typeof value === "string" ? Date.parse(value) : Number.NaN;
}

type Evaluate = (value: unknown, args: unknown[]) => boolean;

const CONDITIONS = {
  $is: (v, args) => args.some((a) => equals(v, a)),
  $is_not: (v, args) => !args.some((a) => equals(v, a)),
  $in: (v, args) => args.some((a) => equals(v, a)),
  $not_in: (v, args) => !args.some((a) => equals(v, a)),
  $has_value: (v) => !isUnknown(v),
  $is_unknown: (v) => isUnknown(v),
  $starts_with: (v, args) => args.some((a) => text(v)?.startsWith(String(a)) === true),
  $ends_with: (v, args) => args.some((a) => text(v)?.endsWith(String(a)) === true),
  $contains: (v, args) => args.some((a) => text(v)?.includes(String(a)) === true),
  $not_contain: (v, args) => !args.some((a) => text(v)?.includes(String(a)) === true),
  $before: (v, args) => args.every((a) => time(v) < time(a)),
  $after: (v, args) => args.every((a) => time(v) > time(a)),
  $more_than: (v, args) => args.every((a) => typeof v === "number" && v > Number(a)),
  $less_than: (v, args) => args.every((a) => typeof v === "number" && v < Number(a)),
} satisfies Record<string, Evaluate>;

export type ConditionName = keyof typeof CONDITIONS;
const CONDITION_NAMES = Object.keys(CONDITIONS) as ConditionName[];

/** FilterConditionsString. */
export const STRING_CONDITIONS: readonly ConditionName[] = [
  "$is",
  "$is_not",
  "$in",
  "$not_in",
  "$has_value",
  "$is_unknown",
  "$starts_with",
  "$ends_with",
  "$contains",
  "$not_contain",
];

/** Conditions that take a list in the query form (`[$in][0]=a`); the others take one value there. */
const LIST_CONDITIONS: readonly ConditionName[] = ["$in", "$not_in"];

function isCondition(name: string): name is ConditionName {
  return (CONDITION_NAMES as string[]).includes(name);
}

/** The conditions on one field, each with its arguments; all must hold. */
export interface FieldFilter {
  field: string;
  conditions: Map<ConditionName, unknown[]>;
}

export interface Filters {
  junction: "and" | "or";
  fields: FieldFilter[];
}

/** Where filters come from, for error messages: `path` names them (".filters"), `refuse` makes the 400. */
export interface FilterSource {
  path: string;
  refuse: (details: string) => ApiError;
}

function conditionName(source: FilterSource, field: string, name: string): ConditionName {
  if (isCondition(name)) return name;
  throw source.refuse(
    `Condition ${source.path}.${field}.conditions.${name} is not supported by the emulator; supported: ${CONDITION_NAMES.join(", ")}`,
  );
}

/** The spec's Junction is "and" / "or"; the vendor's own examples also send `OR`. */
function junctionOf(source: FilterSource, value: unknown): Filters["junction"] {
  const junction = String(value).toLowerCase();
  if (junction !== "and" && junction !== "or") {
    throw source.refuse(`Property ${source.path}.junction should be equal to one of and,or`);
  }
  return junction;
}

const EQUALITY_CONDITIONS: readonly string[] = ["$is", "$is_not", "$in", "$not_in"];

/** Filters of a JSON body: `{junction?, <field>: {conditions: {<condition>: value or [values]}}}`. */
export function filtersFromBody(filters: unknown, source: FilterSource): Filters {
  const parsed: Filters = { junction: "and", fields: [] };
  if (filters === undefined || filters === null) return parsed;
  if (!isPlainObject(filters)) throw source.refuse(`Property ${source.path} should be object`);
  for (const [field, filter] of Object.entries(filters)) {
    if (field === "junction") {
      parsed.junction = junctionOf(source, filter);
      continue;
    }
    if (!isPlainObject(filter) || !isPlainObject(filter.conditions)) {
      throw source.refuse(`Property ${source.path}.${field} should have required property 'conditions'`);
    }
    const conditions = new Map<ConditionName, unknown[]>();
    for (const [name, argument] of Object.entries(filter.conditions)) {
      conditions.set(conditionName(source, field, name), Array.isArray(argument) ? argument : [argument]);
    }
    parsed.fields.push({ field, conditions });
  }
  return parsed;
}

/** The query form's source: `filters[...]` parameters, refused with 400 invalid_query_params. */
export const QUERY_FILTERS: FilterSource = { path: ".filters", refuse: invalidQueryParams };

/** `filters[a][b]...` → ["a", "b", ...]; undefined for keys that are not filters. */
function segments(key: string): string[] | undefined {
  if (key === "filters") throw QUERY_FILTERS.refuse("Property .filters should be object");
  if (!key.startsWith("filters[")) return undefined;
  const rest = key.slice("filters".length);
  if (!/^(\[[^[\]]*\])+$/.test(rest)) throw QUERY_FILTERS.refuse(`Malformed filter parameter ${key}`);
  return rest.slice(1, -1).split("][");
}

/** Filters of a query string (deepObject `filters[...]`, see the top of this file); 400 invalid_query_params. */
export function filtersFromQuery(query: URLSearchParams): Filters {
  const parsed: Filters = { junction: "and", fields: [] };
  const byField = new Map<string, Map<ConditionName, unknown[]>>();
  for (const [key, value] of query) {
    const path = segments(key);
    if (!path) continue;
    if (path.length === 1 && path[0] === "junction") {
      parsed.junction = junctionOf(QUERY_FILTERS, value);
      continue;
    }
    const [field = "", conditions, name = "", index, ...extra] = path;
    const malformed = () =>
      QUERY_FILTERS.refuse(`Malformed filter parameter ${key}; expected filters[${field}][conditions][$...]`);
    if (conditions !== "conditions" || name === "" || extra.length > 0) throw malformed();
    const condition = conditionName(QUERY_FILTERS, field, name);
    const isList = LIST_CONDITIONS.includes(condition);
    if (index !== undefined && !isList) throw malformed();
    let fieldConditions = byField.get(field);
    if (!fieldConditions) {
      fieldConditions = new Map();
      byField.set(field, fieldConditions);
      parsed.fields.push({ field, conditions: fieldConditions });
    }
    const values = fieldConditions.get(condition) ?? [];
    if (values.length > 0 && !isList) {
      throw QUERY_FILTERS.refuse(`Property .filters.${field}.conditions.${condition} takes a single value`);
    }
    values.push(value);
    fieldConditions.set(condition, values);
  }
  return parsed;
}

/** A field items can be filtered by. */
export interface FilterField<T> {
  /** The item's value; undefined or null = unknown. */
  value(item: T): unknown;
  /** The conditions the spec allows on the field; default: every condition the emulator evaluates. */
  conditions?: readonly ConditionName[];
  /** The arguments the spec allows (after `upper`). */
  values?: readonly string[];
  /** Arguments are upper-cased before they are checked and compared (`TRUE`/`FALSE` of is_referral_code). */
  upper?: boolean;
}

/**
 * One predicate for `filters`; `fieldOf` finds each named field (throwing the caller's 400 for a field it does
 * not know). Conditions of one field combine with AND, fields with the junction.
 */
export function compileFilters<T>(
  filters: Filters,
  fieldOf: (name: string) => FilterField<T>,
  source: FilterSource,
): (item: T) => boolean {
  const predicates = filters.fields.map(({ field: name, conditions }) => {
    const field = fieldOf(name);
    const checks = [...conditions].map(([condition, args]) => {
      const where = `${source.path}.${name}.conditions.${condition}`;
      if (field.conditions && !field.conditions.includes(condition)) {
        throw source.refuse(`Property ${where} is not allowed; use one of ${field.conditions.join(",")}`);
      }
      const wanted = field.upper ? args.map((a) => String(a).toUpperCase()) : args;
      const allowed = field.values;
      if (
        allowed &&
        // An enumerated field's values bound equality only; `$starts_with: "IN_"` is free text (spec: string).
        EQUALITY_CONDITIONS.includes(condition) &&
        wanted.some((a) => !allowed.includes(String(a)))
      ) {
        throw source.refuse(`Property ${where} should be equal to one of ${allowed.join(",")}`);
      }
      const evaluate: Evaluate = CONDITIONS[condition];
      return (value: unknown) => evaluate(value, wanted);
    });
    return (item: T) => {
      const value = field.value(item);
      return checks.every((check) => check(value));
    };
  });
  if (predicates.length === 0) return () => true;
  return filters.junction === "or"
    ? (item) => predicates.some((p) => p(item))
    : (item) => predicates.every((p) => p(item));
}
