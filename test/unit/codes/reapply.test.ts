import assert from "node:assert/strict";
import { restoreDeclared, rewritesAnything, rewrittenBy } from "../../../provider/codes/reapply";

describe("codes/reapply: declared values survive a campaign update", () => {
  it("reads what a campaign PUT rewrites on its codes", () => {
    const r = rewrittenBy(
      { start_date: "2099-01-01", category: "x", metadata: { a: 1 }, description: "d" },
      false,
    );
    assert.deepEqual(r, { startDate: true, expirationDate: false, category: true, metadataKeys: [] });
    assert.deepEqual(rewrittenBy({ metadata: { a: 1 }, unset_metadata_fields: ["b"] }, true).metadataKeys, [
      "a",
      "b",
    ]);
    assert.equal(rewritesAnything(rewrittenBy({ description: "only this" }, true)), false);
  });

  it("puts back only the rewritten fields a code declares", () => {
    const r = rewrittenBy({ start_date: "2099-01-01", metadata: { tier: 1 } }, true);
    assert.deepEqual(
      restoreDeclared(
        { code: "A", startDate: "2099-06-01", category: "own", metadata: { tier: 2, x: 1 } },
        r,
      ),
      { code: "A", body: { start_date: "2099-06-01", metadata: { tier: 2, x: 1 } } },
    );
    assert.equal(restoreDeclared({ code: "B", category: "own" }, r), undefined, "category was not rewritten");
    assert.equal(restoreDeclared({ code: "C", metadata: { other: 1 } }, r), undefined, "an untouched key");
  });
});
