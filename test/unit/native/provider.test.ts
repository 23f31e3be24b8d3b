import * as assert from "node:assert/strict";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { voucherListText } from "../../../provider/codes/encoding";
import { resolveConnection } from "../../../provider/config";
import { check, configSource, diff, resourceName, stackOf } from "../../../provider/native/provider";
import { conceal, reveal, secret } from "../../../provider/native/secrets";

const URN = "urn:pulumi:dev::shop::voucherify:index:Campaign::spring";
const isSecret = (v: unknown) => (v as Record<string, unknown>)?.[specialSigKey] === specialSecretSig;

describe("native provider: config from Configure", () => {
  it("takes the provider's inputs (the secret key unwrapped), then the legacy variables, then the environment", () => {
    const config = configSource(
      { applicationId: "app-from-args", secretKey: secret("key-from-args"), timeoutMs: 5000 },
      {
        "voucherify:config:apiUrl": "https://us1.api.voucherify.io",
        "voucherify:config:applicationId": "ignored",
      },
    );
    const settings = resolveConnection(config, { VOUCHERIFY_MAX_RETRIES: "2", VOUCHERIFY_APP_ID: "env-app" });
    assert.equal(settings.applicationId, "app-from-args");
    assert.equal(settings.secretKey, "key-from-args");
    assert.equal(settings.apiUrl, "https://us1.api.voucherify.io");
    assert.equal(settings.timeoutMs, 5000);
    assert.equal(settings.maxRetries, 2);
  });

  it("leaves unset keys to the VOUCHERIFY_* environment", () => {
    const settings = resolveConnection(configSource({}, {}), {
      VOUCHERIFY_APP_ID: "env-app",
      VOUCHERIFY_SECRET_KEY: "env-key",
      VOUCHERIFY_API_URL: "http://127.0.0.1:4010",
    });
    assert.deepEqual(
      [settings.applicationId, settings.secretKey, settings.apiUrl],
      ["env-app", "env-key", "http://127.0.0.1:4010"],
    );
  });
});

describe("native provider: secrets across the boundary", () => {
  it("reveals secrets at any depth and remembers their top-level properties", () => {
    const { plain, secretKeys } = reveal({ a: secret("x"), b: { c: [secret(1)] }, d: "plain" });
    assert.deepEqual(plain, { a: "x", b: { c: [1] }, d: "plain" });
    assert.deepEqual([...secretKeys].sort(), ["a", "b"]);
    const back = conceal(plain, secretKeys);
    assert.ok(isSecret(back.a) && isSecret(back.b) && !isSecret(back.d));
  });

  it("check returns the codes as one secret string unless vouchersSecret is false", async () => {
    const news = {
      campaignType: "GIFT_VOUCHERS",
      voucher: { gift: { amount: 5000 } },
      vouchers: [{ code: "G-1" }],
      description: secret("hidden"),
    };
    const checked = await check(URN, {}, news);
    assert.deepEqual(checked.failures, []);
    assert.ok(isSecret(checked.inputs.vouchers), "vouchers");
    // Secret codes travel deflated, as with the dynamic Campaign; they read back as the declared list.
    assert.equal(voucherListText((checked.inputs.vouchers as { value: unknown }).value), '[{"code":"G-1"}]');
    assert.ok(isSecret(checked.inputs.description), "a secret input stays secret");
    const open = await check(URN, {}, { ...news, vouchersSecret: false });
    assert.equal(open.inputs.vouchers, '[{"code":"G-1"}]');
  });
});

describe("native provider: the resource", () => {
  it("autonames from the URN's resource name, as the dynamic Campaign does from its hidden input", async () => {
    assert.equal(resourceName(URN), "spring");
    assert.equal(stackOf(URN), "shop/dev");
    const checked = await check(
      URN,
      {},
      { campaignType: "PROMOTION", promotion: { tiers: [{ name: "t" }] } },
    );
    assert.match(String(checked.inputs.name), /^spring-[a-z0-9]{7}$/);
    assert.equal(checked.inputs.__autonamed, true);
  });

  it("refuses resource types it does not serve", async () => {
    await assert.rejects(
      check("urn:pulumi:dev::shop::voucherify:index:Other::x", {}, {}),
      /unknown resource type/,
    );
  });

  it("meets state written by the dynamic provider without a diff: __provider, codes as one secret JSON string", async () => {
    const dynamicState = {
      __provider: "exports.handler = …",
      __autonamed: true,
      name: "spring-abc1234",
      campaignType: "GIFT_VOUCHERS",
      type: "AUTO_UPDATE",
      active: true,
      deletePolicy: "permanent",
      adopt: false,
      voucher: { type: "GIFT_VOUCHER", gift: { amount: 5000 } },
      vouchers: secret('[{"code":"G-1"}]'),
      campaignId: "camp_1",
      totalVouchers: 1,
    };
    const checked = await check(URN, dynamicState, {
      campaignType: "GIFT_VOUCHERS",
      voucher: { gift: { amount: 5000 } },
      vouchers: secret('[{"code":"G-1"}]'),
    });
    assert.equal(checked.inputs.name, "spring-abc1234", "the name carries over");
    const result = await diff("camp_1", URN, dynamicState, checked.inputs);
    assert.equal(result.changes, false);
    assert.deepEqual(result.replaces, []);
  });
});
