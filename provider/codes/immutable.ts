// THE per-code immutability rule: the attributes the API cannot change on an existing voucher, each with where its
// value sits in a declaration and in a listed voucher. The plan (./plan.ts, declared against recorded) and the
// comparison with the listing (./verify.ts, declared against listed) both read this table. A change is refused,
// never a silent re-create, which would lose the voucher's redemption history; removing the attribute from the
// declaration just stops managing it.
import { deepEqual, stableStringify } from "../kit/json";
import type { VoucherItem } from "../schema/vouchers";
import type { ApiVoucher } from "../schema/wire";
import type { CodeFailure } from "./types";

interface ImmutableAttribute {
  attribute: "redemption" | "giftAmount" | "loyaltyPoints";
  /** How messages name it. */
  label: string;
  /** The declared value; undefined when the declaration does not manage it. */
  declared: (item: VoucherItem) => unknown;
  /** The listed value; undefined when the listing does not carry it (an export has no amount or points). */
  listed: (voucher: ApiVoucher) => unknown;
  /** Why it cannot change, and what to do instead. */
  why: string;
}

const BALANCE = "which this resource does not manage";

export const IMMUTABLE_CODE_ATTRIBUTES: readonly ImmutableAttribute[] = [
  {
    attribute: "redemption",
    label: "redemption.quantity",
    declared: (i) => (i.redemption === undefined ? undefined : i.redemption.quantity),
    listed: (v) => v.redemption?.quantity ?? null,
    why:
      "the voucher update API has no such field. Keep the old value, or remove the code in one update and " +
      "declare it again in a later one (this loses its history)",
  },
  {
    attribute: "giftAmount",
    label: "giftAmount",
    declared: (i) => i.giftAmount,
    listed: (v) => v.gift?.amount,
    why: `a gift card's amount changes only through its balance endpoint, ${BALANCE}`,
  },
  {
    attribute: "loyaltyPoints",
    label: "loyaltyPoints",
    declared: (i) => i.loyaltyPoints,
    listed: (v) => v.loyalty_card?.points,
    why: `points change only through the card's balance endpoint, ${BALANCE}`,
  },
];

function describe(value: unknown): string {
  return value === undefined ? "unset" : stableStringify(value);
}

/** The immutable attributes `desired` changes from `previous` (both declarations of one code). */
export function immutableChanges(previous: VoucherItem, desired: VoucherItem): CodeFailure[] {
  const out: CodeFailure[] = [];
  for (const a of IMMUTABLE_CODE_ATTRIBUTES) {
    const now = a.declared(desired);
    const was = a.declared(previous);
    if (now === undefined || deepEqual(was, now)) continue;
    out.push({
      code: desired.code,
      attribute: a.attribute,
      reason: `${a.label} cannot change on an existing voucher (was ${describe(was)}, now ${describe(now)}): ${a.why}`,
    });
  }
  return out;
}

/** The immutable attributes in which `declared` differs from the listed voucher (only what the listing carries). */
export function immutableDifferences(declared: VoucherItem, listed: ApiVoucher): CodeFailure[] {
  const out: CodeFailure[] = [];
  for (const a of IMMUTABLE_CODE_ATTRIBUTES) {
    const want = a.declared(declared);
    const have = a.listed(listed);
    if (want === undefined || have === undefined || deepEqual(want, have)) continue;
    out.push({
      code: declared.code,
      attribute: a.attribute,
      reason: `${a.label} is ${describe(have)} in Voucherify, declared ${describe(want)}; it cannot change on an existing voucher: ${a.why}`,
    });
  }
  return out;
}
