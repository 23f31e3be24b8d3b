import assert from "node:assert/strict";
import { z } from "zod";
import {
  voucherCodeSourcesShape,
  voucherItemSchema,
  vouchersAreSecret,
} from "../../../provider/schema/vouchers";

describe("schema/vouchers", () => {
  it("returns the same cached schema objects on every call", () => {
    assert.equal(voucherItemSchema(), voucherItemSchema());
    assert.equal(voucherCodeSourcesShape(), voucherCodeSourcesShape());
  });

  it("accepts a full item", () => {
    const r = voucherItemSchema().safeParse({
      code: "SPRING-1",
      category: "Spring",
      active: false,
      redemption: { quantity: null },
      metadata: { region: "EU", tiers: [1, 2], nested: { ok: true } },
      additionalInfo: "note",
      startDate: "2024-01-01",
      expirationDate: "2024-12-31T23:59:59.000Z",
      giftAmount: 5000,
      loyaltyPoints: 0,
    });
    assert.equal(r.success, true);
  });

  it("rejects unknown keys, whitespace in codes, fractional amounts and bad dates with a path", () => {
    const cases: [unknown, string][] = [
      [{ code: "A", gift_amount: 1 }, ""],
      [{ code: "A B" }, "code"],
      [{ code: "" }, "code"],
      [{ code: "A", giftAmount: 1.5 }, "giftAmount"],
      [{ code: "A", redemption: { quantity: 0 } }, "redemption.quantity"],
      [{ code: "A", startDate: "01/02/2024" }, "startDate"],
    ];
    for (const [input, path] of cases) {
      const r = voucherItemSchema().safeParse(input);
      assert.equal(r.success, false, JSON.stringify(input));
      assert.equal(r.error?.issues[0]?.path.join("."), path, JSON.stringify(input));
    }
  });

  it("spreads into a strict campaign object and refuses a shrinking-proof negative count", () => {
    const campaign = z.strictObject({ name: z.string(), ...voucherCodeSourcesShape() });
    assert.equal(
      campaign.safeParse({ name: "x", vouchers: [{ code: "A" }], vouchersCount: 10 }).success,
      true,
    );
    assert.equal(campaign.safeParse({ name: "x", vouchersCount: -1 }).success, false);
    assert.equal(campaign.safeParse({ name: "x", vouchersCount: 100001 }).success, false);
    assert.equal(campaign.safeParse({ name: "x", vouchers_cout: 1 }).success, false);
  });

  it("stores inline codes as secrets unless vouchersSecret is false", () => {
    assert.equal(vouchersAreSecret({}), true);
    assert.equal(vouchersAreSecret(undefined), true);
    assert.equal(vouchersAreSecret({ vouchersSecret: true }), true);
    assert.equal(vouchersAreSecret({ vouchersSecret: false }), false);
  });
});
