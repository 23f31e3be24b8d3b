import * as assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { diff } from "../../../provider/campaign/offline";
import {
  DEFLATED_PREFIX,
  decodeVoucherList,
  encodeVoucherList,
  voucherListText,
  withDecodedVouchers,
  withEncodedVouchers,
} from "../../../provider/codes/encoding";
import { UNKNOWN } from "../../../provider/schema/unknowns";

describe("codes/encoding", () => {
  const list = [{ code: "A", metadata: { k: "v" } }, { code: "B" }];

  it("round-trips a list through one JSON string", () => {
    const text = encodeVoucherList(list);
    assert.equal(typeof text, "string");
    assert.deepEqual(decodeVoucherList(text), list);
  });

  it("passes through values that are not lists: undefined, the unknown sentinel, older array state", () => {
    assert.equal(encodeVoucherList(undefined), undefined);
    assert.equal(encodeVoucherList(UNKNOWN), UNKNOWN);
    assert.equal(decodeVoucherList(UNKNOWN), UNKNOWN);
    assert.deepEqual(decodeVoucherList(list), list);
  });

  it("leaves text that is not valid JSON for check to report", () => {
    assert.equal(decodeVoucherList("[not json"), "[not json");
  });

  it("deflates the text when asked, and inflates it back to the same JSON text and list", () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ code: `CODE-${i}`, metadata: { batch: "a" } }));
    const deflated = encodeVoucherList(many, { compress: true });
    assert.ok(typeof deflated === "string" && deflated.startsWith(DEFLATED_PREFIX));
    const text = JSON.stringify(many);
    assert.ok(deflated.length * 5 < text.length, `${deflated.length} vs ${text.length} characters`);
    assert.equal(voucherListText(deflated), text);
    assert.deepEqual(decodeVoucherList(deflated), many);
    assert.equal(voucherListText(text), text, "plain text passes");
  });

  it("keeps an empty list as plain `[]` even when secret, and reads the deflated empty list of earlier states as empty", () => {
    assert.equal(encodeVoucherList([], { compress: true }), "[]");
    assert.deepEqual(withEncodedVouchers({ vouchers: [] }), { vouchers: "[]" });
    const earlier = `${DEFLATED_PREFIX}${deflateRawSync("[]").toString("base64")}`;
    assert.deepEqual(decodeVoucherList(earlier), []);
    assert.deepEqual(decodeVoucherList("[]"), []);
  });

  it("finds no change between a state holding the deflated empty list and inputs holding `[]`", async () => {
    const base = {
      name: "spring",
      campaignType: "DISCOUNT_COUPONS",
      type: "AUTO_UPDATE",
      voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 5 } },
    };
    const earlier = `${DEFLATED_PREFIX}${deflateRawSync("[]").toString("base64")}`;
    const outcome = await diff("camp_1", { ...base, vouchers: earlier }, { ...base, vouchers: "[]" });
    assert.equal(outcome.changes, false);
    const added = await diff(
      "camp_1",
      { ...base, vouchers: earlier },
      { ...base, vouchers: '[{"code":"A"}]' },
    );
    assert.equal(added.changes, true, "the same comparison sees a code added");
  });

  it("leaves deflated text that does not inflate for check to report", () => {
    const broken = `${DEFLATED_PREFIX}!!!not base64 deflate`;
    assert.equal(decodeVoucherList(broken), broken);
  });

  it("converts only the vouchers field of a property bag: deflated when secret, plain with vouchersSecret false", () => {
    const secret = { name: "x", vouchers: list, vouchersCount: 3 };
    const encoded = withEncodedVouchers(secret);
    assert.ok(String(encoded.vouchers).startsWith(DEFLATED_PREFIX));
    assert.equal(encoded.vouchersCount, 3);
    assert.deepEqual(withDecodedVouchers(encoded), secret);

    const readable = { name: "x", vouchers: list, vouchersSecret: false };
    assert.equal(withEncodedVouchers(readable).vouchers, JSON.stringify(list));
    assert.deepEqual(withDecodedVouchers(withEncodedVouchers(readable)), readable);

    assert.equal(withDecodedVouchers(secret), secret, "nothing to decode: same object");
    assert.equal(withEncodedVouchers(undefined), undefined);
  });
});
