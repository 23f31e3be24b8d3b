import assert from "node:assert/strict";
import { join } from "node:path";
import { checkVoucherCodeInputs, checkVoucherCodes } from "../../../provider/codes/check";
import { csvDigest } from "../../../provider/codes/digest";
import { UNKNOWN } from "../../../provider/schema/unknowns";

const fixtures = join(__dirname, "..", "..", "fixtures", "csv");

function files(map: Record<string, string>) {
  return {
    readFile: (path: string) => {
      const text = map[path];
      if (text === undefined) throw Object.assign(new Error("no such file"), { code: "ENOENT" });
      return Buffer.from(text, "utf8");
    },
  };
}

describe("codes/check checkVoucherCodeInputs", () => {
  it("accepts a valid declaration and keeps the program's order (messages name codes by position)", () => {
    const { inputs, failures } = checkVoucherCodeInputs(undefined, {
      campaignType: "DISCOUNT_COUPONS",
      vouchers: [{ code: "B" }, { code: "A" }],
    });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs.vouchers, [{ code: "B" }, { code: "A" }]);
  });

  it("names the duplicate position of a code declared twice", () => {
    const failures = checkVoucherCodes(undefined, {
      campaignType: "DISCOUNT_COUPONS",
      vouchers: [{ code: "A" }, { code: "B" }, { code: "A" }],
    });
    assert.equal(failures.length, 1);
    assert.equal(failures[0]?.property, "vouchers[2].code");
    assert.match(failures[0]?.reason ?? "", /this code is declared twice \(also vouchers\[0\]\)/);
  });

  it("refuses gift amounts outside gift-card campaigns and points outside loyalty programs", () => {
    const failures = checkVoucherCodes(undefined, {
      campaignType: "DISCOUNT_COUPONS",
      vouchers: [
        { code: "A", giftAmount: 5 },
        { code: "B", loyaltyPoints: 3 },
      ],
    });
    assert.deepEqual(
      failures.map((f) => f.property),
      ["vouchers[0].giftAmount", "vouchers[1].loyaltyPoints"],
    );
  });

  it("refuses at preview a change the API cannot make, naming the code by position and the attribute", () => {
    const failures = checkVoucherCodes(
      {
        campaignType: "GIFT_VOUCHERS",
        vouchers: [{ code: "G1", giftAmount: 100, redemption: { quantity: 1 } }],
      },
      {
        campaignType: "GIFT_VOUCHERS",
        vouchers: [{ code: "G1", giftAmount: 200, redemption: { quantity: 2 } }],
      },
    );
    assert.deepEqual(
      failures.map((f) => f.property),
      ["vouchers[0].redemption", "vouchers[0].giftAmount"],
    );
    assert.match(failures[0]?.reason ?? "", /^redemption\.quantity cannot change/);
  });

  it("refuses shrinking vouchersCount and allows growing it", () => {
    const shrink = checkVoucherCodes({ vouchersCount: 10 }, { vouchersCount: 5 });
    assert.equal(shrink[0]?.property, "vouchersCount");
    assert.match(
      shrink[0]?.reason ?? "",
      /cannot shrink to 5: the campaign holds 10 codes this resource generated/,
    );
    assert.deepEqual(checkVoucherCodes({ vouchersCount: 10 }, { vouchersCount: 15 }), []);
    assert.deepEqual(checkVoucherCodes({ vouchersCount: 10 }, {}), []);
  });

  it("refuses shrinking below the generated codes after the count was removed and declared again", () => {
    const removed = { vouchersGenerated: 25 };
    assert.match(checkVoucherCodes(removed, { vouchersCount: 10 })[0]?.reason ?? "", /holds 25 codes/);
    assert.deepEqual(checkVoucherCodes(removed, { vouchersCount: 25 }), []);
  });

  it("refuses vouchersCsvPrune combined with vouchersCount, which would delete generated codes", () => {
    const failures = checkVoucherCodes(
      undefined,
      { vouchersCsv: "codes.csv", vouchersCsvPrune: true, vouchersCount: 3 },
      files({ "codes.csv": "Code\nA\n" }),
    );
    assert.equal(failures.length, 1);
    assert.equal(failures[0]?.property, "vouchersCsvPrune");
    assert.match(failures[0]?.reason ?? "", /would include the generated ones/);
  });

  it("accepts vouchersCsv with vouchersCount when the file does not prune", () => {
    const failures = checkVoucherCodes(
      undefined,
      { vouchersCsv: "codes.csv", vouchersCount: 3 },
      files({ "codes.csv": "Code\nA\n" }),
    );
    assert.deepEqual(failures, []);
  });

  it("adds the digest and row count of the CSV file to the inputs", () => {
    const text = "Code,Region\nA,EU\nB,US\n";
    const { inputs, failures } = checkVoucherCodeInputs(
      undefined,
      { vouchersCsv: "codes.csv", vouchersCsvDigest: "sha256:user-supplied" },
      files({ "codes.csv": text }),
    );
    assert.deepEqual(failures, []);
    assert.equal(inputs.vouchersCsvDigest, csvDigest(text));
    assert.equal(inputs.vouchersCsvRows, 2);
  });

  it("reads the file relative to the working directory by default", () => {
    const path = join(fixtures, "quoted-bom-crlf.csv");
    const { inputs, failures } = checkVoucherCodeInputs(undefined, { vouchersCsv: path });
    assert.deepEqual(failures, []);
    assert.equal(inputs.vouchersCsvRows, 3);
    assert.match(String(inputs.vouchersCsvDigest), /^sha256:[0-9a-f]{64}$/);
  });

  it("drops computed CSV fields when there is no CSV source", () => {
    const { inputs } = checkVoucherCodeInputs(undefined, {
      vouchersCsvDigest: "sha256:x",
      vouchersCsvRows: 4,
    });
    assert.equal("vouchersCsvDigest" in inputs, false);
    assert.equal("vouchersCsvRows" in inputs, false);
  });

  it("reports an unreadable CSV file on vouchersCsv", () => {
    const failures = checkVoucherCodes(undefined, { vouchersCsv: "missing.csv" }, files({}));
    assert.deepEqual(failures, [
      { property: "vouchersCsv", reason: 'cannot read the CSV file "missing.csv" (ENOENT)' },
    ]);
  });

  it("reports an invalid CSV file with the row", () => {
    const failures = checkVoucherCodes(
      undefined,
      { vouchersCsv: "c.csv" },
      files({ "c.csv": "Code,Active\nA,maybe\n" }),
    );
    assert.equal(failures[0]?.property, "vouchersCsv");
    assert.match(failures[0]?.reason ?? "", /invalid: row 1: "Active" must be true or false/);
  });

  it("refuses a code declared both inline and in the CSV file, and CSV columns the campaign type does not use", () => {
    const failures = checkVoucherCodes(
      undefined,
      { campaignType: "DISCOUNT_COUPONS", vouchers: [{ code: "A" }], vouchersCsv: "c.csv" },
      files({ "c.csv": "Code,Gift Amount\nB,100\nA,\n" }),
    );
    assert.equal(failures.length, 1);
    assert.match(
      failures[0]?.reason ?? "",
      /row 1: column "Gift Amount": giftAmount applies to GIFT_VOUCHERS/,
    );
    assert.match(failures[0]?.reason ?? "", /row 2: its code is also declared in vouchers\[0\]/);
  });

  it("refuses more than 100,000 codes in total", () => {
    const vouchers = Array.from({ length: 10 }, (_, i) => ({ code: `C${i}` }));
    const failures = checkVoucherCodes(undefined, { vouchers, vouchersCount: 99995 });
    assert.match(failures[0]?.reason ?? "", /would hold 100005 codes/);
  });

  it("passes unknown values through without reading files or failing", () => {
    const { inputs, failures } = checkVoucherCodeInputs(
      { vouchersCount: 10 },
      { vouchers: [UNKNOWN], vouchersCsv: UNKNOWN, vouchersCount: UNKNOWN },
      files({}),
    );
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs.vouchers, [UNKNOWN]);
    assert.equal(inputs.vouchersCsvDigest, UNKNOWN);
  });
});
