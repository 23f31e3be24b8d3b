// The provider object Pulumi stores in state must stay a thin shim: small, free of secrets and of zod schemas,
// loading the implementation from the installed package at run time.
//
// This test serializes the COMPILED shim (dist/, resolved through the package name exactly as a user's program
// resolves it), because Pulumi serializes function source text and tsx's transpile differs from tsc's. `npm test`
// builds first; when running this file alone, run `npm run build` before it.
import * as assert from "node:assert/strict";
import { existsSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import type * as Lifecycle from "../../../provider/campaign/lifecycle";
import type * as Shim from "../../../provider/shim";

const SECRET = "sk_test_NEVER_IN_STATE_9f8e7d";
const APP_ID = "app_id_visible_but_not_captured";

function compiled(): { shim: typeof Shim; lifecycle: typeof Lifecycle } {
  let path: string;
  try {
    path = require.resolve("pulumi-voucherify/dist/provider/shim.js");
  } catch {
    return assert.fail("dist/provider/shim.js is missing: run `npm run build` first");
  }
  assert.ok(existsSync(path));
  return {
    shim: require("pulumi-voucherify/dist/provider/shim.js"),
    lifecycle: require("pulumi-voucherify/dist/provider/campaign/lifecycle.js"),
  };
}

describe("provider/shim serialization", () => {
  const savedEnv = process.env.VOUCHERIFY_SECRET_KEY;

  before(async () => {
    process.env.VOUCHERIFY_SECRET_KEY = SECRET;
    const { lifecycle } = compiled();
    // Configure the implementation as the engine would, with a secret in stack config.
    await lifecycle.configure({
      config: {
        get: (k: string) =>
          k === "voucherify:secretKey" ? SECRET : k === "voucherify:applicationId" ? APP_ID : undefined,
      },
    });
  });

  after(() => {
    if (savedEnv === undefined) delete process.env.VOUCHERIFY_SECRET_KEY;
    else process.env.VOUCHERIFY_SECRET_KEY = savedEnv;
    compiled().lifecycle.resetConfigForTests();
  });

  async function serialize(provider: unknown): Promise<string> {
    // Exactly what pulumi.dynamic.Resource does (serializeProvider in @pulumi/pulumi/dynamic).
    const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    return sf.text;
  }

  it("serializes the compiled shim into a small text without secrets or schemas", async () => {
    const { shim } = compiled();
    const text = await serialize(shim.sharedCampaignProvider());
    assert.ok(text.length < 20_000, `serialized provider is ${text.length} bytes`);
    assert.ok(!text.includes(SECRET), "secret key captured");
    assert.ok(!text.includes(APP_ID), "configuration captured");
    assert.ok(text.includes(shim.IMPLEMENTATION_MODULE), "loads the implementation by package path");
    assert.ok(!/zod|safeParse/.test(text), "zod captured");
    for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
      assert.match(text, new RegExp(`\\b${method}: __f\\d+`), `method ${method} missing`);
    }
  });

  it("serializes the source shim too (as loaded through tsx)", async () => {
    const source: typeof Shim = require("../../../provider/shim");
    const text = await serialize(source.campaignProvider());
    assert.ok(text.length < 20_000);
    assert.ok(!text.includes(SECRET));
  });

  it("returns one shared provider object, so Pulumi serializes it once", () => {
    const { shim } = compiled();
    assert.equal(shim.sharedCampaignProvider(), shim.sharedCampaignProvider());
  });

  it("evaluates like the dynamic-provider host does and delegates to the installed implementation", async () => {
    const { shim } = compiled();
    const text = await serialize(shim.sharedCampaignProvider());
    const requireFromString: (code: string) => {
      handler: () => pulumi.dynamic.ResourceProvider;
    } = require("require-from-string");
    const provider = requireFromString(text).handler();
    const result = await provider.check!(
      {},
      {
        campaignType: "DISCOUNT_COUPONS",
        voucher: { discount: { type: "PERCENT", percentOff: 5 } },
        __resourceName: "x",
      },
    );
    assert.deepEqual(result.failures, []);
    assert.match(String((result.inputs as Record<string, unknown>).name), /^x-[a-z0-9]{7}$/);
  });
});
