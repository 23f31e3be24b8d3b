// The arguments of `listCampaigns` and their wire form. `filters` is `ParameterFiltersListCampaigns` of
// GET /v1/campaigns as documented (field names, `conditions`, `$is`, `$in`, …, `junction`, and `metadata.<key>` from
// documentation/api-reference/listing.mdx), typed by the zod schema below. It serializes to the deepObject form the
// official SDK's qs sends: `filters[metadata.env][conditions][$is]=test`, lists as `…[$in][0]=a&…[$in][1]=b`.
//
// Typed: the string fields `campaigns` (name), `campaigns_id`, `categories`, `category_ids` and `metadata.<key>`,
// and the enum fields `campaign_status`, `is_referral_code`, `voucher_type`, `type`. Left out: the date filters and
// `status`/`active`, whose documented shapes disagree with each other (`active` has no `conditions` level).
import { z } from "zod";
import type { CampaignListQuery } from "../client/campaigns";
import { CAMPAIGN_TYPES } from "../schema/campaign";
import { formatPath } from "../schema/issues";

export const CAMPAIGN_STATUSES = ["DONE", "IN_PROGRESS", "FAILED", "DRAFT", "MODIFYING"] as const;
export const CAMPAIGN_LIST_ORDERS = ["created_at", "-created_at", "updated_at", "-updated_at"] as const;
const VOUCHER_TYPES = ["GIFT_VOUCHER", "DISCOUNT_VOUCHER", "LOYALTY_CARD"] as const;
const CAMPAIGN_CODE_TYPES = ["AUTO_UPDATE", "BULK", "STANDALONE", "STATIC"] as const;

const METADATA_PREFIX = "metadata.";

/** `metadata.<key>`: a key that is not empty and holds no bracket (it would break the `filters[...]` form). */
function isMetadataField(name: string): boolean {
  return name.startsWith(METADATA_PREFIX) && name.length > METADATA_PREFIX.length && !/[[\]]/.test(name);
}

function buildFilters() {
  // An empty list would vanish from the query string and with it the condition: refuse it instead of widening.
  const list = <T extends z.ZodType>(item: T) =>
    z.array(item).min(1, { error: "must list at least one value (an empty list would drop the condition)" });
  // The API reads only the condition's name; its documented value is the empty string.
  const flag = z.literal("", { error: 'takes the empty string ""' });
  /** The conditions of `FilterConditionsString` but $contains/$not_contain, over values `value`. */
  const matching = <V extends z.ZodType<string>>(value: V) => ({
    $is: value.optional(),
    $is_not: value.optional(),
    $in: list(value).optional(),
    $not_in: list(value).optional(),
    $has_value: flag.optional(),
    $is_unknown: flag.optional(),
    $starts_with: z.string().optional(),
    $ends_with: z.string().optional(),
  });
  // A filter without a condition would vanish from the query string too.
  const filter = <S extends z.ZodRawShape>(conditions: S) =>
    z.strictObject({
      conditions: z.strictObject(conditions).refine((c) => Object.values(c).some((v) => v !== undefined), {
        error: "needs at least one condition",
      }),
    });
  const text = filter({
    ...matching(z.string()),
    $contains: z.string().optional(),
    $not_contain: z.string().optional(),
  });
  const known = {
    junction: z.enum(["and", "or"]).optional(),
    /** The campaign's name. */
    campaigns: text.optional(),
    campaigns_id: text.optional(),
    campaign_status: filter(matching(z.enum(CAMPAIGN_STATUSES))).optional(),
    is_referral_code: filter({
      $is: z.enum(["TRUE", "FALSE"]).optional(),
      $is_not: z.enum(["TRUE", "FALSE"]).optional(),
    }).optional(),
    voucher_type: filter(matching(z.enum(VOUCHER_TYPES))).optional(),
    type: filter({
      $in: list(z.enum(CAMPAIGN_CODE_TYPES)).optional(),
      $not_in: list(z.enum(CAMPAIGN_CODE_TYPES)).optional(),
    }).optional(),
    categories: text.optional(),
    category_ids: text.optional(),
  };
  const metadata = z.looseRecord(z.templateLiteral([METADATA_PREFIX, z.string()]), text);
  // z.object gives the TypeScript type no index signature, so a misspelt field fails to compile; the metadata
  // record adds the `metadata.<key>` fields; the refinement refuses every other name at run time.
  return z
    .object(known)
    .and(metadata)
    .superRefine((filters, ctx) => {
      for (const name of Object.keys(filters)) {
        if (name in known || isMetadataField(name)) continue;
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `is not a campaign list filter; use one of ${Object.keys(known).join(", ")} or metadata.<key>`,
        });
      }
    });
}

function buildListArgs() {
  return z.strictObject({
    campaignType: z.enum(CAMPAIGN_TYPES).optional(),
    campaignStatus: z.enum(CAMPAIGN_STATUSES).optional(),
    isReferralCode: z.boolean().optional(),
    /** Default `created_at` (oldest first): campaigns created while the pages are read land on later pages. */
    order: z.enum(CAMPAIGN_LIST_ORDERS).optional(),
    filters: buildFilters().optional(),
  });
}

let listArgs: ReturnType<typeof buildListArgs> | undefined;

/** The schema of `listCampaigns`' arguments (built on first use, like every schema of the package). */
export function listCampaignsArgsSchema(): ReturnType<typeof buildListArgs> {
  listArgs ??= buildListArgs();
  return listArgs;
}

/** `filters` of `listCampaigns`: the documented filter fields, each `{ conditions: { $is: …, … } }`. */
export type CampaignFilters = z.input<ReturnType<typeof buildFilters>>;
export type ListCampaignsArgs = z.input<ReturnType<typeof buildListArgs>>;

type Conditions = Record<string, string | string[] | undefined>;

/** Checked `filters` in wire form: `filters[<field>][conditions][<condition>]`, list items as `…[<index>]`. */
export function filterQuery(filters: CampaignFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, filter] of Object.entries(filters as Record<string, unknown>)) {
    if (filter === undefined) continue;
    if (field === "junction") {
      out["filters[junction]"] = String(filter);
      continue;
    }
    for (const [condition, value] of Object.entries((filter as { conditions: Conditions }).conditions)) {
      const key = `filters[${field}][conditions][${condition}]`;
      if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) out[`${key}[${i}]`] = item;
      } else if (value !== undefined) {
        out[key] = value;
      }
    }
  }
  return out;
}

/**
 * `args` checked and in wire form, without `limit` and `page`. Throws one error naming every problem (the
 * argument's path and what is wrong) before any request.
 */
export function listCampaignsQuery(args: ListCampaignsArgs): CampaignListQuery {
  const checked = listCampaignsArgsSchema().safeParse(args);
  if (!checked.success) {
    const problems = checked.error.issues.map(
      (i) => `  - ${formatPath(i.path) || "(arguments)"}: ${i.message}`,
    );
    throw new Error(`listCampaigns: invalid arguments\n${problems.join("\n")}`);
  }
  const a = checked.data;
  return {
    campaign_type: a.campaignType,
    campaign_status: a.campaignStatus,
    is_referral_code: a.isReferralCode,
    order: a.order ?? "created_at",
    ...(a.filters === undefined ? {} : filterQuery(a.filters)),
  };
}
