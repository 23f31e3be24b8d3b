// State keys every resource kind shares, and the helpers that tell state, inputs and hidden keys apart.

export type Props = Record<string, unknown>;

/** Set by a resource class: the Pulumi resource name, used for autonaming. Never sent to the API. */
export const RESOURCE_NAME_KEY = "__resourceName";
/** Set by a resource class: `<project>/<stack>`, so a generated name is stable for the resource in its stack. */
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

/** Plain JSON: drops `undefined` everywhere (the host's Struct.fromJavaScript throws on it). */
export function toPlain(value: Props): Props {
  return JSON.parse(JSON.stringify(value)) as Props;
}
