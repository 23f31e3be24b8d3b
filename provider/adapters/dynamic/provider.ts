// The dynamic-provider adapter: the methods the Node SDK's dynamic-provider host calls (see provider/shim.ts),
// for any resource kind. It builds the runtime from `configure`'s settings, carries state in the kind's dynamic
// encoding (decoded on the way in, encoded on the way out, including the state a partial failure carries), and
// turns results into plain JSON. Nothing kind-specific lives here.
//
// Facts about the Node SDK's dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`, 3.276) this relies on:
// - `configure(req)` runs once per provider process; `req.config.get("voucherify:secretKey")` returns the
//   decrypted value of a secret stack setting.
// - An error thrown by create/update with `id`, `properties` and `reasons` becomes ErrorResourceInitFailed:
//   the engine records the resource with those properties as outputs and shows ONLY the `reasons` to the user;
//   the next `up` calls update (even when diff finds no change). The host does not add `__provider` to those
//   properties, so the state recorder does, or a later refresh/destroy could not load the provider.
// - Results go through `Struct.fromJavaScript`, which throws on `undefined` anywhere, so every result is
//   converted to plain JSON first (after a create that would otherwise orphan the resource).
// - Read returning an empty id means "gone"; on replace, the engine calls check again with no olds, so an
//   autoname is regenerated for the replacement.
import { mapPartialFailure } from "../../kit/failure";
import {
  type CheckResult,
  type DiffResult,
  type ReadResult,
  type ResourceKind,
  stateCodecOf,
} from "../../kit/kind";
import { runtimeFromConfig } from "../../kit/runtime";
import type { Props } from "../../kit/state";
import { logProgress } from "../../log";

export interface DynamicProvider {
  check(olds: Props | undefined, news: Props): Promise<CheckResult>;
  diff(id: string, olds: Props, news: Props): Promise<DiffResult>;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  read(id: string, props?: Props): Promise<ReadResult>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  /** `delete` is a reserved word for a function declaration; the shim maps its `delete` to this. */
  remove(id: string, props: Props): Promise<void>;
}

export function dynamicProvider(kind: ResourceKind): DynamicProvider {
  const { decode, encode } = stateCodecOf(kind);
  const deps = { log: logProgress };
  return {
    async check(olds, news) {
      const outcome = await kind.check(decode(olds), decode(news), deps);
      return { ...outcome, inputs: encode(outcome.inputs) };
    },
    diff: (id, olds, news) => kind.diff(id, decode(olds), decode(news), deps),
    async create(inputs) {
      try {
        const decoded = decode(inputs);
        const result = await kind.create(runtimeFromConfig(kind.secrets(decoded)), decoded);
        return { id: result.id, outs: encode(result.outs) };
      } catch (e) {
        throw mapPartialFailure(e, encode);
      }
    },
    async read(id, props) {
      const decoded = decode(props);
      const result = await kind.read(runtimeFromConfig(kind.secrets(decoded)), id, decoded);
      if (result.props === undefined) return result; // gone
      return { ...result, props: encode(result.props), inputs: encode(result.inputs) };
    },
    async update(id, olds, news) {
      try {
        const [before, after] = [decode(olds), decode(news)];
        const result = await kind.update(runtimeFromConfig(kind.secrets(after, before)), id, before, after);
        return { outs: encode(result.outs) };
      } catch (e) {
        throw mapPartialFailure(e, encode);
      }
    },
    remove: (id, props) => kind.delete(runtimeFromConfig(), id, decode(props)),
  };
}
