import * as assert from "node:assert/strict";
import {
  asyncActionIdSchema,
  asyncActionSchema,
  campaignResponseSchema,
  emptyObjectSchema,
  errorBodySchema,
  voucherListSchema,
  voucherResponseSchema,
} from "../../../provider/schema/wire";

describe("schema/wire response schemas", () => {
  it("read a campaign with only an id, and nulls anywhere", () => {
    assert.ok(campaignResponseSchema().safeParse({ id: "camp_1" }).success);
    const nulls = {
      id: "camp_1",
      name: null,
      voucher: {
        discount: null,
        code_config: { length: null, pattern: null },
        redemption: { quantity: null },
      },
      category_id: null,
      metadata: null,
      active: null,
    };
    assert.ok(campaignResponseSchema().safeParse(nulls).success);
  });

  it("keep unknown vendor fields on nested objects", () => {
    const r = campaignResponseSchema().parse({
      id: "c",
      voucher: { type: "DISCOUNT_VOUCHER", new_thing: 1 },
      extra: [1],
    });
    assert.deepEqual(r.voucher, { type: "DISCOUNT_VOUCHER", new_thing: 1 });
    assert.deepEqual((r as Record<string, unknown>).extra, [1]);
  });

  it("accept new enum values as plain strings", () => {
    const r = campaignResponseSchema().parse({
      id: "c",
      creation_status: "QUEUED_V2",
      campaign_type: "LUCKY_DRAW",
    });
    assert.equal(r.creation_status, "QUEUED_V2");
  });

  it("still reject a campaign without an id or with a mistyped known field", () => {
    assert.equal(campaignResponseSchema().safeParse({ name: "x" }).success, false);
    assert.equal(campaignResponseSchema().safeParse({ id: "c", vouchers_count: "3" }).success, false);
  });

  it("read a voucher list whose array is missing as an empty page", () => {
    assert.deepEqual(voucherListSchema().parse({ object: "list", total: 0 }).vouchers, []);
    assert.equal(voucherListSchema().parse({ vouchers: [{ code: "A" }] }).vouchers[0]?.code, "A");
    assert.equal(voucherResponseSchema().safeParse({ id: "v_1" }).success, false);
  });

  it("read async actions and async action ids", () => {
    assert.equal(
      asyncActionSchema().parse({ id: "aa_1", status: "DONE", result: { done_count: 2 } }).status,
      "DONE",
    );
    assert.equal(asyncActionIdSchema().parse({ async_action_id: "aa_2" }).async_action_id, "aa_2");
  });

  it("read error bodies leniently, including a 429 without key", () => {
    const e = errorBodySchema().parse({ code: 429, message: "Too many requests hit the API too quickly." });
    assert.equal(e.key, undefined);
    assert.ok(errorBodySchema().safeParse({}).success);
  });

  it("read an empty body or {} as {}", () => {
    assert.deepEqual(emptyObjectSchema().parse(undefined), {});
    assert.deepEqual(emptyObjectSchema().parse({}), {});
  });

  it("build each schema once", () => {
    assert.equal(campaignResponseSchema(), campaignResponseSchema());
  });
});
