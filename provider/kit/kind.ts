// THE core API of a resource kind: what the engine asks of a resource (check, diff, create, read, update,
// delete, import), kind by kind, behind a type token. Adapters (provider/adapters/dynamic, provider/native) speak
// the engine's protocol and call these; nothing kind-specific lives in an adapter. The methods take and return
// values as the kind models them (a Campaign's codes as a list); how an adapter carries them is its business,
// helped by the kind's `dynamicCodec`.
//
// A kind is declared with the kit's pieces: its zod input schema (check), its field rows (plan, PUT body,
// read-back, state recorder, README table), its client (provider/client/*), and its steps for the executor
// (provider/kit/converge.ts). See the README's architecture section for how a new kind is added.
import type { CodeRedactor } from "../redact";
import type { CheckFailure } from "../schema/issues";
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

export interface ResourceKind {
  /** The type token, as the native schema names it (`voucherify:index:Campaign`). */
  token: string;
  /** The secret values of one operation (never in logs or errors), from its inputs and previous state. */
  secrets(inputs: Props | undefined, previous?: Props): CodeRedactor;
  /**
   * How the dynamic provider carries the kind's state and inputs (a Campaign keeps its codes as one JSON string);
   * `decode` accepts what any earlier version wrote.
   */
  dynamicCodec?: {
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
