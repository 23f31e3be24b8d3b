// Offline diff of the voucher-code fields: which of them changed between the previous outputs and the new checked
// inputs. Code fields never force a replacement; any change is an in-place update. Linear in the number of codes
// (each item serialized once), so 100,000 declared codes compare in well under a second.

import { containsUnknown } from "../schema/unknowns";
import { VOUCHER_CODE_FIELDS } from "../schema/vouchers";
import { stableStringify } from "./plan";

function sameItemList(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return stableStringify(a) === stableStringify(b);
  if (a.length !== b.length) return false;
  // Both sides are sorted by code by check; compare item by item, stopping at the first difference.
  for (let i = 0; i < a.length; i++) {
    if (stableStringify(a[i]) !== stableStringify(b[i])) return false;
  }
  return true;
}

/** Names of the code fields that differ (`vouchersCsvRows` follows the digest and is not reported on its own). */
export function diffVoucherCodes(
  olds: Record<string, unknown> | undefined,
  news: Record<string, unknown>,
): { changed: string[] } {
  const changed: string[] = [];
  const before = olds === undefined ? {} : olds;
  for (const field of VOUCHER_CODE_FIELDS) {
    if (field === "vouchersCsvRows") continue;
    const a = before[field];
    const b = news[field];
    if (containsUnknown(b)) {
      changed.push(field);
      continue;
    }
    const same = field === "vouchers" ? sameItemList(a, b) : stableStringify(a) === stableStringify(b);
    if (!same) changed.push(field);
  }
  return { changed };
}
