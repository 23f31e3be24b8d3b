// GET /v1/publications and GET /v1/redemptions for the query that tells whether a campaign holds any:
// `campaign` (the campaign's **name**, as both operations document it), `limit` 1..100 and `page` (1..100 for
// publications, ParameterPage; 1..99 for redemptions, ParameterPage99). Newest first, as both operations
// document. Every other parameter (the documented `result`, `customer`, `order`, `created_at`, `filters`, …)
// answers 400 rather than a list that silently ignores it.
import { invalidQueryParams } from "../errors";
import { listReply, pageQuery } from "../paging";
import type { Handler, RouteDef } from "../router";

const SUPPORTED = ["campaign", "limit", "page"];

function listOf(kind: "publications" | "redemptions", maxPage: number): Handler {
  return (ctx) => {
    const { query } = ctx;
    for (const key of new Set(query.keys())) {
      if (!SUPPORTED.includes(key)) {
        throw invalidQueryParams(
          `Parameter ${key} of GET /v1/${kind} is not supported by the emulator; supported: ${SUPPORTED.join(", ")}`,
        );
      }
    }
    const campaigns = query.getAll("campaign");
    if (campaigns.length > 1) throw invalidQueryParams("Property .campaign should be string");
    const page = pageQuery(query, maxPage);
    const newestFirst = [...ctx.core.store[kind].values()].reverse();
    // Only the existing campaign of that name: the changelog (1 July 2026, "GET List publications") fixed lists
    // that also returned a deleted campaign's publications when it shared the name. Assumed: with no campaign of
    // that name left, the deleted one's publications are still listed by name.
    const name = campaigns[0];
    const live = name === undefined ? undefined : ctx.core.store.findCampaign(name);
    const selected =
      name === undefined
        ? newestFirst
        : newestFirst.filter(
            (r) =>
              r.campaign === name &&
              (live === undefined || r.campaignId === undefined || r.campaignId === live.data.id),
          );
    return listReply(page, kind, selected, (r) => r.data);
  };
}

export function publicationRedemptionRoutes(): RouteDef[] {
  return [
    { method: "GET", template: "/v1/publications", handler: listOf("publications", 100) },
    { method: "GET", template: "/v1/redemptions", handler: listOf("redemptions", 99) },
  ];
}
