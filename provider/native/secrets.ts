// Secrets across the gRPC boundary. The provider tells the engine it accepts secrets (Configure), so secret values
// arrive wrapped in the engine's secret sentinel object anywhere in the properties, and an output comes back a secret
// only when the provider wraps it again: with secrets accepted, the engine copies no secretness from inputs to
// outputs itself (sdk/go/common/resource/plugin/provider_plugin.go, `annotateSecrets` runs only for providers that
// do not accept secrets). The core works on plain values, so every entry point reveals on the way in and conceals
// on the way out, by top-level property, as `annotateSecrets` would.

import { isRecord } from "../kit/json";
import type { Props } from "../kit/state";

// The engine's sentinels (`specialSigKey`, `specialSecretSig` of @pulumi/pulumi/runtime/rpc, fixed by the protocol).
// Not imported from there: loading that module loads the whole SDK, a second of the plugin's start-up.
const specialSigKey = "4dabf18193072939515e22adb298388d";
const specialSecretSig = "1b47061264138c4ac30d75fd1eb44270";

function isSecret(v: unknown): v is { value: unknown } {
  return isRecord(v) && v[specialSigKey] === specialSecretSig;
}

/** The value with every secret unwrapped; `found` is set when there was one. */
function revealValue(value: unknown, found: { secret: boolean }): unknown {
  if (isSecret(value)) {
    found.secret = true;
    return revealValue(value.value, found);
  }
  if (Array.isArray(value)) return value.map((v) => revealValue(v, found));
  if (isRecord(value)) {
    const out: Props = {};
    for (const [k, v] of Object.entries(value)) out[k] = revealValue(v, found);
    return out;
  }
  return value;
}

export interface Revealed {
  /** The properties with every secret unwrapped. */
  plain: Props;
  /** Top-level properties that held a secret at any depth. */
  secretKeys: Set<string>;
}

export function reveal(props: Props | undefined): Revealed {
  const plain: Props = {};
  const secretKeys = new Set<string>();
  for (const [key, value] of Object.entries(props ?? {})) {
    const found = { secret: false };
    plain[key] = revealValue(value, found);
    if (found.secret) secretKeys.add(key);
  }
  return { plain, secretKeys };
}

export function secret(value: unknown): Props {
  return { [specialSigKey]: specialSecretSig, value };
}

/** `props` with the values of `keys` wrapped as secrets (keys it does not have are skipped). */
export function conceal(props: Props, keys: Iterable<string>): Props {
  const out: Props = { ...props };
  for (const key of keys) if (out[key] !== undefined && !isSecret(out[key])) out[key] = secret(out[key]);
  return out;
}
