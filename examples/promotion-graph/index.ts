// The whole promotion as code: a validation rule on the campaign, another on one tier, a category, and a stack
// that orders the two tiers. Every reference is an output, so the engine creates the rules and the category
// before the campaign, the stack after it, and deletes them in the reverse order.
//
// A rule edit is one PUT of the rule and touches no campaign. Try it:
//   pulumi config set minAmount 9000 && pulumi up    # one PUT /v1/validation-rules/{id}
// Reordering `tierIds` is one PUT of the stack.
import * as pulumi from "@pulumi/pulumi";
import { Campaign, Category, PromotionStack, ValidationRule } from "pulumi-voucherify";

const minAmount = new pulumi.Config().getNumber("minAmount") ?? 5000;

/** Orders over `amount` (in cents). */
const orderOver = (amount: number) => ({
  "1": { name: "order.amount", conditions: { $more_than: [amount] }, rules: {} },
  logic: "1",
});

const bigOrders = new ValidationRule("big-orders", {
  rules: orderOver(minAmount),
  error: { message: "For larger orders only" },
});
const hugeOrders = new ValidationRule("huge-orders", { rules: orderOver(20000) });
const category = new Category("seasonal", { name: "Seasonal", hierarchy: 1 });

const promo = new Campaign("graph", {
  campaignType: "PROMOTION",
  description: "Tiers, rules, a category and a stack",
  startDate: "2099-11-27T00:00:00.000Z",
  expirationDate: "2099-11-30T23:59:59.000Z",
  active: false,
  validationRules: [bigOrders.id],
  categoryId: category.id,
  promotion: {
    tiers: [
      { name: "Ten", banner: "10 EUR off", action: { discount: { type: "AMOUNT", amountOff: 1000 } } },
      {
        name: "Twenty",
        banner: "20 EUR off",
        action: { discount: { type: "AMOUNT", amountOff: 2000 } },
        validationRules: [hugeOrders.id],
      },
    ],
  },
});

/** The tier ID of `key` from the campaign's `tierIds` output. */
const tier = (key: string) => promo.tierIds.apply((ids) => ids?.[key] ?? "");

const stack = new PromotionStack("bigger-first", {
  campaignId: promo.id,
  tierIds: [tier("Twenty"), tier("Ten")],
  categoryId: category.id,
});

export const campaignId = promo.campaignId;
export const tierIds = promo.tierIds;
export const ruleId = bigOrders.id;
export const categoryId = category.id;
export const stackId = stack.id;
