// `npm run demo`: runs the root Pulumi program (index.ts, compiled to dist/index.js) with the real
// engine against a local Voucherify emulator, then prints what was created.
//
// State lives in .state/demo/ (Pulumi file backend + emulator data), so running the demo again
// shows an up-to-date stack with no changes. `npm run demo -- --destroy` tears it down.
// Set VOUCHERIFY_API_URL (+ VOUCHERIFY_APP_ID, VOUCHERIFY_SECRET_KEY) to target another
// Voucherify instead of the embedded emulator.
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import { openLocalStack, programFromModule } from "./stack";

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

async function main(): Promise<void> {
  const destroy = process.argv.includes("--destroy");
  fs.mkdirSync(stateDir, { recursive: true });

  const external = process.env.VOUCHERIFY_API_URL;
  const emulator = external ? undefined : await startDemoEmulator();
  const apiUrl = external ?? emulator!.url;
  const appId = external ? (process.env.VOUCHERIFY_APP_ID ?? "") : DEFAULT_APP_ID;
  const secretKey = external ? (process.env.VOUCHERIFY_SECRET_KEY ?? "") : DEFAULT_SECRET;
  console.log(`Voucherify API: ${apiUrl}${emulator ? " (local emulator)" : ""}`);

  try {
    const local = await openLocalStack({
      projectName: "voucherify-demo",
      stackName: "demo",
      workDir: repoRoot,
      stateDir,
      // The program module registers its resources when it is loaded, exactly as `pulumi up`
      // would run it; its exports become the stack outputs.
      program: programFromModule(path.join(repoRoot, "dist", "index.js")),
      config: {
        "voucherify:apiUrl": { value: apiUrl },
        "voucherify:applicationId": { value: appId },
        "voucherify:secretKey": { value: secretKey, secret: true },
      },
    });
    const onOutput = (line: string) => process.stdout.write(line);
    if (destroy) {
      await local.stack.destroy({ onOutput, color: "never" });
      return;
    }
    const result = await local.stack.up({ onOutput, color: "never" });
    console.log("\nCreated in Voucherify:");
    for (const [key, output] of Object.entries(result.outputs)) {
      console.log(`  ${key}: ${output.secret ? "[secret]" : JSON.stringify(output.value)}`);
    }
  } finally {
    await emulator?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
