// Offline diff of the voucher-code fields: which of them changed between the previous outputs and the new checked
// inputs. Code fields never force a replacement; any change is an in-place update. Linear in the number of codes
// (structural comparison, no serialization), so 100,000 declared codes compare in well under a second.

import { deepEqual } from "../kit/json";
import { containsUnknown } from "../schema/unknowns";
import { VOUCHER_CODE_FIELDS } from "../schema/vouchers";

/** Same declared codes with the same attributes, in any order (state keeps them sorted, programs need not). */
function sameCodes(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return deepEqual(a, b);
  if (a.length !== b.length) return false;
  const byCode = new Map<unknown, unknown>();
  for (const item of a) byCode.set((item as { code?: unknown }).code, item);
  for (const item of b) {
    const code = (item as { code?: unknown }).code;
    if (!byCode.has(code) || !deepEqual(byCode.get(code), item)) return false;
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
    if (field === "vouchers" ? !sameCodes(a, b) : !deepEqual(a, b)) changed.push(field);
  }
  return { changed };
}
