// PromotionStack inputs: the documented stack rules (1 to 30 tiers), ordered tier IDs without repeats, failing
// with the property path; the wire mapping both ways and the `camp_…/stack_…` import ID.
import assert from "node:assert/strict";
import { toCheckFailures } from "../../../provider/schema/issues";
import {
  fromApiStack,
  parseStackImportId,
  promotionStackInputSchema,
  toStackCreateBody,
  toStackUpdateBody,
} from "../../../provider/schema/promotion-stack";

function failures(input: unknown) {
  const result = promotionStackInputSchema().safeParse(input);
  return result.success ? [] : toCheckFailures(result.error.issues);
}

const tiers = (n: number) => Array.from({ length: n }, (_, i) => `promo_${i}`);

describe("promotion stack input schema and wire mapping", () => {
  it("takes 1 to 30 ordered tiers of one campaign", () => {
    assert.deepEqual(failures({ campaignId: "camp_1", tierIds: tiers(30) }), []);
    assert.deepEqual(
      failures({ campaignId: "camp_1", tierIds: tiers(31) }).map((f) => f.property),
      ["tierIds"],
    );
    assert.match(failures({ campaignId: "camp_1", tierIds: tiers(31) })[0]!.reason, /up to 30 tiers/);
    assert.deepEqual(
      failures({ campaignId: "camp_1", tierIds: [] }).map((f) => f.property),
      ["tierIds"],
    );
    assert.deepEqual(
      failures({ tierIds: ["promo_1"] }).map((f) => f.property),
      ["campaignId"],
    );
  });

  it("names the place of a missing tier ID (a dropped tier key reads as undefined)", () => {
    assert.deepEqual(failures({ campaignId: "camp_1", tierIds: ["promo_a", undefined, ""] }), [
      {
        property: "tierIds[1]",
        reason: "must be a promotion tier ID (promo_…); is it a tier key the campaign no longer has?",
      },
      {
        property: "tierIds[2]",
        reason: "must be a promotion tier ID (promo_…); is it a tier key the campaign no longer has?",
      },
    ]);
  });

  it("refuses a tier listed twice, naming the second place", () => {
    assert.deepEqual(failures({ campaignId: "camp_1", tierIds: ["promo_a", "promo_b", "promo_a"] }), [
      {
        property: "tierIds[2]",
        reason: "tier promo_a is listed twice (first at tierIds[0]); the list is the stack's order",
      },
    ]);
  });

  it("sends the order as tiers.ids with hierarchy_mode MANUAL; an update clears a dropped category", () => {
    const input = { campaignId: "camp_1", tierIds: ["promo_b", "promo_a"], categoryId: "cat_1" };
    assert.deepEqual(toStackCreateBody(input, "Stack-1"), {
      name: "Stack-1",
      tiers: { ids: ["promo_b", "promo_a"], hierarchy_mode: "MANUAL" },
      category_id: "cat_1",
    });
    const noCategory = { campaignId: "camp_1", tierIds: ["promo_a"] };
    assert.equal("category_id" in toStackCreateBody(noCategory, "s"), false);
    assert.equal(toStackUpdateBody(noCategory, "s").category_id, null);
  });

  it("reads a stack back into its inputs, and splits the import ID", () => {
    const api = {
      id: "stack_1",
      name: "Stack-1",
      tiers: { ids: ["promo_b", "promo_a"], hierarchy_mode: "MANUAL" },
      campaign_id: "camp_1",
      category_id: null,
      categories: [],
      object: "promotion_stack",
    };
    assert.deepEqual(fromApiStack(api), {
      campaignId: "camp_1",
      name: "Stack-1",
      tierIds: ["promo_b", "promo_a"],
    });
    assert.deepEqual(parseStackImportId("camp_1/stack_1"), { campaignId: "camp_1", stackId: "stack_1" });
    for (const bad of ["stack_1", "camp_1/", "/stack_1", "a/b/c"])
      assert.equal(parseStackImportId(bad), undefined);
  });
});
