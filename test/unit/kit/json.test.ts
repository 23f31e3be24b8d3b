import assert from "node:assert/strict";
import { deepEqual, isRecord, setAtPath, stableStringify, valueAt } from "../../../provider/kit/json";

describe("kit/json", () => {
  it("isRecord: plain objects only", () => {
    assert.equal(isRecord({}), true);
    assert.equal(isRecord([]), false);
    assert.equal(isRecord(null), false);
    assert.equal(isRecord("x"), false);
  });

  it("deepEqual ignores key order and undefined properties but not array order", () => {
    assert.equal(deepEqual({ a: 1, b: undefined, c: [1, 2] }, { c: [1, 2], a: 1 }), true);
    assert.equal(deepEqual([1, 2], [2, 1]), false);
    assert.equal(deepEqual({ a: null }, {}), false);
    assert.equal(deepEqual({ a: 1 }, { a: 1, b: 2 }), false);
    assert.equal(deepEqual({ a: [] }, { a: {} }), false);
  });

  it("stableStringify ignores key order and undefined values", () => {
    assert.equal(
      stableStringify({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } }),
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
  });

  it("valueAt walks a dotted path and stops where told", () => {
    const obj = { a: { b: { c: 3 } }, u: "?" };
    assert.equal(valueAt(obj, "a.b.c"), 3);
    assert.equal(valueAt(obj, "a.x.c"), undefined);
    assert.equal(
      valueAt(obj, "u.v", (v) => v === "?"),
      "?",
    );
    assert.equal(valueAt(obj, "u.v"), undefined);
  });

  it("setAtPath creates objects on the way, and undefined removes without creating", () => {
    const obj: Record<string, unknown> = {};
    setAtPath(obj, "a.b", 1);
    assert.deepEqual(obj, { a: { b: 1 } });
    setAtPath(obj, "a.b", undefined);
    setAtPath(obj, "x.y", undefined);
    assert.deepEqual(obj, { a: {} });
  });
});
