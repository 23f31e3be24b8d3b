// THE state recorder: the one function that builds what the engine stores for a campaign, for every outcome
// (create, update, read, adopt, and the partial failures of each). It is fed by what was applied, so "apply, then
// diff shows no changes" holds by construction: a field whose change took effect is recorded as desired, a field
// whose change did not is recorded as it was, and the next diff sees exactly the work that is left.

import { setAtPath, valueAt } from "../kit/json";
import { VOUCHER_CODE_FIELDS } from "../schema/vouchers";
import { type Apply, CAMPAIGN_FIELD_RULES } from "./fields";
import { COMPUTED_OUTPUT_KEYS } from "./outputs";

type Props = Record<string, unknown>;

/** Set by the Campaign class: the Pulumi resource name, used for autonaming. Never sent to the API. */
export const RESOURCE_NAME_KEY = "__resourceName";
/** Set by the Campaign class: `<project>/<stack>`, so a generated name is stable for this resource in this stack. */
export const STACK_KEY = "__stack";
/** Set by check when `name` was generated (or carried over); kept in state so later diffs know it. */
export const AUTONAMED_KEY = "__autonamed";
/** The engine's serialized provider; the host does not add it to a partial failure's properties, so we do. */
export const PROVIDER_KEY = "__provider";

/** Drops `__`-prefixed keys (the engine's `__provider` and our hidden inputs). */
export function withoutHidden(props: Props | undefined): Props {
  const out: Props = {};
  if (!props) return out;
  for (const [k, v] of Object.entries(props)) if (!k.startsWith("__")) out[k] = v;
  return out;
}

/**
 * `state` with the engine's `__provider` of `inputs`: the host adds it to a successful result itself, but not to
 * the properties of a partial failure, without which a later refresh or destroy could not load the provider.
 */
export function withProvider(state: Props, inputs: Props): Props {
  return inputs[PROVIDER_KEY] === undefined ? state : { ...state, [PROVIDER_KEY]: inputs[PROVIDER_KEY] };
}

/** Previous outputs without hidden keys and computed outputs: the inputs they were recorded for. */
export function recordedInputs(props: Props | undefined): Props {
  const out = withoutHidden(props);
  for (const k of COMPUTED_OUTPUT_KEYS) delete out[k];
  return out;
}

/** Plain JSON: drops `undefined` everywhere (the host's Struct.fromJavaScript throws on it). */
export function toPlain(value: Props): Props {
  return JSON.parse(JSON.stringify(value)) as Props;
}

export interface Outcome {
  /** The checked inputs this operation wanted to apply (hidden keys ignored). */
  desired: Props;
  /**
   * What was in effect before, in input shape: the previous outputs (update), or the campaign as read back from
   * the API (create, adopt, read).
   */
  before: Props;
  /** The kinds of change that took effect in full ("provider" settings always do). */
  done: ReadonlySet<Apply>;
  /**
   * Values that took effect partly, by top-level input name (e.g. the tiers that were applied), recorded as given.
   */
  partial?: Props;
  /**
   * Code-state fields from the code sync, when it ran: a field present (even as undefined) is recorded as given;
   * the other code fields take their desired value. When the sync did not run, they stay as they were.
   */
  codes?: Props;
  /** Computed outputs (campaign ID, statuses, counts, tier IDs), recorded as given. */
  computed: Props;
  /** Where `__autonamed` comes from (the checked inputs, or the previous state). */
  hidden?: Props;
}

/** The state to record for an outcome. */
const CODE_FIELDS: ReadonlySet<string> = new Set(VOUCHER_CODE_FIELDS);

export function recordState(outcome: Outcome): Props {
  // Copies of everything but the code fields (up to 100,000 codes, never edited here).
  const out: Props = {};
  for (const [k, v] of Object.entries(recordedInputs(outcome.before))) {
    out[k] = CODE_FIELDS.has(k) ? v : structuredClone(v);
  }
  const desired = withoutHidden(outcome.desired);
  for (const rule of CAMPAIGN_FIELD_RULES) {
    if (rule.apply === "codes") continue;
    if (rule.apply === "provider" || outcome.done.has(rule.apply)) {
      setAtPath(out, rule.path, structuredClone(valueAt(desired, rule.path)));
    }
  }
  for (const [key, value] of Object.entries(outcome.partial ?? {})) out[key] = value;
  if (outcome.codes !== undefined) {
    for (const field of VOUCHER_CODE_FIELDS) {
      const value = field in outcome.codes ? outcome.codes[field] : desired[field];
      if (value === undefined) delete out[field];
      else out[field] = value;
    }
  }
  const autonamed = outcome.hidden?.[AUTONAMED_KEY] === true ? { [AUTONAMED_KEY]: true } : {};
  return toPlain({ ...out, ...outcome.computed, ...autonamed });
}
