// Runs inline Pulumi programs through the Automation API and the real `pulumi` CLI, with a local
// file backend and no network: for scenario tests that rebuild a program between operations
// (test/helpers/campaign-stack.ts). The Automation API hosts the program in this process and
// passes `--client` to the CLI, so no language host is started; dynamic providers still run in
// their own process, through the `pulumi-resource-pulumi-nodejs` launcher next to `pulumi`.
// Programs in a folder of their own run through the plain CLI instead (scripts/pulumi-cli.ts).
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
import { findEngine, offlineEnv } from "./pulumi-cli";

const repoRoot = path.resolve(
  __dirname,
  "..",
  fs.existsSync(path.join(__dirname, "..", "package.json")) ? "" : "..",
);

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
