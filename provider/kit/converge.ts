// THE executor: every operation that changes a resource (create after its POST, adopt, the recovery of an
// interrupted create, update) ends here. It runs the kind's ordered steps against the plan computed once for the
// engine call, and returns the record of what took effect (./record.ts), which is all the state recorder reads.
// A failing step stops the run; the record says which one, and the adapter reports a partial failure with the
// state recorded from it (./failure.ts).
import type { ConvergeRecord } from "./record";

/** One step of a kind's work, e.g. "PUT the campaign", "sync the tiers", "sync the codes". */
export interface Step<A extends string, C extends { record: ConvergeRecord<A> }> {
  /** The kind of work the step does: once it ran (or had nothing to do), that work is done. */
  marks: A;
  /** What is being done, for the failure message ("updating the campaign"). */
  label: (c: C) => string;
  /** Whether there is work to do (from the plan); default: always. */
  wanted?: (c: C) => boolean;
  /** Does the work, noting in `c.record` what took effect (computed outputs, values applied partly). */
  run: (c: C) => Promise<void>;
}

/**
 * Runs `steps` in order, skipping those whose work is done already (a create body carried it); stops at the first
 * failure, which it notes in the record. Never throws for a step's failure.
 */
export async function converge<A extends string, C extends { record: ConvergeRecord<A> }>(
  steps: readonly Step<A, C>[],
  c: C,
): Promise<ConvergeRecord<A>> {
  const record = c.record;
  for (const step of steps) {
    if (record.done.has(step.marks)) continue;
    if (step.wanted === undefined || step.wanted(c)) {
      const label = step.label(c);
      try {
        await step.run(c);
      } catch (error) {
        record.failure = { step: label, error };
        return record;
      }
    }
    record.done.add(step.marks);
  }
  return record;
}
