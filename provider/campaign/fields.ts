// THE field model of a Campaign: one row per input field, saying how the field is compared, how a change to it is
// applied, how it is sent and how it is read back. Everything that decides update vs replace reads this table and
// nothing else: the plan (./plan.ts, behind the engine's diff and check), the PUT body (./update-body.ts), the
// read-back (./read-back.ts) and the README's input table (./fields-doc.ts). A new rule is one row.
//
// Rows are camelCase input paths. A row may sit inside another (`voucher.discount.type` inside `voucher.discount`):
// the inner row is compared on its own and left out of the outer row's comparison.
//
// Sources for the rules (cited in the README):
// - API-NOTES §6 and the update-body schemas of openapi.json (`CampaignsUpdate*Campaign`): what PUT can carry;
// - documentation/orchestrate/campaign-maintenance.mdx, "What you can't change": discount type, a referral
//   program's conversion event / reward eligibility / referee reward, and the gift cards' initial amount are fixed
//   once the campaign exists, so a change replaces the campaign instead of sending a PUT the API refuses.

import { isRecord, valueAt } from "../kit/json";
import {
  innerRowKeys as innerRowKeysOf,
  type ReplaceCondition,
  type Row,
  rowFor,
  type Sender,
} from "../kit/rows";
import { UNKNOWN } from "../schema/unknowns";
import { toApiShape } from "./keys";
import { tiersEqual } from "./tiers";

type Json = Record<string, unknown>;

/** How a change to a field takes effect. */
export type Apply =
  /** `PUT /v1/campaigns/{id}`. */
  | "campaign"
  /** Promotion tier calls (`POST/PUT/DELETE /v1/promotions/…/tiers`, tier enable/disable). */
  | "tiers"
  /** Validation-rule assignment calls (`POST/DELETE /v1/validation-rules/{id}/assignments`). */
  | "assignments"
  /** `POST /v1/campaigns/{id}/enable` | `/disable`. */
  | "enable"
  /** Voucher codes, reconciled by provider/codes; never a replacement. */
  | "codes"
  /** A provider setting: recorded in state, no API call. */
  | "provider"
  /** Fixed once the campaign exists: a change creates a new campaign and deletes the old one. */
  | "replace";

export type { ReplaceCondition, Sender } from "../kit/rows";

/** A Campaign field row (provider/kit/rows.ts). */
export type FieldRule = Row<Apply>;

// ---------------------------------------------------------------------------------------------------------------
// Helpers for rows

// Conditions see normalized inputs; a value not known yet (preview) may turn out to be the one that replaces.
const isPromotion = (o: Json, n: Json) =>
  o.campaignType === "PROMOTION" || n.campaignType === "PROMOTION" || n.campaignType === UNKNOWN;

const PROMOTION: ReplaceCondition = {
  readme: "for `PROMOTION` (its update body lacks the field)",
  applies: isPromotion,
};

const STANDALONE: ReplaceCondition = {
  readme: "when `STANDALONE` is involved",
  applies: (o, n) => o.type === "STANDALONE" || n.type === "STANDALONE" || n.type === UNKNOWN,
};

/** Sends the field under `key` in the PUT body; a removed field is cleared with `null`, or left unmanaged. */
function put(path: string, key: string, onRemove: "clear" | "unmanage"): Sender {
  return (_o, n, body) => {
    const value = valueAt(n, path);
    if (value !== undefined) body[key] = toApiShape(value);
    else if (onRemove === "clear") body[key] = null;
  };
}

/** Changed and added keys in `metadata`, removed ones in `unset_metadata_fields`. */
const sendMetadata: Sender = (o, n, body) => {
  const before = isRecord(o.metadata) ? o.metadata : {};
  const after = isRecord(n.metadata) ? n.metadata : {};
  const changed: Json = {};
  for (const key of Object.keys(after)) {
    if (after[key] !== undefined && JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changed[key] = after[key];
    }
  }
  const removed = Object.keys(before).filter((k) => before[k] !== undefined && after[k] === undefined);
  if (Object.keys(changed).length > 0) body.metadata = changed;
  if (removed.length > 0) body.unset_metadata_fields = removed.sort();
};

/** `category` and `categoryId` are one choice: send whichever is set now, or clear the category. */
const sendCategory: Sender = (_o, n, body) => {
  if (n.categoryId !== undefined) body.category_id = n.categoryId;
  else if (n.category !== undefined) body.category = n.category;
  else body.category_id = null;
};

const DURATION = "ISO-8601 duration";
const DATE = "ISO-8601 date-time";

// ---------------------------------------------------------------------------------------------------------------
// The table

export const CAMPAIGN_FIELD_RULES: readonly FieldRule[] = [
  {
    path: "name",
    apply: "replace",
    stable: true,
    api: "name",
    doc: { type: "string", default: "`<resource name>-<7 chars>`, see [Autonaming](#autonaming)" },
  },
  {
    path: "campaignType",
    apply: "replace",
    stable: true,
    api: "campaign_type",
    doc: {
      type: "`DISCOUNT_COUPONS` \\| `GIFT_VOUCHERS` \\| `LOYALTY_PROGRAM` \\| `REFERRAL_PROGRAM` \\| `PROMOTION`",
      default: "required",
    },
  },
  {
    path: "type",
    apply: "campaign",
    replaceWhen: [STANDALONE, PROMOTION],
    api: "type",
    send: put("type", "type", "unmanage"),
    doc: {
      type: "`AUTO_UPDATE` \\| `STATIC` \\| `STANDALONE` (discount and gift only)",
      default: "`AUTO_UPDATE`",
    },
  },
  {
    path: "description",
    apply: "campaign",
    api: "description",
    send: put("description", "description", "clear"),
    doc: { type: "string" },
  },
  {
    path: "category",
    apply: "campaign",
    api: "category",
    send: sendCategory,
    doc: { type: "string (name)" },
  },
  {
    path: "categoryId",
    apply: "campaign",
    api: "category_id",
    send: sendCategory,
    doc: { type: "string (exclusive with `category`)" },
  },
  {
    path: "startDate",
    apply: "campaign",
    api: "start_date",
    send: put("startDate", "start_date", "clear"),
    doc: { type: `${DATE}; not in the past on create (see [Replacements](#replacements))` },
  },
  {
    path: "expirationDate",
    apply: "campaign",
    api: "expiration_date",
    send: put("expirationDate", "expiration_date", "clear"),
    doc: { type: `${DATE}, after \`startDate\`` },
  },
  {
    path: "validityTimeframe",
    apply: "campaign",
    api: "validity_timeframe",
    send: put("validityTimeframe", "validity_timeframe", "clear"),
    doc: { type: `\`{ interval, duration }\` ${DURATION}s; needs \`startDate\`` },
  },
  {
    path: "validityDayOfWeek",
    apply: "campaign",
    api: "validity_day_of_week",
    send: put("validityDayOfWeek", "validity_day_of_week", "clear"),
    doc: { type: "integers 0 (Sunday) … 6" },
  },
  {
    path: "validityHours",
    apply: "campaign",
    api: "validity_hours",
    send: put("validityHours", "validity_hours", "clear"),
    doc: { type: "`{ daily: [{ startTime, daysOfWeek, expirationTime }] }` (`HH:mm`)" },
  },
  {
    path: "activityDurationAfterPublishing",
    apply: "campaign",
    replaceWhen: [PROMOTION],
    api: "activity_duration_after_publishing",
    send: put("activityDurationAfterPublishing", "activity_duration_after_publishing", "clear"),
    doc: { type: `${DURATION}, e.g. \`P24D\`` },
  },
  {
    path: "joinOnce",
    apply: "campaign",
    replaceWhen: [PROMOTION],
    api: "join_once",
    send: put("joinOnce", "join_once", "unmanage"),
    doc: { type: "boolean (always true for loyalty, false for standalone)" },
  },
  {
    path: "autoJoin",
    apply: "campaign",
    replaceWhen: [PROMOTION],
    api: "auto_join",
    send: put("autoJoin", "auto_join", "unmanage"),
    doc: { type: "boolean" },
  },
  {
    path: "useVoucherMetadataSchema",
    apply: "replace",
    api: "use_voucher_metadata_schema",
    doc: { type: "boolean" },
  },
  {
    path: "metadata",
    apply: "campaign",
    api: "metadata",
    send: sendMetadata,
    doc: {
      type: "object of JSON values",
      change: "update (removed keys are sent in `unset_metadata_fields`)",
    },
  },
  {
    path: "validationRules",
    apply: "assignments",
    api: "validation_rules_assignments",
    read: "none",
    doc: {
      type: "at most one `val_…` ID (not for loyalty)",
      change: "update (assign the new rule, then remove the old assignment)",
      apiDoc: "`validation_rules` on create; `POST`/`DELETE /v1/validation-rules/{id}/assignments`",
    },
  },
  {
    path: "referralProgram.conversionEventType",
    apply: "replace",
    api: "referral_program.conversion_event_type",
    doc: { type: "`redemption` \\| `custom_event` (referral only): the conversion event" },
  },
  {
    path: "referralProgram.customEvent",
    apply: "replace",
    api: "referral_program.custom_event",
    doc: { type: "`{ id, name }`: the custom conversion event" },
  },
  {
    path: "referralProgram.refereeReward",
    apply: "replace",
    api: "referral_program.referee_reward",
    doc: {
      type: "`{ relatedObjectParent, type, amount }`: the referee reward, and with it the reward eligibility",
    },
  },
  {
    path: "promotion.tiers",
    apply: "tiers",
    // Tiers are matched by key, never by position.
    equal: tiersEqual,
    api: "promotion.tiers",
    read: "none",
    doc: {
      type: "`[{ key, name, banner, action: { discount }, metadata, validationRules, active, hierarchy, dates, validity… }]` (promotion only, required); see [Promotion tiers](#promotion-tiers)",
      change: "update, tier by tier (matched by `key`, default the tier's `name`)",
      apiDoc: "`promotion.tiers` on create; `POST/PUT/DELETE /v1/promotions/…/tiers`",
    },
  },
  {
    path: "voucher.type",
    apply: "replace",
    api: "voucher.type",
    doc: {
      type: "`DISCOUNT_VOUCHER` \\| `GIFT_VOUCHER` \\| `LOYALTY_CARD`, from `campaignType`",
      default: "by type",
    },
  },
  {
    path: "voucher.discount",
    apply: "campaign",
    api: "voucher.discount",
    send: put("voucher.discount", "discount", "unmanage"),
    doc: {
      type: "`{ type: AMOUNT, amountOff }` \\| `{ type: PERCENT, percentOff (0–100), amountLimit }` \\| `{ type: FIXED, fixedAmount }` \\| `{ type: UNIT, unitOff, unitType }` \\| `{ type: UNIT, effect: ADD_MANY_ITEMS, units: […] }`, each with `effect` and formulas (discount and referral, required)",
      change: "update (sent as top-level `discount`)",
    },
  },
  {
    path: "voucher.discount.type",
    apply: "replace",
    api: "voucher.discount.type",
    doc: { type: "the discount's type: `AMOUNT`, `PERCENT`, `FIXED`, `UNIT`, `SHIPPING`" },
  },
  {
    path: "voucher.gift",
    apply: "campaign",
    api: "voucher.gift",
    send: put("voucher.gift", "gift", "unmanage"),
    doc: {
      type: "`{ amount (minor units), effect }` (gift, required)",
      change: "update (sent as top-level `gift`)",
    },
  },
  {
    path: "voucher.gift.amount",
    apply: "replace",
    api: "voucher.gift.amount",
    doc: { type: "the cards' initial amount, minor units" },
  },
  {
    path: "voucher.loyaltyCard.points",
    apply: "replace",
    api: "voucher.loyalty_card.points",
    doc: { type: "integer ≥ 0 (loyalty, required)" },
  },
  {
    path: "voucher.loyaltyCard.expirationRules",
    apply: "replace",
    api: "voucher.loyalty_card.expiration_rules",
    doc: { type: "`{ periodType, periodValue, roundingType, roundingValue, fixedMonth, fixedDay }`" },
  },
  {
    path: "voucher.redemption.quantity",
    apply: "replace",
    api: "voucher.redemption.quantity",
    doc: { type: "integer ≥ 1, or `null` for unlimited" },
  },
  ...(["length", "charset", "prefix", "postfix", "pattern"] as const).map(
    (key): FieldRule => ({
      path: `voucher.codeConfig.${key}`,
      apply: "replace",
      api: `voucher.code_config.${key}`,
      // The default charset is a project setting (documentation/manage/project-settings.mdx, "Advanced code
      // settings": "The default character set used to generate voucher codes").
      ...(key === "charset" ? { serverDefault: true as const } : {}),
      doc: {
        type: {
          length: "integer ≥ 1",
          charset: "string of characters",
          prefix: "string",
          postfix: "string",
          pattern: "string with `#` placeholders, e.g. `SPRING-####`",
        }[key],
        default: key === "length" || key === "charset" ? "server default" : undefined,
      },
    }),
  ),
  {
    path: "voucher.isReferralCode",
    apply: "replace",
    api: "voucher.is_referral_code",
    doc: { type: "boolean (referral only)", default: "`true`" },
  },
  {
    path: "active",
    apply: "enable",
    api: "active",
    doc: {
      type: "boolean: desired state",
      default: "`true`",
      apiDoc: "`POST /v1/campaigns/{id}/enable` \\| `/disable`",
    },
  },
  {
    path: "deletePolicy",
    apply: "provider",
    api: "",
    read: "none",
    doc: {
      type: "`permanent` \\| `bin`",
      default: "`permanent`",
      apiDoc: "`DELETE ?force=true` (permanent) or without (bin)",
    },
  },
  {
    path: "adopt",
    apply: "provider",
    api: "",
    read: "none",
    doc: {
      type: "boolean",
      default: "`false`",
      apiDoc: "create takes over an existing campaign of that name",
    },
  },
  {
    path: "vouchers",
    apply: "codes",
    api: "",
    read: "none",
    doc: {
      type: "list of codes, see [Voucher codes](#voucher-codes)",
      apiDoc: "`POST …/import`, `PUT`/`DELETE /v1/vouchers/{code}`",
    },
  },
  {
    path: "vouchersCsv",
    apply: "codes",
    api: "",
    read: "none",
    doc: { type: "path of a CSV file", apiDoc: "`POST …/importCSV`" },
  },
  {
    path: "vouchersCsvDigest",
    apply: "codes",
    api: "",
    read: "none",
    doc: { type: "(computed by check from `vouchersCsv`)" },
  },
  {
    path: "vouchersCsvRows",
    apply: "codes",
    api: "",
    read: "none",
    doc: { type: "(computed by check from `vouchersCsv`)" },
  },
  {
    path: "vouchersCsvPrune",
    apply: "codes",
    api: "",
    read: "none",
    doc: {
      type: "boolean",
      default: "`false`",
      apiDoc: "`DELETE /v1/vouchers/{code}` for codes missing from the file",
    },
  },
  {
    path: "vouchersCount",
    apply: "codes",
    api: "",
    read: "none",
    doc: {
      type: "integer 0–100,000, grow only",
      apiDoc: "`vouchers_count`; growth: `POST …/vouchers?vouchers_count=n`",
    },
  },
  {
    path: "vouchersSecret",
    apply: "provider",
    api: "",
    read: "none",
    doc: { type: "boolean", default: "`true`", apiDoc: "keep codes secret: in state, logs and errors" },
  },
  {
    path: "verifyVouchersOnRefresh",
    apply: "provider",
    api: "",
    read: "none",
    doc: { type: "boolean", default: "`false`", apiDoc: "refresh lists the campaign's vouchers" },
  },
];

/** The rule for an exact path, if any. */
export function ruleFor(path: string): FieldRule | undefined {
  return rowFor(CAMPAIGN_FIELD_RULES, path);
}

/** Paths of the rows directly inside `path` (compared on their own, so left out of `path`'s comparison). */
export function innerRowKeys(path: string): string[] {
  return innerRowKeysOf(CAMPAIGN_FIELD_RULES, path);
}

/** Work kinds whose fields never go into the create body: applied after the POST, or never sent at all. */
const NOT_IN_BODY: ReadonlySet<Apply> = new Set<Apply>(["enable", "provider", "codes"]);

/** Top-level inputs the create body leaves out (besides `name`, which the create sends as it was resolved). */
export const NOT_IN_CREATE_BODY: ReadonlySet<string> = new Set([
  "name",
  ...CAMPAIGN_FIELD_RULES.filter((r) => NOT_IN_BODY.has(r.apply)).map((r) => r.path.split(".")[0] as string),
]);
