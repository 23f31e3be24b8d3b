// Set by the plugin bundler (scripts/package-plugin.ts, esbuild `define`) to the package's version: the bundled
// plugin has no package.json to read. Undeclared (so `typeof` is "undefined") when running from dist/ or sources.
declare const PULUMI_VOUCHERIFY_VERSION: string | undefined;
