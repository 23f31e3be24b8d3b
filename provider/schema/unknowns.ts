// Pulumi's "unknown" sentinel: during `pulumi preview`, inputs that depend on outputs not yet known arrive as this
// string, anywhere in the input tree. `check` must accept them (the real value is validated by the check that runs
// during `up`), and must hand them back unchanged so the engine keeps treating them as unknown.
//
// Strategy: strip the unknown leaves before validation, remember where they were, ignore validation issues at or
// under those places, and put the original values back into the normalized result.
import { isRecord } from "../kit/json";

/** The value Pulumi passes for inputs that are not known yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type PathSegment = string | number;
export type Path = PathSegment[];

/** One stripped place: its path and the original value (UNKNOWN, or an array that contained UNKNOWN elements). */
export interface UnknownEntry {
  path: Path;
  original: unknown;
}

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** Whether the value is UNKNOWN or contains UNKNOWN anywhere below it. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (containsUnknown(item)) return true;
    }
    return false;
  }
  if (isRecord(value)) {
    for (const key of Object.keys(value)) {
      if (containsUnknown(value[key])) return true;
    }
  }
  return false;
}

/**
 * Removes unknown values from a copy of `raw`: object keys whose value is UNKNOWN are deleted, and an array with an
 * UNKNOWN element is removed as a whole (its positions would shift otherwise). Objects inside arrays are walked.
 * Subtrees without unknowns are shared with `raw`, not copied.
 */
export function stripUnknowns(raw: Record<string, unknown>): {
  value: Record<string, unknown>;
  unknowns: UnknownEntry[];
} {
  const unknowns: UnknownEntry[] = [];
  const value = stripObject(raw, [], unknowns);
  return { value, unknowns };
}

function stripObject(obj: Record<string, unknown>, path: Path, out: UnknownEntry[]): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    const stripped = stripValue(v, [...path, key], out);
    if (stripped !== v) {
      if (copy === undefined) copy = { ...obj };
      if (stripped === REMOVED) delete copy[key];
      else copy[key] = stripped;
    }
  }
  return copy === undefined ? obj : copy;
}

const REMOVED: unique symbol = Symbol("removed");

function stripValue(v: unknown, path: Path, out: UnknownEntry[]): unknown {
  if (v === UNKNOWN) {
    out.push({ path, original: v });
    return REMOVED;
  }
  if (Array.isArray(v)) {
    if (v.some((item) => item === UNKNOWN)) {
      out.push({ path, original: v });
      return REMOVED;
    }
    let copy: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      if (!isRecord(item)) continue;
      const stripped = stripObject(item, [...path, i], out);
      if (stripped !== item) {
        if (copy === undefined) copy = [...v];
        copy[i] = stripped;
      }
    }
    return copy === undefined ? v : copy;
  }
  if (isRecord(v)) return stripObject(v, path, out);
  return v;
}

/** Whether `path` is at or below one of the stripped places. */
export function isUnderUnknown(path: readonly PropertyKey[], unknowns: readonly UnknownEntry[]): boolean {
  return unknowns.some((u) => u.path.length <= path.length && u.path.every((seg, i) => seg === path[i]));
}

/**
 * Puts the stripped values back into `target` (mutated and returned). Missing intermediate objects are created, so
 * a normalization step that dropped an empty parent does not lose the unknown below it.
 */
export function restoreUnknowns(
  target: Record<string, unknown>,
  unknowns: readonly UnknownEntry[],
): Record<string, unknown> {
  for (const { path, original } of unknowns) {
    let node: Record<string, unknown> | unknown[] = target;
    for (let i = 0; i < path.length - 1; i++) {
      const seg = path[i] as PathSegment;
      const next: unknown = (node as Record<PathSegment, unknown>)[seg];
      if (typeof next === "object" && next !== null) {
        node = next as Record<string, unknown> | unknown[];
      } else {
        const created: Record<string, unknown> = {};
        (node as Record<PathSegment, unknown>)[seg] = created;
        node = created;
      }
    }
    const last = path[path.length - 1] as PathSegment;
    (node as Record<PathSegment, unknown>)[last] = original;
  }
  return target;
}
