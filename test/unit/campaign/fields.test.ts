import assert from "node:assert/strict";
import type { z } from "zod";
import { CAMPAIGN_FIELD_RULES, innerRowKeys, ruleFor } from "../../../provider/campaign/fields";
import { changeText, documentedRules } from "../../../provider/campaign/fields-doc";
import { campaignInputSchema } from "../../../provider/schema/campaign";
import { VOUCHER_CODE_FIELDS } from "../../../provider/schema/vouchers";

type Shape = Record<string, z.ZodType>;

function variantShapes(): Shape[] {
  const union = campaignInputSchema() as unknown as { options: { shape: Shape }[] };
  return union.options.map((o) => o.shape);
}

/** Unwraps optional/default wrappers to reach an object's shape. */
function innerShape(schema: z.ZodType): Shape | undefined {
  let s = schema as unknown as { shape?: Shape; def?: { innerType?: unknown } };
  for (let i = 0; i < 5 && s.shape === undefined && s.def?.innerType !== undefined; i++) {
    s = s.def.innerType as typeof s;
  }
  return s.shape;
}

function covered(path: string): boolean {
  return CAMPAIGN_FIELD_RULES.some((r) => r.path === path || r.path.startsWith(`${path}.`));
}

describe("campaign field model", () => {
  it("covers every top-level input of every campaign type", () => {
    for (const shape of variantShapes()) {
      for (const key of Object.keys(shape)) assert.ok(covered(key), `no rule for ${key}`);
    }
  });

  it("covers every voucher field of every campaign type", () => {
    let withVoucher = 0;
    for (const shape of variantShapes()) {
      const voucher = shape.voucher === undefined ? undefined : innerShape(shape.voucher);
      if (voucher !== undefined) withVoucher++;
      for (const key of Object.keys(voucher ?? {}))
        assert.ok(covered(`voucher.${key}`), `no rule for voucher.${key}`);
    }
    assert.equal(withVoucher, 4, "every type but PROMOTION has a voucher template");
  });

  it("covers every code_config field", () => {
    const voucher = innerShape(variantShapes()[0]?.voucher as z.ZodType) as Shape;
    const codeConfig = innerShape(voucher.codeConfig as z.ZodType) as Shape;
    for (const key of Object.keys(codeConfig)) assert.ok(ruleFor(`voucher.codeConfig.${key}`), key);
  });

  it("classifies every voucher-code field as codes or a provider setting, never replace", () => {
    for (const field of VOUCHER_CODE_FIELDS) {
      const rule = ruleFor(field);
      assert.ok(rule, field);
      assert.ok(rule.apply === "codes" || rule.apply === "provider", `${field}: ${rule.apply}`);
    }
  });

  it("has no duplicate paths, and nests only fixed parts inside fields updated through the campaign PUT", () => {
    const paths = CAMPAIGN_FIELD_RULES.map((r) => r.path);
    assert.equal(new Set(paths).size, paths.length);
    for (const outer of CAMPAIGN_FIELD_RULES) {
      for (const key of innerRowKeys(outer.path)) {
        assert.equal(outer.apply, "campaign", `${outer.path} holds ${key}`);
        assert.equal(ruleFor(`${outer.path}.${key}`)?.apply, "replace", `${outer.path}.${key}`);
      }
    }
  });

  it("gives every row sent through the campaign PUT a sender, and no other row one", () => {
    for (const rule of CAMPAIGN_FIELD_RULES) {
      assert.equal(rule.send !== undefined, rule.apply === "campaign", rule.path);
    }
  });

  it("documents every field a user sets, with what a change does", () => {
    for (const rule of documentedRules()) assert.ok(changeText(rule).length > 0, rule.path);
  });

  it("replaces exactly for the create-only fields of API-NOTES §6 and the documented immutables", () => {
    const replace = CAMPAIGN_FIELD_RULES.filter((r) => r.apply === "replace").map((r) => r.path);
    assert.deepEqual(replace.sort(), [
      "campaignType",
      "name",
      // campaign-maintenance.mdx, "What you can't change"
      "referralProgram.conversionEventType",
      "referralProgram.customEvent",
      "referralProgram.refereeReward",
      "useVoucherMetadataSchema",
      "voucher.codeConfig.charset",
      "voucher.codeConfig.length",
      "voucher.codeConfig.pattern",
      "voucher.codeConfig.postfix",
      "voucher.codeConfig.prefix",
      "voucher.discount.type",
      "voucher.gift.amount",
      "voucher.isReferralCode",
      "voucher.loyaltyCard.expirationRules",
      "voucher.loyaltyCard.points",
      "voucher.redemption.quantity",
      "voucher.type",
    ]);
    assert.equal(ruleFor("promotion.tiers")?.apply, "tiers");
    assert.equal(ruleFor("validationRules")?.apply, "assignments");
    const conditional = CAMPAIGN_FIELD_RULES.filter((r) => (r.replaceWhen ?? []).length > 0).map(
      (r) => r.path,
    );
    assert.deepEqual(conditional.sort(), ["activityDurationAfterPublishing", "autoJoin", "joinOnce", "type"]);
  });
});
