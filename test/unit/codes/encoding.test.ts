import * as assert from "node:assert/strict";
import {
  decodeVoucherList,
  encodeVoucherList,
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

  it("converts only the vouchers field of a property bag and leaves the rest alone", () => {
    const props = { name: "x", vouchers: list, vouchersCount: 3 };
    const encoded = withEncodedVouchers(props);
    assert.equal(encoded.vouchers, JSON.stringify(list));
    assert.equal(encoded.vouchersCount, 3);
    assert.deepEqual(withDecodedVouchers(encoded), props);
    assert.equal(withDecodedVouchers(props), props, "nothing to decode: same object");
    assert.equal(withEncodedVouchers(undefined), undefined);
  });
});
