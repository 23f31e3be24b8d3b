import * as assert from "node:assert/strict";
import { importedInputs } from "../../../provider/campaign/import";
import type { ApiCampaign } from "../../../provider/schema/wire";

// A discount campaign as the API returns it for a create body with only a discount and a code pattern.
const created = {
  id: "camp_1",
  name: "spring",
  campaign_type: "DISCOUNT_COUPONS",
  type: "AUTO_UPDATE",
  category_id: null,
  join_once: false,
  auto_join: false,
  use_voucher_metadata_schema: true,
  metadata: {},
  active: true,
  vouchers_count: 4,
  voucher: {
    type: "DISCOUNT_VOUCHER",
    discount: { type: "PERCENT", percent_off: 10 },
    redemption: { quantity: null },
    code_config: {
      length: 4,
      charset: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
      pattern: "S-####",
    },
    is_referral_code: false,
  },
  validation_rules_assignments: { data: [] },
} as unknown as ApiCampaign;

describe("import: the inputs recorded for a campaign Pulumi never managed", () => {
  it("drops what the API fills in, keeps what was declared, counts the codes", () => {
    assert.deepEqual(importedInputs(created), {
      name: "spring",
      campaignType: "DISCOUNT_COUPONS",
      type: "AUTO_UPDATE",
      voucher: {
        type: "DISCOUNT_VOUCHER",
        discount: { type: "PERCENT", percentOff: 10 },
        // The charset is kept as reported: its default is a project setting, and leaving it out is no change.
        codeConfig: {
          charset: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
          pattern: "S-####",
        },
      },
      active: true,
      vouchersCount: 4,
      deletePolicy: "permanent",
      adopt: false,
    });
  });

  it("keeps values that differ from the defaults", () => {
    const api = {
      ...created,
      join_once: true,
      auto_join: true,
      active: false,
      category: "seasonal",
      category_id: "cat_1",
      voucher: {
        ...(created.voucher as object),
        redemption: { quantity: 2 },
        code_config: { length: 10, charset: "0123456789", pattern: "##########" },
      },
    } as unknown as ApiCampaign;
    const inputs = importedInputs(api);
    assert.equal(inputs.joinOnce, true);
    assert.equal(inputs.autoJoin, true);
    assert.equal(inputs.active, false);
    assert.equal(inputs.category, "seasonal");
    assert.equal(inputs.categoryId, undefined, "the category is kept by name");
    assert.deepEqual((inputs.voucher as Record<string, unknown>).redemption, { quantity: 2 });
    assert.deepEqual((inputs.voucher as Record<string, unknown>).codeConfig, {
      length: 10,
      charset: "0123456789",
    });
  });

  it("treats join_once as declared only where it differs from what the API forces (true for loyalty)", () => {
    const loyalty = {
      ...created,
      campaign_type: "LOYALTY_PROGRAM",
      join_once: true,
    } as unknown as ApiCampaign;
    assert.equal(importedInputs(loyalty).joinOnce, undefined);
    assert.equal((importedInputs(loyalty).voucher as Record<string, unknown>).isReferralCode, undefined);
  });
});
