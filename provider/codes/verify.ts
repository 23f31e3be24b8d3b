// Comparing declared codes with the vouchers the API lists for the campaign. Used to reconcile a changed CSV file
// (its previous rows are not in state) and by refresh when `verifyVouchersOnRefresh` is on (listing costs one API
// request per 100 codes). Pure: the caller does the listing.

import type { VoucherItem } from "../schema/vouchers";
import type { ApiVoucher } from "../schema/wire";
import { immutableDifferences } from "./immutable";
import type { CodeFailure, CodeUpdate } from "./types";

function sameDate(declared: string, listed: string | null | undefined): boolean {
  if (listed === null || listed === undefined) return false;
  if (declared === listed) return true;
  const a = Date.parse(declared.length === 13 ? `${declared}:00` : declared);
  const b = Date.parse(listed);
  return !Number.isNaN(a) && a === b;
}

function sameMetadataValue(declared: unknown, listed: unknown): boolean {
  if (declared === listed) return true;
  // CSV metadata is text; the API may store it typed (metadata schema), e.g. "5" as 5.
  if (typeof declared === "string" && (typeof listed === "number" || typeof listed === "boolean")) {
    return declared === String(listed);
  }
  return JSON.stringify(declared) === JSON.stringify(listed);
}

export interface ListedDifference {
  /** Declared attributes whose listed value differs. */
  attributes: string[];
  /** The update that would bring the voucher to the declaration (undefined when none or only refused). */
  update?: CodeUpdate;
  /** Differences the API cannot change. */
  refused: CodeFailure[];
}

/**
 * Differences between one declared item and the listed voucher, for the attributes the declaration sets (an
 * attribute it leaves out is not managed). Metadata is compared key by key and updated as a merge, so keys set
 * outside the program survive.
 */
export function differenceFromListed(declared: VoucherItem, listed: ApiVoucher): ListedDifference {
  const attributes: string[] = [];
  const body: Record<string, unknown> = {};
  const refused: CodeFailure[] = [];
  const code = declared.code;
  if (
    declared.category !== undefined &&
    declared.category !== listed.category &&
    declared.category !== listed.category_id
  ) {
    attributes.push("category");
    body.category = declared.category;
  }
  if (declared.additionalInfo !== undefined && declared.additionalInfo !== listed.additional_info) {
    attributes.push("additionalInfo");
    body.additional_info = declared.additionalInfo;
  }
  if (declared.startDate !== undefined && !sameDate(declared.startDate, listed.start_date)) {
    attributes.push("startDate");
    body.start_date = declared.startDate;
  }
  if (declared.expirationDate !== undefined && !sameDate(declared.expirationDate, listed.expiration_date)) {
    attributes.push("expirationDate");
    body.expiration_date = declared.expirationDate;
  }
  if (declared.metadata !== undefined) {
    const current = listed.metadata ?? {};
    const changedKeys: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(declared.metadata)) {
      if (!(k in current) || !sameMetadataValue(v, current[k])) changedKeys[k] = v;
    }
    if (Object.keys(changedKeys).length > 0) {
      attributes.push("metadata");
      // Merged: only the differing declared keys change; keys set outside the program survive.
      body.metadata = { ...current, ...changedKeys };
    }
  }
  let setActive: boolean | undefined;
  if (declared.active !== undefined && listed.active !== declared.active) {
    attributes.push("active");
    setActive = declared.active;
  }
  for (const failure of immutableDifferences(declared, listed)) {
    attributes.push(failure.attribute as string);
    refused.push(failure);
  }
  const result: ListedDifference = { attributes, refused };
  if (Object.keys(body).length > 0 || setActive !== undefined) {
    result.update = { code, body };
    if (setActive !== undefined) result.update.setActive = setActive;
  }
  return result;
}

export interface ListedDrift {
  /** Declared codes the campaign no longer holds (deleted outside the program). */
  missing: string[];
  /** Declared codes whose listed attributes differ from the declaration. */
  changed: { code: string; attributes: string[] }[];
}

/** Drift of declared codes against a full listing of the campaign's vouchers. Extra listed codes are ignored. */
export function compareWithListed(
  declared: readonly VoucherItem[],
  listed: readonly ApiVoucher[],
): ListedDrift {
  const byCode = new Map<string, ApiVoucher>();
  for (const v of listed) byCode.set(v.code, v);
  const drift: ListedDrift = { missing: [], changed: [] };
  for (const item of declared) {
    const l = byCode.get(item.code);
    if (l === undefined) {
      drift.missing.push(item.code);
      continue;
    }
    const d = differenceFromListed(item, l);
    if (d.attributes.length > 0) drift.changed.push({ code: item.code, attributes: d.attributes });
  }
  return drift;
}

/** Failures as a message: up to `max` codes with reasons, then "… and N more". */
export function formatCodeFailures(failures: readonly CodeFailure[], max = 20): string {
  if (failures.length === 0) return "no voucher code failed";
  const shown = failures.slice(0, max).map((f) => `  - ${f.code}: ${f.reason}`);
  const more = failures.length > max ? [`  … and ${failures.length - max} more`] : [];
  const noun = failures.length === 1 ? "voucher code" : "voucher codes";
  return [`${failures.length} ${noun} could not be reconciled:`, ...shown, ...more].join("\n");
}
