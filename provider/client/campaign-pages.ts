/**
 * Campaign reads served from shared list pages (issue 21: a refresh within the rate budget).
 *
 * A refresh asks for every campaign of the stack one `read` at a time, at most 8 at once (the engine's default
 * parallelism on 2 cores), so coalescing only the reads in flight would give pages of 8. This reader instead
 * answers a burst of reads from a snapshot of the whole project: every list page of `GET /v1/campaigns`
 * (`limit=100`, oldest first, `expand=category`) and of `GET /v1/validation-rules-assignments`, taken once and
 * used for `maxAgeMs`. 200 campaigns without tiers then cost 2 + 1 requests instead of 200.
 *
 * What a list item lacks comes from elsewhere (API-NOTES §4: "list items are `CampaignBase`", while the single
 * GET's `Campaign` = `CampaignBase` + {`promotion`, `validation_rules_assignments`}):
 * - `validation_rules_assignments`: rebuilt from the project's assignment list, filtered by
 *   `related_object_id` (the single GET lists the same assignments, oldest first);
 * - `promotion` (PROMOTION campaigns only): the single GET. `GET /v1/promotions/tiers` lists every tier of the
 *   project, but neither the emulator serves it nor does anything read it yet.
 *
 * Never poorer than a single GET: a campaign the snapshot lacks (deleted, binned, created after it, or named
 * rather than identified) is read with the single GET, so a deletion still reads as 404; a snapshot that cannot
 * be taken (an error, or a project larger than `maxPages` pages of either list) sends every read of its burst to
 * the single GET. Never staler than `maxAgeMs`: a read after that takes a new snapshot, and `invalidate()` (call
 * it after any write of this process; see `invalidatingWrites`) forgets it at once.
 *
 * The price: a snapshot costs ceil(campaigns / 100) + ceil(assignments / 100) requests whatever the stack's size
 * (assignments of every kind: vouchers', tiers', earning rules'). A burst of fewer than `minBatch` reads (an
 * import, a stack of one or two campaigns) therefore goes to the single GET.
 */
import {
  type ApiAssignment,
  type ApiCampaign,
  assignmentListSchema,
  campaignListSchema,
} from "../schema/wire";
import { getCampaign } from "./campaigns";
import type { VoucherifyHttp } from "./http";

export interface CampaignPagesOptions {
  /** How long a snapshot serves reads, counted from its first request. Default 10,000 ms. */
  maxAgeMs?: number;
  /** The most pages of 100 read of either list; a larger project reads campaign by campaign. Default 10. */
  maxPages?: number;
  /** Reads gathered within this window after the first one decide whether a snapshot pays. Default 20 ms. */
  windowMs?: number;
  /** The fewest reads in a window for which a snapshot is taken. Default 4. */
  minBatch?: number;
  /** Milliseconds clock (tests). */
  now?: () => number;
}

export interface CampaignReader {
  /**
   * The campaign as `GET /v1/campaigns/{id}` returns it (rejects as that does, e.g. 404 once deleted). `via`: the
   * calling operation's client (its logging and redaction), for its single GET and for a snapshot its read starts;
   * the reader's own client by default.
   */
  getCampaign(id: string, via?: VoucherifyHttp): Promise<ApiCampaign>;
  /** Forgets the snapshot: the next reads see the API as it is now. */
  invalidate(): void;
}

const PAGE = 100;
/** The API's highest `page` (GET /v1/campaigns `ParameterPage`: 1..100; API-NOTES §3). */
const MAX_PAGE = 100;

interface Snapshot {
  campaigns: Map<string, ApiCampaign>;
  assignments: Map<string, ApiAssignment[]>;
}

/** Every item of a paged list, or undefined when it spans more than `maxPages` pages. */
async function allPages<T>(
  maxPages: number,
  fetchPage: (page: number) => Promise<{ items: T[]; total: number | null | undefined }>,
): Promise<T[] | undefined> {
  const items: T[] = [];
  let total: number | undefined;
  for (let page = 1; page <= Math.min(maxPages, MAX_PAGE); page++) {
    const got = await fetchPage(page);
    if (page === 1 && typeof got.total === "number") {
      if (got.total > maxPages * PAGE) return undefined;
      total = got.total;
    }
    items.push(...got.items);
    // A short page ends the list; so does reaching the first page's total (a campaign created since then is
    // missing from the snapshot and read with the single GET).
    if (got.items.length < PAGE || (typeof total === "number" && items.length >= total)) return items;
  }
  // The last page allowed was full: there may be more.
  return undefined;
}

async function takeSnapshot(http: VoucherifyHttp, maxPages: number): Promise<Snapshot | undefined> {
  const [campaigns, assignments] = await Promise.all([
    allPages(maxPages, async (page) => {
      const list = await http.request({
        method: "GET",
        path: "/v1/campaigns",
        // Oldest first: a campaign created meanwhile lands on the last page instead of shifting the others.
        query: { limit: PAGE, page, order: "created_at", expand: "category" },
        schema: campaignListSchema(),
      });
      return { items: list.campaigns, total: list.total };
    }),
    allPages(maxPages, async (page) => {
      const list = await http.request({
        method: "GET",
        path: "/v1/validation-rules-assignments",
        query: { limit: PAGE, page, order: "created_at" },
        schema: assignmentListSchema(),
      });
      return { items: list.data, total: list.total };
    }),
  ]);
  if (campaigns === undefined || assignments === undefined) return undefined;
  const byObject = new Map<string, ApiAssignment[]>();
  for (const a of assignments) {
    if (typeof a.related_object_id !== "string") continue;
    const list = byObject.get(a.related_object_id) ?? [];
    list.push(a);
    byObject.set(a.related_object_id, list);
  }
  return { campaigns: new Map(campaigns.map((c) => [c.id, c])), assignments: byObject };
}

/** The campaign as the single GET shows it, from the snapshot; undefined when the snapshot cannot tell. */
function fromSnapshot(snapshot: Snapshot, id: string): ApiCampaign | undefined {
  const item = snapshot.campaigns.get(id);
  if (item === undefined || item.campaign_type === "PROMOTION") return undefined;
  const data = snapshot.assignments.get(id) ?? [];
  return {
    ...item,
    validation_rules_assignments: { object: "list", data_ref: "data", data, total: data.length },
  };
}

export function createCampaignPages(
  http: VoucherifyHttp,
  options: CampaignPagesOptions = {},
): CampaignReader {
  const maxAgeMs = options.maxAgeMs ?? 10_000;
  const maxPages = options.maxPages ?? 10;
  const windowMs = options.windowMs ?? 20;
  const minBatch = options.minBatch ?? 4;
  const now = options.now ?? Date.now;

  let snapshot: Promise<Snapshot | undefined> | undefined;
  let snapshotStartedAt = 0;
  /** Reads waiting for the current window to close. */
  let window: { count: number; decided: Promise<boolean> } | undefined;

  const fresh = () => snapshot !== undefined && now() - snapshotStartedAt < maxAgeMs;

  /** Whether this read joins a snapshot: the reads of one window decide together (`via` takes it). */
  const joinWindow = (via: VoucherifyHttp): Promise<boolean> => {
    if (window === undefined) {
      const opened = {
        count: 0,
        decided: new Promise<boolean>((resolve) => {
          setTimeout(() => {
            window = undefined;
            if (opened.count < minBatch) return resolve(false);
            snapshotStartedAt = now();
            // A failed snapshot is dropped: the reads that waited for it use the single GET.
            snapshot = takeSnapshot(via, maxPages).catch(() => undefined);
            resolve(true);
          }, windowMs);
        }),
      };
      window = opened;
    }
    window.count++;
    return window.decided;
  };

  return {
    async getCampaign(id, via = http) {
      if (!fresh() && !(await joinWindow(via))) return getCampaign(via, id);
      const taken = await snapshot;
      const campaign = taken === undefined ? undefined : fromSnapshot(taken, id);
      return campaign ?? getCampaign(via, id);
    },
    invalidate() {
      snapshot = undefined;
    },
  };
}

/** `http` whose every request but a GET forgets `reader`'s snapshot, so a read after a write sees the write. */
export function invalidatingWrites(http: VoucherifyHttp, reader: CampaignReader): VoucherifyHttp {
  return {
    request(spec) {
      if (spec.method !== "GET") reader.invalidate();
      return http.request(spec);
    },
    get requestCount() {
      return http.requestCount;
    },
  };
}
