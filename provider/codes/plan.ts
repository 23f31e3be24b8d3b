// The reconcile plan for declared voucher codes: previous declaration (from state) vs desired declaration, by code.
// Pure and offline; O(n) with a Map by code, so 100,000 codes plan in a fraction of a second.

import { deepEqual } from "../kit/json";
import { immutableChanges } from "./immutable";
import type { CodeFailure, CodeUpdate } from "./types";

export { immutableChanges } from "./immutable";
export type { CodeFailure, CodeUpdate } from "./types";

import { MAX_CODES_PER_CAMPAIGN, type VoucherItem } from "../schema/vouchers";

export interface CodePlan {
  toImport: VoucherItem[];
  toUpdate: CodeUpdate[];
  toDelete: string[];
  unchanged: number;
  /** Changes the API cannot make on an existing voucher (check reports them at preview). */
  refused: CodeFailure[];
}

/** Import payload limit is 10 MB; keep headroom for the request envelope and a decimal/binary "MB" mix-up. */
export const DEFAULT_MAX_IMPORT_BYTES = 10000000 - 100000;

/** Canonical order of declared codes (sorted by code) so reordering a list is not a change. */
export function sortByCode<T extends { code: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * The PUT /v1/vouchers/{code} body for the mutable attributes that differ. An attribute removed from the
 * declaration is cleared (null; metadata becomes {}), except `active`, which is then simply no longer managed.
 */
export function updateFor(previous: VoucherItem, desired: VoucherItem): CodeUpdate | undefined {
  const body: Record<string, unknown> = {};
  if (previous.category !== desired.category)
    body.category = desired.category === undefined ? null : desired.category;
  if (previous.additionalInfo !== desired.additionalInfo) {
    body.additional_info = desired.additionalInfo === undefined ? null : desired.additionalInfo;
  }
  if (previous.startDate !== desired.startDate) {
    body.start_date = desired.startDate === undefined ? null : desired.startDate;
  }
  if (previous.expirationDate !== desired.expirationDate) {
    body.expiration_date = desired.expirationDate === undefined ? null : desired.expirationDate;
  }
  if (!deepEqual(previous.metadata, desired.metadata)) {
    // Sent whole: the desired metadata replaces the voucher's metadata.
    body.metadata = desired.metadata === undefined ? {} : desired.metadata;
  }
  const update: CodeUpdate = { code: desired.code, body };
  if (desired.active !== undefined && previous.active !== desired.active) update.setActive = desired.active;
  if (Object.keys(body).length === 0 && update.setActive === undefined) return undefined;
  return update;
}

/** Reconcile plan: import new codes, update changed ones, delete removed ones; refuse what the API cannot do. */
export function planCodeChanges(previous: readonly VoucherItem[], desired: readonly VoucherItem[]): CodePlan {
  const plan: CodePlan = { toImport: [], toUpdate: [], toDelete: [], unchanged: 0, refused: [] };
  const prevByCode = new Map<string, VoucherItem>();
  for (const item of previous) prevByCode.set(item.code, item);
  const desiredCodes = new Set<string>();
  for (const item of desired) {
    desiredCodes.add(item.code);
    const prev = prevByCode.get(item.code);
    if (prev === undefined) {
      plan.toImport.push(item);
      continue;
    }
    if (deepEqual(prev, item)) {
      plan.unchanged++;
      continue;
    }
    const refused = immutableChanges(prev, item);
    if (refused.length > 0) {
      plan.refused.push(...refused);
      continue;
    }
    const update = updateFor(prev, item);
    if (update === undefined) plan.unchanged++;
    else plan.toUpdate.push(update);
  }
  for (const item of previous) {
    if (!desiredCodes.has(item.code)) plan.toDelete.push(item.code);
  }
  return plan;
}

/**
 * Splits import items into JSON-array chunks whose serialized size is at most maxBytes and which hold at most
 * maxItems items each; order is preserved. Each item is serialized once (sizes are summed, never re-stringified).
 * Throws if a single item cannot fit.
 */
export function chunkImportItems(
  items: readonly Record<string, unknown>[],
  maxBytes: number = DEFAULT_MAX_IMPORT_BYTES,
  maxItems: number = MAX_CODES_PER_CAMPAIGN,
): Record<string, unknown>[][] {
  const chunks: Record<string, unknown>[][] = [];
  let current: Record<string, unknown>[] = [];
  let currentBytes = 2; // "[" + "]"
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item), "utf8");
    if (size + 2 > maxBytes) {
      const code = typeof item.code === "string" ? item.code : "?";
      throw new Error(
        `voucher ${code} alone is ${size} bytes as JSON, over the ${maxBytes}-byte import limit`,
      );
    }
    const added = current.length === 0 ? size : size + 1; // "," separator
    if (current.length > 0 && (currentBytes + added > maxBytes || current.length >= maxItems)) {
      chunks.push(current);
      current = [];
      currentBytes = 2;
    }
    currentBytes += current.length === 0 ? size : size + 1;
    current.push(item);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Which campaign type can carry which per-code value. */
export function typeSpecificProblem(item: VoucherItem, campaignType: string): string | undefined {
  if (item.giftAmount !== undefined && campaignType !== "GIFT_VOUCHERS") {
    return `giftAmount applies to GIFT_VOUCHERS campaigns only (this one is ${campaignType})`;
  }
  if (item.loyaltyPoints !== undefined && campaignType !== "LOYALTY_PROGRAM") {
    return `loyaltyPoints applies to LOYALTY_PROGRAM campaigns only (this one is ${campaignType})`;
  }
  return undefined;
}

/** camelCase declared item -> snake_case campaign import item (POST /v1/campaigns/{id}/import). */
export function toImportItem(item: VoucherItem, campaignType: string): Record<string, unknown> {
  const problem = typeSpecificProblem(item, campaignType);
  if (problem !== undefined) throw new Error(`voucher ${item.code}: ${problem}`);
  const out: Record<string, unknown> = { code: item.code };
  if (item.category !== undefined) out.category = item.category;
  if (item.active !== undefined) out.active = item.active;
  if (item.redemption !== undefined) out.redemption = { quantity: item.redemption.quantity };
  if (item.metadata !== undefined) out.metadata = item.metadata;
  if (item.additionalInfo !== undefined) out.additional_info = item.additionalInfo;
  if (item.startDate !== undefined) out.start_date = item.startDate;
  if (item.expirationDate !== undefined) out.expiration_date = item.expirationDate;
  if (item.giftAmount !== undefined) out.gift = { amount: item.giftAmount };
  if (item.loyaltyPoints !== undefined) out.loyalty_card = { points: item.loyaltyPoints };
  return out;
}
