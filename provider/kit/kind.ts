// THE core API of a resource kind: what the engine asks of a resource (check, diff, create, read, update,
// delete, import), kind by kind, behind a type token. Adapters (provider/adapters/dynamic, provider/native) speak
// the engine's protocol and call these; nothing kind-specific lives in an adapter. The methods take and return
// values as the kind models them (a Campaign's codes as a list); how an adapter carries them in state is the
// kind's `stateCodec`, and what an adapter must know generically (which outputs are secret, which ones a preview
// leaves unknown, how a detailed diff names list elements) the kind declares here too.
//
// A kind is declared with the kit's pieces: its zod input schema (check), its field rows (plan, PUT body,
// read-back, state recorder, README table), its client (provider/client/*), and its steps for the executor
// (provider/kit/converge.ts). See the README's architecture section for how a new kind is added.
import type { CodeRedactor } from "../redact";
import type { CheckFailure } from "../schema/issues";
import { valueAt } from "./json";
import type { Runtime } from "./runtime";
import type { Props } from "./state";

export interface CheckResult {
  inputs: Props;
  failures: CheckFailure[];
}

export interface DiffResult {
  changes: boolean;
  /** Every changed input path (the plan's rows, nested, e.g. `voucher.discount.type`). */
  changedPaths: string[];
  /** The changed paths that force the replacement; adapters build their detailed diff from these two lists. */
  replacePaths: string[];
  /** Top-level inputs whose change replaces the resource. */
  replaces: string[];
  deleteBeforeReplace: boolean;
  /** Outputs an in-place update never changes. */
  stables: string[];
}

export interface ReadResult {
  /** Empty when the resource is gone. */
  id: string;
  props?: Props;
  inputs?: Props;
}

/** Offline helpers of check and diff: no runtime, no credentials, no request. */
export interface OfflineDeps {
  /** Current time in ms. */
  now?: () => number;
  /** Preview messages. */
  log?: (message: string) => void;
}

/** The property-diff kinds of the engine protocol (pulumirpc.PropertyDiff.Kind), by name. */
export type DiffKind = "add" | "add-replace" | "update" | "update-replace" | "delete" | "delete-replace";

/** Detailed diff: input property path (`voucher.discount.type`, `promotion.tiers[1].banner`) → kind. */
export type DetailedDiff = Record<string, DiffKind>;

/**
 * The detailed-diff rows of one changed list row, element by element (`promotion.tiers[1].banner`), from the
 * previous outputs and the checked inputs (both plain); empty to fall back to the row's own path.
 */
export type DiffElements = (olds: Props, news: Props, replaces: boolean) => DetailedDiff;

export interface ResourceKind {
  /** The type token, as the native schema names it (`voucherify:index:Campaign`). */
  token: string;
  /** The secret values of one operation (never in logs or errors), from its inputs and previous state. */
  secrets(inputs: Props | undefined, previous?: Props): CodeRedactor;
  /**
   * Top-level outputs that are secret whatever came in secret (a Campaign's codes unless declared plain), from the
   * kind's inputs or state. Adapters that carry secretness (the native one) wrap these; none when absent.
   */
  secretOutputs?(props: Props): readonly string[];
  /**
   * The outputs the API computes: what a Create or Update answers during a preview (the native provider supports
   * previews) leaves unknown, except those an update keeps, which it answers from the previous state.
   */
  computedOutputs: { all: readonly string[]; keptOnUpdate: readonly string[] };
  /** Rows the detailed diff names element by element, by row path (a Campaign's promotion tiers). */
  diffElements?: Readonly<Record<string, DiffElements>>;
  /**
   * How the adapters carry the kind's state and inputs (a Campaign keeps its codes as one JSON string, deflated
   * when secret, in both the dynamic and the native state); `decode` accepts what any earlier version wrote.
   */
  stateCodec?: {
    decode<T extends Props | undefined>(props: T): T;
    encode<T extends Props | undefined>(props: T): T;
  };
  check(olds: Props | undefined, news: Props, deps: OfflineDeps): Promise<CheckResult>;
  diff(id: string, olds: Props, news: Props, deps: OfflineDeps): Promise<DiffResult>;
  create(rt: Runtime, inputs: Props): Promise<{ id: string; outs: Props }>;
  read(rt: Runtime, id: string, props: Props | undefined): Promise<ReadResult>;
  update(rt: Runtime, id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  delete(rt: Runtime, id: string, props: Props): Promise<void>;
  /** A resource Pulumi never managed, read by its ID (`pulumi import`); an empty id when there is none. */
  import(rt: Runtime, id: string): Promise<ReadResult>;
}

/** How the adapters carry a kind's state and inputs. */
export type StateCodec = NonNullable<ResourceKind["stateCodec"]>;

const identity = <T>(props: T): T => props;

/** The kind's state codec; unchanged values for a kind that declares none. */
export function stateCodecOf(kind: Pick<ResourceKind, "stateCodec">): StateCodec {
  return kind.stateCodec ?? { decode: identity, encode: identity };
}

// The detailed diff the engine shows in `pulumi preview --diff` and `--json` (`detailedDiff`), for any kind: which
// input path changes and how, read off the plan the diff already computed (`changedPaths`, `replacePaths`);
// nothing is compared a second time. Whether a path is an add, an update or a delete only looks at which side
// holds a value. A row the kind names element by element (its `diffElements`, e.g. a Campaign's tiers) gets the
// hook's rows instead of its own path.

/** The kind of a change, with `-replace` when the path forces the replacement. */
export function diffKind(base: "add" | "update" | "delete", replaces: boolean): DiffKind {
  return replaces ? `${base}-replace` : base;
}

/** Whether `path` is added, updated or deleted from `olds` to `news`, by which side holds a value. */
export function presence(olds: Props, news: Props, path: string): "add" | "update" | "delete" {
  if (valueAt(olds, path) === undefined) return "add";
  return valueAt(news, path) === undefined ? "delete" : "update";
}

/**
 * The detailed diff of a planned change from `olds` (previous outputs) to `news` (checked inputs), both plain
 * (secrets revealed, codes decoded).
 */
export function detailedDiff(
  kind: Pick<ResourceKind, "diffElements">,
  outcome: Pick<DiffResult, "changedPaths" | "replacePaths">,
  olds: Props,
  news: Props,
): DetailedDiff {
  const rows: DetailedDiff = {};
  for (const path of outcome.changedPaths) {
    const replaces = outcome.replacePaths.includes(path);
    const elements = kind.diffElements?.[path]?.(olds, news, replaces) ?? {};
    if (Object.keys(elements).length > 0) Object.assign(rows, elements);
    else rows[path] = diffKind(presence(olds, news, path), replaces);
  }
  return rows;
}
