import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type * as ResourceModule from "../../../provider/resource";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const registered: Registered[] = [];

function outputValue<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => resolve(v)));
}

describe("provider/resource Campaign", () => {
  // Loaded after the mocks are installed.
  let mod: typeof ResourceModule;

  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push({ type: args.type, name: args.name, inputs: args.inputs });
          return { id: "camp_mock", state: { ...args.inputs, campaignId: "camp_mock", isActive: true } };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      false,
    );
    mod = require("../../../provider/resource");
  });

  it("registers the dynamic type voucherify:Campaign with the resource name as a hidden input", async () => {
    const c = new mod.Campaign("spring-sale", {
      campaignType: "DISCOUNT_COUPONS",
      voucher: { discount: { type: "PERCENT", percentOff: 10 } },
    });
    assert.equal(await outputValue(c.campaignId), "camp_mock");
    const r = registered.find((x) => x.name === "spring-sale");
    assert.ok(r);
    assert.equal(r.type, mod.CAMPAIGN_TYPE);
    assert.equal(r.type, "pulumi-nodejs:dynamic/voucherify:Campaign");
    assert.equal(r.inputs.__resourceName, "spring-sale");
    assert.equal(typeof r.inputs.__provider, "string");
    assert.ok((r.inputs.__provider as string).length < 20_000);
  });

  it("shares one serialized provider between campaigns", async () => {
    const a = new mod.Campaign("a", { campaignType: "GIFT_VOUCHERS", voucher: { gift: { amount: 1 } } });
    const b = new mod.Campaign("b", { campaignType: "GIFT_VOUCHERS", voucher: { gift: { amount: 2 } } });
    await Promise.all([outputValue(a.campaignId), outputValue(b.campaignId)]);
    const ra = registered.find((x) => x.name === "a");
    const rb = registered.find((x) => x.name === "b");
    assert.equal(ra?.inputs.__provider, rb?.inputs.__provider);
  });

  it("stores inline vouchers as a secret by default (deflated) and in plain JSON text when vouchersSecret is false; the output reads as JSON text either way", async () => {
    const secret = new mod.Campaign("s", {
      campaignType: "GIFT_VOUCHERS",
      voucher: { gift: { amount: 1 } },
      vouchers: [{ code: "X-1" }],
    });
    const plain = new mod.Campaign("p", {
      campaignType: "GIFT_VOUCHERS",
      voucher: { gift: { amount: 1 } },
      vouchers: [{ code: "Y-1" }],
      vouchersSecret: false,
    });
    assert.equal(await pulumi.isSecret(secret.vouchers), true);
    assert.equal(await pulumi.isSecret(plain.vouchers), false);
    // A secret reaches the engine wrapped: {<secret signature>: …, value}.
    const sent = (name: string) => {
      const value = registered.find((x) => x.name === name)?.inputs.vouchers;
      return typeof value === "object" && value !== null ? (value as { value?: unknown }).value : value;
    };
    assert.match(String(sent("s")), /^deflate:/);
    assert.equal(sent("p"), '[{"code":"Y-1"}]');
    assert.equal(await outputValue(secret.vouchers), '[{"code":"X-1"}]');
    assert.equal(await outputValue(plain.vouchers), '[{"code":"Y-1"}]');
  });

  it("sends an empty code list plain (nothing to hide, and a secret costs every checkpoint); only the native Campaign, whose provider marks codes by value, leaves its output plain too", async () => {
    const args = {
      campaignType: "DISCOUNT_COUPONS" as const,
      voucher: { discount: { type: "PERCENT" as const, percentOff: 10 } },
      vouchers: [],
    };
    const dynamic = mod.campaignRegistration("e", args, undefined);
    const native = mod.campaignRegistration("e", args, undefined, { secretOutputsByValue: true });
    for (const registration of [dynamic, native]) {
      const sent = registration.props.vouchers as pulumi.Output<string>;
      assert.equal(await pulumi.isSecret(sent), false);
      assert.equal(await outputValue(sent), "[]");
    }
    assert.deepEqual(dynamic.opts.additionalSecretOutputs, ["vouchers"]);
    assert.deepEqual(native.opts.additionalSecretOutputs, []);
    // Codes, or a list not known yet, stay secret both ways.
    for (const vouchers of [[{ code: "Z-1" }], pulumi.output([] as { code: string }[])]) {
      const withCodes = mod.campaignRegistration("c", { ...args, vouchers }, undefined, {
        secretOutputsByValue: true,
      });
      assert.equal(await pulumi.isSecret(withCodes.props.vouchers as pulumi.Output<string>), true);
      assert.deepEqual(withCodes.opts.additionalSecretOutputs, ["vouchers"]);
    }
  });

  it("captures no stack trace per registered property, and restores the stack-trace limit afterwards", async () => {
    // Each captured stack with frames is one `prepareStackTrace` call with a non-empty frame list. Before the
    // registration ran without stack traces, a Campaign captured about four per registered property (80 here).
    const native: typeof import("../../../provider/native/resource") = require("../../../provider/native/resource");
    const original = Error.prepareStackTrace;
    const limit = Error.stackTraceLimit;
    let captured = 0;
    Error.prepareStackTrace = (error, frames) => {
      if (frames.length > 0) captured++;
      return original ? original(error, frames) : String(error);
    };
    const args = {
      campaignType: "DISCOUNT_COUPONS" as const,
      voucher: { discount: { type: "PERCENT" as const, percentOff: 10 } },
    };
    const counts: number[] = [];
    try {
      for (const make of [
        () => new mod.Campaign("traced-dynamic", args),
        () => new native.Campaign("traced-native", args),
      ]) {
        captured = 0;
        make();
        counts.push(captured);
        assert.equal(Error.stackTraceLimit, limit);
      }
    } finally {
      Error.prepareStackTrace = original;
    }
    // One trace remains: Resource.callsites(), the resource's source position, which lifts the limit itself.
    assert.deepEqual(counts, [1, 1]);
    assert.throws(
      () => new mod.Campaign("", args),
      (e: Error) => {
        assert.equal(Error.stackTraceLimit, limit);
        return /name/i.test(e.message);
      },
    );
  });

  it("refuses reserved __ keys in the arguments", () => {
    assert.throws(
      () =>
        new mod.Campaign("bad", {
          campaignType: "GIFT_VOUCHERS",
          voucher: { gift: { amount: 1 } },
          ...({ __provider: "x" } as object),
        }),
      /reserved/,
    );
  });
});

// Compile-time checks of CampaignArgs (type-checked by `npm run lint`; the @ts-expect-error lines fail the
// type check if the args type ever becomes too loose).
function campaignArgsTypeChecks(): ResourceModule.CampaignArgs[] {
  // @ts-expect-error an unknown campaign type is rejected
  const unknownType: ResourceModule.CampaignArgs = { campaignType: "NOPE" };
  const wrongValue: ResourceModule.CampaignArgs = {
    campaignType: "DISCOUNT_COUPONS",
    // @ts-expect-error percentOff must be a number
    voucher: { discount: { type: "PERCENT", percentOff: "10" } },
  };
  const outputsEverywhere: ResourceModule.CampaignArgs = {
    campaignType: "DISCOUNT_COUPONS",
    name: pulumi.output("spring"),
    voucher: pulumi.output({ discount: { type: "PERCENT" as const, percentOff: 10 } }),
    metadata: { team: pulumi.output("growth") },
    vouchers: [{ code: pulumi.output("A-1") }],
  };
  return [unknownType, wrongValue, outputsEverywhere];
}

describe("provider/resource CampaignArgs", () => {
  it("accepts pulumi Inputs at any depth (see the compile-time checks above)", () => {
    assert.equal(campaignArgsTypeChecks().length, 3);
  });
});
