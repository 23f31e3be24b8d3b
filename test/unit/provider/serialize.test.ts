// The provider text Pulumi stores in state must stay a thin shim: small, free of secrets and of zod schemas,
// loading the implementation from the installed package at run time, and evaluating in the dynamic-provider host
// exactly as the text `pulumi.dynamic.Resource` used to serialize did (older stacks hold that one).
//
// The implementation is loaded COMPILED (dist/, resolved through the package name exactly as the provider process
// resolves it). `npm test` builds first; when running this file alone, run `npm run build` before it.
import * as assert from "node:assert/strict";
import { existsSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import type * as Lifecycle from "../../../provider/campaign/lifecycle";
import * as shim from "../../../provider/shim";

const SECRET = "sk_test_NEVER_IN_STATE_9f8e7d";
const APP_ID = "app_id_visible_but_not_captured";

type HostModule = { handler: () => pulumi.dynamic.ResourceProvider };
const requireFromString: (code: string) => HostModule = require("require-from-string");

function compiled(): { lifecycle: typeof Lifecycle } {
  let path: string;
  try {
    path = require.resolve("pulumi-voucherify/dist/provider/campaign/lifecycle.js");
  } catch {
    return assert.fail("dist/provider/campaign/lifecycle.js is missing: run `npm run build` first");
  }
  assert.ok(existsSync(path));
  return { lifecycle: require("pulumi-voucherify/dist/provider/campaign/lifecycle.js") };
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

  it("is a small text without secrets or schemas that loads the implementation by package path", () => {
    const text = shim.CAMPAIGN_PROVIDER_TEXT;
    assert.ok(text.length < 2_000, `provider text is ${text.length} bytes`);
    assert.ok(!text.includes(SECRET), "secret key captured");
    assert.ok(!text.includes(APP_ID), "configuration captured");
    assert.ok(text.includes(shim.IMPLEMENTATION_MODULE));
    assert.ok(!/zod|safeParse/.test(text), "zod captured");
  });

  it("evaluates like the dynamic-provider host does into every method, delegating to the installed implementation", async () => {
    const provider = requireFromString(shim.CAMPAIGN_PROVIDER_TEXT).handler();
    for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"] as const) {
      assert.equal(typeof provider[method], "function", `method ${method} missing`);
    }
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
    const diff = await provider.diff!("camp_1", result.inputs, result.inputs);
    assert.equal(diff.changes, false);
  });

  it("exports the same provider as the closure text older stacks hold", async () => {
    // What pulumi.dynamic.Resource serialized for the former shim object: same methods, same delegation.
    const load = () => require("pulumi-voucherify/dist/provider/campaign/lifecycle.js") as typeof Lifecycle;
    const former = {
      configure: (req: Parameters<typeof Lifecycle.configure>[0]) => load().configure(req),
      check: (olds: Record<string, unknown>, news: Record<string, unknown>) => load().check(olds, news),
      diff: (id: string, olds: Record<string, unknown>, news: Record<string, unknown>) =>
        load().diff(id, olds, news),
      create: (inputs: Record<string, unknown>) => load().create(inputs),
      read: (id: string, props: Record<string, unknown>) => load().read(id, props),
      update: (id: string, olds: Record<string, unknown>, news: Record<string, unknown>) =>
        load().update(id, olds, news),
      delete: (id: string, props: Record<string, unknown>) => load().remove(id, props),
    };
    const serialized = await pulumi.runtime.serializeFunction(() => former, { allowSecrets: true });
    const fromState = requireFromString(serialized.text).handler();
    const current = requireFromString(shim.CAMPAIGN_PROVIDER_TEXT).handler();
    assert.deepEqual(Object.keys(fromState).sort(), Object.keys(current).sort());
    const news = { campaignType: "GIFT_VOUCHERS", voucher: { gift: { amount: 1 } }, name: "same" };
    assert.deepEqual(await fromState.check!({}, news), await current.check!({}, news));
  });
});
