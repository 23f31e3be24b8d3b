// Building blocks of the wire schemas of the referenced objects (categories, promotion stacks, validation rules):
// the same conventions as wire.ts (every vendor field nullable and optional, list arrays read as empty when absent).
import { z } from "zod";

/** `T | null | undefined`: the default for every vendor field. */
export function nullish<T extends z.ZodType>(schema: T) {
  return schema.nullable().optional();
}

/** The `{object: "list", data_ref: "data", data: […], total}` envelope of their list operations. */
export function dataList<T extends z.ZodType>(item: T) {
  return z.looseObject({
    data: z
      .array(item)
      .nullable()
      .optional()
      .transform((v) => v ?? []),
    total: nullish(z.number()),
  });
}
