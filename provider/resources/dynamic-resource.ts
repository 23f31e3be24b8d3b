// What a dynamic resource of a one-PUT kind registers: its arguments, the hidden `__resourceName`/`__stack` inputs
// (stable autonaming, as Campaign's: provider/resource.ts), its computed outputs as undefined so the engine fills
// them in, and the provider text that loads the kind's dynamic adapter from the installed package (provider/shim.ts).
import * as pulumi from "@pulumi/pulumi";
import { providerTextFor } from "../shim";

/** The engine type token of a dynamic resource of the kind named `kind` (`ValidationRule`). */
export const dynamicType = (kind: string): string => `pulumi-nodejs:dynamic/voucherify:${kind}`;

/** The provider text of the kind whose folder is provider/resources/`folder`. */
export const providerTextOf = (folder: string): string =>
  providerTextFor(`pulumi-voucherify/dist/provider/resources/${folder}/lifecycle.js`);

export function dynamicProps(
  kind: string,
  folder: string,
  name: string,
  args: object,
  outputs: readonly string[],
): Record<string, unknown> {
  const props: Record<string, unknown> = { ...args };
  for (const key of Object.keys(props)) {
    if (key.startsWith("__")) throw new Error(`${kind} ${name}: "${key}" is reserved`);
  }
  props.__resourceName = name;
  props.__stack = `${pulumi.getProject()}/${pulumi.getStack()}`;
  for (const key of outputs) if (!(key in props)) props[key] = undefined;
  props.__provider = providerTextOf(folder);
  return props;
}
