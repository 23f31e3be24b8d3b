// Category: the input schema (camelCase, strict), the wire schema of the API's Category object, and the mapping
// between them. Both the create and the update body require `name` and `hierarchy` (the "Missing name" /
// "Missing hierarchy" 400 examples of both operations in documentation/openapi/categories.json), so an edit is
// one PUT that carries both. Built by factories and cached: provider code is serialized by Pulumi and must not
// capture zod objects at module level.
import { z } from "zod";
import { dataList, nullish } from "./data-list";
import { memo } from "./wire";

function buildInput() {
  return z.strictObject({
    name: z.string().min(1),
    /** "Categories with lower hierarchy are processed before categories with higher hierarchy value." */
    hierarchy: z
      .number()
      .int({ error: "must be a whole number >= 0" })
      .min(0, { error: "must be a whole number >= 0 (a lower value is processed first)" }),
  });
}

function buildWire() {
  return z.looseObject({
    id: z.string(),
    name: nullish(z.string()),
    hierarchy: nullish(z.number()),
    created_at: nullish(z.string()),
    updated_at: nullish(z.string()),
    object: nullish(z.string()),
  });
}

function buildWireList() {
  return dataList(buildWire());
}

export const categoryInputSchema = memo(buildInput);
export const categoryResponseSchema = memo(buildWire);
export const categoryListSchema = memo(buildWireList);

export type CategoryInputs = z.output<ReturnType<typeof buildInput>>;
export type ApiCategory = z.output<ReturnType<typeof buildWire>>;

/** The body of POST /v1/categories and of PUT /v1/categories/{id} (the same two required fields). */
export function toCategoryBody(input: CategoryInputs): { name: string; hierarchy: number } {
  return { name: input.name, hierarchy: input.hierarchy };
}

/** The inputs a category read back stands for (refresh, import). */
export function fromApiCategory(api: ApiCategory): CategoryInputs {
  return { name: api.name ?? "", hierarchy: api.hierarchy ?? 0 };
}
