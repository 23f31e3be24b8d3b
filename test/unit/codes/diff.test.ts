import assert from "node:assert/strict";
import { diffVoucherCodes } from "../../../provider/codes/diff";
import { UNKNOWN } from "../../../provider/schema/unknowns";

describe("codes/diff diffVoucherCodes", () => {
  it("reports nothing for equal code fields, whatever the key order", () => {
    const olds = {
      vouchers: [{ code: "A", metadata: { x: 1, y: 2 } }],
      vouchersCount: 3,
      campaignId: "camp_1",
    };
    const news = { vouchers: [{ metadata: { y: 2, x: 1 }, code: "A" }], vouchersCount: 3 };
    assert.deepEqual(diffVoucherCodes(olds, news), { changed: [] });
  });

  it("names each changed code field", () => {
    const olds = {
      vouchers: [{ code: "A" }],
      vouchersCsv: "a.csv",
      vouchersCsvDigest: "sha256:1",
      vouchersCount: 3,
    };
    const news = {
      vouchers: [{ code: "A", active: false }],
      vouchersCsv: "a.csv",
      vouchersCsvDigest: "sha256:2",
      vouchersCsvRows: 9,
      vouchersCount: 4,
      vouchersSecret: false,
    };
    assert.deepEqual(diffVoucherCodes(olds, news).changed, [
      "vouchers",
      "vouchersCsvDigest",
      "vouchersCount",
      "vouchersSecret",
    ]);
  });

  it("treats unknown values as changed", () => {
    assert.deepEqual(diffVoucherCodes({ vouchers: [] }, { vouchers: UNKNOWN }).changed, ["vouchers"]);
  });

  it("compares 100,000 declared codes and finds a single changed one", () => {
    const make = () =>
      Array.from({ length: 100000 }, (_, i) => ({ code: `C${i}`, category: "c", metadata: { i } }));
    const olds = { vouchers: make() };
    const news = { vouchers: make() };
    assert.deepEqual(diffVoucherCodes(olds, news).changed, []);
    (news.vouchers[99999] as { category: string }).category = "d";
    assert.deepEqual(diffVoucherCodes(olds, news).changed, ["vouchers"]);
  });
});
