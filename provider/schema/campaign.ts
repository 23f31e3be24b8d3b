// Campaign input schema: the camelCase mirror of the API's create body (API-NOTES §5), one variant per
// `campaignType`, joined in a discriminated union. User inputs are strict objects, so a misspelt property fails
// `pulumi preview` instead of being silently dropped.
//
// Besides the API fields there are provider-only inputs: `active` (applied through enable/disable), `deletePolicy`,
// `adopt`, and the voucher-code fields spread in from ./vouchers.
//
// Built by a factory and cached: provider code is serialized by Pulumi and must not capture schema objects.
import { z } from "zod";
import { discountSchema } from "./discount";
import { recurringLimitProblems } from "./time-limits";
import { voucherCodeSourcesShape } from "./vouchers";

export const CAMPAIGN_TYPES = [
  "DISCOUNT_COUPONS",
  "GIFT_VOUCHERS",
  "LOYALTY_PROGRAM",
  "REFERRAL_PROGRAM",
  "PROMOTION",
] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

/** Default `voucher.type` per campaign type (PROMOTION has no voucher). */
export const VOUCHER_TYPE_BY_CAMPAIGN_TYPE: Readonly<Record<string, string>> = {
  DISCOUNT_COUPONS: "DISCOUNT_VOUCHER",
  REFERRAL_PROGRAM: "DISCOUNT_VOUCHER",
  GIFT_VOUCHERS: "GIFT_VOUCHER",
  LOYALTY_PROGRAM: "LOYALTY_CARD",
};

/** Defaults of provider-level inputs, shared by the schema and the lenient normalizer. */
export const INPUT_DEFAULTS = {
  type: "AUTO_UPDATE",
  active: true,
  deletePolicy: "permanent",
  adopt: false,
} as const;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function buildPrimitives() {
  const datetime = z.iso.datetime({ offset: true });
  const date = z.iso.date();
  const isoDate = z
    .string()
    .refine(
      (s) => (datetime.safeParse(s).success || date.safeParse(s).success) && !Number.isNaN(Date.parse(s)),
      {
        error: "must be an ISO-8601 date-time such as 2024-03-01T00:00:00Z (or a date such as 2024-03-01)",
      },
    );
  const duration = z.iso.duration({ error: "must be an ISO-8601 duration such as P24D, P1M or PT1H" });
  const time = z.string().regex(HHMM, { error: "must be a time of day HH:mm (24h), e.g. 09:30" });
  const day = z
    .number({ error: "must be a day of week 0 (Sunday) .. 6 (Saturday)" })
    .int({ error: "must be a day of week 0 (Sunday) .. 6 (Saturday)" })
    .min(0, { error: "must be a day of week 0 (Sunday) .. 6 (Saturday)" })
    .max(6, { error: "must be a day of week 0 (Sunday) .. 6 (Saturday)" });
  const validityTimeframe = z.strictObject({
    /** How often the validity window repeats, e.g. P2D (every other day). */
    interval: duration,
    /** How long each validity window lasts, e.g. PT1H. */
    duration: duration,
  });
  const validityDayOfWeek = z.array(day).min(1, { error: "must list at least one day (0..6)" });
  const validityHours = z.strictObject({
    daily: z
      .array(
        z.strictObject({
          startTime: time,
          daysOfWeek: validityDayOfWeek,
          expirationTime: time,
        }),
      )
      .min(1, { error: "must list at least one daily window" }),
  });
  const metadata = z.record(z.string(), z.json());
  const codeConfig = z.strictObject({
    /** Number of random characters (excluding prefix/postfix); derived from `pattern` when that is set. */
    length: z.int().min(1, { error: "length must be >= 1" }).optional(),
    /** Characters that may appear in generated codes. */
    charset: z.string().min(1).optional(),
    prefix: z.string().optional(),
    postfix: z.string().optional(),
    /** `#` is replaced by a random character from `charset`. */
    pattern: z
      .string()
      .includes("#", { error: "pattern must contain at least one # placeholder" })
      .optional(),
  });
  const redemption = z.strictObject({
    /** How many times each code can be redeemed; null = unlimited. */
    quantity: z
      .int()
      .min(1, { error: "quantity must be >= 1 (or null for unlimited)" })
      .nullable()
      .optional(),
  });
  return {
    isoDate,
    duration,
    validityTimeframe,
    validityDayOfWeek,
    validityHours,
    metadata,
    codeConfig,
    redemption,
  };
}

type Primitives = ReturnType<typeof buildPrimitives>;

function typeEnum<const T extends readonly [string, ...string[]]>(values: T, campaignType: string) {
  const standaloneHint = values.includes("STANDALONE")
    ? ""
    : ` (STANDALONE is only possible for DISCOUNT_COUPONS and GIFT_VOUCHERS, not ${campaignType})`;
  return z
    .enum(values, { error: `must be one of ${values.join(", ")}${standaloneHint}` })
    .default("AUTO_UPDATE");
}

function commonShape(p: Primitives) {
  return {
    /** Campaign name, unique in the project. Omitted: autonamed from the resource name. Changing it replaces. */
    name: z.string().min(1, { error: "name must not be empty" }).optional(),
    description: z.string().optional(),
    category: z.string().min(1).optional(),
    categoryId: z.string().min(1).optional(),
    startDate: p.isoDate.optional(),
    expirationDate: p.isoDate.optional(),
    validityTimeframe: p.validityTimeframe.optional(),
    validityDayOfWeek: p.validityDayOfWeek.optional(),
    validityHours: p.validityHours.optional(),
    activityDurationAfterPublishing: p.duration.optional(),
    joinOnce: z.boolean().optional(),
    autoJoin: z.boolean().optional(),
    useVoucherMetadataSchema: z.boolean().optional(),
    metadata: p.metadata.optional(),
    /** Desired state, applied through the enable/disable endpoints. */
    active: z.boolean().default(INPUT_DEFAULTS.active),
    /** "permanent" deletes for good (the name becomes free again); "bin" moves the campaign to the bin. */
    deletePolicy: z.enum(["permanent", "bin"]).default(INPUT_DEFAULTS.deletePolicy),
    /** Take over an existing campaign with this name on create instead of failing with a name clash. */
    adopt: z.boolean().default(INPUT_DEFAULTS.adopt),
    ...voucherCodeSourcesShape(),
  };
}

function validationRules() {
  return z
    .array(z.string().min(1))
    .max(1, { error: "at most 1 validation rule can be attached to a campaign (API limit)" })
    .optional();
}

function buildTier(p: Primitives) {
  return z.strictObject({
    /** Identifies the tier across updates (default: its name); set it to rename a tier in place. */
    key: z.string().min(1, { error: "a tier key must not be empty" }).optional(),
    name: z.string().min(1, { error: "every promotion tier needs a name" }),
    banner: z.string().optional(),
    action: z.strictObject({ discount: discountSchema() }).optional(),
    metadata: p.metadata.optional(),
    validationRules: z.array(z.string().min(1)).optional(),
    active: z.boolean().optional(),
    hierarchy: z.int().min(1).optional(),
    startDate: p.isoDate.optional(),
    expirationDate: p.isoDate.optional(),
    validityTimeframe: p.validityTimeframe.optional(),
    validityDayOfWeek: p.validityDayOfWeek.optional(),
    validityHours: p.validityHours.optional(),
    category: z.string().min(1).optional(),
    categoryId: z.string().min(1).optional(),
  });
}

function buildUnion() {
  const p = buildPrimitives();
  const common = commonShape(p);
  const discountVoucher = z.strictObject({
    type: z.literal("DISCOUNT_VOUCHER").default("DISCOUNT_VOUCHER"),
    discount: discountSchema(),
    redemption: p.redemption.optional(),
    codeConfig: p.codeConfig.optional(),
  });
  const discountCoupons = z.strictObject({
    ...common,
    campaignType: z.literal("DISCOUNT_COUPONS"),
    type: typeEnum(["AUTO_UPDATE", "STATIC", "STANDALONE"], "DISCOUNT_COUPONS"),
    validationRules: validationRules(),
    voucher: discountVoucher,
  });
  const referral = z.strictObject({
    ...common,
    campaignType: z.literal("REFERRAL_PROGRAM"),
    type: typeEnum(["AUTO_UPDATE", "STATIC"], "REFERRAL_PROGRAM"),
    validationRules: validationRules(),
    referralProgram: z
      .strictObject({
        conversionEventType: z.enum(["redemption", "custom_event"]).optional(),
        customEvent: z
          .strictObject({ id: z.string().min(1).optional(), name: z.string().optional() })
          .optional(),
        refereeReward: z
          .strictObject({
            relatedObjectParent: z
              .strictObject({
                id: z.string().min(1).optional(),
                name: z.string().optional(),
                object: z.literal("CAMPAIGN").optional(),
              })
              .optional(),
            type: z.enum(["LOYALTY_CARD", "GIFT_VOUCHER"]).optional(),
            /** Points (loyalty card) or minor units (gift card) given to the referee. */
            amount: z.int().min(0).optional(),
          })
          .optional(),
      })
      .optional(),
    voucher: z.strictObject({
      type: z.literal("DISCOUNT_VOUCHER").default("DISCOUNT_VOUCHER"),
      discount: discountSchema(),
      redemption: p.redemption.optional(),
      codeConfig: p.codeConfig.optional(),
      isReferralCode: z.boolean().default(true),
    }),
  });
  const gift = z.strictObject({
    ...common,
    campaignType: z.literal("GIFT_VOUCHERS"),
    type: typeEnum(["AUTO_UPDATE", "STATIC", "STANDALONE"], "GIFT_VOUCHERS"),
    validationRules: validationRules(),
    voucher: z.strictObject({
      type: z.literal("GIFT_VOUCHER").default("GIFT_VOUCHER"),
      gift: z.strictObject({
        /** Initial balance of each card in minor units. */
        amount: z.number().min(0, { error: "amount must be >= 0" }),
        effect: z.enum(["APPLY_TO_ORDER", "APPLY_TO_ITEMS"]).optional(),
      }),
      redemption: p.redemption.optional(),
      codeConfig: p.codeConfig.optional(),
    }),
  });
  const loyalty = z.strictObject({
    ...common,
    campaignType: z.literal("LOYALTY_PROGRAM"),
    type: typeEnum(["AUTO_UPDATE", "STATIC"], "LOYALTY_PROGRAM"),
    voucher: z.strictObject({
      type: z.literal("LOYALTY_CARD").default("LOYALTY_CARD"),
      loyaltyCard: z.strictObject({
        /** Initial points on each card. */
        points: z.int().min(0, { error: "points must be an integer >= 0" }),
        expirationRules: z
          .strictObject({
            periodType: z.enum(["FIXED_DAY_OF_YEAR", "MONTH"]),
            periodValue: z.int().min(1).optional(),
            roundingType: z
              .enum(["END_OF_MONTH", "END_OF_QUARTER", "END_OF_HALF_YEAR", "END_OF_YEAR", "PARTICULAR_MONTH"])
              .optional(),
            roundingValue: z.int().min(0).optional(),
            fixedMonth: z.int().min(1).max(12).optional(),
            fixedDay: z.int().min(1).max(31).optional(),
          })
          .optional(),
      }),
      redemption: p.redemption.optional(),
      codeConfig: p.codeConfig.optional(),
    }),
  });
  const promotion = z.strictObject({
    ...common,
    campaignType: z.literal("PROMOTION"),
    type: typeEnum(["AUTO_UPDATE", "STATIC"], "PROMOTION"),
    validationRules: validationRules(),
    promotion: z.strictObject({
      tiers: z.array(buildTier(p)).min(1, { error: "a PROMOTION needs at least one tier" }),
    }),
  });
  return z.discriminatedUnion("campaignType", [discountCoupons, gift, loyalty, referral, promotion]);
}

function buildCampaign() {
  return buildUnion().superRefine((value, ctx) => crossFieldRules(value, ctx));
}

type Built = z.output<ReturnType<typeof buildUnion>>;

/** Rules that involve more than one field. Each issue names the field the user should change. */
function crossFieldRules(v: Built, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
  if (v.category !== undefined && v.categoryId !== undefined) {
    issue(["categoryId"], "category and categoryId are mutually exclusive: set only one of them");
  }
  if (v.validityTimeframe !== undefined && v.startDate === undefined) {
    issue(["startDate"], "required when validityTimeframe is set (the timeframe repeats from startDate)");
  }
  for (const problem of recurringLimitProblems(v)) issue(problem.path, problem.message);
  if (v.startDate !== undefined && v.expirationDate !== undefined) {
    if (Date.parse(v.expirationDate) <= Date.parse(v.startDate)) {
      issue(["expirationDate"], "must be after startDate");
    }
  }
  if (v.campaignType === "LOYALTY_PROGRAM" && v.joinOnce === false) {
    issue(["joinOnce"], "always true for LOYALTY_PROGRAM (the API forces it); remove it or set true");
  }
  if (v.type === "STANDALONE" && v.joinOnce === true) {
    issue(["joinOnce"], "always false for STANDALONE campaigns (the API forces it); remove it or set false");
  }
  if (v.campaignType === "PROMOTION") {
    for (const key of ["vouchers", "vouchersCsv", "vouchersCount"] as const) {
      if (v[key] !== undefined) issue([key], "a PROMOTION campaign has no voucher codes");
    }
    v.promotion.tiers.forEach((tier, i) => {
      if (tier.category !== undefined && tier.categoryId !== undefined) {
        issue(
          ["promotion", "tiers", i, "categoryId"],
          "category and categoryId are mutually exclusive: set only one of them",
        );
      }
      if (tier.validityTimeframe !== undefined && tier.startDate === undefined) {
        issue(["promotion", "tiers", i, "startDate"], "required when validityTimeframe is set");
      }
      for (const problem of recurringLimitProblems(tier)) {
        issue(["promotion", "tiers", i, ...problem.path], problem.message);
      }
    });
    const names = new Set<string>();
    const keys = new Set<string>();
    v.promotion.tiers.forEach((tier, i) => {
      if (names.has(tier.name))
        issue(["promotion", "tiers", i, "name"], `duplicate tier name "${tier.name}"`);
      names.add(tier.name);
      const key = tier.key ?? tier.name;
      if (keys.has(key))
        issue(
          ["promotion", "tiers", i, "key"],
          `duplicate tier key "${key}" (a tier's key defaults to its name)`,
        );
      keys.add(key);
    });
  } else {
    const cc = v.voucher.codeConfig;
    if (cc?.pattern !== undefined && cc.length !== undefined) {
      const placeholders = cc.pattern.split("#").length - 1;
      if (placeholders !== cc.length) {
        issue(
          ["voucher", "codeConfig", "length"],
          `pattern has ${placeholders} # placeholders, so the API sets length to ${placeholders}; remove length or make it match`,
        );
      }
    }
  }
  if (v.campaignType === "REFERRAL_PROGRAM") {
    const rp = v.referralProgram;
    if (rp?.conversionEventType === "custom_event" && rp.customEvent === undefined) {
      issue(["referralProgram", "customEvent"], 'required when conversionEventType is "custom_event"');
    }
  }
}

let campaignCache: ReturnType<typeof buildCampaign> | undefined;

function cachedCampaignSchema(): ReturnType<typeof buildCampaign> {
  if (campaignCache === undefined) campaignCache = buildCampaign();
  return campaignCache;
}

/** Normalized, validated campaign inputs (output of the schema: defaults applied). */
export type CampaignInputs = z.output<ReturnType<typeof buildCampaign>>;

/** Campaign input schema: a discriminated union on `campaignType`, strict objects throughout. */
export function campaignInputSchema(): z.ZodType<CampaignInputs, unknown> {
  return cachedCampaignSchema();
}
