// The native provider's operations on plain JavaScript properties, as ./server.ts hands them over from gRPC: a
// thin adapter that looks the resource's kind up by the type token of its URN (provider/kinds.ts) and calls the
// kind's core API (provider/kit/kind.ts), the same the dynamic adapter calls, so both resources behave alike.
// Nothing kind-specific lives here. What is native-only: the connection arrives through Configure, secrets are
// sentinel-wrapped (./secrets.ts) and concealed again by top-level output (those that came in secret and those
// the kind declares secret), the resource name and stack come from the URN, a Read without state is an import,
// and a Create or Update during a preview answers without a request.
//
// State keeps the kind's state encoding (`stateCodec`), as native state has always held it, so existing native
// stacks meet the same shape (test/e2e/upgrade.test.ts), and a long list can cross the protocol as one value.
import { CONNECTION_KEYS, type ConfigSource } from "../config";
import { kindFor } from "../kinds";
import { mapPartialFailure } from "../kit/failure";
import {
  type DetailedDiff,
  type DiffResult,
  detailedDiff,
  type ResourceKind,
  stateCodecOf,
} from "../kit/kind";
import { configure as configureRuntime, runtimeFromConfig } from "../kit/runtime";
import { type Props, RESOURCE_NAME_KEY, STACK_KEY } from "../kit/state";
import { logProgress } from "../log";
import type { CheckFailure } from "../schema/issues";
import { UNKNOWN } from "../schema/unknowns";
import { INVOKES } from "./invokes";
import { PACKAGE_NAME } from "./schema";
import { conceal, reveal } from "./secrets";

/**
 * The stack config `voucherify:*` as the core's config source, from a Configure request: its `args` (the
 * provider's inputs, by bare key, secrets wrapped) or, from older engines, its `variables`
 * (`voucherify:config:<key>`, plain strings).
 */
export function configSource(args: Props, variables: Readonly<Record<string, string>>): ConfigSource {
  const plain = reveal(args).plain;
  const values = new Map<string, string>();
  for (const [key, setting] of Object.entries(CONNECTION_KEYS)) {
    const value = plain[key] ?? variables[`${PACKAGE_NAME}:config:${key}`];
    if (value === undefined || value === null) continue;
    values.set(setting.config, typeof value === "string" ? value : JSON.stringify(value));
  }
  return { get: (key) => values.get(key) };
}

/** The resource's name: the last part of its URN (`urn:pulumi:stack::project::type::name`). */
export function resourceName(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** `<project>/<stack>` of a URN (`urn:pulumi:stack::project::…`), as the dynamic resources read them in the program. */
export function stackOf(urn: string): string {
  const [head = "", project = ""] = urn.split("::");
  return `${project}/${head.slice("urn:pulumi:".length)}`;
}

/** The kind serving a URN's type (the last part of a parent-qualified type); throws for a type none serves. */
function kindOf(urn: string): ResourceKind {
  return kindFor(urn.split("::")[2]?.split("$").pop() ?? urn);
}

/** Top-level properties to return as secrets: those that came in secret, and those the kind declares secret. */
function secretKeys(kind: ResourceKind, props: Props, cameSecret: Iterable<string>): Set<string> {
  return new Set([...cameSecret, ...(kind.secretOutputs?.(props) ?? [])]);
}

/**
 * `run`'s properties in state form: encoded by the kind's codec, then concealed by top-level key (`keys`, and those
 * the kind declares secret for the very values recorded: an update that could not delete old codes records them
 * secret even when the new declaration is an empty list); a partial failure's state too (mapped in the kit's one
 * place), so the values it carries stay secret in the error.
 */
async function inStateForm<T>(
  kind: ResourceKind,
  keys: Set<string>,
  run: (toState: (props: Props) => Props) => Promise<T>,
): Promise<T> {
  const toState = (props: Props) => conceal(stateCodecOf(kind).encode(props), secretKeys(kind, props, keys));
  try {
    return await run(toState);
  } catch (e) {
    throw mapPartialFailure(e, toState);
  }
}

/** Offline helpers for check and diff. */
const deps = { log: logProgress };

export async function configure(args: Props, variables: Readonly<Record<string, string>>): Promise<void> {
  await configureRuntime({ config: configSource(args, variables) });
}

export async function check(
  urn: string,
  olds: Props,
  news: Props,
): Promise<{ inputs: Props; failures: CheckFailure[] }> {
  const kind = kindOf(urn);
  const { decode, encode } = stateCodecOf(kind);
  const before = reveal(olds);
  const after = reveal(news);
  // The dynamic resources pass their resource name (and stack) as hidden inputs; here the URN carries them.
  const named = { ...after.plain, [RESOURCE_NAME_KEY]: resourceName(urn), [STACK_KEY]: stackOf(urn) };
  const previous = Object.keys(olds).length === 0 ? undefined : decode(before.plain);
  const outcome = await kind.check(previous, decode(named), deps);
  return {
    inputs: conceal(encode(outcome.inputs), secretKeys(kind, outcome.inputs, after.secretKeys)),
    failures: outcome.failures,
  };
}

export async function diff(
  id: string,
  urn: string,
  olds: Props,
  news: Props,
): Promise<DiffResult & { detailedDiff: DetailedDiff }> {
  const kind = kindOf(urn);
  const { decode } = stateCodecOf(kind);
  const before = decode(reveal(olds).plain);
  const after = decode(reveal(news).plain);
  const outcome = await kind.diff(id, before, after, deps);
  return { ...outcome, detailedDiff: detailedDiff(kind, outcome, before, after) };
}

/**
 * What a Create or Update called during a preview answers (the plugin supports previews): the checked inputs as
 * they are (secrets still wrapped), the computed outputs an update keeps, the others not known yet. No request.
 */
function previewOutputs(kind: ResourceKind, inputs: Props, olds: Props): Props {
  const outs: Props = { ...inputs };
  const kept = new Set(kind.computedOutputs.keptOnUpdate);
  for (const key of kind.computedOutputs.all) outs[key] = kept.has(key) && key in olds ? olds[key] : UNKNOWN;
  return outs;
}

export async function create(
  urn: string,
  inputs: Props,
  preview = false,
): Promise<{ id: string; outs: Props }> {
  const kind = kindOf(urn);
  if (preview) return { id: "", outs: previewOutputs(kind, inputs, {}) };
  const revealed = reveal(inputs);
  const plain = stateCodecOf(kind).decode(revealed.plain);
  return inStateForm(kind, secretKeys(kind, plain, revealed.secretKeys), async (toState) => {
    const result = await kind.create(runtimeFromConfig(kind.secrets(plain)), plain);
    return { id: result.id, outs: toState(result.outs) };
  });
}

export async function read(
  id: string,
  urn: string,
  props: Props,
  inputs: Props,
): Promise<{ id: string; props?: Props; inputs?: Props }> {
  const kind = kindOf(urn);
  const { decode, encode } = stateCodecOf(kind);
  const state = reveal(props);
  const declared = reveal(inputs);
  const plain = decode(state.plain);
  const rt = runtimeFromConfig(kind.secrets(plain));
  // No state: `pulumi import`, or a resource's `get` in a program. Nothing to project the resource onto.
  const result = Object.keys(plain).length === 0 ? await kind.import(rt, id) : await kind.read(rt, id, plain);
  if (result.props === undefined) return { id: result.id };
  const keys = secretKeys(kind, result.props, [...state.secretKeys, ...declared.secretKeys]);
  return {
    id: result.id,
    props: conceal(encode(result.props), keys),
    inputs: result.inputs === undefined ? undefined : conceal(encode(result.inputs), keys),
  };
}

export async function update(
  id: string,
  urn: string,
  olds: Props,
  news: Props,
  preview = false,
): Promise<{ outs: Props }> {
  const kind = kindOf(urn);
  if (preview) return { outs: previewOutputs(kind, news, olds) };
  const { decode } = stateCodecOf(kind);
  const before = decode(reveal(olds).plain);
  const after = reveal(news);
  const plain = decode(after.plain);
  return inStateForm(kind, secretKeys(kind, plain, after.secretKeys), async (toState) => {
    const result = await kind.update(runtimeFromConfig(kind.secrets(plain, before)), id, before, plain);
    return { outs: toState(result.outs) };
  });
}

export async function remove(id: string, urn: string, props: Props): Promise<void> {
  const kind = kindOf(urn);
  await kind.delete(runtimeFromConfig(), id, stateCodecOf(kind).decode(reveal(props).plain));
}

/** A provider function (./invokes.ts), by token. */
export async function invoke(token: string, args: Props): Promise<Props> {
  const handler = INVOKES[token];
  if (handler === undefined) throw new Error(`unknown function ${token}`);
  return handler(runtimeFromConfig().http, reveal(args).plain);
}
