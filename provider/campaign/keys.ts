// Key conversion between Pulumi inputs (camelCase) and Voucherify bodies (snake_case). Keys under any `metadata`
// object are the user's own names and are never converted.
import { isRecord } from "../kit/json";

type Json = Record<string, unknown>;

export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function convertKeys(value: unknown, convert: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => convertKeys(item, convert));
  if (!isRecord(value)) return value;
  const out: Json = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === undefined) continue;
    // metadata keys are the user's own names: keep them (and everything below) verbatim.
    out[convert(key)] = key === "metadata" ? v : convertKeys(v, convert);
  }
  return out;
}

/** camelCase input value -> snake_case API value (metadata contents untouched). */
export function toApiShape(value: unknown): unknown {
  return convertKeys(value, camelToSnake);
}

/** snake_case API value -> camelCase input value (metadata contents untouched). */
export function fromApiShape(value: unknown): unknown {
  return convertKeys(value, snakeToCamel);
}
