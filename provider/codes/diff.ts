// Offline diff of the voucher-code fields: which of them changed between the previous outputs and the new checked
// inputs. Code fields never force a replacement; any change is an in-place update. Linear in the number of codes
// (structural comparison, no serialization), so 100,000 declared codes compare in well under a second.

import { containsUnknown } from "../schema/unknowns";
import { VOUCHER_CODE_FIELDS } from "../schema/vouchers";
import { jsonEqual } from "./plan";

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
    // Both `vouchers` lists are sorted by code by check, so a structural comparison is order-exact.
    if (!jsonEqual(a, b)) changed.push(field);
  }
  return { changed };
}
