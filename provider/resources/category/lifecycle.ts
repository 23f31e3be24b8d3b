// The dynamic provider of this kind: the generic dynamic adapter over it. Resources carry a provider text that
// requires this module from the installed package (provider/shim.ts), so its path and exports are kept.
import { dynamicProvider } from "../../adapters/dynamic/provider";
import { CATEGORY_KIND } from "./kind";

export { configure } from "../../kit/runtime";

export const { check, diff, create, read, update, remove } = dynamicProvider(CATEGORY_KIND);
