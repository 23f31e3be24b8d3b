// Discount input schema: the camelCase mirror of the API's `Discount` (API-NOTES §5), a discriminated union on
// `type` (AMOUNT, PERCENT, FIXED, UNIT). UNIT is itself a discriminated union on `effect`: a single unit
// (`unitType`, effect ADD_MISSING_ITEMS / ADD_NEW_ITEMS / ADD_SAME_ITEMS or omitted) versus ADD_MANY_ITEMS with
// `units[]`. Free shipping is a single UNIT discount with `unitType: "prod_5h1pp1ng"`.
//
// Built by a factory and cached: provider code is serialized by Pulumi and must not capture schema objects.
import { z } from "zod";

export const DISCOUNT_TYPES = ["AMOUNT", "PERCENT", "FIXED", "UNIT"] as const;

function nonNegative(field: string) {
  return z.number().min(0, { error: `${field} must be >= 0` });
}

function nonNegativeInt(field: string) {
  return z.int().min(0, { error: `${field} must be an integer >= 0` });
}

function buildProductRef() {
  return z.strictObject({
    id: z.string().min(1).optional(),
    sourceId: z.string().min(1).optional(),
    name: z.string().optional(),
  });
}

function buildDiscount() {
  const formula = z.string().min(1).optional();
  const amount = z.strictObject({
    type: z.literal("AMOUNT"),
    /** Amount off in minor units (2000 = 20.00). */
    amountOff: nonNegative("amountOff"),
    amountOffFormula: formula,
    aggregatedAmountLimit: nonNegativeInt("aggregatedAmountLimit").optional(),
    effect: z
      .enum([
        "APPLY_TO_ORDER",
        "APPLY_TO_ITEMS",
        "APPLY_TO_ITEMS_PROPORTIONALLY",
        "APPLY_TO_ITEMS_PROPORTIONALLY_BY_QUANTITY",
        "APPLY_TO_ITEMS_BY_QUANTITY",
      ])
      .optional(),
    isDynamic: z.boolean().optional(),
  });
  const percent = z.strictObject({
    type: z.literal("PERCENT"),
    percentOff: z
      .number()
      .min(0, { error: "percentOff must be between 0 and 100" })
      .max(100, { error: "percentOff must be between 0 and 100" }),
    percentOffFormula: formula,
    /** Upper limit of the discount in minor units. */
    amountLimit: nonNegative("amountLimit").optional(),
    aggregatedAmountLimit: nonNegativeInt("aggregatedAmountLimit").optional(),
    effect: z.enum(["APPLY_TO_ORDER", "APPLY_TO_ITEMS"]).optional(),
    isDynamic: z.boolean().optional(),
  });
  const fixed = z.strictObject({
    type: z.literal("FIXED"),
    /** The price the order (or items) will cost, in minor units. */
    fixedAmount: nonNegative("fixedAmount"),
    fixedAmountFormula: formula,
    effect: z.enum(["APPLY_TO_ORDER", "APPLY_TO_ITEMS"]).optional(),
    isDynamic: z.boolean().optional(),
  });
  const unitSingle = z.strictObject({
    type: z.literal("UNIT"),
    effect: z.enum(["ADD_MISSING_ITEMS", "ADD_NEW_ITEMS", "ADD_SAME_ITEMS"]).optional(),
    /** Product ID the discount applies to (e.g. `prod_5h1pp1ng` for free shipping). */
    unitType: z.string().min(1, { error: "unitType must be a product id" }),
    unitOff: nonNegativeInt("unitOff").optional(),
    unitOffFormula: formula,
    product: buildProductRef().optional(),
    sku: buildProductRef().optional(),
    isDynamic: z.boolean().optional(),
  });
  const oneUnit = z.strictObject({
    effect: z.enum(["ADD_NEW_ITEMS", "ADD_MISSING_ITEMS"]),
    unitType: z.string().min(1, { error: "unitType must be a product id" }),
    unitOff: nonNegativeInt("unitOff").optional(),
    unitOffFormula: formula,
    product: buildProductRef().optional(),
    sku: buildProductRef().optional(),
  });
  const unitMany = z.strictObject({
    type: z.literal("UNIT"),
    effect: z.literal("ADD_MANY_ITEMS"),
    units: z.array(oneUnit).min(1, { error: "units must list at least one unit" }),
    isDynamic: z.boolean().optional(),
  });
  const unit = z.discriminatedUnion("effect", [unitSingle, unitMany]);
  return z.discriminatedUnion("type", [amount, percent, fixed, unit]);
}

let discountCache: ReturnType<typeof buildDiscount> | undefined;

/** Discount input schema (discriminated union on `type`; UNIT nested on `effect`). */
export function discountSchema(): ReturnType<typeof buildDiscount> {
  if (discountCache === undefined) discountCache = buildDiscount();
  return discountCache;
}

export type DiscountInput = z.output<ReturnType<typeof buildDiscount>>;
