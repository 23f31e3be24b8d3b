// Lookups of the objects campaigns reference, free of Pulumi: `getValidationRule` and `getCategory` (./program.ts
// for programs, the native provider's invokes through `invokeReferenced`). By ID (`val_…`, `cat_…`) one GET; by
// name a listing, as the docs offer no lookup by name. Absent (404, or no such name) is `undefined`, as for
// getCampaign. Read-only: GETs only.
import { findCategoriesByName, getCategory } from "../client/categories";
import { isVoucherifyApiError } from "../client/errors";
import type { VoucherifyHttp } from "../client/http";
import { findRuleByName, getRule } from "../client/validation-rules";
import { toPlain } from "../kit/state";
import { type ApiCategory, fromApiCategory } from "../schema/category";
import { type ApiValidationRule, fromApiRule } from "../schema/validation-rule";

type Props = Record<string, unknown>;

/** What a lookup returns: the object's inputs (as the resource declares them), its `id` and timestamps. */
export type ReferencedInfo = Props & { id: string; createdAt?: string; updatedAt?: string };

function info(api: { id: string; created_at?: string | null; updated_at?: string | null }, inputs: object) {
  return toPlain({
    ...inputs,
    id: api.id,
    createdAt: api.created_at ?? undefined,
    updatedAt: api.updated_at ?? undefined,
  }) as ReferencedInfo;
}

/** `get(id)`, undefined on a 404 `not_found` (any other error is thrown: a wrong apiUrl must not read as absent). */
async function byId<T>(get: () => Promise<T>): Promise<T | undefined> {
  try {
    return await get();
  } catch (e) {
    if (isVoucherifyApiError(e) && e.status === 404 && e.key === "not_found") return undefined;
    throw e;
  }
}

function requireNameOrId(fn: string, nameOrId: unknown): string {
  if (typeof nameOrId !== "string" || nameOrId.trim() === "") {
    throw new Error(`${fn}: nameOrId must be a name or an ID, got an empty value`);
  }
  return nameOrId;
}

/** The validation rule with this ID or (unique) name, or undefined. */
export async function lookupValidationRule(
  http: VoucherifyHttp,
  nameOrId: string,
): Promise<ReferencedInfo | undefined> {
  const key = requireNameOrId("getValidationRule", nameOrId);
  let api: ApiValidationRule | undefined;
  if (key.startsWith("val_")) api = await byId(() => getRule(http, key));
  api ??= await findRuleByName(http, key);
  return api && info(api, fromApiRule(api));
}

/** The category with this ID or name, or undefined; a name several categories share is an error (no guessing). */
export async function lookupCategory(
  http: VoucherifyHttp,
  nameOrId: string,
): Promise<ReferencedInfo | undefined> {
  const key = requireNameOrId("getCategory", nameOrId);
  let api: ApiCategory | undefined;
  if (key.startsWith("cat_")) api = await byId(() => getCategory(http, key));
  if (api === undefined) {
    const named = await findCategoriesByName(http, key);
    if (named.length > 1) {
      throw new Error(
        `getCategory: ${named.length} categories are named "${key}" (${named.map((c) => c.id).join(", ")}); ` +
          "look it up by its ID",
      );
    }
    api = named[0];
  }
  return api && info(api, fromApiCategory(api));
}
