// Exports (documentation/openapi/exports.json, documentation/guides/csv-export.mdx): create a voucher export,
// list, get and delete exports, and download a DONE export's CSV. The vendor serves the download from
// https://download.voucherify.io/v1/exports/{id}?token=…; the emulator serves it at the same path on its own
// host, told apart from "get export" by the `token` query parameter. The download needs the X-App-Id /
// X-App-Token headers like every call ("use the provided URL together with authentication headers") and the
// export's token (a wrong one is the documented 401).
import { type ExportCreateBody, exportCreateSchema } from "../endpoint-schemas";
import { ApiError, invalidPayload, notFound, unauthorized } from "../errors";
import {
  checkExportCampaign,
  EXPORTED_OBJECTS,
  exportFilter,
  isVoucherField,
  renderExport,
  scheduleExport,
  VOUCHER_FIELDS,
  VOUCHER_ORDERS,
} from "../exports";
import { listReply, pageQuery, sortByOrder } from "../paging";
import type { Reply, RequestContext, RouteDef } from "../router";
import type { ExportRec } from "../store";
import { isPlainObject, type Json, parseOrThrow } from "../validate";

function invalidExportFields(): ApiError {
  return new ApiError(
    400,
    "invalid_export_fields",
    "Invalid Export",
    `Unsupported field used. Allowed fields: ${VOUCHER_FIELDS.join(", ")}`,
  );
}

/** Checks what the export asks for; refuses what the emulator cannot produce instead of exporting less. */
function checkParameters(ctx: RequestContext, b: ExportCreateBody): Json {
  if (!EXPORTED_OBJECTS.includes(b.exported_object)) {
    throw invalidPayload(
      `Property .exported_object should be equal to one of the allowed values [ ${EXPORTED_OBJECTS.join(", ")} ]`,
    );
  }
  if (b.exported_object !== "voucher") {
    throw invalidPayload(`Exports of '${b.exported_object}' are not emulated; only 'voucher' is`);
  }
  const parameters = (b.parameters ?? {}) as Json;
  if ((b.parameters?.fields ?? []).some((f) => !isVoucherField(f))) throw invalidExportFields();
  const order = b.parameters?.order;
  if (order != null && order !== "" && !VOUCHER_ORDERS.includes(order)) {
    throw invalidPayload(`Property .parameters.order should be equal to one of ${VOUCHER_ORDERS.join(",")}`);
  }
  exportFilter(ctx.core.store, b.parameters?.filters);
  checkExportCampaign(ctx.core.store, parameters);
  return parameters;
}

function createExport(ctx: RequestContext): Reply {
  const { core } = ctx;
  if (!isPlainObject(ctx.json)) throw invalidPayload("Payload should be object");
  const b = parseOrThrow(exportCreateSchema, ctx.json, invalidPayload);
  const parameters = checkParameters(ctx, b);
  const rec: ExportRec = {
    seq: core.store.nextSeq(),
    id: core.ids.export(),
    created_at: core.now(),
    status: "SCHEDULED",
    parameters,
    token: core.ids.exportToken(),
    origin: `http://${ctx.headers.host ?? "127.0.0.1"}`,
  };
  core.store.exports.set(rec.id, rec);
  scheduleExport(core, rec);
  return { status: 200, body: renderExport(rec) };
}

function findExport(ctx: RequestContext): ExportRec {
  const id = ctx.params.exportId!;
  const rec = ctx.core.store.exports.get(id);
  if (!rec) throw notFound("export", id);
  return rec;
}

/** GET /v1/exports/{id}: the export object, or with `token` its CSV (text/plain, "download-export"). */
function getExport(ctx: RequestContext): Reply {
  const rec = findExport(ctx);
  const token = ctx.query.get("token");
  if (token === null) return { status: 200, body: renderExport(rec) };
  if (token !== rec.token || rec.csv === undefined) throw unauthorized();
  return { status: 200, body: rec.csv, contentType: "text/plain; charset=utf-8" };
}

const EXPORT_ORDERS = ["created_at", "-created_at", "status", "-status"];

function listExports(ctx: RequestContext): Reply {
  const all = [...ctx.core.store.exports.values()];
  const sorted = sortByOrder(all, ctx.query, EXPORT_ORDERS, "-created_at", (e, field) =>
    field === "status" ? e.status : e.created_at,
  );
  return listReply(pageQuery(ctx.query), "exports", sorted, renderExport);
}

function deleteExport(ctx: RequestContext): Reply {
  ctx.core.store.exports.delete(findExport(ctx).id);
  return { status: 204 };
}

export function exportRoutes(): RouteDef[] {
  return [
    { method: "POST", template: "/v1/exports", handler: createExport },
    { method: "GET", template: "/v1/exports", handler: listExports },
    { method: "GET", template: "/v1/exports/{exportId}", handler: getExport },
    { method: "DELETE", template: "/v1/exports/{exportId}", handler: deleteExport },
  ];
}
