// Runs the plain `pulumi` CLI the way a user or a pipeline does: a command line in the program's
// own folder. Used by the demo and the end-to-end tests; every run is kept offline (a local file
// backend, a fixed passphrase, a private PULUMI_HOME, no update checks or plugin downloads).
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const repoRoot = path.resolve(
  __dirname,
  "..",
  fs.existsSync(path.join(__dirname, "..", "package.json")) ? "" : "..",
);

/** A fixed passphrase: these stacks only ever hold emulator credentials. */
export const TEST_PASSPHRASE = "pulumi-voucherify-local";

let enginePath: string | undefined;

/** Path of the pinned `pulumi` CLI, or an error that says how to get it. Never builds. */
export function findEngine(): string {
  if (enginePath) return enginePath;
  const script = path.join(repoRoot, "scripts", "pulumi-engine");
  try {
    enginePath = execFileSync(script, ["--no-build"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
    return enginePath;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(
      `The Pulumi engine is missing: ${stderr.trim() || String(error)}\n` +
        "Build it once with `npm run engine` (about 5 minutes cold on 2 cores), then run the tests again.",
    );
  }
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

export interface RunOptions {
  /** The program's folder (holds Pulumi.yaml), where a user would type the command. */
  cwd: string;
  /** Environment on top of this process's (typically `offlineEnv(...)` plus VOUCHERIFY_*). */
  env: Record<string, string>;
  /** Text for the command's standard input, e.g. a secret for `pulumi config set --secret KEY`. */
  input?: string;
  /** Receives the output as it is printed (stdout and stderr), e.g. to show it live. */
  onOutput?: (text: string) => void;
  /**
   * Receives the CLI's process id once it runs. The CLI then leads a process group of its own (with the language
   * host and the providers it starts), so `process.kill(-pid, "SIGKILL")` ends all of it, as a CI job's timeout does.
   */
  onStart?: (pid: number) => void;
  /** A command the CLI runs under, e.g. `["/usr/bin/time", "-f", "%U %S"]` for its CPU time (benchmarks). */
  prefix?: string[];
}

export interface CliResult {
  stdout: string;
  stderr: string;
}

/** A `pulumi` command that exited non-zero; carries everything it printed. */
export class PulumiCliError extends Error {
  constructor(
    readonly args: string[],
    readonly exitCode: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`pulumi ${args.join(" ")} exited with ${exitCode}\n${stdout}${stderr}`);
    this.name = "PulumiCliError";
  }
}

/**
 * Runs `pulumi <args> --non-interactive --color never` in `options.cwd` and resolves to its output, or
 * rejects with a PulumiCliError. The engine's folder goes first on PATH: the language hosts and the
 * dynamic-provider launcher sit there.
 */
export function runPulumi(args: string[], options: RunOptions): Promise<CliResult> {
  const pulumi = findEngine();
  const env: NodeJS.ProcessEnv = { ...process.env };
  // No cloud credentials of the user may leak into a local run (tests may set them back explicitly).
  delete env.PULUMI_ACCESS_TOKEN;
  delete env.PULUMI_API;
  // A PATH given in options.env (e.g. with the native provider plugin's folder first) comes after the engine's.
  Object.assign(env, options.env, {
    PATH: `${path.dirname(pulumi)}${path.delimiter}${options.env.PATH ?? process.env.PATH ?? ""}`,
  });
  const fullArgs = [...args, "--non-interactive", "--color", "never"];
  return new Promise((resolve, reject) => {
    const [command, ...commandArgs] = [...(options.prefix ?? []), pulumi, ...fullArgs] as [
      string,
      ...string[],
    ];
    const child = spawn(command, commandArgs, {
      cwd: options.cwd,
      env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: options.onStart !== undefined,
    });
    if (options.onStart !== undefined && child.pid !== undefined) options.onStart(child.pid);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
      options.onOutput?.(text);
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
      options.onOutput?.(text);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new PulumiCliError(args, code, stdout, stderr));
    });
    child.stdin.end(options.input ?? "");
  });
}
