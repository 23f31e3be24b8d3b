// A resource kind whose every updatable field changes with one PUT (ValidationRule, Category, PromotionStack):
// the kit's pieces put together once. A kind of this shape declares its rows, its zod schema, its client calls and
// its mapping from the API object; check, diff, create, read, update, delete and import follow from them.
// A field row's `apply` is "put" (sent in the one PUT) or "replace" (fixed once the resource exists).

import type { z } from "zod";
import { stableName } from "../campaign/offline";
import { isNotFound } from "../client/errors";
import type { VoucherifyHttp } from "../client/http";
import { converge, type Step } from "../kit/converge";
import { isRecord } from "../kit/json";
import type { CheckResult, DiffResult, ReadResult, ResourceKind } from "../kit/kind";
import { planRows } from "../kit/plan";
import { type ConvergeRecord, newRecord, type RecordedKind, recordedInputs, settle } from "../kit/record";
import type { Row } from "../kit/rows";
import { type Runtime, redacted } from "../kit/runtime";
import {
  AUTONAMED_KEY,
  type Props,
  RESOURCE_NAME_KEY,
  STACK_KEY,
  toPlain,
  withoutHidden,
} from "../kit/state";
import { CodeRedactor } from "../redact";
import { type CheckFailure, toCheckFailures } from "../schema/issues";
import { isUnderUnknown, isUnknown, restoreUnknowns, stripUnknowns } from "../schema/unknowns";

export type OnePutWork = "put" | "replace";

/** What a one-PUT kind declares; `I` its checked inputs, `W` the API object. */
export interface OnePutSpec<I extends object, W extends { id: string }> {
  token: string;
  /** For messages: "validation rule". */
  noun: string;
  rows: readonly Row<OnePutWork>[];
  /** Whether a missing `name` is generated (`<resource name>-<7 chars>`, as Campaign's). */
  autoname: boolean;
  /** The computed outputs (never inputs); default: `createdAt`, `updatedAt`. */
  computedKeys?: readonly string[];
  /** The input schema (the offline validation of check; name included when autonamed). */
  schema(): z.ZodType<I>;
  create(http: VoucherifyHttp, inputs: I): Promise<W>;
  /** GET by the resource ID; `props` is the recorded state (a stack's campaign). */
  get(http: VoucherifyHttp, id: string, props: Props): Promise<W>;
  update(http: VoucherifyHttp, id: string, inputs: I, before: Props): Promise<W>;
  remove(http: VoucherifyHttp, id: string, props: Props): Promise<void>;
  /** The inputs an API object stands for (refresh, import). */
  fromApi(api: W): Props;
  /** The computed outputs of an API object; default: its timestamps. */
  outputs?(api: W): Props;
  /**
   * An import ID that is not the resource ID → the resource ID and what `get` needs of state; undefined for any
   * other ID. Without it the import ID is the resource ID.
   */
  importRef?(importId: string): { id: string; props: Props } | undefined;
  /** What an import ID looks like, for the error when it does not parse (`camp_…/stack_…`). */
  importIdFormat?: string;
}

/** Campaign's autonaming: the name recorded before, else one derived from the stack and the resource name. */
function withName(news: Props, previous: Props): { raw: Props; autonamed: boolean } {
  const raw = withoutHidden(news);
  if (raw.name !== undefined && raw.name !== null) return { raw, autonamed: false };
  if (typeof previous.name === "string" && previous.name !== "" && !isUnknown(previous.name)) {
    return { raw: { ...raw, name: previous.name }, autonamed: true };
  }
  const base = typeof news[RESOURCE_NAME_KEY] === "string" ? (news[RESOURCE_NAME_KEY] as string) : "resource";
  const stack = typeof news[STACK_KEY] === "string" ? (news[STACK_KEY] as string) : "";
  return { raw: { ...raw, name: stableName(stack, base, "") }, autonamed: true };
}

/**
 * Validates raw inputs; values not known yet (preview) are accepted wherever they are, as Campaign's check does
 * (provider/campaign/mapping.ts): issues at or under them are ignored and they are handed back unchanged.
 */
export function parseInputs(schema: z.ZodType, raw: Props): { inputs: Props; failures: CheckFailure[] } {
  const { value: stripped, unknowns } = stripUnknowns(raw);
  const result = schema.safeParse(stripped, { reportInput: true });
  if (result.success) return { inputs: restoreUnknowns(result.data as Props, unknowns), failures: [] };
  const relevant = result.error.issues.filter((issue) => !isUnderUnknown(issue.path, unknowns));
  if (relevant.length > 0) return { inputs: raw, failures: toCheckFailures(relevant) };
  return { inputs: raw, failures: [] };
}

const TIMESTAMP_KEYS = ["createdAt", "updatedAt"] as const;

/** The timestamps every object of these kinds carries. */
function timestamps(api: { created_at?: string | null; updated_at?: string | null }): Props {
  return { createdAt: api.created_at ?? undefined, updatedAt: api.updated_at ?? undefined };
}

interface Convergence<I> {
  rt: Runtime;
  id: string;
  inputs: I;
  before: Props;
  record: ConvergeRecord<OnePutWork>;
}

export function onePutKind<
  I extends object,
  W extends { id: string; created_at?: string | null; updated_at?: string | null },
>(declared: OnePutSpec<I, W>): ResourceKind {
  const spec = {
    computedKeys: TIMESTAMP_KEYS,
    outputs: (api: W) => timestamps(api),
    ...declared,
  } as Required<OnePutSpec<I, W>>;
  const recorded: RecordedKind<OnePutWork> = {
    rows: spec.rows,
    computedKeys: spec.computedKeys,
    alwaysDesired: new Set(),
    byReference: new Set(),
  };
  const steps: Step<OnePutWork, Convergence<I>>[] = [
    {
      marks: "put",
      label: () => `updating the ${spec.noun}`,
      run: async (c) => {
        c.record.computed = spec.outputs(await spec.update(c.rt.http, c.id, c.inputs, c.before));
      },
    },
  ];

  /** Checked inputs (state shape, hidden keys dropped) as the kind's typed inputs. */
  function typed(props: Props): I {
    return spec.schema().parse(withoutHidden(props));
  }

  /** State from an API object read or written in full. */
  function stateOf(api: W, desired: Props, hidden: Props): Props {
    const record = newRecord<OnePutWork>({
      desired,
      before: desired,
      computed: spec.outputs(api),
      hidden,
      done: ["put", "replace"],
    });
    return settle(recorded, record);
  }

  async function check(olds: Props | undefined, news: Props): Promise<CheckResult> {
    const previous = isRecord(olds) ? withoutHidden(olds) : {};
    const { raw, autonamed } = spec.autoname
      ? withName(news, previous)
      : { raw: withoutHidden(news), autonamed: false };
    const parsed = parseInputs(spec.schema(), raw);
    const inputs: Props = toPlain(parsed.inputs);
    if (autonamed) inputs[AUTONAMED_KEY] = true;
    return { inputs, failures: parsed.failures };
  }

  async function diff(_id: string, olds: Props, news: Props): Promise<DiffResult> {
    const plan = planRows(spec.rows, recordedInputs(recorded, olds), withoutHidden(news));
    const replaces = [...new Set(plan.replacePaths.map((p) => p.split(".")[0] as string))];
    return {
      changes: plan.changedPaths.length > 0,
      changedPaths: plan.changedPaths,
      replacePaths: plan.replacePaths,
      replaces,
      deleteBeforeReplace: false,
      stables: replaces.length > 0 ? [] : ["createdAt"],
    };
  }

  async function create(rt: Runtime, inputs: Props): Promise<{ id: string; outs: Props }> {
    const api = await spec.create(rt.http, typed(inputs));
    rt.log(`created ${spec.noun} ${api.id}`);
    return { id: api.id, outs: stateOf(api, withoutHidden(inputs), inputs) };
  }

  async function read(rt: Runtime, id: string, props: Props | undefined): Promise<ReadResult> {
    // The engine's import reads by the import ID with no state (a stack's `camp_…/stack_…`).
    const ref = declared.importRef?.(id);
    const previous = { ...(isRecord(props) ? props : {}), ...ref?.props };
    let api: W;
    try {
      api = await spec.get(rt.http, ref?.id ?? id, previous);
    } catch (e) {
      if (isNotFound(e)) {
        rt.log(`${spec.noun} ${id} no longer exists; removing it from the stack`);
        return { id: "" };
      }
      throw e;
    }
    const state = stateOf(api, spec.fromApi(api), previous);
    const inputs = recordedInputs(recorded, state);
    if (previous[AUTONAMED_KEY] === true) inputs[AUTONAMED_KEY] = true;
    return { id: api.id, props: state, inputs };
  }

  async function update(rt: Runtime, id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
    const before = recordedInputs(recorded, olds);
    const record = newRecord<OnePutWork>({ desired: news, before, computed: pick(olds), hidden: news });
    await converge(steps, { rt, id, inputs: typed(news), before: olds, record });
    const outs = settle(recorded, record, {
      id,
      inputs: news,
      message: (f) => redacted(rt, `${f.step} ${id} failed: ${String(f.error)}`),
    });
    return { outs };
  }

  /** The computed outputs recorded before (kept when the PUT fails). */
  function pick(olds: Props): Props {
    const out: Props = {};
    for (const k of spec.computedKeys) if (olds[k] !== undefined) out[k] = olds[k];
    return out;
  }

  async function remove(rt: Runtime, id: string, props: Props): Promise<void> {
    try {
      await spec.remove(rt.http, id, props);
      rt.log(`deleted ${spec.noun} ${id}`);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      rt.log(`${spec.noun} ${id} was already deleted`);
    }
  }

  async function importResource(rt: Runtime, importId: string): Promise<ReadResult> {
    if (declared.importRef !== undefined && declared.importRef(importId) === undefined) {
      throw new Error(
        `cannot import ${spec.noun} "${importId}": ${declared.importIdFormat ?? "malformed ID"}`,
      );
    }
    return read(rt, importId, undefined);
  }

  return {
    token: spec.token,
    secrets: () => new CodeRedactor(),
    // A preview's Create or Update cannot know the API's timestamps; an update keeps the creation time.
    computedOutputs: {
      all: spec.computedKeys,
      keptOnUpdate: spec.computedKeys.filter((k) => k === "createdAt"),
    },
    check,
    diff,
    create,
    read,
    update,
    delete: remove,
    import: importResource,
  };
}
