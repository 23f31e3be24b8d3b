/**
 * The Campaign's dynamic provider: the generic dynamic adapter (provider/adapters/dynamic/provider.ts) over the
 * Campaign kind. It stays at this path with these exports: existing stacks' state holds a provider text
 * (provider/shim.ts) that requires `pulumi-voucherify/dist/provider/campaign/lifecycle.js`.
 *
 * This module is NOT serialized into the stack: the shim requires it lazily from the installed package, so the
 * connection settings `configure` receives live in a module variable (provider/kit/runtime.ts), in the provider
 * process only.
 */
import { dynamicProvider } from "../adapters/dynamic/provider";
import { CAMPAIGN_KIND } from "./kind";

export { configure, type Runtime, resetConfigForTests, setRuntimeForTests } from "../kit/runtime";
export { createCampaignResource } from "./create";
export { deleteCampaignResource } from "./delete";
export { readCampaignResource } from "./read";
export { updateCampaignResource } from "./update";

const provider = dynamicProvider(CAMPAIGN_KIND);

export const { check, diff, create, read, update, remove } = provider;
