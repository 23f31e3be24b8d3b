// The project's metadata schemas (Project settings > Metadata schema), for campaigns and vouchers. The docs:
// "Allow any metadata (default): Accepts undefined fields, but Voucherify still validates defined fields against
// the schema. For example, Voucherify rejects metadata that has a different type, disallowed values, or
// properties that don't meet the defined schema"; "Allow only defined metadata: Rejects requests if they contain
// undefined metadata fields"; a required field "must [be provided] when creating a new resource of this object
// type" (documentation/prepare/metadata.mdx). The error is 400 `metadata_validation_failed` (the publication
// example in openapi/publications.json). Definitions follow `MetadataSchemaDefinitionDeprecated`
// (openapi/metadata-schemas.json); a subset of its properties is checked (type, array, optional, eq, ne, lt, lte,
// gt, gte, min_length, max_length, exact_length).
//
// Given by the `metadataSchemas` option (kept across resets) or PUT /_emulator/metadata-schemas.
import { z } from "zod";
import { ApiError } from "./errors";
import type { Json } from "./validate";

const definitionSchema = z.object({
  type: z.enum(["string", "number", "object", "date", "datetime", "geopoint", "boolean", "image_url"]),
  array: z.boolean().optional(),
  optional: z.boolean().optional(),
  eq: z.array(z.unknown()).optional(),
  ne: z.array(z.unknown()).optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  gt: z.number().optional(),
  gte: z.number().optional(),
  min_length: z.number().int().optional(),
  max_length: z.number().int().optional(),
  exact_length: z.number().int().optional(),
});

const resourceSchema = z.object({
  properties: z.record(z.string(), definitionSchema),
  /** "Allow only defined metadata" instead of the default "Allow any metadata". */
  allow_defined_only: z.boolean().optional(),
});

/** Schemas by related object; the emulator checks `campaign` and `voucher`. */
export const metadataSchemasSchema = z.object({
  campaign: resourceSchema.optional(),
  voucher: resourceSchema.optional(),
});
export type MetadataSchemas = z.infer<typeof metadataSchemasSchema>;
type Definition = z.infer<typeof definitionSchema>;

export function metadataValidationFailed(details: string): ApiError {
  return new ApiError(400, "metadata_validation_failed", "Metadata validation failed", details);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function typeProblem(def: Definition, value: unknown): string | undefined {
  switch (def.type) {
    case "string":
      return typeof value === "string" ? undefined : "must be a string";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : "must be a number";
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be a boolean";
    case "date":
      return typeof value === "string" && ISO_DATE.test(value) ? undefined : "must be a date (YYYY-MM-DD)";
    case "datetime":
      return typeof value === "string" && ISO_DATETIME.test(value)
        ? undefined
        : "must be an ISO 8601 date time";
    case "image_url":
      return typeof value === "string" && /^https?:\/\/.+\.(jpe?g|png)$/i.test(value)
        ? undefined
        : "must be a URL pointing to JPG/JPEG or PNG resource";
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value)
        ? undefined
        : "must be an object";
    case "geopoint":
      return typeof value === "string" ? undefined : "must be a geopoint";
  }
}

function valueProblem(def: Definition, value: unknown): string | undefined {
  const type = typeProblem(def, value);
  if (type) return type;
  const text = JSON.stringify(value);
  if (def.eq && !def.eq.some((v) => JSON.stringify(v) === text)) return "is not one of the allowed values";
  if (def.ne?.some((v) => JSON.stringify(v) === text)) return "is a disallowed value";
  if (typeof value === "number") {
    if (def.lt !== undefined && !(value < def.lt)) return `must be less than ${def.lt}`;
    if (def.lte !== undefined && !(value <= def.lte)) return `must be at most ${def.lte}`;
    if (def.gt !== undefined && !(value > def.gt)) return `must be greater than ${def.gt}`;
    if (def.gte !== undefined && !(value >= def.gte)) return `must be at least ${def.gte}`;
  }
  if (typeof value === "string") {
    if (def.exact_length !== undefined && value.length !== def.exact_length)
      return `must be exactly ${def.exact_length} characters long`;
    if (def.min_length !== undefined && value.length < def.min_length)
      return `must be at least ${def.min_length} characters long`;
    if (def.max_length !== undefined && value.length > def.max_length)
      return `must be at most ${def.max_length} characters long`;
  }
  return undefined;
}

/**
 * The first problem of `metadata` against the schema of `resource`, or undefined. `creating`: required fields
 * must be present (a create, an import or a new code); an update checks only the keys it sends.
 */
export function metadataProblem(
  schemas: MetadataSchemas,
  resource: "campaign" | "voucher",
  metadata: Json | null | undefined,
  creating: boolean,
): string | undefined {
  const schema = schemas[resource];
  if (!schema) return undefined;
  const given = metadata ?? {};
  for (const [key, value] of Object.entries(given)) {
    const def = schema.properties[key];
    if (!def) {
      if (schema.allow_defined_only) return `${key}: is not defined in the ${resource} metadata schema`;
      continue;
    }
    if (value === null) continue;
    const values = def.array ? (Array.isArray(value) ? value : [Symbol("not an array")]) : [value];
    for (const v of values) {
      const problem = typeof v === "symbol" ? "must be an array" : valueProblem(def, v);
      if (problem)
        return `${key}: ${problem} (actual value is '${typeof v === "symbol" ? JSON.stringify(value) : String(v)}')`;
    }
  }
  if (creating) {
    for (const [key, def] of Object.entries(schema.properties)) {
      if (def.optional === false && (given[key] === undefined || given[key] === null)) {
        return `${key}: is required by the ${resource} metadata schema`;
      }
    }
  }
  return undefined;
}

/** Throws 400 metadata_validation_failed when `metadata` violates the schema. */
export function checkMetadata(...args: Parameters<typeof metadataProblem>): void {
  const problem = metadataProblem(...args);
  if (problem) throw metadataValidationFailed(problem);
}
