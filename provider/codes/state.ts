// Lenient reading of the voucher-code fields from inputs or state. Old state must always stay readable, so a
// field that does not parse is treated as absent instead of failing the whole operation.

import { containsUnknown, isUnknown } from "../schema/unknowns";
import {
  isValidatedVoucherList,
  type VoucherCodeSources,
  type VoucherItem,
  voucherCodeSourcesShape,
} from "../schema/vouchers";

export { containsUnknown, isUnknown as isUnknownValue };

/** The code fields of `obj`, each parsed on its own; invalid or unknown ones are left out. */
export function readCodeFields(obj: Record<string, unknown> | undefined): VoucherCodeSources {
  const out: Record<string, unknown> = {};
  if (obj === undefined) return out as VoucherCodeSources;
  const shape = voucherCodeSourcesShape();
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const value = obj[key];
    if (value === undefined || containsUnknown(value)) continue;
    if (key === "vouchers" && isValidatedVoucherList(value)) {
      out.vouchers = value; // already the output of this very schema
      continue;
    }
    const parsed = shape[key].safeParse(value);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out as VoucherCodeSources;
}

/** The declared inline codes of `obj` (empty when none or unreadable). */
export function readVouchers(obj: Record<string, unknown> | undefined): VoucherItem[] {
  const v = readCodeFields(obj).vouchers;
  return v === undefined ? [] : v;
}
