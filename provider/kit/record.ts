// THE state recorder of every resource kind: it builds what the engine stores from the executor's record of what
// took effect (./converge.ts), and from nothing else. "Apply, then diff shows no changes" holds by construction:
// a row whose change took effect is recorded as desired, a row whose change did not is recorded as it was, and the
// next diff sees exactly the work that is left.
import { PartialFailureError } from "./failure";
import { setAtPath, valueAt } from "./json";
import { AUTONAMED_KEY, type Props, toPlain, withoutHidden, withProvider } from "./state";

/** What the recorder needs to know of a kind: its rows and its computed outputs. */
export interface RecordedKind<A extends string> {
  /** The field rows: a dotted input path, and the kind of work that applies a change to it. */
  rows: readonly { path: string; apply: A }[];
  /** Work kinds whose rows are settings of the provider: always recorded as desired (no API call applies them). */
  alwaysDesired: ReadonlySet<A>;
  /** Outputs the API computes (never inputs). */
  computedKeys: readonly string[];
  /** Top-level inputs recorded by reference, never copied (e.g. up to 100,000 declared codes). */
  byReference: ReadonlySet<string>;
}

/** What one engine call did: the executor's result, and the recorder's only input. */
export interface ConvergeRecord<A extends string> {
  /** The checked inputs this operation wanted to apply (hidden keys ignored). */
  desired: Props;
  /**
   * What was in effect before, in input shape: the previous outputs (update), or the resource as read back from
   * the API (create, adopt, read).
   */
  before: Props;
  /** The kinds of work that took effect in full. */
  done: Set<A>;
  /**
   * Values a kind of work applied, by row path, for work that took effect partly (the tiers applied before a tier
   * call failed) or that decides its own values (the code sync). A row of such a kind whose path is absent here
   * is recorded as desired.
   */
  applied: Partial<Record<A, Props>>;
  /** Computed outputs, recorded as given. */
  computed: Props;
  /** Where `__autonamed` comes from (the checked inputs, or the previous state). */
  hidden?: Props;
  /** The step that failed, when one did (the steps after it did not run). */
  failure?: { step: string; error: unknown };
}

/** A record before any work: nothing done, nothing applied. */
export function newRecord<A extends string>(
  init: Pick<ConvergeRecord<A>, "desired" | "before" | "computed" | "hidden"> & { done?: Iterable<A> },
): ConvergeRecord<A> {
  return { ...init, done: new Set(init.done ?? []), applied: {} };
}

/** Previous outputs without hidden keys and computed outputs: the inputs they were recorded for. */
export function recordedInputs<A extends string>(kind: RecordedKind<A>, props: Props | undefined): Props {
  const out = withoutHidden(props);
  for (const k of kind.computedKeys) delete out[k];
  return out;
}

/** The state to record (called by settle only). */
function recordState<A extends string>(kind: RecordedKind<A>, record: ConvergeRecord<A>): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(recordedInputs(kind, record.before))) {
    out[k] = kind.byReference.has(k) ? v : structuredClone(v);
  }
  const desired = withoutHidden(record.desired);
  for (const row of kind.rows) {
    const applied = record.applied[row.apply];
    if (applied !== undefined) {
      setAtPath(out, row.path, row.path in applied ? applied[row.path] : valueAt(desired, row.path));
    } else if (kind.alwaysDesired.has(row.apply) || record.done.has(row.apply)) {
      const value = valueAt(desired, row.path);
      setAtPath(out, row.path, kind.byReference.has(row.path) ? value : structuredClone(value));
    }
  }
  const autonamed = record.hidden?.[AUTONAMED_KEY] === true ? { [AUTONAMED_KEY]: true } : {};
  return toPlain({ ...out, ...record.computed, ...autonamed });
}

/**
 * The state of a finished engine call, the ONE place that records state: returned when every step took effect,
 * or thrown as the partial failure carrying it (with the engine's `__provider` of `inputs`) when one failed.
 * `failed.message` explains the failure; the resource exists as `failed.id` either way. A record without a
 * failure (a read, an import) needs no `failed`.
 */
export function settle<A extends string>(
  kind: RecordedKind<A>,
  record: ConvergeRecord<A>,
  failed?: { id: string; inputs: Props; message: (failure: { step: string; error: unknown }) => string },
): Props {
  const state = recordState(kind, record);
  if (record.failure === undefined) return state;
  if (failed === undefined) throw record.failure.error;
  throw new PartialFailureError(
    failed.id,
    withProvider(state, failed.inputs),
    failed.message(record.failure),
  );
}
