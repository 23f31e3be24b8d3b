// Inline codes cross every process boundary (program -> engine -> dynamic provider, and back into state) as ONE
// canonical JSON string instead of a list of objects.
//
// Why: the engine protocol carries resource properties as protobuf Structs, and the Node SDK serializes a list
// element by element (an async step per value, an object per field on both sides). With 100,000 codes that cost
// about a minute and gigabytes of memory on every `up`, including a no-op one, while the provider's own check and
// diff took two seconds. A single string costs one value. Inline codes are a secret by default, so previews show
// `[secret]` either way; with `vouchersSecret: false` the state shows the JSON text.
//
// The provider's entry points decode on the way in and encode on the way out; everything behind them works on
// arrays. State written by earlier versions (a plain list) decodes unchanged.

type Props = Record<string, unknown>;

const FIELD = "vouchers";

/** The list as canonical JSON text; anything that is not an array (undefined, the unknown sentinel) passes. */
export function encodeVoucherList(value: unknown): unknown {
  return Array.isArray(value) ? JSON.stringify(value) : value;
}

/** The list back from its JSON text; anything else (an array from older state, undefined, unknown) passes. */
export function decodeVoucherList(value: unknown): unknown {
  if (typeof value !== "string" || !value.startsWith("[")) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value; // left as is: check reports it as an invalid `vouchers` value
  }
}

/** A copy of `props` whose `vouchers` is a list (no copy when there is nothing to decode). */
export function withDecodedVouchers<T extends Props | undefined>(props: T): T {
  if (props === undefined || typeof props[FIELD] !== "string") return props;
  return { ...props, [FIELD]: decodeVoucherList(props[FIELD]) };
}

/** A copy of `props` whose `vouchers` is JSON text (no copy when there is nothing to encode). */
export function withEncodedVouchers<T extends Props | undefined>(props: T): T {
  if (props === undefined || !Array.isArray(props[FIELD])) return props;
  return { ...props, [FIELD]: encodeVoucherList(props[FIELD]) };
}
