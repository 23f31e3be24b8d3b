import assert from "node:assert/strict";
import { isBulkMetadataUpdate } from "../../../provider/codes/bulk";

describe("codes/bulk isBulkMetadataUpdate", () => {
  const previous = { code: "X", metadata: { a: 1, nested: { keep: 1, drop: 2 } } };
  it("takes a change that only sets metadata keys", () => {
    const update = { code: "X", body: { metadata: { a: 2, nested: { keep: 1, drop: 2 }, b: 3 } } };
    assert.equal(isBulkMetadataUpdate(update, previous), true);
  });
  it("refuses one that removes a key at any depth, or touches more than metadata", () => {
    assert.equal(
      isBulkMetadataUpdate({ code: "X", body: { metadata: { nested: { keep: 1, drop: 2 } } } }, previous),
      false,
    );
    assert.equal(
      isBulkMetadataUpdate({ code: "X", body: { metadata: { a: 1, nested: { keep: 1 } } } }, previous),
      false,
    );
    const both = { code: "X", body: { metadata: { ...previous.metadata, b: 1 }, category: "c" } };
    assert.equal(isBulkMetadataUpdate(both, previous), false);
    const toggled = { code: "X", body: { metadata: { ...previous.metadata, b: 1 } }, setActive: false };
    assert.equal(isBulkMetadataUpdate(toggled, previous), false);
  });
});
