import * as assert from "node:assert/strict";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { checkConfig, diffConfig } from "../../../provider/native/config";
import { secret } from "../../../provider/native/secrets";
import { UNKNOWN } from "../../../provider/schema/unknowns";

const isSecret = (v: unknown) => (v as Record<string, unknown>)?.[specialSigKey] === specialSecretSig;
const good = {
  applicationId: "app-1",
  secretKey: secret("key-1"),
  apiUrl: "https://api.voucherify.io",
  version: "0.1.0",
};

/** Runs `body` with the VOUCHERIFY_* environment cleared (CheckConfig reads it, as the provider does). */
function withoutEnv<T>(body: () => T): T {
  const saved = Object.entries(process.env).filter(([k]) => k.startsWith("VOUCHERIFY_"));
  for (const [k] of saved) delete process.env[k];
  try {
    return body();
  } finally {
    for (const [k, v] of saved) process.env[k] = v;
  }
}

describe("native provider: CheckConfig", () => {
  it("accepts a good configuration and returns the secret key as a secret", () => {
    const result = withoutEnv(() => checkConfig({ ...good, secretKey: "key-1" }));
    assert.deepEqual(result.failures, []);
    assert.ok(isSecret(result.inputs.secretKey));
    assert.equal(result.inputs.applicationId, "app-1");
    assert.equal(result.inputs.version, "0.1.0");
  });

  it("fails each bad setting naming voucherify:<key>, never showing the secret key", () => {
    const result = withoutEnv(() =>
      checkConfig({
        secretKey: "key-1",
        apiUrl: "http://api.voucherify.io",
        maxRetries: "many",
        timeoutMs: 0,
      }),
    );
    assert.deepEqual(
      result.failures.map((f) => f.property),
      ["applicationId", "apiUrl", "timeoutMs", "maxRetries"],
    );
    assert.match(result.failures[1]?.reason ?? "", /^voucherify:apiUrl .*plain http/);
    assert.ok(!JSON.stringify(result.failures).includes("key-1"));
  });

  it("takes unset keys from the environment, and does not judge values not known yet", () => {
    process.env.VOUCHERIFY_APP_ID = "env-app";
    try {
      assert.deepEqual(
        checkConfig({ secretKey: secret("k"), apiUrl: "https://api.voucherify.io" }).failures,
        [],
      );
    } finally {
      delete process.env.VOUCHERIFY_APP_ID;
    }
    const unknown = withoutEnv(() => checkConfig({ applicationId: UNKNOWN, secretKey: UNKNOWN }));
    assert.deepEqual(unknown.failures, []);
  });
});

describe("native provider: DiffConfig", () => {
  it("replaces for another project or another cluster", () => {
    assert.deepEqual(diffConfig(good, { ...good, applicationId: "app-2" }), {
      replaces: ["applicationId"],
      detailedDiff: { applicationId: "update-replace" },
    });
    assert.deepEqual(diffConfig(good, { ...good, apiUrl: "https://us1.api.voucherify.io" }).replaces, [
      "apiUrl",
    ]);
  });

  it("replaces nothing for a rotated key, timeouts, retries, the version or a path on the same host", () => {
    const news = {
      ...good,
      secretKey: secret("key-2"),
      timeoutMs: "5000",
      maxRetries: "2",
      version: "0.2.0",
      apiUrl: "https://api.voucherify.io/",
    };
    assert.deepEqual(diffConfig(good, news), { replaces: [], detailedDiff: {} });
  });

  it("replaces nothing when the old value is missing (moved from the dynamic provider, or env-only) or unknown", () => {
    assert.deepEqual(diffConfig({}, good).replaces, []);
    assert.deepEqual(diffConfig({ version: "0.1.0" }, { ...good, applicationId: "app-2" }).replaces, []);
    assert.deepEqual(diffConfig(good, { ...good, applicationId: UNKNOWN }).replaces, []);
  });
});
