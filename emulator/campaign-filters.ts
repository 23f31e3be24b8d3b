// The fields `filters[...]` of GET /v1/campaigns (ParameterFiltersListCampaigns) can name. Implemented:
// `campaigns` (name), `campaigns_id`, `campaign_status`, `is_referral_code` and `metadata.<key>`, with the
// conditions the spec allows for each; anything else answers 400 rather than an unfiltered list. The wire form
// and the conditions themselves are conditions.ts's.
import {
  compileFilters,
  type FilterField,
  filtersFromQuery,
  QUERY_FILTERS,
  STRING_CONDITIONS,
} from "./conditions";
import { invalidQueryParams } from "./errors";
import { CAMPAIGN_STATUSES, type Json } from "./validate";

/** Values compare as text (objects as JSON); undefined = unknown (null or absent). */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

const FIELDS: Record<string, FilterField<Json>> = {
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

function fieldOf(name: string): FilterField<Json> {
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

/** One predicate over campaign data for all `filters[...]` parameters of the query. */
export function campaignFilters(query: URLSearchParams): (campaign: Json) => boolean {
  return compileFilters(filtersFromQuery(query), fieldOf, QUERY_FILTERS);
}
