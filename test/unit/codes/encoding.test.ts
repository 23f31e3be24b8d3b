import * as assert from "node:assert/strict";
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
