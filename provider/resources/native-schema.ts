// The native schema of the referenced kinds (ValidationRule, Category, PromotionStack) and their lookups: each
// input's description comes from its row, as Campaign's do from its field model. `rules` and `bundleRules` are
// Voucherify's own objects (`pulumi.json#/Any`), passed through as written.
import type { Row } from "../kit/rows";
import { CATEGORY_ROWS, CATEGORY_TOKEN } from "./category/kind";
import type { OnePutWork } from "./one-put-kind";
import { PROMOTION_STACK_ROWS, PROMOTION_STACK_TOKEN } from "./promotion-stack/kind";
import { VALIDATION_RULE_ROWS, VALIDATION_RULE_TOKEN } from "./validation-rule/kind";

type Json = Record<string, unknown>;

const ANY = { $ref: "pulumi.json#/Any" };
const STRING = { type: "string" };

export const GET_VALIDATION_RULE_TOKEN = "voucherify:index:getValidationRule";
export const GET_CATEGORY_TOKEN = "voucherify:index:getCategory";

function described(rows: readonly Row<OnePutWork>[], types: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const row of rows) {
    const parts = [`${row.doc.type}.`];
    if (row.doc.default !== undefined) parts.push(`Default: ${row.doc.default}.`);
    if (row.doc.change !== undefined) parts.push(`Change: ${row.doc.change}.`);
    out[row.path] = { ...(types[row.path] ?? STRING), description: parts.join(" ") };
  }
  return out;
}

const TIMESTAMPS = {
  createdAt: { type: "string", description: "When it was created (ISO-8601)." },
  updatedAt: { type: "string", description: "When it was last updated (ISO-8601)." },
};

function resource(
  description: string,
  inputs: Record<string, Json>,
  required: string[],
  always: string[],
): Json {
  return {
    description,
    inputProperties: inputs,
    requiredInputs: required,
    properties: { ...inputs, ...TIMESTAMPS },
    required: [...new Set([...required, ...always, "createdAt"])].sort(),
  };
}

/** The three resources, by type token. */
export function referencedResources(): Record<string, Json> {
  return {
    [VALIDATION_RULE_TOKEN]: resource(
      "A Voucherify validation rule (`val_…`), referenced by a Campaign's or a tier's `validationRules`. Every " +
        "field changes with one PUT; nothing replaces the rule.",
      described(VALIDATION_RULE_ROWS, {
        applicableTo: { ...ANY },
        bundleRules: { ...ANY },
        error: { type: "object", additionalProperties: STRING },
        rules: { ...ANY },
      }),
      [],
      ["name", "type", "contextType"],
    ),
    [CATEGORY_TOKEN]: resource(
      "A Voucherify category (`cat_…`), referenced by a Campaign's or a PromotionStack's `categoryId`.",
      described(CATEGORY_ROWS, { hierarchy: { type: "integer" } }),
      ["hierarchy", "name"],
      [],
    ),
    [PROMOTION_STACK_TOKEN]: resource(
      "A promotion stack (`stack_…`) of a PROMOTION campaign: `tierIds` in stacking order. Import ID: " +
        "`camp_…/stack_…`.",
      described(PROMOTION_STACK_ROWS, { tierIds: { type: "array", items: STRING } }),
      ["campaignId", "tierIds"],
      ["name"],
    ),
  };
}

function lookup(noun: string, key: string, idPrefix: string): Json {
  return {
    description: `A ${noun} by name or ID, or no \`${key}\` when it does not exist. Read-only.`,
    inputs: {
      properties: { nameOrId: { type: "string", description: `The ${noun}'s name or \`${idPrefix}…\` ID.` } },
      required: ["nameOrId"],
    },
    outputs: {
      properties: { [key]: { ...ANY, description: `The ${noun}: its inputs, \`id\` and timestamps.` } },
    },
  };
}

/** The two lookups, by function token. */
export function referencedFunctions(): Record<string, Json> {
  return {
    [GET_VALIDATION_RULE_TOKEN]: lookup("validation rule", "validationRule", "val_"),
    [GET_CATEGORY_TOKEN]: lookup("category", "category", "cat_"),
  };
}
