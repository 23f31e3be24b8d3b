// The ValidationRule kind: its rows and its calls. Every field is in the one PUT, which is partial and replaces the
// fields it carries (ValidationRulesUpdateRequestBody in documentation/openapi/validation-rules.json: every field
// of ValidationRuleBase optional), so nothing replaces a rule: a rule campaigns rely on is never missing. The PUT
// carries every field (provider/schema/validation-rule.ts, toRuleUpdateBody), so the rule ends as declared.
import { createRule, deleteRule, getRule, updateRule } from "../../client/validation-rules";
import type { Row } from "../../kit/rows";
import {
  type ApiValidationRule,
  fromApiRule,
  toRuleCreateBody,
  toRuleUpdateBody,
  type ValidationRuleInputs,
  validationRuleInputSchema,
} from "../../schema/validation-rule";
import { type OnePutWork, onePutKind } from "../one-put-kind";

const PUT = "one PUT /v1/validation-rules/{id} (no campaign is touched)";

export const VALIDATION_RULE_ROWS: readonly Row<OnePutWork>[] = [
  {
    path: "name",
    apply: "put",
    api: "name",
    doc: { type: "string (unique)", default: "autonamed", change: PUT },
  },
  {
    path: "type",
    apply: "put",
    api: "type",
    doc: { type: "expression | basic | advanced | complex", default: "expression", change: PUT },
  },
  {
    path: "contextType",
    apply: "put",
    api: "context_type",
    doc: { type: "string (the spec's context types)", default: "global", change: PUT },
  },
  {
    path: "applicableTo",
    apply: "put",
    api: "applicable_to",
    doc: { type: "{ included, excluded, includedAll } (camelCase keys)", change: PUT },
  },
  {
    path: "bundleRules",
    apply: "put",
    api: "bundle_rules",
    doc: { type: "object, as the API takes it", change: PUT },
  },
  { path: "error", apply: "put", api: "error", doc: { type: "{ message }", change: PUT } },
  {
    path: "rules",
    apply: "put",
    api: "rules",
    doc: { type: 'Voucherify\'s rule object: numbered rules and "logic", checked offline', change: PUT },
  },
];

export const VALIDATION_RULE_TOKEN = "voucherify:index:ValidationRule";

const nameOf = (input: ValidationRuleInputs): string => input.name ?? "";

export const VALIDATION_RULE_KIND = onePutKind<ValidationRuleInputs, ApiValidationRule>({
  token: VALIDATION_RULE_TOKEN,
  noun: "validation rule",
  rows: VALIDATION_RULE_ROWS,
  autoname: true,
  schema: validationRuleInputSchema,
  create: (http, input) => createRule(http, toRuleCreateBody(input, nameOf(input))),
  get: (http, id) => getRule(http, id),
  update: (http, id, input) => updateRule(http, id, toRuleUpdateBody(input, nameOf(input))),
  remove: (http, id) => deleteRule(http, id),
  fromApi: (api) => fromApiRule(api) as Record<string, unknown>,
});
