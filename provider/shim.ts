/**
 * The provider object Pulumi serializes into the stack (as the `__provider` input of every Campaign).
 *
 * It is deliberately tiny: each method loads the real implementation from the installed package at call time
 * (`pulumi-voucherify/dist/provider/campaign/lifecycle`), so
 * - the serialized text stays a few KB and captures no zod schemas, clients or configuration;
 * - upgrading the package changes the behaviour of existing stacks (the engine evaluates the serialized text
 *   in the dynamic-provider process, whose working directory is the Pulumi program's, where the package is
 *   installed);
 * - credentials never reach the state: they arrive through `configure(req)` (stack config) or the environment
 *   and stay in the implementation module of the provider process.
 *
 * The `.js` suffix is required: the package's `exports` map ("./dist/*": "./dist/*") does no extension
 * resolution, so `require("pulumi-voucherify/dist/provider/campaign/lifecycle")` would not resolve.
 *
 * Only types are imported here; keep it that way (anything imported by value would be serialized with it).
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type * as Lifecycle from "./campaign/lifecycle";

/** The module the shim delegates to, resolved from the Pulumi program's working directory. */
export const IMPLEMENTATION_MODULE = "pulumi-voucherify/dist/provider/campaign/lifecycle.js";

function load(): typeof Lifecycle {
  return require("pulumi-voucherify/dist/provider/campaign/lifecycle.js");
}

/** A fresh shim object. Campaigns share one (see `sharedCampaignProvider`) so Pulumi serializes it once. */
export function campaignProvider(): dynamic.ResourceProvider {
  return {
    configure: (req) => load().configure(req),
    check: (olds, news) => load().check(olds, news),
    diff: (id, olds, news) => load().diff(id, olds, news),
    create: (inputs) => load().create(inputs),
    read: (id, props) => load().read(id, props),
    update: (id, olds, news) => load().update(id, olds, news),
    delete: (id, props) => load().remove(id, props),
  };
}

let shared: dynamic.ResourceProvider | undefined;

/** The one provider instance every Campaign passes to `pulumi.dynamic.Resource`. */
export function sharedCampaignProvider(): dynamic.ResourceProvider {
  if (shared === undefined) shared = campaignProvider();
  return shared;
}
