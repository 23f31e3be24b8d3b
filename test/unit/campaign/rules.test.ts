import assert from "node:assert/strict";
import type { z } from "zod";
import { CAMPAIGN_FIELD_RULES, RULE_KIND_DESCRIPTIONS, ruleFor } from "../../../provider/campaign/rules";
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

describe("update-vs-replace rules table", () => {
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

  it("classifies every voucher-code field as codes or ignore, never replace", () => {
    for (const field of VOUCHER_CODE_FIELDS) {
      const rule = ruleFor(field);
      assert.ok(rule, field);
      assert.ok(rule.kind === "codes" || rule.kind === "ignore", `${field}: ${rule.kind}`);
    }
  });

  it("has no row nested inside another and no duplicate paths", () => {
    for (const a of CAMPAIGN_FIELD_RULES) {
      for (const b of CAMPAIGN_FIELD_RULES) {
        if (a === b) continue;
        assert.notEqual(a.path, b.path);
        assert.equal(b.path.startsWith(`${a.path}.`), false, `${b.path} is inside ${a.path}`);
      }
    }
  });

  it("describes every kind it uses", () => {
    for (const rule of CAMPAIGN_FIELD_RULES) assert.ok(RULE_KIND_DESCRIPTIONS[rule.kind]);
  });

  it("matches the replace-forcing fields of API-NOTES §6", () => {
    const replace = CAMPAIGN_FIELD_RULES.filter((r) => r.kind === "replace").map((r) => r.path);
    assert.deepEqual(replace.sort(), [
      "campaignType",
      "name",
      "promotion.tiers",
      "useVoucherMetadataSchema",
      "validationRules",
      "voucher.codeConfig.charset",
      "voucher.codeConfig.length",
      "voucher.codeConfig.pattern",
      "voucher.codeConfig.postfix",
      "voucher.codeConfig.prefix",
      "voucher.isReferralCode",
      "voucher.loyaltyCard.expirationRules",
      "voucher.loyaltyCard.points",
      "voucher.redemption.quantity",
      "voucher.type",
    ]);
    assert.equal(ruleFor("type")?.kind, "replace-when-standalone");
    const promotionOnly = CAMPAIGN_FIELD_RULES.filter((r) => r.promotion === "replace").map((r) => r.path);
    assert.deepEqual(promotionOnly.sort(), [
      "activityDurationAfterPublishing",
      "autoJoin",
      "joinOnce",
      "type",
    ]);
  });
});
