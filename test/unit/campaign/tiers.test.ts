import assert from "node:assert/strict";
import {
  planTierChanges,
  tierCreateBody,
  tierIdsByKey,
  tierKeysById,
  tiersEqual,
  tierUpdateBody,
} from "../../../provider/campaign/tiers";

type Json = Record<string, unknown>;

const tier = (name: string, extra: Json = {}): Json => ({
  key: name,
  name,
  banner: `${name} banner`,
  action: { discount: { type: "AMOUNT", amountOff: 1000 } },
  ...extra,
});

describe("promotion tiers, matched by key", () => {
  it("compares tiers by key, in any order", () => {
    assert.equal(tiersEqual([tier("A"), tier("B")], [tier("B"), tier("A")]), true);
    assert.equal(tiersEqual([tier("A")], [tier("A", { banner: "new" })]), false);
    assert.equal(tiersEqual([tier("A")], [tier("A"), tier("B")]), false);
  });

  it("plans a banner edit as one tier PUT of the banner only", () => {
    const plan = planTierChanges([tier("A"), tier("B")], [tier("A", { banner: "new" }), tier("B")]);
    assert.deepEqual(plan.create, []);
    assert.deepEqual(plan.remove, []);
    assert.equal(plan.change.length, 1);
    assert.deepEqual(plan.change[0]?.body, { banner: "new" });
    assert.equal(plan.change[0]?.setActive, undefined);
  });

  it("plans an added tier as a create and a removed one as a delete", () => {
    const plan = planTierChanges([tier("A"), tier("B")], [tier("A"), tier("C")]);
    assert.deepEqual(
      plan.create.map((t) => t.key),
      ["C"],
    );
    assert.deepEqual(plan.remove, ["B"]);
    assert.deepEqual(plan.change, []);
  });

  it("renames a keyed tier in place", () => {
    const plan = planTierChanges([tier("A", { key: "first" })], [tier("Renamed", { key: "first" })]);
    assert.deepEqual(plan.create, []);
    assert.deepEqual(plan.remove, []);
    assert.deepEqual(plan.change[0]?.body, { name: "Renamed", banner: "Renamed banner" });
  });

  it("changes active through enable/disable and rules through assignments, never in the PUT", () => {
    const plan = planTierChanges(
      [tier("A", { active: true, validationRules: ["val_old"] })],
      [tier("A", { active: false, validationRules: ["val_new"] })],
    );
    const change = plan.change[0];
    assert.equal(change?.body, undefined);
    assert.equal(change?.setActive, false);
    assert.deepEqual(change?.assign, ["val_new"]);
    assert.deepEqual(change?.unassign, ["val_old"]);
  });

  it("clears a removed field with null and empties removed metadata", () => {
    assert.deepEqual(tierUpdateBody(tier("A", { hierarchy: 2, metadata: { a: 1 } }), tier("A")), {
      hierarchy: null,
      metadata: {},
    });
  });

  it("leaves the key out of the create body and snake-cases the rest, metadata keys untouched", () => {
    assert.deepEqual(tierCreateBody(tier("A", { metadata: { someKey: 1 }, validationRules: ["val_1"] })), {
      name: "A",
      banner: "A banner",
      action: { discount: { type: "AMOUNT", amount_off: 1000 } },
      metadata: { someKey: 1 },
      validation_rules: ["val_1"],
    });
  });
});

describe("promotion tiers: the API's tiers matched to their keys", () => {
  const api = [
    { id: "promo_1", name: "Ten" },
    { id: "promo_2", name: "Twenty" },
    { id: "promo_3", name: "Extra" },
    { id: "promo_4" },
  ];

  it("takes the key state knows for an ID, else the declared tier's of that name, else the name, else the ID", () => {
    const keys = tierKeysById(api, { renamed: "promo_1" }, [{ key: "twenty", name: "Twenty" }]);
    assert.deepEqual(Object.fromEntries(keys), {
      promo_1: "renamed",
      promo_2: "twenty",
      promo_3: "Extra",
      promo_4: "promo_4",
    });
    assert.deepEqual(tierIdsByKey(keys), {
      renamed: "promo_1",
      twenty: "promo_2",
      Extra: "promo_3",
      promo_4: "promo_4",
    });
  });
});
