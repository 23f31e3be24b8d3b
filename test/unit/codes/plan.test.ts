import assert from "node:assert/strict";
import { chunkImportItems, planCodeChanges, toImportItem } from "../../../provider/codes/plan";
import type { VoucherItem } from "../../../provider/schema/vouchers";

describe("codes/plan planCodeChanges", () => {
  const previous: VoucherItem[] = [
    { code: "KEEP", category: "a", metadata: { x: 1, y: [1, 2] } },
    { code: "CHANGE", category: "old", active: true },
    { code: "GONE", category: "a" },
  ];

  it("imports added codes, updates changed ones, deletes removed ones and counts unchanged ones", () => {
    const desired: VoucherItem[] = [
      { code: "NEW", category: "n" },
      { code: "CHANGE", category: "new", active: true },
      // same content, different key order: unchanged
      { metadata: { y: [1, 2], x: 1 }, category: "a", code: "KEEP" },
    ];
    const plan = planCodeChanges(previous, desired);
    assert.deepEqual(plan.toImport, [{ code: "NEW", category: "n" }]);
    assert.deepEqual(plan.toUpdate, [{ code: "CHANGE", body: { category: "new" } }]);
    assert.deepEqual(plan.toDelete, ["GONE"]);
    assert.equal(plan.unchanged, 1);
    assert.deepEqual(plan.refused, []);
  });

  it("plans nothing for an identical declaration", () => {
    const plan = planCodeChanges(previous, [...previous].reverse());
    assert.deepEqual(
      { i: plan.toImport, u: plan.toUpdate, d: plan.toDelete, r: plan.refused, n: plan.unchanged },
      { i: [], u: [], d: [], r: [], n: 3 },
    );
  });

  it("turns an `active` change into setActive with an empty body", () => {
    const plan = planCodeChanges([{ code: "A", active: true }], [{ code: "A", active: false }]);
    assert.deepEqual(plan.toUpdate, [{ code: "A", body: {}, setActive: false }]);
  });

  it("clears removed attributes (null, metadata {}) but leaves `active` alone when it is no longer declared", () => {
    const plan = planCodeChanges(
      [
        {
          code: "A",
          active: false,
          category: "c",
          additionalInfo: "i",
          startDate: "2024-01-01",
          expirationDate: "2025-01-01",
          metadata: { k: "v" },
        },
      ],
      [{ code: "A" }],
    );
    assert.deepEqual(plan.toUpdate, [
      {
        code: "A",
        body: {
          category: null,
          additional_info: null,
          start_date: null,
          expiration_date: null,
          metadata: {},
        },
      },
    ]);
  });

  it("sends the whole desired metadata when one key changes", () => {
    const plan = planCodeChanges(
      [{ code: "A", metadata: { a: 1, b: 2 } }],
      [{ code: "A", metadata: { a: 1, b: 3 } }],
    );
    assert.deepEqual(plan.toUpdate[0]?.body, { metadata: { a: 1, b: 3 } });
  });

  it("refuses changes of redemption.quantity, giftAmount and loyaltyPoints on existing codes", () => {
    const plan = planCodeChanges(
      [
        { code: "R", redemption: { quantity: 1 } },
        { code: "G", giftAmount: 100 },
        { code: "L", loyaltyPoints: 5 },
      ],
      [
        { code: "R", redemption: { quantity: 5 } },
        { code: "G", giftAmount: 200, category: "also-changed" },
        { code: "L", loyaltyPoints: 6 },
      ],
    );
    assert.deepEqual(
      plan.refused.map((r) => [r.code, r.attribute]),
      [
        ["R", "redemption"],
        ["G", "giftAmount"],
        ["L", "loyaltyPoints"],
      ],
    );
    assert.match(plan.refused[0]?.reason ?? "", /was 1, now 5/);
    assert.deepEqual(plan.toUpdate, []);
  });

  it("does not refuse dropping an immutable attribute from the declaration", () => {
    const plan = planCodeChanges(
      [{ code: "R", redemption: { quantity: 1 }, giftAmount: 3 }],
      [{ code: "R" }],
    );
    assert.deepEqual(plan.refused, []);
    assert.deepEqual(plan.toUpdate, []);
    assert.equal(plan.unchanged, 1);
  });

  it("plans 100,000 codes with 1% added, changed and removed correctly", () => {
    const n = 100000;
    const previousItems: VoucherItem[] = [];
    const desiredItems: VoucherItem[] = [];
    for (let i = 0; i < n; i++) {
      const code = `CODE-${i.toString().padStart(6, "0")}`;
      const item: VoucherItem = { code, category: "bulk", metadata: { batch: i % 7 } };
      previousItems.push(item);
      if (i % 100 === 0) continue; // removed
      if (i % 100 === 1) desiredItems.push({ ...item, category: "changed" });
      else desiredItems.push({ ...item, metadata: { batch: i % 7 } });
    }
    for (let i = 0; i < n / 100; i++) desiredItems.push({ code: `NEW-${i}` });
    const plan = planCodeChanges(previousItems, desiredItems);
    assert.equal(plan.toImport.length, 1000);
    assert.equal(plan.toUpdate.length, 1000);
    assert.equal(plan.toDelete.length, 1000);
    assert.equal(plan.unchanged, n - 2000);
    assert.equal(plan.toDelete[1], "CODE-000100");
    assert.deepEqual(plan.toUpdate[0], { code: "CODE-000001", body: { category: "changed" } });
  });
});

describe("codes/plan chunkImportItems", () => {
  const item = (i: number) => ({ code: `C${i}`, metadata: { pad: "x".repeat(10) } });
  const size = (chunk: unknown[]) => Buffer.byteLength(JSON.stringify(chunk), "utf8");

  it("keeps every chunk within the byte limit and preserves order", () => {
    const items = Array.from({ length: 50 }, (_, i) => item(i));
    const one = size([item(0)]);
    const maxBytes = one * 4; // a few items per chunk
    const chunks = chunkImportItems(items, maxBytes);
    assert.ok(chunks.length > 1);
    for (const c of chunks) assert.ok(size(c) <= maxBytes, `chunk of ${size(c)} bytes exceeds ${maxBytes}`);
    assert.deepEqual(chunks.flat(), items);
  });

  it("fills a chunk exactly up to the limit", () => {
    const items = [item(1), item(2), item(3)];
    const exact = size([item(1), item(2)]);
    const chunks = chunkImportItems(items, exact);
    assert.deepEqual(
      chunks.map((c) => c.length),
      [2, 1],
    );
    assert.equal(size(chunks[0] ?? []), exact);
  });

  it("counts multi-byte characters as bytes", () => {
    const items = [{ code: "Ä1", metadata: { t: "ąęść" } }, { code: "Ä2" }];
    const limit = Buffer.byteLength(JSON.stringify([items[0]]), "utf8");
    const chunks = chunkImportItems(items, limit);
    assert.equal(chunks.length, 2);
  });

  it("caps the number of items per chunk", () => {
    const chunks = chunkImportItems(
      Array.from({ length: 7 }, (_, i) => item(i)),
      1e9,
      3,
    );
    assert.deepEqual(
      chunks.map((c) => c.length),
      [3, 3, 1],
    );
  });

  it("rejects a single item larger than the limit", () => {
    assert.throws(
      () => chunkImportItems([{ code: "BIG", metadata: { t: "x".repeat(100) } }], 50),
      /voucher BIG alone/,
    );
  });

  it("returns no chunk for no items", () => {
    assert.deepEqual(chunkImportItems([], 100), []);
  });
});

describe("codes/plan toImportItem", () => {
  const full: VoucherItem = {
    code: "A1",
    category: "c",
    active: false,
    redemption: { quantity: null },
    metadata: { k: "v" },
    additionalInfo: "info",
    startDate: "2024-01-01",
    expirationDate: "2024-12-31",
  };
  const base = {
    code: "A1",
    category: "c",
    active: false,
    redemption: { quantity: null },
    metadata: { k: "v" },
    additional_info: "info",
    start_date: "2024-01-01",
    expiration_date: "2024-12-31",
  };

  for (const type of ["DISCOUNT_COUPONS", "REFERRAL_PROGRAM", "PROMOTION"]) {
    it(`maps to snake_case import items for ${type}`, () => {
      assert.deepEqual(toImportItem(full, type), base);
    });
  }

  it("maps giftAmount to gift.amount for GIFT_VOUCHERS", () => {
    assert.deepEqual(toImportItem({ ...full, giftAmount: 500 }, "GIFT_VOUCHERS"), {
      ...base,
      gift: { amount: 500 },
    });
  });

  it("maps loyaltyPoints to loyalty_card.points for LOYALTY_PROGRAM", () => {
    assert.deepEqual(toImportItem({ code: "L", loyaltyPoints: 30 }, "LOYALTY_PROGRAM"), {
      code: "L",
      loyalty_card: { points: 30 },
    });
  });

  it("refuses values the campaign type does not use", () => {
    assert.throws(
      () => toImportItem({ code: "G", giftAmount: 1 }, "DISCOUNT_COUPONS"),
      /GIFT_VOUCHERS campaigns only/,
    );
    assert.throws(() => toImportItem({ code: "L", loyaltyPoints: 1 }, "GIFT_VOUCHERS"), /LOYALTY_PROGRAM/);
  });
});
