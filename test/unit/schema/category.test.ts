// Category inputs (name, hierarchy >= 0, both required as the API requires them) and the wire mapping.
import assert from "node:assert/strict";
import { categoryInputSchema, fromApiCategory, toCategoryBody } from "../../../provider/schema/category";
import { toCheckFailures } from "../../../provider/schema/issues";

function properties(input: unknown): string[] {
  const result = categoryInputSchema().safeParse(input);
  return result.success ? [] : toCheckFailures(result.error.issues).map((f) => f.property);
}

describe("category input schema and wire mapping", () => {
  it("takes a name and a whole hierarchy >= 0, both required", () => {
    assert.deepEqual(properties({ name: "Summer", hierarchy: 0 }), []);
    assert.deepEqual(properties({ name: "Summer" }), ["hierarchy"]);
    assert.deepEqual(properties({ hierarchy: 1 }), ["name"]);
    assert.deepEqual(properties({ name: "Summer", hierarchy: -1 }), ["hierarchy"]);
    assert.deepEqual(properties({ name: "Summer", hierarchy: 1.5 }), ["hierarchy"]);
    assert.deepEqual(properties({ name: "Summer", hierarchy: 1, stackingLimit: 2 }), ["stackingLimit"]);
  });

  it("sends both fields on create and update, and reads them back", () => {
    const input = { name: "Summer", hierarchy: 3 };
    assert.deepEqual(toCategoryBody(input), { name: "Summer", hierarchy: 3 });
    const api = { id: "cat_1", ...input, object: "category", created_at: "2026-01-01T00:00:00.000Z" };
    assert.deepEqual(fromApiCategory(api), input);
  });
});
