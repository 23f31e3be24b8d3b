// Every program under examples/ runs with the real engine against the emulator: up, then a
// preview with no changes, then destroy. Keeps the examples in the README honest.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { openLocalStack, programFromModule } from "../../scripts/stack";
import { APP_ID, render, SECRET_KEY, startTestEmulator, type TestEmulator } from "../helpers/emulator";

const repoRoot = path.resolve(__dirname, "..", "..");
const examples = fs
  .readdirSync(path.join(repoRoot, "examples"))
  .filter((name) => fs.existsSync(path.join(repoRoot, "examples", name, "Pulumi.yaml")));

describe("e2e: examples", function () {
  this.timeout(300_000);
  let emulator: TestEmulator;

  before(async () => {
    emulator = await startTestEmulator();
  });
  after(async () => {
    await emulator.close();
  });

  it("has examples to run", () => {
    assert.ok(examples.length >= 4, examples.join(", "));
  });

  for (const example of examples) {
    it(`${example}: up, no-change preview, destroy`, async () => {
      const local = await openLocalStack({
        projectName: `voucherify-example-${example}`,
        stackName: "e2e",
        // The example folder is the workspace, as with `pulumi up` there: relative file paths
        // (such as a CSV of codes) resolve against it.
        workDir: path.join(repoRoot, "examples", example),
        program: programFromModule(path.join(repoRoot, "dist", "examples", example, "index.js")),
        config: {
          "voucherify:apiUrl": { value: emulator.url },
          "voucherify:applicationId": { value: APP_ID },
          "voucherify:secretKey": { value: SECRET_KEY, secret: true },
          "voucherify:timeUnitMs": { value: "10" },
        },
      });
      try {
        const up = await local.stack.up();
        for (const [key, output] of Object.entries(up.outputs)) {
          if (key.toLowerCase().includes("campaignid")) assert.match(String(output.value), /^camp_/, key);
        }
        await emulator.clearRequests();
        await local.stack.preview({ expectNoChanges: true });
        assert.deepEqual(render(await emulator.requests()), []);
        await local.stack.destroy();
      } finally {
        await local.stack.workspace.removeStack("e2e").catch(() => undefined);
        await local.dispose();
      }
    });
  }
});
