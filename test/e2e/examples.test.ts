// Every program under examples/ runs through the plain `pulumi` CLI in its own folder, as a user
// types it, against the emulator: stack select, config set, up, a preview with no changes, then
// destroy. Keeps the examples in the README honest, and proves the Node.js language host.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type CliResult, offlineEnv, runPulumi } from "../../scripts/pulumi-cli";
import { APP_ID, render, SECRET_KEY, startTestEmulator, type TestEmulator } from "../helpers/emulator";

const repoRoot = path.resolve(__dirname, "..", "..");
const examples = fs
  .readdirSync(path.join(repoRoot, "examples"))
  .filter((name) => fs.existsSync(path.join(repoRoot, "examples", name, "Pulumi.yaml")))
  // The native provider's examples (YAML, Go) have a scenario of their own: test/e2e/native.test.ts.
  .filter((name) => !name.startsWith("native-"));

describe("e2e: examples through the plain pulumi CLI", function () {
  this.timeout(300_000);
  let emulator: TestEmulator;

  before(async () => {
    emulator = await startTestEmulator();
  });
  after(async () => {
    await emulator.close();
  });

  it("has examples to run", () => {
    assert.ok(examples.length >= 5, examples.join(", "));
  });

  for (const example of examples) {
    it(`${example}: up, no-change preview, destroy`, async () => {
      // The example folder is where the commands run, as with `pulumi up` there: relative file
      // paths (such as a CSV of codes) resolve against it. Backend and PULUMI_HOME are private.
      const cwd = path.join(repoRoot, "examples", example);
      const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-voucherify-example-"));
      const env = offlineEnv(stateDir);
      const printed: string[] = [];
      const pulumi = async (args: string[], input?: string): Promise<CliResult> => {
        const result = await runPulumi(args, { cwd, env, input });
        printed.push(result.stdout, result.stderr);
        return result;
      };
      try {
        await pulumi(["stack", "select", "--create", "e2e"]);
        await pulumi(["config", "set", "voucherify:apiUrl", emulator.url]);
        await pulumi(["config", "set", "voucherify:applicationId", APP_ID]);
        await pulumi(["config", "set", "--secret", "voucherify:secretKey"], SECRET_KEY);
        // Backoff waits are scaled down: the provider runs in another process, out of reach of fake timers.
        await pulumi(["config", "set", "voucherify:timeUnitMs", "10"]);

        await pulumi(["up", "--yes"]);
        const outputs = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout) as Record<
          string,
          unknown
        >;
        const ids = Object.entries(outputs).filter(([key]) => key.toLowerCase().includes("campaignid"));
        assert.ok(ids.length > 0, `no campaign id among the outputs: ${Object.keys(outputs).join(", ")}`);
        for (const [key, value] of ids) assert.match(String(value), /^camp_/, key);

        await emulator.settle();
        await emulator.clearRequests();
        await pulumi(["preview", "--expect-no-changes"]);
        assert.deepEqual(render(await emulator.requests()), []);

        await pulumi(["destroy", "--yes"]);
        assert.ok(!printed.join("").includes(SECRET_KEY), "the secret key appeared in the engine output");
      } finally {
        // Also deletes the example's Pulumi.e2e.yaml.
        await runPulumi(["stack", "rm", "e2e", "--yes", "--force"], { cwd, env }).catch(() => undefined);
        fs.rmSync(stateDir, { recursive: true, force: true });
      }
    });
  }
});
