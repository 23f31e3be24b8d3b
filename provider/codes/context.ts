// What a code sync is given and what it returns: the types the sync (./sync.ts) and its helpers (./calls.ts,
// ./bulk.ts, ./waiting.ts) share. Kept apart so that none of them imports another only for its types.
import type { Clock } from "../client/clock";
import type { VoucherifyHttp } from "../client/http";
import type { CodeRedactor } from "../redact";
import type { Rewritten } from "./reapply";
import type { CodeFailure } from "./types";

export interface CodeSyncContext {
  http: VoucherifyHttp;
  clock: Clock;
  campaignId: string;
  campaignType: string;
  log: (msg: string) => void;
  asyncTimeoutMs: number;
  /** The campaign was just created by this operation (nothing to list before a CSV import). Default false. */
  freshCampaign?: boolean;
  /** Import payload limit per request (default DEFAULT_MAX_IMPORT_BYTES). */
  maxImportBytes?: number;
  /** CSV file reader (default fs.readFileSync). */
  readFile?: (path: string) => Buffer;
  /** Polling knobs for async actions (defaults of waitForAsyncAction). */
  wait?: { initialDelayMs?: number; maxDelayMs?: number };
  /** The operation's secret codes; the CSV file's codes are added when it is read. */
  secrets?: CodeRedactor;
  /**
   * How many codes the campaign holds as the sync starts (the API's `vouchers_count` as last read): a generation
   * whose answer was lost is judged by how the count moved.
   */
  campaignCodeCount?: number;
  /** Codes this resource generated so far (default: what the previous state says). */
  generatedBefore?: number;
  /** What a campaign update just rewrote on the campaign's codes: declared per-code values are put back. */
  rewritten?: Rewritten;
}

export interface CodeSyncResult {
  /** Code-state fields to merge into the resource outputs. */
  outputs: Record<string, unknown>;
  /** Codes that could not be reconciled; non-empty => the caller raises a partial-failure error with the state. */
  failures: CodeFailure[];
  /**
   * Net number of codes this sync added to the campaign (imported + generated - deleted), so the caller can keep
   * `totalVouchers` current without another GET.
   */
  countDelta: number;
  /** Codes this resource has generated, as far as the API shows (recorded as `vouchersGenerated`). */
  generated: number;
  /**
   * An import may or may not have taken effect (an error after the request was sent, or an async action that
   * ended FAILED halfway): the next sync reads what the campaign holds before importing anything.
   */
  uncertain: boolean;
}

/** Computed outputs the code sync owns (never compared by the diff). */
export const GENERATED_KEY = "vouchersGenerated";
export const UNVERIFIED_KEY = "vouchersUnverified";
