import assert from "node:assert/strict";
import { checkCampaignInputs } from "../../../provider/campaign/mapping";
import { campaignInputSchema } from "../../../provider/schema/campaign";
import { FIXTURE_TYPES, loadCampaignFixture } from "./fixtures";

type Json = Record<string, unknown>;

function withPath(base: Json, path: string, value: unknown): Json {
  const copy = structuredClone(base);
  const segs = path.split(".");
  let node: Json = copy;
  for (const seg of segs.slice(0, -1)) {
    if (typeof node[seg] !== "object" || node[seg] === null) node[seg] = {};
    node = node[seg] as Json;
  }
  const last = segs[segs.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

describe("campaign input schema", () => {
  for (const set of ["minimal", "full"] as const) {
    for (const type of FIXTURE_TYPES) {
      it(`accepts the ${set} ${type} fixture`, () => {
        const result = campaignInputSchema().safeParse(loadCampaignFixture(set, type));
        assert.equal(result.success, true, JSON.stringify(result.error?.issues, null, 2));
      });
    }
  }

  it("applies provider defaults to a minimal campaign", () => {
    const { inputs, failures } = checkCampaignInputs(loadCampaignFixture("minimal", "discount_coupons"));
    assert.deepEqual(failures, []);
    assert.equal(inputs.type, "AUTO_UPDATE");
    assert.equal(inputs.active, true);
    assert.equal(inputs.deletePolicy, "permanent");
    assert.equal(inputs.adopt, false);
    assert.deepEqual((inputs.voucher as Json).type, "DISCOUNT_VOUCHER");
  });

  it("defaults isReferralCode to true for referral programs", () => {
    const { inputs } = checkCampaignInputs(loadCampaignFixture("minimal", "referral_program"));
    assert.equal((inputs.voucher as Json).isReferralCode, true);
  });

  it("builds the schema once and returns the cached instance", () => {
    assert.equal(campaignInputSchema(), campaignInputSchema());
  });

  const discount = loadCampaignFixture("full", "discount_coupons");
  const gift = loadCampaignFixture("full", "gift_vouchers");
  const loyalty = loadCampaignFixture("full", "loyalty_program");
  const referral = loadCampaignFixture("full", "referral_program");
  const promotion = loadCampaignFixture("full", "promotion");
  const minimalDiscount = loadCampaignFixture("minimal", "discount_coupons");

  const invalid: { name: string; input: Json; property: string; reason: RegExp }[] = [
    {
      name: "percentOff above 100",
      input: withPath(discount, "voucher.discount.percentOff", 101),
      property: "voucher.discount.percentOff",
      reason: /between 0 and 100/,
    },
    {
      name: "negative percentOff",
      input: withPath(discount, "voucher.discount.percentOff", -1),
      property: "voucher.discount.percentOff",
      reason: /between 0 and 100/,
    },
    {
      name: "a date that is not ISO-8601",
      input: withPath(discount, "startDate", "01/03/2030"),
      property: "startDate",
      reason: /ISO-8601 date-time/,
    },
    {
      name: "an impossible month",
      input: withPath(discount, "expirationDate", "2030-13-01T00:00:00Z"),
      property: "expirationDate",
      reason: /ISO-8601 date-time/,
    },
    {
      name: "a duration without the P prefix",
      input: withPath(discount, "activityDurationAfterPublishing", "24D"),
      property: "activityDurationAfterPublishing",
      reason: /ISO-8601 duration/,
    },
    {
      name: "a bad validityTimeframe.interval",
      input: withPath(discount, "validityTimeframe.interval", "every 2 days"),
      property: "validityTimeframe.interval",
      reason: /ISO-8601 duration/,
    },
    {
      name: "a misspelt top-level property",
      input: withPath(minimalDiscount, "descripton", "typo"),
      property: "descripton",
      reason: /unknown property "descripton"/,
    },
    {
      name: "a misspelt nested property",
      input: withPath(discount, "voucher.codeConfig.prefx", "A-"),
      property: "voucher.codeConfig.prefx",
      reason: /unknown property "prefx"/,
    },
    {
      name: "an unknown campaignType",
      input: withPath(minimalDiscount, "campaignType", "LUCKY_DRAW"),
      property: "campaignType",
      reason:
        /must be one of DISCOUNT_COUPONS, GIFT_VOUCHERS, LOYALTY_PROGRAM, REFERRAL_PROGRAM, PROMOTION \(got "LUCKY_DRAW"\)/,
    },
    {
      name: "a missing campaignType",
      input: withPath(minimalDiscount, "campaignType", undefined),
      property: "campaignType",
      reason: /required: one of DISCOUNT_COUPONS/,
    },
    {
      name: "an unknown discount type",
      input: withPath(discount, "voucher.discount", { type: "SHIPPING" }),
      property: "voucher.discount.type",
      reason: /must be one of AMOUNT, PERCENT, FIXED, UNIT \(got "SHIPPING"\)/,
    },
    {
      name: "STANDALONE for a loyalty program",
      input: withPath(loyalty, "type", "STANDALONE"),
      property: "type",
      reason: /STANDALONE is only possible for DISCOUNT_COUPONS and GIFT_VOUCHERS/,
    },
    {
      name: "STANDALONE for a promotion",
      input: withPath(promotion, "type", "STANDALONE"),
      property: "type",
      reason: /STANDALONE is only possible/,
    },
    {
      name: "two validation rules",
      input: withPath(discount, "validationRules", ["val_a", "val_b"]),
      property: "validationRules",
      reason: /at most 1 validation rule/,
    },
    {
      name: "validationRules on a loyalty program",
      input: withPath(loyalty, "validationRules", ["val_a"]),
      property: "validationRules",
      reason: /unknown property/,
    },
    {
      name: "category together with categoryId",
      input: withPath(discount, "categoryId", "cat_123"),
      property: "categoryId",
      reason: /mutually exclusive/,
    },
    {
      name: "validityTimeframe without startDate",
      input: withPath(discount, "startDate", undefined),
      property: "startDate",
      reason: /required when validityTimeframe is set/,
    },
    {
      name: "expirationDate before startDate",
      input: withPath(discount, "expirationDate", "2029-01-01T00:00:00Z"),
      property: "expirationDate",
      reason: /after startDate/,
    },
    {
      name: "a discount campaign without a discount",
      input: withPath(discount, "voucher.discount", undefined),
      property: "voucher.discount",
      reason: /required/,
    },
    {
      name: "a gift campaign without an amount",
      input: withPath(gift, "voucher.gift.amount", undefined),
      property: "voucher.gift.amount",
      reason: /required/,
    },
    {
      name: "a loyalty program without points",
      input: withPath(loyalty, "voucher.loyaltyCard", undefined),
      property: "voucher.loyaltyCard",
      reason: /required/,
    },
    {
      name: "a promotion without tiers",
      input: withPath(promotion, "promotion.tiers", []),
      property: "promotion.tiers",
      reason: /at least one tier/,
    },
    {
      name: "a promotion tier without a name",
      input: withPath(promotion, "promotion.tiers", [{ banner: "no name" }]),
      property: "promotion.tiers[0].name",
      reason: /required/,
    },
    {
      name: "a voucher on a promotion",
      input: withPath(promotion, "voucher", { discount: { type: "PERCENT", percentOff: 1 } }),
      property: "voucher",
      reason: /unknown property/,
    },
    {
      name: "voucher codes on a promotion",
      input: withPath(promotion, "vouchersCount", 5),
      property: "vouchersCount",
      reason: /no voucher codes/,
    },
    {
      name: "a validityHours time that is not HH:mm",
      input: withPath(discount, "validityHours.daily", [
        { startTime: "9am", daysOfWeek: [1], expirationTime: "17:00" },
      ]),
      property: "validityHours.daily[0].startTime",
      reason: /HH:mm/,
    },
    {
      name: "valid hours combined with a time frame and days of the week (time-limits.mdx)",
      input: withPath(discount, "validityHours", {
        daily: [{ startTime: "09:00", daysOfWeek: [1], expirationTime: "17:00" }],
      }),
      property: "validityHours",
      reason: /cannot be combined with the other recurring limits \(validityTimeframe, validityDayOfWeek\)/,
    },
    {
      name: "two valid-hour windows that overlap on a shared day (time-limits.mdx)",
      input: withPath(loadCampaignFixture("full", "gift_vouchers"), "validityHours.daily", [
        { startTime: "09:00", daysOfWeek: [1, 2], expirationTime: "12:00" },
        { startTime: "11:00", daysOfWeek: [2, 5], expirationTime: "13:00" },
      ]),
      property: "validityHours.daily[1]",
      reason: /overlaps daily window 0/,
    },
    {
      name: "valid hours on a tier that also has days of the week",
      input: withPath(promotion, "promotion.tiers.0.validityHours", {
        daily: [{ startTime: "09:00", daysOfWeek: [1], expirationTime: "17:00" }],
      }),
      property: "promotion.tiers[0].validityHours",
      reason: /cannot be combined/,
    },
    {
      name: "a day of week outside 0..6",
      input: withPath(discount, "validityDayOfWeek", [1, 7]),
      property: "validityDayOfWeek[1]",
      reason: /0 \(Sunday\) \.\. 6 \(Saturday\)/,
    },
    {
      name: "metadata with a non-JSON value",
      input: withPath(discount, "metadata", { when: new Date(0) }),
      property: "metadata.when",
      reason: /./,
    },
    {
      name: "joinOnce false on a loyalty program",
      input: withPath(loyalty, "joinOnce", false),
      property: "joinOnce",
      reason: /always true for LOYALTY_PROGRAM/,
    },
    {
      name: "joinOnce true on a STANDALONE campaign",
      input: withPath(gift, "joinOnce", true),
      property: "joinOnce",
      reason: /always false for STANDALONE/,
    },
    {
      name: "a code pattern without placeholders",
      input: withPath(discount, "voucher.codeConfig.pattern", "FIXED"),
      property: "voucher.codeConfig.pattern",
      reason: /# placeholder/,
    },
    {
      name: "a code length that contradicts the pattern",
      input: withPath(discount, "voucher.codeConfig.length", 8),
      property: "voucher.codeConfig.length",
      reason: /pattern has 5 # placeholders/,
    },
    {
      name: "a UNIT discount with ADD_MANY_ITEMS but no units",
      input: withPath(referral, "voucher.discount.units", undefined),
      property: "voucher.discount.units",
      reason: /required/,
    },
    {
      name: "a single UNIT discount without unitType",
      input: withPath(discount, "voucher.discount", { type: "UNIT", unitOff: 1 }),
      property: "voucher.discount.unitType",
      reason: /required/,
    },
    {
      name: "a custom_event referral without the event",
      input: withPath(referral, "referralProgram.customEvent", undefined),
      property: "referralProgram.customEvent",
      reason: /custom_event/,
    },
    {
      name: "a discount without its type",
      input: withPath(discount, "voucher.discount", { percentOff: 5 }),
      property: "voucher.discount.type",
      reason: /required: one of AMOUNT, PERCENT, FIXED, UNIT/,
    },
    {
      name: "an unknown deletePolicy",
      input: withPath(discount, "deletePolicy", "trash"),
      property: "deletePolicy",
      reason: /permanent|bin/,
    },
    {
      name: "duplicate promotion tier names",
      input: withPath(promotion, "promotion.tiers", [{ name: "A" }, { name: "A" }]),
      property: "promotion.tiers[1].name",
      reason: /duplicate tier name/,
    },
  ];

  for (const c of invalid) {
    it(`rejects ${c.name}, naming ${c.property}`, () => {
      const { failures } = checkCampaignInputs(c.input);
      const match = failures.find((f) => f.property === c.property);
      assert.ok(match, `no failure at ${c.property}; got ${JSON.stringify(failures)}`);
      assert.match(match.reason, c.reason);
    });
  }
});
