// `npm run demo`: runs the root Pulumi program (index.ts) with the plain `pulumi` CLI against a local
// Voucherify emulator, typing the commands a user would (stack select, config set, up), then prints
// what was created.
//
// State lives in .state/demo/ (Pulumi file backend + emulator data), so running the demo again
// shows an up-to-date stack with no changes. `npm run demo -- --destroy` tears it down.
// Set VOUCHERIFY_API_URL (+ VOUCHERIFY_APP_ID, VOUCHERIFY_SECRET_KEY) to target another
// Voucherify instead of the embedded emulator.
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import { type CliResult, offlineEnv, PulumiCliError, runPulumi } from "./pulumi-cli";

const repoRoot = path.resolve(
  __dirname,
  "..",
  fs.existsSync(path.join(__dirname, "..", "package.json")) ? "" : "..",
);
const stateDir = path.join(repoRoot, ".state", "demo");
const DEFAULT_APP_ID = "demo-app-id";
const DEFAULT_SECRET = "demo-secret-key";

/**
 * The demo's emulator listens on the same port every run: `pulumi destroy` talks to the API URL recorded at the
 * last `up` (the engine keeps the provider's configuration in state), so a port that changed between runs would
 * leave destroy calling a closed port.
 */
async function startDemoEmulator(): Promise<Awaited<ReturnType<typeof startEmulator>>> {
  const portFile = path.join(stateDir, "emulator.port");
  const saved = fs.existsSync(portFile) ? Number(fs.readFileSync(portFile, "utf8")) : 0;
  const start = (port: number) =>
    startEmulator({
      port,
      appId: DEFAULT_APP_ID,
      secretKey: DEFAULT_SECRET,
      stateFile: path.join(stateDir, "emulator.json"),
    });
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await start(Number.isInteger(saved) ? saved : 0);
  } catch (error) {
    if ((error as { code?: string }).code !== "EADDRINUSE") throw error;
    console.log(`Port ${saved} is taken; the emulator moves (run \`npm run demo\` before a destroy).`);
    emulator = await start(0);
  }
  fs.writeFileSync(portFile, new URL(emulator.url).port);
  return emulator;
}

/** Runs one `pulumi` command in the repository root, showing it and its output as a user would see them. */
async function pulumi(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  console.log(`\n$ pulumi ${args.join(" ")}${input === undefined ? "" : " < (value from stdin)"}`);
  return runPulumi(args, { cwd: repoRoot, env, input, onOutput: (text) => process.stdout.write(text) });
}

async function main(): Promise<void> {
  const destroy = process.argv.includes("--destroy");
  fs.mkdirSync(stateDir, { recursive: true });

  const external = process.env.VOUCHERIFY_API_URL;
  const emulator = external ? undefined : await startDemoEmulator();
  const apiUrl = external ?? emulator!.url;
  const appId = external ? (process.env.VOUCHERIFY_APP_ID ?? "") : DEFAULT_APP_ID;
  const secretKey = external ? (process.env.VOUCHERIFY_SECRET_KEY ?? "") : DEFAULT_SECRET;
  console.log(`Voucherify API: ${apiUrl}${emulator ? " (local emulator)" : ""}`);

  // The file backend and PULUMI_HOME live in .state/demo/; the stack's config file is the
  // Pulumi.demo.yaml next to Pulumi.yaml, as for any stack a user creates.
  const env = offlineEnv(stateDir);
  try {
    await pulumi(["stack", "select", "--create", "demo"], env);
    await pulumi(["config", "set", "voucherify:apiUrl", apiUrl], env);
    await pulumi(["config", "set", "voucherify:applicationId", appId], env);
    // Through stdin, so the key never shows in a process list.
    await pulumi(["config", "set", "--secret", "voucherify:secretKey"], env, secretKey);
    if (destroy) {
      await pulumi(["destroy", "--yes"], env);
      return;
    }
    await pulumi(["up", "--yes"], env);
    const outputs = JSON.parse(
      (await runPulumi(["stack", "output", "--json"], { cwd: repoRoot, env })).stdout,
    );
    console.log("\nCreated in Voucherify:");
    for (const [key, value] of Object.entries(outputs as Record<string, unknown>)) {
      console.log(`  ${key}: ${JSON.stringify(value)}`);
    }
  } finally {
    await emulator?.close();
  }
}

main().catch((error: unknown) => {
  // A failed command has already shown its output; its message repeats it.
  console.error(error instanceof PulumiCliError ? `pulumi ${error.args.join(" ")} failed` : error);
  process.exit(1);
});
