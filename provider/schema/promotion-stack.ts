// PromotionStack: the input schema (camelCase, strict) with the rules the docs state about stacks, the wire schema
// of the API's PromotionStack, and the mapping between them. `tierIds` is ordered: the order is the stack's
// hierarchy ("The sequence of promotion tier IDs will determine the promotion stacking order", create-promotion-
// stack in documentation/openapi/promotions.json), sent as `tiers: { ids, hierarchy_mode: "MANUAL" }`, the only
// mode the spec allows. Built by factories and cached (nothing zod at module level).
import { z } from "zod";
import { dataList, nullish } from "./data-list";
import { memo } from "./wire";

/**
 * "A single promotion stack can have up to 30 tiers." (documentation/build/create-discount-promotions.mdx, "Tiers
 * and stacks"); at least one: PromotionStackBase `tiers.ids` has `minItems: 1`.
 */
export const MAX_TIERS_PER_STACK = 30;

/** The only `hierarchy_mode` of PromotionStackBase. */
export const HIERARCHY_MODE = "MANUAL";

function buildInput() {
  return z
    .strictObject({
      /** The PROMOTION campaign that holds the tiers; a stack cannot move, so a change replaces it. */
      campaignId: z.string().min(1),
      /** Optional here: the resource autonames it like Campaign. */
      name: z.string().min(1).optional(),
      tierIds: z
        .array(
          // An empty place most often comes from `promo.tierIds.apply(t => t["Key"])` after the key was dropped.
          z
            .string({
              error: "must be a promotion tier ID (promo_…); is it a tier key the campaign no longer has?",
            })
            .min(1, {
              error: "must be a promotion tier ID (promo_…); is it a tier key the campaign no longer has?",
            }),
        )
        .min(1, { error: "a stack needs at least one tier (PromotionStackBase: tiers.ids minItems 1)" })
        .max(MAX_TIERS_PER_STACK, {
          error: `a stack can have up to ${MAX_TIERS_PER_STACK} tiers (build/create-discount-promotions.mdx)`,
        }),
      categoryId: z.string().min(1).optional(),
    })
    .superRefine((v, ctx) => {
      const seen = new Map<string, number>();
      v.tierIds.forEach((id, i) => {
        const first = seen.get(id);
        if (first !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["tierIds", i],
            message: `tier ${id} is listed twice (first at tierIds[${first}]); the list is the stack's order`,
          });
        } else seen.set(id, i);
      });
    });
}

function buildWire() {
  return z.looseObject({
    id: z.string(),
    name: nullish(z.string()),
    tiers: z
      .looseObject({
        ids: z.array(z.string()).nullable().optional(),
        hierarchy_mode: nullish(z.string()),
      })
      .nullable()
      .optional(),
    campaign_id: nullish(z.string()),
    category_id: nullish(z.string()),
    created_at: nullish(z.string()),
    updated_at: nullish(z.string()),
    object: nullish(z.string()),
  });
}

function buildWireList() {
  return dataList(buildWire());
}

export const promotionStackInputSchema = memo(buildInput);
export const promotionStackResponseSchema = memo(buildWire);
export const promotionStackListSchema = memo(buildWireList);

export type PromotionStackInputs = z.output<ReturnType<typeof buildInput>>;
export type ApiPromotionStack = z.output<ReturnType<typeof buildWire>>;

export interface PromotionStackBody {
  name: string;
  tiers: { ids: string[]; hierarchy_mode: typeof HIERARCHY_MODE };
  category_id?: string | null;
}

/** POST /v1/promotions/{campaignId}/stacks. `name` is the autonamed one when the input has none. */
export function toStackCreateBody(input: PromotionStackInputs, name: string): PromotionStackBody {
  const body: PromotionStackBody = {
    name,
    tiers: { ids: [...input.tierIds], hierarchy_mode: HIERARCHY_MODE },
  };
  if (input.categoryId !== undefined) body.category_id = input.categoryId;
  return body;
}

/**
 * PUT …/stacks/{stackId}: every field, so the stack ends as declared in one request. The update body's fields are
 * all optional and an absent one is taken as kept, so a dropped category is sent as `category_id: null`
 * (assumed: the docs do not say how a category is removed from a stack).
 */
export function toStackUpdateBody(input: PromotionStackInputs, name: string): PromotionStackBody {
  return { ...toStackCreateBody(input, name), category_id: input.categoryId ?? null };
}

/** The inputs a stack read back stands for (refresh, import). */
export function fromApiStack(api: ApiPromotionStack): PromotionStackInputs {
  const out: PromotionStackInputs = {
    campaignId: api.campaign_id ?? "",
    tierIds: [...(api.tiers?.ids ?? [])],
  };
  if (typeof api.name === "string") out.name = api.name;
  if (typeof api.category_id === "string") out.categoryId = api.category_id;
  return out;
}

/** Import ID `camp_…/stack_…`: the stack's GET needs its campaign too. */
export function parseStackImportId(id: string): { campaignId: string; stackId: string } | undefined {
  const parts = id.split("/");
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") return undefined;
  return { campaignId: parts[0]!, stackId: parts[1]! };
}
