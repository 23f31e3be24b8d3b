/**
 * The provider text Pulumi keeps in the stack (the `__provider` input of every Campaign) and the dynamic-provider
 * host evaluates: a module whose `handler()` returns the provider object.
 *
 * It is deliberately tiny: each method loads the real implementation from the installed package at call time
 * (`pulumi-voucherify/dist/provider/campaign/lifecycle`), so
 * - the text is a few hundred bytes and holds no zod schemas, clients or configuration;
 * - upgrading the package changes the behaviour of existing stacks (the engine evaluates the text in the
 *   dynamic-provider process, whose working directory is the Pulumi program's, where the package is installed);
 * - credentials never reach the state: they arrive through `configure(req)` (stack config) or the environment
 *   and stay in the implementation module of the provider process.
 *
 * The text is written out here instead of being produced by `pulumi.dynamic.Resource`'s closure serialization:
 * that serialization yields the same module every time (the shim captures nothing), but costs every program
 * run an inspector session and a TypeScript parse of each method (~0.1–0.3 s of CPU before the first Campaign
 * can be registered, more when TypeScript is not loaded yet). Stacks whose state holds the serialized text
 * keep working: both texts export the same provider, and the provider's diff ignores `__provider`.
 *
 * The `.js` suffix is required: the package's `exports` map ("./dist/*": "./dist/*") does no extension
 * resolution, so `require("pulumi-voucherify/dist/provider/campaign/lifecycle")` would not resolve.
 */

/** The module the provider delegates to, resolved from the Pulumi program's working directory. */
export const IMPLEMENTATION_MODULE = "pulumi-voucherify/dist/provider/campaign/lifecycle.js";

/** The dynamic-provider methods and the implementation's function each one calls. */
const METHODS = {
  configure: ["req", "configure"],
  check: ["olds, news", "check"],
  diff: ["id, olds, news", "diff"],
  create: ["inputs", "create"],
  read: ["id, props", "read"],
  update: ["id, olds, news", "update"],
  delete: ["id, props", "remove"], // `delete` is a reserved word for a function declaration
} as const;

/**
 * The provider module text (plain ES5, as the host's `require-from-string` runs it) delegating to `module`, a
 * dynamic adapter of one kind (provider/adapters/dynamic/provider.ts) in the installed package.
 */
export function providerTextFor(module: string): string {
  return [
    "exports.handler = function () {",
    `  var load = function () { return require(${JSON.stringify(module)}); };`,
    "  return {",
    ...Object.entries(METHODS).map(
      ([method, [args, target]]) =>
        `    ${method}: function (${args}) { return load().${target}(${args}); },`,
    ),
    "  };",
    "};",
    "",
  ].join("\n");
}

/** The Campaign's provider text (this exact text is in existing stacks' state). */
export const CAMPAIGN_PROVIDER_TEXT = providerTextFor(IMPLEMENTATION_MODULE);
