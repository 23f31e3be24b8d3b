import assert from "node:assert/strict";
import { compareWithListed, differenceFromListed, formatCodeFailures } from "../../../provider/codes/verify";
import type { ApiVoucher } from "../../../provider/schema/wire";

const listed = (v: Partial<ApiVoucher> & { code: string }): ApiVoucher => v as ApiVoucher;

describe("codes/verify formatCodeFailures", () => {
  it("lists every code when there are few", () => {
    assert.equal(
      formatCodeFailures([{ code: "A", reason: "already exists" }]),
      "1 voucher code could not be reconciled:\n  - A: already exists",
    );
  });

  it("lists the first 20 codes and then says how many more", () => {
    const failures = Array.from({ length: 2500 }, (_, i) => ({ code: `C${i}`, reason: "bad" }));
    const lines = formatCodeFailures(failures).split("\n");
    assert.equal(lines[0], "2500 voucher codes could not be reconciled:");
    assert.equal(lines.length, 22);
    assert.equal(lines[20], "  - C19: bad");
    assert.equal(lines[21], "  … and 2480 more");
  });
});

describe("codes/verify compareWithListed", () => {
  it("reports declared codes missing from the listing and changed attributes, ignoring undeclared ones", () => {
    const drift = compareWithListed(
      [
        { code: "SAME", category: "a", startDate: "2024-01-01" },
        { code: "GONE" },
        { code: "DRIFT", active: true, metadata: { k: "1" } },
      ],
      [
        listed({
          code: "SAME",
          category: "a",
          start_date: "2024-01-01T00:00:00.000Z",
          additional_info: "extra",
        }),
        listed({ code: "DRIFT", active: false, metadata: { k: 2 } }),
        listed({ code: "UNMANAGED" }),
      ],
    );
    assert.deepEqual(drift, {
      missing: ["GONE"],
      changed: [{ code: "DRIFT", attributes: ["metadata", "active"] }],
    });
  });
});

describe("codes/verify differenceFromListed", () => {
  it("merges declared metadata into the listed metadata and refuses immutable differences", () => {
    const d = differenceFromListed(
      { code: "X", metadata: { a: "1", b: "new" }, giftAmount: 500, redemption: { quantity: 3 } },
      listed({
        code: "X",
        metadata: { a: 1, other: true },
        gift: { amount: 400 },
        redemption: { quantity: 3 },
      }),
    );
    assert.deepEqual(d.update, { code: "X", body: { metadata: { a: 1, other: true, b: "new" } } });
    assert.deepEqual(
      d.refused.map((r) => r.attribute),
      ["giftAmount"],
    );
  });

  it("finds nothing to do when the declaration matches", () => {
    const d = differenceFromListed(
      { code: "X", category: "c", active: false, expirationDate: "2025-01-01T10" },
      listed({ code: "X", category: "c", active: false, expiration_date: "2025-01-01T10:00:00.000Z" }),
    );
    assert.deepEqual(d, { attributes: [], refused: [] });
  });
});
