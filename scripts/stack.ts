// Runs Pulumi programs through the real `pulumi` CLI with a local file backend and no network.
//
// The Node.js language host (pulumi-language-nodejs) cannot be built from the Go module proxy
// reachable here, so every engine run goes through the Automation API's inline programs: the
// Automation API hosts the program in this process and passes `--client` to the CLI, so the
// CLI never needs the language host. Dynamic providers still run in their own process, started
// by the CLI through the `pulumi-resource-pulumi-nodejs` launcher next to the `pulumi` binary.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  type ConfigMap,
  LocalWorkspace,
  PulumiCommand,
  type PulumiFn,
  type Stack,
} from "@pulumi/pulumi/automation";

const repoRoot = path.resolve(
  __dirname,
  "..",
  fs.existsSync(path.join(__dirname, "..", "package.json")) ? "" : "..",
);

/** A fixed passphrase: these stacks only ever hold emulator credentials. */
export const TEST_PASSPHRASE = "pulumi-voucherify-local";

/** Path of the pinned `pulumi` CLI, or an error that says how to get it. Never builds. */
export function findEngine(): string {
  const script = path.join(repoRoot, "scripts", "pulumi-engine");
  try {
    return execFileSync(script, ["--no-build"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(
      `The Pulumi engine is missing: ${stderr.trim() || String(error)}\n` +
        "Build it once with `npm run engine` (about 5 minutes cold on 2 cores), then run the tests again.",
    );
  }
}

export interface LocalStackOptions {
  projectName: string;
  stackName: string;
  program: PulumiFn;
  /** Stack config; keys without a namespace are taken as is (e.g. "voucherify:apiUrl"). */
  config?: ConfigMap;
  /** Folder for the file backend, PULUMI_HOME and the workspace; a fresh temporary one by default. */
  stateDir?: string;
  /**
   * The workspace folder (holds Pulumi.yaml and stack config). The CLI starts the dynamic
   * provider with this folder as its working directory, and the provider resolves
   * `@pulumi/pulumi` and `pulumi-voucherify` from there, so it must sit inside a project with
   * node_modules. Default: a fresh folder under `.state/` in this repo. When it already holds
   * a Pulumi.yaml, that project file is used as is.
   */
  workDir?: string;
  /** Extra environment for the CLI and the dynamic-provider process it starts. */
  env?: Record<string, string>;
}

export interface LocalStack {
  stack: Stack;
  stateDir: string;
  backendDir: string;
  workDir: string;
  /**
   * `pulumi stack export` as a user runs it (without --show-secrets, unlike the Automation API's
   * exportStack): what a state file reveals to anyone who can read it.
   */
  exportStackText(): string;
  /** Removes the temporary folders (the stack itself should be destroyed first). */
  dispose(): Promise<void>;
}

/** Environment that keeps the CLI offline and away from the user's own Pulumi setup. */
export function offlineEnv(stateDir: string): Record<string, string> {
  const backendDir = path.join(stateDir, "backend");
  const home = path.join(stateDir, "home");
  fs.mkdirSync(backendDir, { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  return {
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
    PULUMI_HOME: home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
  };
}

function ensureDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export async function openLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const pulumiPath = findEngine();
  const stateDir = options.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-voucherify-"));
  const env = offlineEnv(stateDir);
  // The CLI and every plugin it starts inherit the process environment; make sure no cloud
  // credentials leak into a local run.
  delete process.env.PULUMI_ACCESS_TOKEN;
  delete process.env.PULUMI_API;
  const pulumiCommand = await PulumiCommand.get({
    root: path.dirname(path.dirname(pulumiPath)),
    skipVersionCheck: true,
  });
  const ownWorkDir = !options.workDir;
  const workDir =
    options.workDir ?? fs.mkdtempSync(path.join(ensureDir(path.join(repoRoot, ".state")), "work-"));
  const hasProjectFile = fs.existsSync(path.join(workDir, "Pulumi.yaml"));
  const stack = await LocalWorkspace.createOrSelectStack(
    { projectName: options.projectName, stackName: options.stackName, program: options.program },
    {
      workDir,
      pulumiCommand,
      envVars: { ...env, ...options.env },
      ...(hasProjectFile
        ? {}
        : { projectSettings: { name: options.projectName, runtime: "nodejs" as const } }),
      secretsProvider: "passphrase",
    },
  );
  if (options.config) await stack.setAllConfig(options.config);
  return {
    stack,
    stateDir,
    backendDir: path.join(stateDir, "backend"),
    workDir,
    exportStackText: () =>
      execFileSync(pulumiPath, ["stack", "export", "--stack", options.stackName, "--non-interactive"], {
        cwd: workDir,
        env: { ...process.env, ...env, ...options.env },
        encoding: "utf8",
        maxBuffer: 512 * 1024 * 1024,
      }),
    dispose: async () => {
      if (!options.stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
      if (ownWorkDir) fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/**
 * An inline program that loads a compiled Pulumi program module (its top-level code registers the
 * resources, its exports become stack outputs), fresh on every run: a module cached by an earlier
 * run would register nothing.
 */
export function programFromModule(file: string): PulumiFn {
  return async () => {
    const resolved = require.resolve(file);
    delete require.cache[resolved];
    return require(resolved);
  };
}
