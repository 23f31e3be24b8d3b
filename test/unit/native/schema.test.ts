import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { CAMPAIGN_FIELD_RULES } from "../../../provider/campaign/fields";
import { COMPUTED_OUTPUT_KEYS } from "../../../provider/campaign/outputs";
import { CONNECTION_KEYS } from "../../../provider/config";
import { CAMPAIGN_TOKEN } from "../../../provider/native/schema";
import { SCHEMA_FILE, schemaText } from "../../../scripts/gen-schema";

type Json = Record<string, unknown>;

describe("native provider schema", () => {
  const schema = JSON.parse(schemaText()) as Json;
  const campaign = (schema.resources as Record<string, Json>)[CAMPAIGN_TOKEN] as Json;
  const inputs = campaign.inputProperties as Record<string, Json>;
  const outputs = campaign.properties as Record<string, Json>;

  it("is the committed schema.json (regenerate it with `node --import tsx scripts/gen-schema.ts`)", () => {
    assert.equal(fs.readFileSync(SCHEMA_FILE, "utf8"), schemaText());
  });

  it("has an input for every top-level field of the field model, described by its row", () => {
    for (const rule of CAMPAIGN_FIELD_RULES) {
      const top = rule.path.split(".")[0] as string;
      if (top === "vouchersCsvDigest" || top === "vouchersCsvRows") {
        assert.equal(inputs[top], undefined, `${top} is computed by check`);
        assert.ok(outputs[top], `${top} is an output`);
        continue;
      }
      assert.ok(inputs[top], `input ${top}`);
    }
    assert.match(String(inputs.deletePolicy?.description), /permanent.*bin.*Default: `permanent`/);
    assert.deepEqual(campaign.requiredInputs, ["campaignType"]);
  });

  it("reaches nested fields through named types, the union variants merged", () => {
    const types = schema.types as Record<string, Json>;
    const voucher = types["voucherify:index:CampaignVoucher"]?.properties as Record<string, Json>;
    for (const key of ["discount", "gift", "loyaltyCard", "codeConfig", "redemption", "isReferralCode"]) {
      assert.ok(voucher[key], `voucher.${key}`);
    }
    const discount = types["voucherify:index:Discount"]?.properties as Record<string, Json>;
    for (const key of ["amountOff", "percentOff", "fixedAmount", "unitOff", "units"])
      assert.ok(discount[key], key);
    assert.deepEqual(types["voucherify:index:Discount"]?.required, ["type"]);
    const codeConfig = types["voucherify:index:CodeConfig"]?.properties as Record<string, Json>;
    assert.match(String(codeConfig.pattern?.description), /placeholders.*Change: replace/);
  });

  it("declares the codes output and the secret key as secrets, and every computed output", () => {
    assert.equal(outputs.vouchers?.secret, true);
    assert.equal(outputs.vouchers?.type, "string");
    assert.equal((inputs.vouchers?.items as Json | undefined)?.$ref, "#/types/voucherify:index:VoucherCode");
    for (const key of COMPUTED_OUTPUT_KEYS) assert.ok(outputs[key], key);
    const config = (schema.config as { variables: Record<string, Json> }).variables;
    assert.deepEqual(Object.keys(config).sort(), Object.keys(CONNECTION_KEYS).sort());
    assert.equal(config.secretKey?.secret, true);
    assert.equal(config.timeoutMs?.type, "integer");
  });
});
