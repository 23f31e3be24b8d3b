// Campaign lookups on a Voucherify client, free of Pulumi: the program-facing functions (./program.ts) resolve the
// connection and call these, and a native provider can expose the same as functions (invokes). Read-only: GETs only.
import { type CampaignListQuery, getCampaign, listCampaigns } from "../client/campaigns";
import { hasErrorKind, isVoucherifyApiError } from "../client/errors";
import type { VoucherifyHttp } from "../client/http";
import type { ApiCampaign } from "../schema/wire";
import { type ListCampaignsArgs, listCampaignsQuery } from "./filters";
import { type CampaignInfo, campaignInfo } from "./result";

/** `limit` and `page` of GET /v1/campaigns both stop at 100, so a query reaches at most 10,000 campaigns. */
export const PAGE_SIZE = 100;
export const LAST_PAGE = 100;
export const MAX_LISTED = PAGE_SIZE * LAST_PAGE;
/** Whole listings read before giving up on a list that keeps changing under the pages. */
export const MAX_LISTINGS = 3;

type Reason = "too-many" | "kept-changing";

/** `listCampaigns` could not return every match; it never returns part of them. */
export class CampaignListIncompleteError extends Error {
  readonly voucherifyErrorKind = "campaign-list-incomplete" as const;
  readonly reason: Reason;
  /** Matches the API reported, when it did. */
  readonly total?: number;

  constructor(reason: Reason, total: number | undefined) {
    super(
      reason === "too-many"
        ? `listCampaigns: ${total === undefined ? `more than ${MAX_LISTED}` : total} campaigns match, but GET /v1/campaigns ` +
            `serves at most ${MAX_LISTED} (page and limit stop at 100); narrow the query with campaignType, ` +
            "campaignStatus or filters"
        : `listCampaigns: the campaigns matching the query changed while their pages were read, ${MAX_LISTINGS} ` +
            "times in a row; run the program again",
    );
    this.name = "CampaignListIncompleteError";
    this.reason = reason;
    this.total = total;
  }
}

export function isCampaignListIncompleteError(e: unknown): e is CampaignListIncompleteError {
  return hasErrorKind(e, "campaign-list-incomplete");
}

/**
 * The campaign with this name or ID (the API accepts either), or undefined when Voucherify answers 404 `not_found`.
 * One request. Any other error is thrown, a 404 without that key too (a wrong `apiUrl` must not read as "absent").
 */
export async function lookupCampaign(
  http: VoucherifyHttp,
  nameOrId: string,
): Promise<CampaignInfo | undefined> {
  if (typeof nameOrId !== "string" || nameOrId.trim() === "") {
    // An empty segment would turn GET /v1/campaigns/{x} into the list endpoint.
    throw new Error("getCampaign: nameOrId must be a campaign name or ID, got an empty value");
  }
  try {
    return campaignInfo(await getCampaign(http, nameOrId));
  } catch (e) {
    if (isVoucherifyApiError(e) && e.status === 404 && e.key === "not_found") return undefined;
    throw e;
  }
}

interface Listing {
  campaigns: ApiCampaign[];
  /** False when the pages disagree: the reported total moved, or the campaigns seen do not add up to it. */
  consistent: boolean;
}

/** Every page of one listing: ⌈matches / 100⌉ requests (at least one). */
async function readPages(http: VoucherifyHttp, query: CampaignListQuery): Promise<Listing> {
  const byId = new Map<string, ApiCampaign>();
  let firstTotal: number | undefined;
  let consistent = true;
  for (let page = 1; ; page++) {
    const body = await listCampaigns(http, { ...query, limit: PAGE_SIZE, page });
    const total = typeof body.total === "number" ? body.total : undefined;
    if (page === 1) {
      firstTotal = total;
      // Known from the first page: fail with one request rather than a hundred.
      if (total !== undefined && total > MAX_LISTED) throw new CampaignListIncompleteError("too-many", total);
    } else if (total !== firstTotal) {
      consistent = false;
    }
    // A campaign created or deleted meanwhile shifts the pages: one may appear twice (kept once) or be skipped.
    for (const campaign of body.campaigns) if (!byId.has(campaign.id)) byId.set(campaign.id, campaign);
    const more = body.campaigns.length === PAGE_SIZE && (total === undefined || page * PAGE_SIZE < total);
    if (!more) break;
    if (page === LAST_PAGE) throw new CampaignListIncompleteError("too-many", total);
  }
  if (firstTotal !== undefined && byId.size !== firstTotal) consistent = false;
  return { campaigns: [...byId.values()], consistent };
}

/**
 * Every campaign matching `args`, in `order` (default oldest first), all pages read. A listing whose pages
 * disagree is read again, up to MAX_LISTINGS times. More than 10,000 matches throw CampaignListIncompleteError.
 */
export async function lookupCampaigns(
  http: VoucherifyHttp,
  args: ListCampaignsArgs = {},
): Promise<CampaignInfo[]> {
  const query = listCampaignsQuery(args);
  for (let listing = 1; ; listing++) {
    const { campaigns, consistent } = await readPages(http, query);
    if (consistent) return campaigns.map(campaignInfo);
    if (listing >= MAX_LISTINGS) throw new CampaignListIncompleteError("kept-changing", undefined);
  }
}
