// Field rows, generic over resource kinds: one row per input field, saying how the field is compared, how a change
// to it is applied (by which step), how it is sent and read back, and what the README says of it. A kind's
// plan, PUT body, read-back, state recorder and README input table all read its rows; a new rule is one row.
//
// Rows are camelCase input paths. A row may sit inside another (`voucher.discount.type` inside `voucher.discount`):
// the inner row is compared on its own and left out of the outer row's comparison.
import type { Json } from "./json";

/** When a change to an otherwise updatable field replaces the resource. */
export interface ReplaceCondition {
  /** README wording, completing "replace …". */
  readme: string;
  /** Whether the change from `o` to `n` (whole normalized inputs) replaces. */
  applies(o: Json, n: Json): boolean;
}

/** Writes the update body for a changed field: `o`, `n` are the whole normalized inputs. */
export type Sender = (o: Json, n: Json, body: Json) => void;

/**
 * One field. `apply` names the kind of work (the step) that applies a change to it; the work kind "replace"
 * means the field is fixed once the resource exists: a change creates a new one and deletes the old one.
 */
export interface Row<A extends string> {
  path: string;
  apply: A;
  /** Conditions that turn an in-place change into a replacement. */
  replaceWhen?: readonly ReplaceCondition[];
  /** API field, dotted snake_case path in the API object (create body, and GET response). */
  api: string;
  /** How a change is written into the update body. Rows sharing a sender call it once. */
  send?: Sender;
  /**
   * Left out, the field takes a value the provider cannot know (a project setting): leaving it out is then never a
   * change, whatever the state recorded (e.g. the charset an import read back).
   */
  serverDefault?: true;
  /** Reads the field from the API object (input shape); default: the value at `api`, keys camelCased. */
  read?: "default" | "none";
  /** How two values of the field compare (normalized inputs); default: deep equality. */
  equal?: (a: unknown, b: unknown) => boolean;
  /** An output an in-place update never changes, so the engine keeps it known at preview. */
  stable?: true;
  /** README columns. */
  doc: { type: string; default?: string; change?: string; apiDoc?: string };
}

/** The row for an exact path, if any. */
export function rowFor<R extends { path: string }>(rows: readonly R[], path: string): R | undefined {
  return rows.find((r) => r.path === path);
}

/** Paths of the rows directly inside `path` (compared on their own, so left out of `path`'s comparison). */
export function innerRowKeys(rows: readonly { path: string }[], path: string): string[] {
  const prefix = `${path}.`;
  const keys: string[] = [];
  for (const r of rows) {
    if (!r.path.startsWith(prefix)) continue;
    const rest = r.path.slice(prefix.length);
    if (!rest.includes(".")) keys.push(rest);
  }
  return keys;
}
