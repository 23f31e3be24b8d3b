// After a campaign update, Voucherify rewrites the fields codes inherit — start and end dates, the category, and
// (with the voucher metadata schema) the changed metadata keys — on every code not yet published or redeemed
// (documentation/orchestrate/campaign-maintenance.mdx, "What you can change"). A code that declares its own value
// for such a field would silently lose it; this plans the updates that put the declared values back. Pure.
import type { VoucherItem } from "../schema/vouchers";
import type { ApiVoucher } from "../schema/wire";
import type { CodeUpdate } from "./types";

/** What a campaign update rewrote on its codes. */
export interface Rewritten {
  startDate: boolean;
  expirationDate: boolean;
  category: boolean;
  /** Metadata keys written to every code (only when the campaign uses the voucher metadata schema). */
  metadataKeys: readonly string[];
}

export function rewrittenBy(
  body: Record<string, unknown> | undefined,
  useVoucherMetadataSchema: boolean,
): Rewritten {
  const b = body ?? {};
  const metadataKeys = useVoucherMetadataSchema
    ? [
        ...Object.keys(typeof b.metadata === "object" && b.metadata !== null ? b.metadata : {}),
        ...(Array.isArray(b.unset_metadata_fields) ? (b.unset_metadata_fields as string[]) : []),
      ]
    : [];
  return {
    startDate: "start_date" in b,
    expirationDate: "expiration_date" in b,
    category: "category" in b || "category_id" in b,
    metadataKeys,
  };
}

export function rewritesAnything(r: Rewritten | undefined): r is Rewritten {
  return r !== undefined && (r.startDate || r.expirationDate || r.category || r.metadataKeys.length > 0);
}

/**
 * The PUT that restores what `item` declares among the rewritten fields, or undefined when it declares none. One
 * request per such code: the rewrite reached every code that is not published or redeemed, so reading them first
 * would cost about as much and find nearly all of them changed.
 */
export function restoreDeclared(item: VoucherItem, rewritten: Rewritten): CodeUpdate | undefined {
  const body: Record<string, unknown> = {};
  if (rewritten.startDate && item.startDate !== undefined) body.start_date = item.startDate;
  if (rewritten.expirationDate && item.expirationDate !== undefined)
    body.expiration_date = item.expirationDate;
  if (rewritten.category && item.category !== undefined) body.category = item.category;
  if (item.metadata !== undefined && rewritten.metadataKeys.some((k) => k in (item.metadata ?? {}))) {
    body.metadata = item.metadata;
  }
  return Object.keys(body).length === 0 ? undefined : { code: item.code, body };
}

/**
 * The restore with the code's current metadata under its declared keys: a voucher PUT may replace the metadata
 * (undocumented; the emulator's reading), and the code also holds keys it inherited from the campaign ("If metadata
 * columns are added and mapped, only those specific fields are overridden", build/*-import.mdx), which must stay.
 */
export function withCurrentMetadata(update: CodeUpdate, listed: ApiVoucher | undefined): CodeUpdate {
  const own = update.body.metadata;
  if (listed?.metadata == null || typeof own !== "object" || own === null) return update;
  return { ...update, body: { ...update.body, metadata: { ...listed.metadata, ...own } } };
}

/**
 * Whether the campaign update reached this code: "It will affect all vouchers that are not published or redeemed
 * yet" (the campaign PUT in documentation/openapi/campaigns.json). A code the listing does not show is assumed reached.
 */
export function reachedByRewrite(listed: ApiVoucher | undefined): boolean {
  if (listed === undefined) return true;
  const published = Number(listed.publish?.count ?? 0);
  const redeemed = Number(listed.redemption?.redeemed_quantity ?? 0);
  return published === 0 && redeemed === 0;
}
