// Rows -> plan, for any kind: previous inputs against new checked inputs, row by row. Offline, no API calls. Both
// sides must be normalized the same way by the kind first, so formatting and defaults never show as changes.
// A value not known yet (preview) counts as changed, and may turn out to be the one that replaces.
import { containsUnknown, UNKNOWN } from "../schema/unknowns";
import { deepEqual, isRecord, type Json, valueAt } from "./json";
import { innerRowKeys, type Row, rowFor } from "./rows";

export interface RowPlan<A extends string> {
  /** Every changed row path. */
  changedPaths: string[];
  /** The changed paths that force the replacement (nested, e.g. `voucher.codeConfig.pattern`). */
  replacePaths: string[];
  /** The kinds of work of the rows that changed without replacing (also when another row replaces). */
  inPlace: Set<A>;
  /** The rows that changed without replacing, in row order: what the steps send. */
  inPlaceRows: Row<A>[];
}

/** Value at a dotted path; `unknown` is true when the value, or an object on the way to it, is not known yet. */
function knownValueAt(obj: Json, path: string): { value: unknown; unknown: boolean } {
  const value = valueAt(obj, path, (v) => v === UNKNOWN);
  return { value, unknown: containsUnknown(value) };
}

/** The value without the keys of the rows nested in it (those are compared on their own). */
function withoutInner(value: unknown, inner: readonly string[]): unknown {
  if (inner.length === 0 || !isRecord(value)) return value;
  const out: Json = { ...value };
  for (const key of inner) delete out[key];
  return out;
}

/** How one row compares between normalized inputs `o` and `n`. */
export function compareRow<A extends string>(
  rows: readonly Row<A>[],
  row: Row<A>,
  o: Json,
  n: Json,
): { changed: boolean; replaces: boolean } {
  const inner = innerRowKeys(rows, row.path);
  const before = knownValueAt(o, row.path);
  const after = knownValueAt(n, row.path);
  if (row.serverDefault && after.value === undefined && !after.unknown)
    return { changed: false, replaces: false };
  const equal = (row.equal ?? deepEqual)(withoutInner(before.value, inner), withoutInner(after.value, inner));
  const changed = after.unknown || !equal;
  if (!changed) return { changed, replaces: false };
  // A field whose inner row replaces (a discount whose type changed) is never sent on its own either.
  const replaces =
    row.apply === "replace" ||
    (row.replaceWhen ?? []).some((c) => c.applies(o, n)) ||
    inner.some((key) => {
      const innerRow = rowFor(rows, `${row.path}.${key}`);
      return innerRow !== undefined && compareRow(rows, innerRow, o, n).replaces;
    });
  return { changed, replaces };
}

/** The plan of `rows` (those `compared` selects) from `o` to `n`, both normalized. */
export function planRows<A extends string>(
  rows: readonly Row<A>[],
  o: Json,
  n: Json,
  compared: (row: Row<A>) => boolean = () => true,
): RowPlan<A> {
  const plan: RowPlan<A> = { changedPaths: [], replacePaths: [], inPlace: new Set(), inPlaceRows: [] };
  for (const row of rows) {
    if (!compared(row)) continue;
    const { changed, replaces } = compareRow(rows, row, o, n);
    if (!changed) continue;
    plan.changedPaths.push(row.path);
    if (replaces) {
      plan.replacePaths.push(row.path);
    } else {
      plan.inPlace.add(row.apply);
      plan.inPlaceRows.push(row);
    }
  }
  return plan;
}
