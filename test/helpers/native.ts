// Running programs that use the native provider through the plain CLI: the plugin `pulumi-resource-voucherify`
// is found on PATH, in node_modules/.bin, where the package's `bin` entry puts it (this repository depends on
// itself, so `npm ci` links it there, as it would in a user's project).
import * as fs from "node:fs";
import * as path from "node:path";
import { type CliResult, offlineEnv, runPulumi } from "../../scripts/pulumi-cli";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const PLUGIN_DIR = path.join(repoRoot, "node_modules", ".bin");

/** PATH with the plugin's folder first. */
export function pluginPath(): string {
  if (!fs.existsSync(path.join(PLUGIN_DIR, "pulumi-resource-voucherify"))) {
    throw new Error(`${PLUGIN_DIR}/pulumi-resource-voucherify is missing: run npm ci (and npm run build)`);
  }
  return `${PLUGIN_DIR}${path.delimiter}${process.env.PATH ?? ""}`;
}

/** offlineEnv plus the plugin's folder on PATH, and Go kept to the local toolchain. */
export function nativeEnv(stateDir: string): Record<string, string> {
  return { ...offlineEnv(stateDir), PATH: pluginPath(), GOTOOLCHAIN: "local" };
}

export interface Stack {
  run(args: string[], input?: string): Promise<CliResult>;
  /** Everything the commands printed so far. */
  printed(): string;
  outputs(): Promise<Record<string, unknown>>;
  /** The stack's state as `pulumi stack export` prints it. */
  exported(): Promise<string>;
}

/** A stack of the program in `cwd` with a private backend under `stateDir`. */
export function cliStack(cwd: string, env: Record<string, string>): Stack {
  const printed: string[] = [];
  const run = async (args: string[], input?: string) => {
    const result = await runPulumi(args, { cwd, env, input });
    printed.push(result.stdout, result.stderr);
    return result;
  };
  return {
    run,
    printed: () => printed.join(""),
    outputs: async () =>
      JSON.parse((await run(["stack", "output", "--json"])).stdout) as Record<string, unknown>,
    exported: async () => (await run(["stack", "export"])).stdout,
  };
}
