// Bulk voucher metadata (documentation/openapi/vouchers.json): POST /v1/vouchers/bulk/async (metadata per
// code) and POST /v1/vouchers/metadata/async (one metadata for many codes). Both answer 202 with the ID of a
// VOUCHERS.BULK_UPDATE / VOUCHERS.METADATA_UPDATE async action; only metadata is updated, codes are never
// created (no upserts), and a body over 10 MB gets the operation's documented 413.
import { bulkUpdateSchema, metadataUpdateSchema } from "../endpoint-schemas";
import { invalidPayload } from "../errors";
import { startAsyncAction } from "../jobs";
import type { Reply, RequestContext, RouteDef } from "../router";
import { MAX_BODY_BYTES } from "../server";
import type { AsyncActionType, MetadataEntry } from "../store";
import { isPlainObject, parseOrThrow } from "../validate";

function start(ctx: RequestContext, type: AsyncActionType, entries: MetadataEntry[]): Reply {
  const job = { kind: "metadata" as const, entries, mode: ctx.core.config.bulkMetadata };
  return { status: 202, body: { async_action_id: startAsyncAction(ctx.core, type, job, ctx.requestId).id } };
}

function bulkUpdate(ctx: RequestContext): Reply {
  if (!Array.isArray(ctx.json)) throw invalidPayload("Payload should be array");
  const items = parseOrThrow(bulkUpdateSchema, ctx.json, invalidPayload);
  return start(
    ctx,
    "VOUCHERS.BULK_UPDATE",
    items.map((item) => ({ code: item.code, metadata: item.metadata })),
  );
}

function metadataUpdate(ctx: RequestContext): Reply {
  if (!isPlainObject(ctx.json)) throw invalidPayload("Payload should be object");
  const b = parseOrThrow(metadataUpdateSchema, ctx.json, invalidPayload);
  return start(
    ctx,
    "VOUCHERS.METADATA_UPDATE",
    b.codes.map((code) => ({ code, metadata: b.metadata })),
  );
}

/** The 413 example of both operations (the body of the vendor's HTTP framework, not a Voucherify error). */
function tooLarge(): Reply {
  return {
    status: 413,
    body: {
      statusCode: 413,
      error: "Request Entity Too Large",
      message: `Payload content length greater than maximum allowed: ${MAX_BODY_BYTES}`,
    },
  };
}

export function bulkRoutes(): RouteDef[] {
  return [
    { method: "POST", template: "/v1/vouchers/bulk/async", tooLarge, handler: bulkUpdate },
    { method: "POST", template: "/v1/vouchers/metadata/async", tooLarge, handler: metadataUpdate },
  ];
}
