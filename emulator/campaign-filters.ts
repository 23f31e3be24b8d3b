// `filters[...]` of GET /v1/campaigns (ParameterFiltersListCampaigns, deepObject), in the wire form the SDK's
// qs sends: `filters[metadata.env][conditions][$is]=test`, lists as `...[$in][0]=a&...[$in][1]=b` (also
// `[$in][]=a` or a repeated key), `filters[junction]=or`. Implemented: `campaigns` (name), `campaigns_id`,
// `campaign_status`, `is_referral_code` and `metadata.<key>`, with the conditions the spec allows for each;
// anything else answers 400 rather than an unfiltered list.
import { invalidQueryParams } from "./errors";
import { CAMPAIGN_STATUSES, type Json } from "./validate";

const STRING_CONDITIONS = [
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
] as const;
type Condition = (typeof STRING_CONDITIONS)[number];

const LIST_CONDITIONS: readonly Condition[] = ["$in", "$not_in"];

interface FilterField {
  /** The campaign's value as a string; undefined = unknown (null or absent). */
  value(campaign: Json): string | undefined;
  conditions: readonly Condition[];
  /** Values the spec allows in $is/$is_not/$in/$not_in (upper-cased before comparing when `upper`). */
  values?: readonly string[];
  upper?: boolean;
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

const FIELDS: Record<string, FilterField> = {
  campaigns: { value: (c) => text(c.name), conditions: STRING_CONDITIONS },
  campaigns_id: { value: (c) => text(c.id), conditions: STRING_CONDITIONS },
  campaign_status: {
    value: (c) => text(c.creation_status),
    conditions: STRING_CONDITIONS.filter((c) => c !== "$contains" && c !== "$not_contain"),
    values: CAMPAIGN_STATUSES,
  },
  is_referral_code: {
    value: (c) => (((c.voucher ?? {}) as Json).is_referral_code === true ? "TRUE" : "FALSE"),
    conditions: ["$is", "$is_not"],
    values: ["TRUE", "FALSE"],
    upper: true,
  },
};

/** Filters of the spec the emulator does not evaluate. */
const NOT_EMULATED = [
  "status",
  "active",
  "validity_timeframe",
  "voucher_type",
  "categories",
  "category_ids",
  "type",
  "created_date",
  "updated_at",
  "start_date",
  "expiration_date",
  "validity_day_of_week",
];

function fieldOf(name: string): FilterField {
  if (name.startsWith("metadata.") && name.length > "metadata.".length) {
    const key = name.slice("metadata.".length);
    return { value: (c) => text(((c.metadata ?? {}) as Json)[key]), conditions: STRING_CONDITIONS };
  }
  const field = FIELDS[name];
  if (field) return field;
  if (NOT_EMULATED.includes(name)) {
    throw invalidQueryParams(`Filter filters[${name}] is not supported by the emulator`);
  }
  throw invalidQueryParams(`Unknown filter filters[${name}]`);
}

function matches(condition: Condition, actual: string | undefined, wanted: string[]): boolean {
  const [first = ""] = wanted;
  switch (condition) {
    case "$is":
      return actual === first;
    case "$is_not":
      return actual !== first;
    case "$in":
      return actual !== undefined && wanted.includes(actual);
    case "$not_in":
      return actual === undefined || !wanted.includes(actual);
    case "$has_value":
      return actual !== undefined;
    case "$is_unknown":
      return actual === undefined;
    case "$starts_with":
      return actual?.startsWith(first) ?? false;
    case "$ends_with":
      return actual?.endsWith(first) ?? false;
    case "$contains":
      return actual?.includes(first) ?? false;
    case "$not_contain":
      return actual === undefined || !actual.includes(first);
  }
}

type Predicate = (campaign: Json) => boolean;

/** `filters[a][b]...` → ["a", "b", ...]; undefined for keys that are not filters. */
function segments(key: string): string[] | undefined {
  if (key === "filters") throw invalidQueryParams("Property .filters should be object");
  if (!key.startsWith("filters[")) return undefined;
  const rest = key.slice("filters".length);
  if (!/^(\[[^[\]]*\])+$/.test(rest)) throw invalidQueryParams(`Malformed filter parameter ${key}`);
  return rest.slice(1, -1).split("][");
}

/** One predicate for all `filters[...]` parameters of the query; undefined when there are none. */
export function campaignFilters(query: URLSearchParams): Predicate | undefined {
  const wanted = new Map<string, Map<Condition, string[]>>();
  let junction = "and";
  for (const [key, value] of query) {
    const path = segments(key);
    if (!path) continue;
    if (path.length === 1 && path[0] === "junction") {
      if (value !== "and" && value !== "or") {
        throw invalidQueryParams("Property .filters.junction should be equal to one of and,or");
      }
      junction = value;
      continue;
    }
    const [name = "", conditions, condition = "", index, ...extra] = path;
    const field = fieldOf(name);
    const isList = LIST_CONDITIONS.includes(condition as Condition);
    if (conditions !== "conditions" || extra.length > 0 || (index !== undefined && !isList)) {
      throw invalidQueryParams(
        `Malformed filter parameter ${key}; expected filters[${name}][conditions][$...]`,
      );
    }
    if (!field.conditions.includes(condition as Condition)) {
      throw invalidQueryParams(
        `Property .filters.${name}.conditions.${condition} is not allowed; use one of ${field.conditions.join(",")}`,
      );
    }
    const normalized = field.upper ? value.toUpperCase() : value;
    const hasValue = condition !== "$has_value" && condition !== "$is_unknown";
    if (hasValue && field.values && !field.values.includes(normalized)) {
      throw invalidQueryParams(
        `Property .filters.${name}.conditions.${condition} should be equal to one of ${field.values.join(",")}`,
      );
    }
    const byCondition = wanted.get(name) ?? new Map<Condition, string[]>();
    const values = byCondition.get(condition as Condition) ?? [];
    if (values.length > 0 && !isList) {
      throw invalidQueryParams(`Property .filters.${name}.conditions.${condition} takes a single value`);
    }
    values.push(normalized);
    byCondition.set(condition as Condition, values);
    wanted.set(name, byCondition);
  }
  if (wanted.size === 0) return undefined;
  const predicates: Predicate[] = [...wanted].map(([name, byCondition]) => {
    const field = fieldOf(name);
    return (campaign) => {
      const actual = field.value(campaign);
      return [...byCondition].every(([condition, values]) => matches(condition, actual, values));
    };
  });
  return junction === "or"
    ? (campaign) => predicates.some((p) => p(campaign))
    : (campaign) => predicates.every((p) => p(campaign));
}
