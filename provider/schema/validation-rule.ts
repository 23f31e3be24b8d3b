// ValidationRule: the input schema (camelCase, strict, the spec's defaults) with an offline check of the rule
// structure, the wire schema of the API's ValidationRule, and the mapping between them.
//
// `rules` and `bundleRules` are Voucherify's own objects and pass through as written (numbered keys, `logic`,
// snake_case rule names and operators). `applicableTo` is camelCase and maps key by key to the API's
// `applicable_to`. Pages cited are in voucherifyio/voucherify-openapi under documentation/.
// Built by factories and cached (nothing zod at module level).
import { z } from "zod";
import { fromApiShape, toApiShape } from "../campaign/keys";
import { isRecord } from "../kit/json";
import { dataList, nullish } from "./data-list";
import { memo } from "./wire";

export const VALIDATION_RULE_TYPES = ["expression", "basic", "advanced", "complex"] as const;

/** ValidationRuleBase `type` and `context_type` defaults (openapi `default`). */
export const VALIDATION_RULE_DEFAULTS = { type: "expression", contextType: "global" } as const;

/** ValidationRuleBase `context_type` enum. */
export const CONTEXT_TYPES = [
  "earning_rule.order.paid",
  "earning_rule.custom_event",
  "earning_rule.customer.segment.entered",
  "earning_rule.customer.tier.joined",
  "earning_rule.customer.tier.left",
  "earning_rule.customer.tier.upgraded",
  "earning_rule.customer.tier.downgraded",
  "earning_rule.customer.tier.prolonged",
  ...["discount_coupons", "referral_program", "promotion"].flatMap((c) => [
    `campaign.${c}`,
    `campaign.${c}.discount.apply_to_order`,
    `campaign.${c}.discount.apply_to_items`,
    `campaign.${c}.discount.apply_to_items_proportionally`,
    `campaign.${c}.discount.apply_to_items_proportionally_by_quantity`,
    `campaign.${c}.discount.apply_to_items_by_quantity`,
    `campaign.${c}.discount.fixed.apply_to_items`,
    `campaign.${c}.discount.percent.apply_to_items`,
  ]),
  "campaign.gift_vouchers",
  "campaign.gift_vouchers.gift.apply_to_order",
  "campaign.gift_vouchers.gift.apply_to_items",
  "campaign.loyalty_program",
  "voucher.discount_voucher",
  "voucher.discount_voucher.discount.apply_to_order",
  "voucher.discount_voucher.discount.apply_to_items",
  "voucher.discount_voucher.discount.apply_to_items_proportionally",
  "voucher.discount_voucher.discount.apply_to_items_proportionally_by_quantity",
  "voucher.discount_voucher.discount.apply_to_items_by_quantity",
  "voucher.discount_voucher.discount.fixed.apply_to_items",
  "voucher.discount_voucher.discount.percent.apply_to_items",
  "voucher.gift_voucher",
  "voucher.gift_voucher.gift.apply_to_order",
  "voucher.gift_voucher.gift.apply_to_items",
  "voucher.loyalty_card",
  "distribution.custom_event",
  "distribution.order.paid",
  "distribution.order.created",
  "distribution.order.canceled",
  "distribution.order.updated",
  "reward_assignment.pay_with_points",
  "global",
] as const;

/**
 * The condition operators: "Validation Rule Conditions" in api-reference/validation-rules/validation-rule-object.mdx,
 * plus `$greater_than_or_equal`, which that list lacks but the vendor's own create and update request examples use
 * (openapi/validation-rules.json, create-validation-rules and update-validation-rule).
 */
export const CONDITION_OPERATORS = [
  "$is",
  "$is_not",
  "$in",
  "$not_in",
  "$less_than",
  "$less_than_or_equal",
  "$more_than",
  "$more_than_or_equal",
  "$starts_with",
  "$ends_with",
  "$contains",
  "$timeframe",
  "$timeframe_absolute",
  "$timeframe_daily_hours",
  "$count",
  "$count_more",
  "$count_less",
  "$not_differ",
  "$not_intersect",
  "$from",
  "$after",
  "$before",
  "$more_than_ago",
  "$less_than_ago",
  "$is_days_ago",
  "$more_than_future",
  "$less_than_future",
  "$is_days_in_future",
  "$greater_than_or_equal",
] as const;

/**
 * Rule names that need a `property`: those marked "*Requires the property field to be defined" in
 * validation-rule-object.mdx; the API answers 400 invalid_validation_rules without it ("Rule
 * 'custom_event.metadata' must have a 'property'", the 400 example of create-validation-rules).
 */
export const RULES_NEEDING_PROPERTY = [
  "customer.metadata",
  "custom_event.metadata",
  "order.items.metadata",
  "order.metadata",
  "product.metadata",
  "redemption.metadata",
] as const;

type Json = Record<string, unknown>;
type Issue = (path: PropertyKey[], message: string) => void;

/** Tokens of a `logic` expression such as "(1 and 2) or 3": numbers, and/or, parentheses. */
const LOGIC_TOKEN = /\s*(\d+|and\b|or\b|\(|\))\s*/giy;

/**
 * What is wrong with a `logic` string, if anything: it must be a well-formed expression of rule numbers joined by
 * `and` / `or`, with parentheses ("Defines the logic between the rules", example "(1 and 2) and (3)"), naming only
 * rules that exist.
 */
function logicProblems(logic: string, ruleKeys: ReadonlySet<string>): string[] {
  if (logic.trim() === "") {
    return ruleKeys.size > 0
      ? ['names no rule; join the rule numbers with "and" / "or", e.g. "1 and 2"']
      : [];
  }
  const tokens: string[] = [];
  LOGIC_TOKEN.lastIndex = 0;
  while (LOGIC_TOKEN.lastIndex < logic.length) {
    const at = LOGIC_TOKEN.lastIndex;
    const m = LOGIC_TOKEN.exec(logic);
    if (!m) return [`cannot read "${logic.slice(at)}": use rule numbers, "and", "or" and parentheses`];
    tokens.push(m[1]!.toLowerCase());
  }
  const malformed = `"${logic}" is not a well-formed expression`;
  const unknown: string[] = [];
  let depth = 0;
  let expectOperand = true;
  for (const t of tokens) {
    if (expectOperand && t === "(") depth++;
    else if (expectOperand && /^\d+$/.test(t)) {
      if (!ruleKeys.has(t)) unknown.push(`names rule ${t}, which is not defined here`);
      expectOperand = false;
    } else if (!expectOperand && t === ")" && depth > 0) depth--;
    else if (!expectOperand && (t === "and" || t === "or")) expectOperand = true;
    else return [`${malformed} (unexpected "${t}")`];
  }
  if (expectOperand || depth !== 0) return [malformed];
  return unknown;
}

/**
 * A rule set: numbered keys "1", "2", … ("The keys are numbered consecutively beginning from 1", ValidationRuleRules
 * in the spec), each a rule with a `name` and `conditions` whose operators are documented, nested `rules` of the
 * same form; `logic` joins them (required at the top level once there is a rule).
 */
function checkRuleSet(value: unknown, path: PropertyKey[], top: boolean, issue: Issue): void {
  if (!isRecord(value)) {
    issue(path, "must be an object of numbered rules and a logic string");
    return;
  }
  const keys = Object.keys(value).filter((k) => k !== "logic");
  keys.forEach((key, i) => {
    if (!/^[1-9]\d*$/.test(key)) {
      issue([...path, key], 'rule keys are numbers "1", "2", … (only "logic" besides them)');
    } else if (!keys.includes(String(i + 1))) {
      issue([...path, key], `rules are numbered consecutively from 1; "${i + 1}" is missing`);
    }
    checkRule(value[key], [...path, key], issue);
  });
  const logic = value.logic;
  if (logic === undefined) {
    if (top && keys.length > 0) issue([...path, "logic"], 'is required, e.g. "1" or "1 and 2"');
  } else if (typeof logic !== "string") issue([...path, "logic"], 'must be a string such as "1 and 2"');
  else for (const problem of logicProblems(logic, new Set(keys))) issue([...path, "logic"], problem);
}

function checkRule(rule: unknown, path: PropertyKey[], issue: Issue): void {
  if (!isRecord(rule)) {
    issue(path, "must be a rule object with name and conditions");
    return;
  }
  const name = rule.name;
  if (typeof name !== "string" || name === "") issue([...path, "name"], 'is required, e.g. "order.amount"');
  else if ((RULES_NEEDING_PROPERTY as readonly string[]).includes(name)) {
    if (typeof rule.property !== "string" || rule.property === "") {
      issue([...path, "property"], `is required for rule "${name}" (the metadata key it reads)`);
    }
  }
  const conditions = rule.conditions;
  if (!isRecord(conditions)) {
    issue([...path, "conditions"], 'is required: an object of operators, e.g. { "$more_than": [5000] }');
  } else {
    for (const op of Object.keys(conditions)) {
      if (!(CONDITION_OPERATORS as readonly string[]).includes(op)) {
        issue(
          [...path, "conditions", op],
          `is not a documented operator (${CONDITION_OPERATORS.join(", ")})`,
        );
      }
    }
  }
  if (rule.rules !== undefined) checkRuleSet(rule.rules, [...path, "rules"], false, issue);
}

function buildApplicableToItem() {
  const int = z.number().int();
  return z.strictObject({
    object: z.enum(["product", "sku", "products_collection"]).optional(),
    id: z.string().optional(),
    sourceId: z.string().optional(),
    productId: z.string().optional(),
    productSourceId: z.string().optional(),
    price: z.number().optional(),
    priceFormula: z.number().optional(),
    effect: z.enum([
      "APPLY_TO_EVERY",
      "APPLY_TO_CHEAPEST",
      "APPLY_FROM_CHEAPEST",
      "APPLY_TO_MOST_EXPENSIVE",
      "APPLY_FROM_MOST_EXPENSIVE",
    ]),
    quantityLimit: int.optional(),
    aggregatedQuantityLimit: int.optional(),
    amountLimit: int.optional(),
    aggregatedAmountLimit: int.optional(),
    productCampaignQuantityLimit: int.optional(),
    productCampaignQuantityLimitFormula: z.string().optional(),
    productCustomerCampaignQuantityLimit: int.optional(),
    productCustomerCampaignQuantityLimitFormula: z.string().optional(),
    productInCollectionCampaignQuantityLimit: int.optional(),
    productInCollectionCampaignQuantityLimitFormula: z.string().optional(),
    productInCollectionCustomerCampaignQuantityLimit: int.optional(),
    productInCollectionCustomerCampaignQuantityLimitFormula: z.string().optional(),
    productPromotionTierQuantityLimit: int.optional(),
    productPromotionTierQuantityLimitFormula: z.string().optional(),
    productCustomerPromotionTierQuantityLimit: int.optional(),
    productCustomerPromotionTierQuantityLimitFormula: z.string().optional(),
    productInCollectionPromotionTierQuantityLimit: int.optional(),
    productInCollectionPromotionTierQuantityLimitFormula: z.string().optional(),
    productInCollectionCustomerPromotionTierQuantityLimit: int.optional(),
    productInCollectionCustomerPromotionTierQuantityLimitFormula: z.string().optional(),
    orderItemIndices: z.array(int).optional(),
    repeat: int.optional(),
    skipInitially: int.optional(),
    target: z.enum(["ITEM", "UNIT"]).optional(),
  });
}

function buildInput() {
  return z
    .strictObject({
      /** Optional here: the resource autonames it like Campaign ("Custom, unique name", ValidationRuleBase). */
      name: z.string().min(1).optional(),
      type: z.enum(VALIDATION_RULE_TYPES).default(VALIDATION_RULE_DEFAULTS.type),
      contextType: z.enum(CONTEXT_TYPES).default(VALIDATION_RULE_DEFAULTS.contextType),
      /** ValidationRuleBase `applicable_to` (ApplicableTo items; `order_item_units` is response-only). */
      applicableTo: z
        .strictObject({
          included: z.array(buildApplicableToItem()).optional(),
          excluded: z.array(buildApplicableToItem()).optional(),
          includedAll: z.boolean().optional(),
        })
        .optional(),
      /** Voucherify's bundle rule object, as written (validation-rule-object.mdx "Validation Rule Bundle Rules"). */
      bundleRules: z.record(z.string(), z.unknown()).optional(),
      error: z.strictObject({ message: z.string().optional() }).optional(),
      /** Voucherify's rule object, as written: numbered rules and `logic`. */
      rules: z.record(z.string(), z.unknown()).optional(),
    })
    .superRefine((v, ctx) => {
      const issue: Issue = (path, message) => ctx.addIssue({ code: "custom", path, message });
      if (v.rules !== undefined) checkRuleSet(v.rules, ["rules"], true, issue);
    });
}

function buildWire() {
  return z.looseObject({
    id: z.string(),
    name: nullish(z.string()),
    rules: nullish(z.record(z.string(), z.unknown())),
    bundle_rules: nullish(z.record(z.string(), z.unknown())),
    error: nullish(z.looseObject({ message: nullish(z.string()) })),
    applicable_to: nullish(
      z.looseObject({
        included: nullish(z.array(z.record(z.string(), z.unknown()))),
        excluded: nullish(z.array(z.record(z.string(), z.unknown()))),
        included_all: nullish(z.boolean()),
      }),
    ),
    type: nullish(z.string()),
    context_type: nullish(z.string()),
    assignments_count: nullish(z.number()),
    created_at: nullish(z.string()),
    updated_at: nullish(z.string()),
    object: nullish(z.string()),
  });
}

function buildWireList() {
  return dataList(buildWire());
}

export const validationRuleInputSchema = memo(buildInput);
export const validationRuleResponseSchema = memo(buildWire);
export const validationRuleListSchema = memo(buildWireList);

export type ValidationRuleInputs = z.output<ReturnType<typeof buildInput>>;
export type ApiValidationRule = z.output<ReturnType<typeof buildWire>>;

/** POST /v1/validation-rules: the declared fields (absent ones omitted); `name` the autonamed one if none. */
export function toRuleCreateBody(input: ValidationRuleInputs, name: string): Json {
  const body: Json = { name, type: input.type, context_type: input.contextType };
  if (input.applicableTo !== undefined) body.applicable_to = toApiShape(input.applicableTo);
  if (input.bundleRules !== undefined) body.bundle_rules = input.bundleRules;
  if (input.error !== undefined) body.error = input.error;
  if (input.rules !== undefined) body.rules = input.rules;
  return body;
}

/**
 * PUT /v1/validation-rules/{id}: every field, so the rule ends as declared in one request. The PUT is partial
 * (ValidationRulesUpdateRequestBody: all of ValidationRuleBase optional), so a field no longer declared is sent
 * empty: `"bundle_rules": null` is documented to delete the configuration (ValidationRuleBundleRules: "in the
 * response, an empty object is then returned"); `error: null`, an empty `applicable_to` and `rules: {logic: ""}`
 * are assumed to clear theirs the same way.
 */
export function toRuleUpdateBody(input: ValidationRuleInputs, name: string): Json {
  return {
    ...toRuleCreateBody(input, name),
    applicable_to: toApiShape(input.applicableTo ?? EMPTY_APPLICABLE_TO_INPUT),
    bundle_rules: input.bundleRules ?? null,
    error: input.error ?? null,
    rules: input.rules ?? { logic: "" },
  };
}

const EMPTY_APPLICABLE_TO_INPUT = { included: [], excluded: [], includedAll: false };

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.values(value).every((v) => isEmpty(v) || v === false || v === "");
  return false;
}

/** Drops null-valued keys of an applicable_to item: null and absent mean the same to the API. */
function withoutNulls(item: Json): Json {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null));
}

/**
 * The inputs a rule read back stands for (refresh, import). What the API shows for a field never set (`rules`
 * `{logic: ""}`, `bundle_rules` `{}`, an empty `applicable_to`, an `error` without message) reads as absent.
 */
export function fromApiRule(api: ApiValidationRule): ValidationRuleInputs {
  const out: ValidationRuleInputs = {
    type: (VALIDATION_RULE_TYPES as readonly string[]).includes(api.type ?? "")
      ? (api.type as ValidationRuleInputs["type"])
      : VALIDATION_RULE_DEFAULTS.type,
    contextType: (CONTEXT_TYPES as readonly string[]).includes(api.context_type ?? "")
      ? (api.context_type as ValidationRuleInputs["contextType"])
      : VALIDATION_RULE_DEFAULTS.contextType,
  };
  if (typeof api.name === "string") out.name = api.name;
  const at = api.applicable_to;
  if (at && !isEmpty(at)) {
    const applicableTo: Json = {};
    if (at.included && at.included.length > 0) applicableTo.included = at.included.map(withoutNulls);
    if (at.excluded && at.excluded.length > 0) applicableTo.excluded = at.excluded.map(withoutNulls);
    if (typeof at.included_all === "boolean") applicableTo.included_all = at.included_all;
    out.applicableTo = fromApiShape(applicableTo) as ValidationRuleInputs["applicableTo"];
  }
  if (api.bundle_rules && !isEmpty(api.bundle_rules)) out.bundleRules = api.bundle_rules;
  if (api.error && typeof api.error.message === "string") out.error = { message: api.error.message };
  if (api.rules && !isEmpty(api.rules)) out.rules = api.rules;
  return out;
}
