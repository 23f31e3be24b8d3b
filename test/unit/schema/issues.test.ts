import assert from "node:assert/strict";
import { z } from "zod";
import { formatPath, toCheckFailures } from "../../../provider/schema/issues";

describe("zod issues to check failures", () => {
  it("formats paths with dots and array positions", () => {
    assert.equal(formatPath(["voucher", "discount", "percentOff"]), "voucher.discount.percentOff");
    assert.equal(formatPath(["promotion", "tiers", 0, "name"]), "promotion.tiers[0].name");
    assert.equal(formatPath([]), "");
  });

  it("reports each unrecognized key as its own failure", () => {
    const r = z.strictObject({ a: z.string() }).safeParse({ a: "x", b: 1, c: 2 });
    assert.deepEqual(toCheckFailures(r.error?.issues ?? []), [
      { property: "b", reason: 'unknown property "b" (check the spelling)' },
      { property: "c", reason: 'unknown property "c" (check the spelling)' },
    ]);
  });

  it("lists allowed discriminator values at the discriminator path", () => {
    const s = z.strictObject({
      inner: z.discriminatedUnion("kind", [
        z.strictObject({ kind: z.literal("A") }),
        z.strictObject({ kind: z.literal("B") }),
      ]),
    });
    const r = s.safeParse({ inner: { kind: "C" } }, { reportInput: true });
    assert.deepEqual(toCheckFailures(r.error?.issues ?? []), [
      { property: "inner.kind", reason: 'must be one of A, B (got "C")' },
    ]);
  });

  it("says a missing value is required", () => {
    const r = z.strictObject({ a: z.string() }).safeParse({}, { reportInput: true });
    assert.deepEqual(toCheckFailures(r.error?.issues ?? []), [
      { property: "a", reason: "required (expected a string)" },
    ]);
  });

  it("reports a plain union through its closest branch", () => {
    const s = z.strictObject({ v: z.union([z.strictObject({ a: z.number() }), z.string()]) });
    const r = s.safeParse({ v: { a: "x" } }, { reportInput: true });
    const failures = toCheckFailures(r.error?.issues ?? []);
    assert.equal(failures.length, 1);
    assert.equal(failures[0]?.property, "v.a");
  });

  it("removes duplicate failures", () => {
    const issue = { code: "custom", path: ["x"], message: "bad", input: 1 } as z.core.$ZodIssue;
    assert.equal(toCheckFailures([issue, issue]).length, 1);
  });
});
