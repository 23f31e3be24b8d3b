// The JSON helpers every resource kind shares: one definition each, used by the kit, the resources and the
// adapters. (The emulator keeps its own copies on purpose, so that it stays independent of the code it tests.)

export type Json = Record<string, unknown>;

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Structural equality of JSON values: object key order does not matter and a property holding `undefined` equals
 * an absent one. Written without building strings or key arrays: it compares up to 100,000 declared codes.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Json;
  const bo = b as Json;
  let count = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    count++;
    if (!deepEqual(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) count--;
  return count === 0;
}

/** JSON with object keys sorted recursively, so equal values always give equal text. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") {
    return value === undefined ? "null" : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(stableStringify).join(",")}]`;
  }
  const obj = value as Json;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(",")}}`;
}

/**
 * Value at a dotted path (`voucher.discount.type`); undefined when any step is missing. `stop` ends the walk at a
 * value that is not to be looked into (e.g. a value not known yet at preview), which is then returned.
 */
export function valueAt(obj: unknown, path: string, stop?: (value: unknown) => boolean): unknown {
  let cur: unknown = obj;
  for (const seg of path.split(".")) {
    if (stop?.(cur)) return cur;
    if (!isRecord(cur)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

/** Sets the value at a dotted path, creating objects on the way; `undefined` removes the key (creating nothing). */
export function setAtPath(obj: Json, path: string, value: unknown): void {
  const segs = path.split(".");
  let node = obj;
  for (const seg of segs.slice(0, -1)) {
    if (!isRecord(node[seg])) {
      if (value === undefined) return;
      node[seg] = {};
    }
    node = node[seg] as Json;
  }
  const last = segs[segs.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
}
