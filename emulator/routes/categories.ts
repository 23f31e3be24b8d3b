// Categories (documentation/openapi/categories.json): create, list, read, update and delete. Create and update
// both require `name` and `hierarchy` (the vendor's 400 examples "Missing name" / "Missing hierarchy" of each),
// so a PUT replaces both. Category names are not checked for uniqueness (the docs state no such rule).
import { z } from "zod";
import { deleteCategory, findCategoryById, renameCategory, renderCategory } from "../categories";
import { invalidPayload } from "../errors";
import type { Reply, RequestContext, RouteDef } from "../router";
import type { CategoryRec } from "../store";
import { isPlainObject, parseOrThrow } from "../validate";

/** CategoriesCreateRequestBody = CategoriesUpdateRequestBody: both required, `hierarchy` an integer >= 0. */
const categoryBodySchema = z.looseObject({
  name: z.string().min(1),
  hierarchy: z.number().int().min(0),
});

/** The vendor's wording for a missing property: "Payload should have required property 'name'". */
function parseBody(json: unknown): z.output<typeof categoryBodySchema> {
  if (!isPlainObject(json)) throw invalidPayload("Payload should be object");
  for (const key of ["name", "hierarchy"]) {
    if (json[key] === undefined) throw invalidPayload(`Payload should have required property '${key}'`);
  }
  return parseOrThrow(categoryBodySchema, json, invalidPayload);
}

function createCategory(ctx: RequestContext): Reply {
  const { core } = ctx;
  const b = parseBody(ctx.json);
  const rec: CategoryRec = {
    id: core.ids.category(),
    name: b.name,
    hierarchy: b.hierarchy,
    created_at: core.now(),
  };
  core.store.categories.set(rec.id, rec);
  return { status: 200, body: renderCategory(rec) };
}

/** The list operation documents no parameters: every category, in creation order. */
function listCategories(ctx: RequestContext): Reply {
  const data = [...ctx.core.store.categories.values()].map(renderCategory);
  return { status: 200, body: { object: "list", data_ref: "data", data, total: data.length } };
}

function getCategory(ctx: RequestContext): Reply {
  return { status: 200, body: renderCategory(findCategoryById(ctx.core.store, ctx.params.categoryId!)) };
}

function updateCategory(ctx: RequestContext): Reply {
  const { core } = ctx;
  const rec = findCategoryById(core.store, ctx.params.categoryId!);
  const b = parseBody(ctx.json);
  rec.name = b.name;
  rec.hierarchy = b.hierarchy;
  rec.updated_at = core.now();
  renameCategory(core.store, rec);
  return { status: 200, body: renderCategory(rec) };
}

function removeCategory(ctx: RequestContext): Reply {
  const { core } = ctx;
  deleteCategory(
    core.store,
    findCategoryById(core.store, ctx.params.categoryId!),
    core.config.usedCategoryDelete,
  );
  return { status: 204 };
}

export function categoryRoutes(): RouteDef[] {
  return [
    { method: "POST", template: "/v1/categories", handler: createCategory },
    { method: "GET", template: "/v1/categories", handler: listCategories },
    { method: "GET", template: "/v1/categories/{categoryId}", handler: getCategory },
    { method: "PUT", template: "/v1/categories/{categoryId}", handler: updateCategory },
    { method: "DELETE", template: "/v1/categories/{categoryId}", handler: removeCategory },
  ];
}
