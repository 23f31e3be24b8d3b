import * as assert from "node:assert/strict";
import {
  check,
  configure,
  create,
  diff,
  remove,
  resetConfigForTests,
  setRuntimeForTests,
} from "../../../provider/campaign/lifecycle";
import { AUTONAMED_KEY } from "../../../provider/campaign/state";
import { isConfigurationError } from "../../../provider/config";
import { UNKNOWN } from "../../../provider/schema/unknowns";

type Json = Record<string, unknown>;

const BASE: Json = {
  campaignType: "DISCOUNT_COUPONS",
  voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
};

const ENV_KEYS = ["VOUCHERIFY_APP_ID", "VOUCHERIFY_SECRET_KEY", "VOUCHERIFY_API_URL"];

describe("campaign/lifecycle check and diff (offline)", () => {
  const saved: Record<string, string | undefined> = {};

  beforeEach(() => {
    for (const k of ENV_KEYS) {
      saved[k] = process.env[k];
      delete process.env[k];
    }
    resetConfigForTests();
    // Any attempt to reach the API from check/diff fails the test.
    setRuntimeForTests(() => assert.fail("check/diff must not build a client"));
  });

  afterEach(() => {
    setRuntimeForTests(undefined);
    resetConfigForTests();
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it("autonames from the resource name plus 7 random [a-z0-9] characters", async () => {
    const r = await check({}, { ...BASE, __resourceName: "spring-sale" });
    assert.deepEqual(r.failures, []);
    assert.match(String(r.inputs.name), /^spring-sale-[a-z0-9]{7}$/);
    assert.equal(r.inputs[AUTONAMED_KEY], true);
    assert.equal(r.inputs.__resourceName, undefined, "the resource name is not kept in the inputs");
  });

  it("refuses to shrink vouchersCount on an update, but not when another change replaces the campaign", async () => {
    const first = await check({}, { ...BASE, name: "c", vouchersCount: 5 });
    assert.deepEqual(first.failures, []);
    const update = await check(first.inputs, { ...BASE, name: "c", vouchersCount: 2 });
    assert.deepEqual(
      update.failures.map((f) => f.property),
      ["vouchersCount"],
    );
    const replace = await check(first.inputs, {
      ...BASE,
      name: "c",
      voucher: { ...(BASE.voucher as Json), codeConfig: { pattern: "NEW-####" } },
      vouchersCount: 2,
    });
    assert.deepEqual(replace.failures, [], "a replacement starts a new campaign from nothing");
  });

  it("keeps the previous autoname across updates", async () => {
    const first = await check({}, { ...BASE, __resourceName: "spring" });
    const second = await check(first.inputs, { ...BASE, description: "x", __resourceName: "spring" });
    assert.equal(second.inputs.name, first.inputs.name);
  });

  it("generates the same name for the same resource in the same stack, so an interrupted create is found again", async () => {
    const news = { ...BASE, __resourceName: "spring", __stack: "proj/stable" };
    const a = await check(undefined, news);
    const b = await check(undefined, news);
    assert.match(String(a.inputs.name), /^spring-[a-z0-9]{7}$/);
    assert.equal(b.inputs.name, a.inputs.name);
    const other = await check(undefined, { ...news, __stack: "proj/other" });
    assert.notEqual(other.inputs.name, a.inputs.name, "another stack's resource gets another name");
  });

  it("names a replacement after the campaign it replaces (the engine re-checks it without olds)", async () => {
    const news = { ...BASE, __resourceName: "spring", __stack: "proj/replacing" };
    const first = await check(undefined, news);
    const again = await check(first.inputs, news);
    assert.equal(again.inputs.name, first.inputs.name, "an update keeps the name");
    const replacement = await check(undefined, news);
    assert.notEqual(
      replacement.inputs.name,
      first.inputs.name,
      "a replacement created first needs its own name",
    );
    assert.equal((await check(first.inputs, news)).inputs.name, first.inputs.name);
    assert.equal(
      (await check(undefined, news)).inputs.name,
      replacement.inputs.name,
      "and that name is stable",
    );
  });

  it("uses an explicit name as is and does not mark it autonamed", async () => {
    const r = await check({}, { ...BASE, name: "Spring 2027", __resourceName: "spring" });
    assert.equal(r.inputs.name, "Spring 2027");
    assert.equal(r.inputs[AUTONAMED_KEY], undefined);
  });

  it("accepts a name that is unknown during preview", async () => {
    const r = await check({}, { ...BASE, name: UNKNOWN, description: UNKNOWN, __resourceName: "s" });
    assert.deepEqual(r.failures, []);
    assert.equal(r.inputs.name, UNKNOWN);
  });

  it("returns the failures of the campaign and the voucher-code checks together", async () => {
    const r = await check(
      {},
      {
        campaignType: "DISCOUNT_COUPONS",
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 150 } },
        vouchers: [{ code: "A" }, { code: "A" }],
        __resourceName: "bad",
      },
    );
    const props = r.failures.map((f) => f.property).join(" ");
    assert.match(props, /percentOff/);
    assert.match(props, /vouchers/);
  });

  it("works without credentials: check and diff never need the connection", async () => {
    const olds = (await check({}, { ...BASE, name: "a" })).inputs;
    const news = (await check(olds, { ...BASE, name: "a", description: "new" })).inputs;
    const d = await diff("camp_1", olds, news);
    assert.equal(d.changes, true);
    assert.deepEqual(d.replaces, []);
  });

  it("lets an autonamed replacement create before delete", async () => {
    const olds = (await check({}, { ...BASE, __resourceName: "s" })).inputs;
    const news = (
      await check(olds, { ...BASE, campaignType: "GIFT_VOUCHERS", voucher: { gift: { amount: 1 } } })
    ).inputs;
    const d = await diff("camp_1", olds, news);
    assert.ok(d.replaces.length > 0, JSON.stringify(d));
    assert.equal(d.deleteBeforeReplace, false);
  });

  it("deletes before replacing when an explicit name stays the same", async () => {
    const olds = (await check({}, { ...BASE, name: "fixed" })).inputs;
    const news = (
      await check(olds, {
        ...BASE,
        name: "fixed",
        campaignType: "GIFT_VOUCHERS",
        voucher: { gift: { amount: 1 } },
      })
    ).inputs;
    const d = await diff("camp_1", olds, news);
    assert.ok(d.replaces.length > 0);
    assert.equal(d.deleteBeforeReplace, true);
  });

  it("fails create and delete with a clear message when credentials are missing", async () => {
    setRuntimeForTests(undefined);
    await configure({ config: { get: () => undefined } });
    for (const op of [() => create({ ...BASE, name: "a" }), () => remove("camp_1", {})]) {
      try {
        await op();
        assert.fail("expected a configuration error");
      } catch (e) {
        assert.ok(isConfigurationError(e), String(e));
        assert.match((e as Error).message, /voucherify:secretKey \(or VOUCHERIFY_SECRET_KEY\) is not set/);
      }
    }
  });
});
