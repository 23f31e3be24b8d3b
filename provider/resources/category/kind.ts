// The Category kind: its rows and its calls. Create and update take the same body with both fields required (the
// "Missing name" / "Missing hierarchy" 400 examples of create-category and update-category in
// documentation/openapi/categories.json), so an edit of either is one PUT carrying both; nothing replaces.
import { createCategory, deleteCategory, getCategory, updateCategory } from "../../client/categories";
import type { Row } from "../../kit/rows";
import {
  type ApiCategory,
  type CategoryInputs,
  categoryInputSchema,
  fromApiCategory,
} from "../../schema/category";
import { type OnePutWork, onePutKind } from "../one-put-kind";

const PUT = "one PUT /v1/categories/{id} (name and hierarchy)";

export const CATEGORY_ROWS: readonly Row<OnePutWork>[] = [
  { path: "name", apply: "put", api: "name", doc: { type: "string", change: PUT } },
  {
    path: "hierarchy",
    apply: "put",
    api: "hierarchy",
    doc: { type: "integer ≥ 0 (a lower value is processed first)", change: PUT },
  },
];

export const CATEGORY_TOKEN = "voucherify:index:Category";

export const CATEGORY_KIND = onePutKind<CategoryInputs, ApiCategory>({
  token: CATEGORY_TOKEN,
  noun: "category",
  rows: CATEGORY_ROWS,
  autoname: false,
  schema: categoryInputSchema,
  create: (http, input) => createCategory(http, input),
  get: (http, id) => getCategory(http, id),
  update: (http, id, input) => updateCategory(http, id, input),
  remove: (http, id) => deleteCategory(http, id),
  fromApi: (api) => fromApiCategory(api),
});
