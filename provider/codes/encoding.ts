// Inline codes cross every process boundary (program -> engine -> dynamic provider, and back into state) as ONE
// string instead of a list of objects: canonical JSON text, deflated when the codes are secret.
//
// Why one string: the engine protocol carries resource properties as protobuf Structs, and the Node SDK serializes a
// list element by element (an async step per value, an object per field on both sides). With 100,000 codes that
// cost about a minute and gigabytes of memory on every `up`, including a no-op one, while the provider's own check
// and diff took two seconds. A single string costs one value.
//
// Why deflated: even as one value, the text is encoded and decoded by JavaScript protobuf code several times per
// resource and operation (the program's registration and the response the SDK logs, the provider's check, diff,
// create and update, the engine's state), at about a microsecond per 3 bytes: 20 campaigns of 1,000 codes spent
// most of a no-op preview's protocol time there. Code lists deflate 4 to 15 times. Secret codes are encrypted in
// state and shown as `[secret]` anyway, so nothing readable is lost; with `vouchersSecret: false` the state keeps
// the readable JSON text.
//
// The provider's entry points decode on the way in and encode on the way out; everything behind them works on
// arrays. State written by earlier versions (a plain list, or uncompressed text) decodes unchanged.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { vouchersAreSecret } from "../schema/vouchers";

type Props = Record<string, unknown>;

const FIELD = "vouchers";

/** Marks deflated text: raw deflate of the JSON text, base64. */
export const DEFLATED_PREFIX = "deflate:";

/**
 * The list as canonical JSON text, deflated when `compress` is set and the list is not empty; anything that is not
 * an array (undefined, the unknown sentinel) passes.
 *
 * An empty list stays `[]`: it reveals no code, and skipping deflate in the program and inflate in the provider
 * for every campaign without inline codes saves a zlib round trip each (bench/results/profile.md, fix 4). Both
 * forms decode to the same list, in this version and in earlier ones, so states written either way diff as equal.
 */
export function encodeVoucherList(value: unknown, options: { compress?: boolean } = {}): unknown {
  if (!Array.isArray(value)) return value;
  const text = JSON.stringify(value);
  return options.compress === true && value.length > 0
    ? DEFLATED_PREFIX + deflateRawSync(text).toString("base64")
    : text;
}

/** Whether `value` is a list known to hold no code: nothing to hide, so it travels and is recorded plain. */
export function isEmptyCodeList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

/** The JSON text of an encoded list (inflated if needed); anything else passes. */
export function voucherListText(value: unknown): unknown {
  if (typeof value !== "string" || !value.startsWith(DEFLATED_PREFIX)) return value;
  try {
    return inflateRawSync(Buffer.from(value.slice(DEFLATED_PREFIX.length), "base64")).toString("utf8");
  } catch {
    return value; // left as is: check reports it as an invalid `vouchers` value
  }
}

/** The list back from its text; anything else (an array from older state, undefined, unknown) passes. */
export function decodeVoucherList(value: unknown): unknown {
  const text = voucherListText(value);
  if (typeof text !== "string" || !text.startsWith("[")) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value; // left as is: check reports it as an invalid `vouchers` value
  }
}

/** A copy of `props` whose `vouchers` is a list (no copy when there is nothing to decode). */
export function withDecodedVouchers<T extends Props | undefined>(props: T): T {
  if (props === undefined || typeof props[FIELD] !== "string") return props;
  return { ...props, [FIELD]: decodeVoucherList(props[FIELD]) };
}

/** A copy of `props` whose `vouchers` is text, deflated unless `vouchersSecret: false` (no copy when none). */
export function withEncodedVouchers<T extends Props | undefined>(props: T): T {
  if (props === undefined || !Array.isArray(props[FIELD])) return props;
  return { ...props, [FIELD]: encodeVoucherList(props[FIELD], { compress: vouchersAreSecret(props) }) };
}
