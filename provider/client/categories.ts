/**
 * Category endpoints (documentation/openapi/categories.json). Create and update take the same body, both fields
 * required: an edit is one PUT. Path parameters are always encodeURIComponent'ed.
 */
import {
  type ApiCategory,
  type CategoryInputs,
  categoryListSchema,
  categoryResponseSchema,
  toCategoryBody,
} from "../schema/category";
import { emptyObjectSchema } from "../schema/wire";
import type { VoucherifyHttp } from "./http";

function categoryPath(id: string): string {
  return `/v1/categories/${encodeURIComponent(id)}`;
}

/** POST /v1/categories. Retried on 429 only: after a 5xx the category may exist. */
export function createCategory(http: VoucherifyHttp, input: CategoryInputs): Promise<ApiCategory> {
  return http.request({
    method: "POST",
    path: "/v1/categories",
    body: toCategoryBody(input),
    schema: categoryResponseSchema(),
  });
}

/** GET /v1/categories/{id} (by ID only: the docs name no lookup by name). */
export function getCategory(http: VoucherifyHttp, id: string): Promise<ApiCategory> {
  return http.request({ method: "GET", path: categoryPath(id), schema: categoryResponseSchema() });
}

export function updateCategory(
  http: VoucherifyHttp,
  id: string,
  input: CategoryInputs,
): Promise<ApiCategory> {
  return http.request({
    method: "PUT",
    path: categoryPath(id),
    body: toCategoryBody(input),
    schema: categoryResponseSchema(),
  });
}

/** DELETE answers 204. */
export async function deleteCategory(http: VoucherifyHttp, id: string): Promise<void> {
  await http.request({ method: "DELETE", path: categoryPath(id), schema: emptyObjectSchema() });
}

/** GET /v1/categories: every category in one answer (the operation documents no paging parameters). */
export async function listCategories(http: VoucherifyHttp): Promise<ApiCategory[]> {
  const list = await http.request({ method: "GET", path: "/v1/categories", schema: categoryListSchema() });
  return list.data;
}

/**
 * The categories named exactly `name`. The docs do not make category names unique, so the caller decides what
 * more than one means (a lookup refuses to guess).
 */
export async function findCategoriesByName(http: VoucherifyHttp, name: string): Promise<ApiCategory[]> {
  return (await listCategories(http)).filter((c) => c.name === name);
}
