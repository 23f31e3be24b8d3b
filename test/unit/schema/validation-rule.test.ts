// ValidationRule inputs: the offline check of the rule structure (failing with the property path Pulumi shows at
// preview), the spec's defaults, and the wire mapping both ways as pure functions.
import assert from "node:assert/strict";
import { type CheckFailure, toCheckFailures } from "../../../provider/schema/issues";
import {
  CONDITION_OPERATORS,
  fromApiRule,
  toRuleCreateBody,
  toRuleUpdateBody,
  validationRuleInputSchema,
} from "../../../provider/schema/validation-rule";

type Json = Record<string, unknown>;

function failures(input: Json): CheckFailure[] {
  const result = validationRuleInputSchema().safeParse(input);
  return result.success ? [] : toCheckFailures(result.error.issues);
}

function properties(input: Json): string[] {
  return failures(input).map((f) => f.property);
}

const ORDER_OVER_50 = {
  "1": { name: "order.amount", conditions: { $more_than: [5000] }, rules: {} },
  logic: "1",
};

/** The vendor's create-validation-rules request example (documentation/openapi/validation-rules.json). */
const VENDOR_RULES = {
  "1": {
    name: "order.metadata",
    property: "location",
    rules: {},
    conditions: { $is: ["Santorini"] },
    error: { message: "Your order must be placed at one of our Santorini shops." },
  },
  "2": {
    name: "custom_event.metadata",
    property: "test",
    rules: {},
    conditions: { $greater_than_or_equal: [1] },
  },
  "3": {
    name: "order.items.every",
    rules: {
      "1": {
        name: "order.items.metadata",
        property: "test",
        rules: {},
        conditions: { $greater_than_or_equal: [1] },
      },
    },
    conditions: {
      $is: [{ id: "<PROD_ID>", effect: "APPLY_TO_EVERY", object: "product", source_id: "<SOURCE_ID>" }],
    },
  },
  logic: "1 or 2",
};

describe("validation rule input schema", () => {
  it("accepts the issue's example and the vendor's request example, and applies the spec's defaults", () => {
    for (const rules of [ORDER_OVER_50, VENDOR_RULES]) {
      const parsed = validationRuleInputSchema().parse({ name: "r", rules });
      assert.deepEqual([parsed.type, parsed.contextType, parsed.rules], ["expression", "global", rules]);
    }
    assert.deepEqual(failures({}), [], "every input is optional (the name is autonamed)");
  });

  it("checks logic: only rules that exist, a well-formed expression, required once there is a rule", () => {
    const two = { "1": ORDER_OVER_50["1"], "2": ORDER_OVER_50["1"] };
    assert.deepEqual(failures({ rules: { ...two, logic: "(1 and 2) or (2)" } }), []);
    assert.deepEqual(failures({ rules: { ...two, logic: "1 AND 2" } }), [], "and/or in any case");
    assert.deepEqual(failures({ rules: { ...two, logic: "1 and 3" } }), [
      { property: "rules.logic", reason: "names rule 3, which is not defined here" },
    ]);
    for (const logic of ["1 and", "(1 and 2", "1 2", "1 and 2)", "1 xor 2", ""]) {
      assert.deepEqual(properties({ rules: { ...two, logic } }), ["rules.logic"], logic);
    }
    assert.deepEqual(properties({ rules: two }), ["rules.logic"]);
    assert.deepEqual(properties({ rules: { ...two, logic: 1 } }), ["rules.logic"]);
    assert.deepEqual(failures({ rules: { logic: "" } }), [], "no rule, no logic needed (what the API shows)");
  });

  it("checks each rule: a name, conditions with documented operators, numbered keys, nested rules too", () => {
    assert.deepEqual(properties({ rules: { "1": { conditions: { $is: [1] } }, logic: "1" } }), [
      "rules.1.name",
    ]);
    assert.deepEqual(properties({ rules: { "1": { name: "order.amount" }, logic: "1" } }), [
      "rules.1.conditions",
    ]);
    assert.deepEqual(
      properties({ rules: { "1": { name: "order.amount", conditions: { $bigger: [1] } }, logic: "1" } }),
      ["rules.1.conditions.$bigger"],
    );
    assert.deepEqual(properties({ rules: { "1": "order.amount", logic: "1" } }), ["rules.1"]);
    assert.deepEqual(properties({ rules: { a: ORDER_OVER_50["1"], logic: "1" } }), [
      "rules.a",
      "rules.logic",
    ]);
    assert.deepEqual(
      properties({ rules: { "2": ORDER_OVER_50["1"], logic: "2" } }),
      ["rules.2"],
      "rules are numbered consecutively from 1",
    );
    const nested = {
      "1": {
        name: "order.items.every",
        conditions: { $is: [] },
        rules: { "1": { name: "order.items.metadata", conditions: { $in: [] } }, logic: "1 and 2" },
      },
      logic: "1",
    };
    assert.deepEqual(properties({ rules: nested }), ["rules.1.rules.1.property", "rules.1.rules.logic"]);
  });

  it("requires property on the metadata rules, as the API's 400 does", () => {
    const rules = { "1": { name: "custom_event.metadata", conditions: { $is: ["x"] } }, logic: "1" };
    assert.deepEqual(failures({ rules }), [
      {
        property: "rules.1.property",
        reason: 'is required for rule "custom_event.metadata" (the metadata key it reads)',
      },
    ]);
  });

  it("lists the documented operators, with the one the vendor's examples add", () => {
    assert.equal(CONDITION_OPERATORS.length, 29);
    for (const op of ["$is", "$more_than_or_equal", "$timeframe_daily_hours", "$is_days_in_future"]) {
      assert.ok((CONDITION_OPERATORS as readonly string[]).includes(op), op);
    }
  });

  it("refuses unknown keys, types and context types, and misspelt applicableTo keys, with their paths", () => {
    assert.deepEqual(properties({ kind: "x" }), ["kind"]);
    assert.deepEqual(properties({ type: "fancy" }), ["type"]);
    assert.deepEqual(properties({ contextType: "campaign.nothing" }), ["contextType"]);
    assert.deepEqual(
      properties({ applicableTo: { included: [{ effect: "APPLY_TO_EVERY", source_id: "x" }] } }),
      ["applicableTo.included[0].source_id"],
    );
    assert.deepEqual(properties({ applicableTo: { included: [{ id: "prod_1" }] } }), [
      "applicableTo.included[0].effect",
    ]);
  });
});

describe("validation rule wire mapping", () => {
  const input = validationRuleInputSchema().parse({
    type: "advanced",
    contextType: "campaign.promotion",
    applicableTo: {
      includedAll: false,
      included: [
        { object: "product", id: "prod_1", sourceId: "first", effect: "APPLY_TO_EVERY", quantityLimit: 1 },
      ],
    },
    bundleRules: { "1": { name: "order.items.any", conditions: { $is: [] } }, limit: 2 },
    error: { message: "Orders over 50 EUR only" },
    rules: ORDER_OVER_50,
  });

  it("maps camelCase inputs to the create body, rules and bundle rules as written", () => {
    assert.deepEqual(toRuleCreateBody(input, "Rule-1"), {
      name: "Rule-1",
      type: "advanced",
      context_type: "campaign.promotion",
      applicable_to: {
        included_all: false,
        included: [
          {
            object: "product",
            id: "prod_1",
            source_id: "first",
            effect: "APPLY_TO_EVERY",
            quantity_limit: 1,
          },
        ],
      },
      bundle_rules: input.bundleRules,
      error: { message: "Orders over 50 EUR only" },
      rules: ORDER_OVER_50,
    });
    const minimal = validationRuleInputSchema().parse({});
    assert.deepEqual(toRuleCreateBody(minimal, "n"), {
      name: "n",
      type: "expression",
      context_type: "global",
    });
  });

  it("sends every field in the update body, emptying the ones no longer declared", () => {
    const minimal = validationRuleInputSchema().parse({ rules: ORDER_OVER_50 });
    assert.deepEqual(toRuleUpdateBody(minimal, "n"), {
      name: "n",
      type: "expression",
      context_type: "global",
      applicable_to: { included: [], excluded: [], included_all: false },
      bundle_rules: null,
      error: null,
      rules: ORDER_OVER_50,
    });
  });

  it("reads an API object back into the inputs it stands for; the API's empty values read as absent", () => {
    const api: Json = {
      id: "val_1",
      object: "validation_rules",
      name: "Rule-1",
      ...toRuleCreateBody(input, "Rule-1"),
      created_at: "2026-01-01T00:00:00.000Z",
      assignments_count: 2,
    };
    (api.applicable_to as Json).excluded = [];
    ((api.applicable_to as Json).included as Json[])[0]!.product_id = null;
    assert.deepEqual(fromApiRule(api as { id: string }), { ...input, name: "Rule-1" });
    const bare = {
      id: "val_2",
      name: "bare",
      rules: { logic: "" },
      bundle_rules: {},
      applicable_to: { excluded: [], included: [], included_all: false },
      type: "expression",
      context_type: "global",
    };
    assert.deepEqual(fromApiRule(bare), { name: "bare", type: "expression", contextType: "global" });
  });
});
