import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type CsvVoucherItem,
  chunkCsvRows,
  parseVoucherCsv,
  writeVoucherCsv,
} from "../../../provider/codes/csv";

const fixtures = join(__dirname, "..", "..", "fixtures", "csv");
const fixture = (name: string) => readFileSync(join(fixtures, name));

describe("codes/csv parseVoucherCsv", () => {
  it("handles a BOM, CRLF, quoted commas, doubled quotes and embedded newlines, and maps other columns to metadata", () => {
    const parsed = parseVoucherCsv(fixture("quoted-bom-crlf.csv"));
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.items, [
      {
        code: "ALPHA-1",
        category: "Spring, 2024",
        active: true,
        metadata: { Region: "Europe", Note: 'said "hi"' },
      },
      { code: "BETA-2", active: false, metadata: { Note: "line one\r\nline two" } },
      { code: "GAMMA-3", category: "Fall", metadata: { Region: "Asia" } },
    ]);
    assert.deepEqual(parsed.rowNumbers, [1, 2, 3]);
    assert.deepEqual(parsed.metadataColumns, ["Region", "Note"]);
  });

  it("matches headers case-insensitively after trimming", () => {
    const parsed = parseVoucherCsv(" CODE ,gift amount,  Loyalty   Points ,redeemed QUANTITY\nX1,10,,2\n");
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.items, [{ code: "X1", giftAmount: 10, redeemedQuantity: 2 }]);
  });

  it("reads the vendor's campaign import templates", () => {
    const discount = parseVoucherCsv(fixture("import-discount-coupons-into-campaign-template.csv"));
    assert.deepEqual(discount.items, [
      { code: "FALL2022", active: false, category: "New", metadata: { Region: "Europe" } },
    ]);
    const gift = parseVoucherCsv(fixture("import-gift-cards-into-campaign-template.csv"));
    assert.deepEqual(gift.items, [
      { code: "GIFT1000", active: false, giftAmount: 1000, category: "New", metadata: { Region: "Europe" } },
    ]);
    const loyalty = parseVoucherCsv(fixture("import-loyalty-cards-into-campaign-template.csv"));
    assert.equal(loyalty.items[0]?.loyaltyPoints, 100);
    assert.deepEqual(loyalty.items[0]?.metadata, { Season: "Spring" });
    const referral = parseVoucherCsv(fixture("import-referral-codes-template.csv"));
    assert.deepEqual(referral.items, [
      { code: "REFERRAL_CODE01", category: "1", redeemedQuantity: 2, active: true },
    ]);
  });

  it("reads dates and gift amounts", () => {
    const parsed = parseVoucherCsv(fixture("gift-cards.csv"));
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.items[0], {
      code: "GC-1",
      active: true,
      giftAmount: 5000,
      startDate: "2024-01-01",
      expirationDate: "2024-12-31T23:59:00.000Z",
    });
    assert.deepEqual(parsed.items[1], { code: "GC-2", active: false, giftAmount: 2500 });
  });

  it("reports a missing Code header", () => {
    const parsed = parseVoucherCsv(fixture("missing-code.csv"));
    assert.equal(parsed.items.length, 0);
    assert.match(
      parsed.errors[0] ?? "",
      /header: the required column "Code" is missing \(found: Category, Active\)/,
    );
  });

  it("names the row of each bad value and of a duplicate code", () => {
    const parsed = parseVoucherCsv(fixture("bad-rows.csv"));
    assert.deepEqual(parsed.errors, [
      'row 1: "Active" must be true or false, got "yes"',
      'row 2: "Loyalty Points" must be a non-negative integer (minor units for amounts), got "ten"',
      'row 3: code "L-1" already appears in row 1',
    ]);
  });

  it("reports a row with the wrong number of columns and an empty code", () => {
    const parsed = parseVoucherCsv("Code,Category\nA,x,extra\n,y\n");
    assert.deepEqual(parsed.errors, ["row 1: has 3 columns, the header has 2", 'row 2: "Code" is empty']);
  });

  it("refuses columns of the standalone-voucher format instead of turning them into metadata", () => {
    const parsed = parseVoucherCsv(fixture("import-generic-coupons-template.csv"));
    const text = parsed.errors.join("\n");
    for (const col of ["Voucher Type", "Discount Type", "Value", "Redemption Limit", "Additional Info"]) {
      assert.match(text, new RegExp(`column "${col}" belongs to the standalone-voucher import format`));
    }
  });

  it("reports unterminated quotes as invalid CSV", () => {
    const parsed = parseVoucherCsv('Code,Category\nA,"open\n');
    assert.match(parsed.errors[0] ?? "", /not valid CSV/);
  });

  it("reports an empty file", () => {
    assert.match(parseVoucherCsv("").errors[0] ?? "", /empty/);
  });
});

describe("codes/csv writeVoucherCsv", () => {
  it("writes only used columns, quotes where needed, and round-trips through the parser", () => {
    const items: CsvVoucherItem[] = [
      { code: "A1", category: "Spring, 2024", active: true, metadata: { Region: "EU", Note: 'a "b"\r\nc' } },
      { code: "B2", giftAmount: 500, startDate: "2024-01-01", metadata: { Extra: " padded " } },
    ];
    const text = writeVoucherCsv(items);
    assert.equal(text.split("\r\n")[0], "Code,Category,Active,Gift Amount,Start Date,Region,Note,Extra");
    const back = parseVoucherCsv(text);
    assert.deepEqual(back.errors, []);
    assert.deepEqual(back.items, items);
  });

  it("refuses attributes the CSV format cannot carry", () => {
    assert.throws(
      () => writeVoucherCsv([{ code: "X", redemption: { quantity: 2 } }]),
      /cannot be imported through CSV/,
    );
  });
});

describe("codes/csv chunkCsvRows", () => {
  it("keeps each generated CSV within the byte limit and preserves order", () => {
    const rows = parseVoucherCsv(
      `Code,Region\n${Array.from({ length: 40 }, (_, i) => `CODE-${i},"Region, ${i}"`).join("\n")}\n`,
    ).items;
    const chunks = chunkCsvRows(rows, 120);
    assert.ok(chunks.length > 1);
    assert.deepEqual(chunks.flat(), rows);
  });

  it("rejects a row that cannot fit even alone", () => {
    assert.throws(() => chunkCsvRows([{ code: "X".repeat(100) }], 50), /exceeds/);
  });
});
