// The PromotionStack kind: its rows and its calls. A stack lives under its campaign (every call names both), so a
// change of `campaignId` replaces it; a rename, a reorder of `tierIds` or another category is one PUT
// (PromotionsStacksUpdateRequestBody in documentation/openapi/promotions.json; the body is built whole by
// provider/schema/promotion-stack.ts). Its import ID is `camp_…/stack_…`.
import { createStack, deleteStack, getStack, updateStack } from "../../client/promotion-stacks";
import type { Row } from "../../kit/rows";
import type { Props } from "../../kit/state";
import {
  type ApiPromotionStack,
  fromApiStack,
  MAX_TIERS_PER_STACK,
  type PromotionStackInputs,
  parseStackImportId,
  promotionStackInputSchema,
  toStackCreateBody,
  toStackUpdateBody,
} from "../../schema/promotion-stack";
import { type OnePutWork, onePutKind } from "../one-put-kind";

const PUT = "one PUT /v1/promotions/{campaignId}/stacks/{stackId}";

export const PROMOTION_STACK_ROWS: readonly Row<OnePutWork>[] = [
  {
    path: "campaignId",
    apply: "replace",
    api: "campaign_id",
    doc: {
      type: "string (the PROMOTION campaign's ID)",
      change: "replace (a stack belongs to its campaign)",
    },
  },
  { path: "name", apply: "put", api: "name", doc: { type: "string", default: "autonamed", change: PUT } },
  {
    path: "tierIds",
    apply: "put",
    api: "tiers.ids",
    doc: {
      type: `list of tier IDs (promo_…), 1 to ${MAX_TIERS_PER_STACK}, in stacking order`,
      change: `${PUT} (a reorder too)`,
    },
  },
  { path: "categoryId", apply: "put", api: "category_id", doc: { type: "string (cat_…)", change: PUT } },
];

export const PROMOTION_STACK_TOKEN = "voucherify:index:PromotionStack";

const nameOf = (input: PromotionStackInputs): string => input.name ?? "";
const campaignOf = (props: Props): string => (typeof props.campaignId === "string" ? props.campaignId : "");

export const PROMOTION_STACK_KIND = onePutKind<PromotionStackInputs, ApiPromotionStack>({
  token: PROMOTION_STACK_TOKEN,
  noun: "promotion stack",
  rows: PROMOTION_STACK_ROWS,
  autoname: true,
  schema: promotionStackInputSchema,
  create: (http, input) => createStack(http, input.campaignId, toStackCreateBody(input, nameOf(input))),
  get: (http, id, props) => getStack(http, campaignOf(props), id),
  update: (http, id, input) =>
    updateStack(http, input.campaignId, id, toStackUpdateBody(input, nameOf(input))),
  remove: (http, id, props) => deleteStack(http, campaignOf(props), id),
  fromApi: (api) => fromApiStack(api),
  importIdFormat: "the import ID of a promotion stack is <campaign ID>/<stack ID> (camp_…/stack_…)",
  importRef: (importId) => {
    const ref = parseStackImportId(importId);
    return ref && { id: ref.stackId, props: { campaignId: ref.campaignId } };
  },
});
