// GET /v1/async-actions/{id} and GET /v1/async-actions (API-NOTES §7).
import { invalidQueryParams, notFound } from "../errors";
import { renderAsyncAction } from "../model";
import type { Reply, RequestContext, RouteDef } from "../router";
import { intQuery, isDateString } from "../validate";

function getAsyncAction(ctx: RequestContext): Reply {
  const id = ctx.params.asyncActionId!;
  const rec = ctx.core.store.asyncActions.get(id);
  if (!rec) throw notFound("async_action", id);
  return { status: 200, body: renderAsyncAction(rec, true) };
}

function listAsyncActions(ctx: RequestContext): Reply {
  const limit = intQuery(ctx.query, "limit", 1, 100, 10);
  const endDate = ctx.query.get("end_date");
  if (endDate !== null && !isDateString(endDate)) {
    throw invalidQueryParams("Property .end_date cannot be recognized as a ISO-8601 compliant date");
  }
  const end = endDate === null ? undefined : new Date(endDate).toISOString();
  const all = [...ctx.core.store.asyncActions.values()]
    .filter((a) => end === undefined || a.created_at < end)
    .sort((a, b) => b.seq - a.seq);
  return {
    status: 200,
    body: {
      object: "list",
      data_ref: "async_actions",
      async_actions: all.slice(0, limit).map((a) => renderAsyncAction(a, false)),
      has_more: all.length > limit,
    },
  };
}

export function asyncActionRoutes(): RouteDef[] {
  return [
    { method: "GET", template: "/v1/async-actions", handler: listAsyncActions },
    { method: "GET", template: "/v1/async-actions/{asyncActionId}", handler: getAsyncAction },
  ];
}
