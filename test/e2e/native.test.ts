// The native provider's examples, a YAML program (examples/native-yaml) and a Go one (examples/native-go, on the
// generated Go SDK), each through the plain CLI in its own folder against the emulator: up, a preview with no
// changes, an update in place, a replacement, an import, destroy. The YAML stack gets its connection from stack
// config (through Configure), the Go stack from the VOUCHERIFY_* environment only.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runPulumi } from "../../scripts/pulumi-cli";
import { APP_ID, count, render, SECRET_KEY, startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { cliStack, nativeEnv, repoRoot } from "../helpers/native";

interface Example {
  name: string;
  /** How the connection reaches the provider. */
  connection: "stack config" | "environment";
}

const EXAMPLES: Example[] = [
  { name: "native-yaml", connection: "stack config" },
  { name: "native-go", connection: "environment" },
];

describe("e2e: the native provider's YAML and Go examples through the plain pulumi CLI", function () {
  this.timeout(600_000);
  let emulator: TestEmulator;

  before(async () => {
    emulator = await startTestEmulator();
  });
  after(async () => {
    await emulator.close();
  });

  const exists = async (id: string) => (await emulator.api("GET", `/v1/campaigns/${id}`)).status === 200;

  for (const example of EXAMPLES) {
    it(`${example.name} (connection from the ${example.connection}): up, no-change preview, update, replace, import, destroy`, async () => {
      const cwd = path.join(repoRoot, "examples", example.name);
      const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `pulumi-voucherify-${example.name}-`));
      const env = nativeEnv(stateDir);
      if (example.connection === "environment") {
        Object.assign(env, {
          VOUCHERIFY_API_URL: emulator.url,
          VOUCHERIFY_APP_ID: APP_ID,
          VOUCHERIFY_SECRET_KEY: SECRET_KEY,
          VOUCHERIFY_TIME_UNIT_MS: "10",
        });
      }
      const stack = cliStack(cwd, env);
      try {
        await stack.run(["stack", "select", "--create", "e2e"]);
        if (example.connection === "stack config") {
          await stack.run(["config", "set", "voucherify:apiUrl", emulator.url]);
          await stack.run(["config", "set", "voucherify:applicationId", APP_ID]);
          await stack.run(["config", "set", "--secret", "voucherify:secretKey"], SECRET_KEY);
          // Backoff waits are scaled down: the provider runs in another process, out of reach of fake timers.
          await stack.run(["config", "set", "voucherify:timeUnitMs", "10"]);
        }

        await stack.run(["up", "--yes"]);
        const first = await stack.outputs();
        const coupons = String(first.couponsCampaignId);
        const cards = String(first.cardsCampaignId);
        assert.match(coupons, /^camp_/);
        assert.match(cards, /^camp_/);
        assert.equal(first.cardsCodes, 2);
        const state = await stack.exported();
        assert.ok(!state.includes(SECRET_KEY), "the secret key is in the state");
        assert.ok(!state.includes("CARD-0001"), "the declared codes are in the state in plain text");
        assert.match(
          state,
          /"vouchers": \{\s*"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",\s*"ciphertext"/,
        );

        await emulator.settle();
        await emulator.clearRequests();
        await stack.run(["preview", "--expect-no-changes"]);
        assert.deepEqual(render(await emulator.requests()), [], "a no-change preview calls the API");

        // In place: the description goes out in one PUT, the campaign stays.
        await stack.run(["config", "set", "description", "Edited in place"]);
        await emulator.clearRequests();
        await stack.run(["up", "--yes"]);
        const requests = await emulator.requests();
        assert.equal(
          count(requests, "PUT", new RegExp(`^/v1/campaigns/${coupons}$`)),
          1,
          render(requests).join("\n"),
        );
        assert.equal(count(requests, "POST", /^\/v1\/campaigns$/), 0, render(requests).join("\n"));
        assert.equal((await stack.outputs()).couponsCampaignId, coupons);
        const edited = await emulator.api<{ description?: string }>("GET", `/v1/campaigns/${coupons}`);
        assert.equal(edited.body.description, "Edited in place");

        // A new code pattern replaces the coupons campaign.
        await stack.run(["config", "set", "codePrefix", "NEXT-"]);
        await stack.run(["up", "--yes"]);
        const replaced = String((await stack.outputs()).couponsCampaignId);
        assert.notEqual(replaced, coupons);
        assert.equal(await exists(coupons), false, "the replaced campaign is gone");
        await stack.run(["preview", "--expect-no-changes"]);

        // An import of a campaign made outside Pulumi; destroy then deletes it with the rest.
        const made = await emulator.api<{ id: string }>("POST", "/v1/campaigns", {
          name: `adopted-${example.name}`,
          campaign_type: "DISCOUNT_COUPONS",
          type: "AUTO_UPDATE",
          voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "AMOUNT", amount_off: 500 } },
        });
        assert.equal(made.status, 200);
        await stack.run([
          "import",
          "voucherify:index:Campaign",
          "adopted",
          made.body.id,
          "--yes",
          "--protect=false",
          "--generate-code=false",
        ]);
        const imported = JSON.parse(await stack.exported()) as {
          deployment: { resources: { type: string; id?: string; inputs?: Record<string, unknown> }[] };
        };
        const adopted = imported.deployment.resources.find((r) => r.id === made.body.id);
        assert.equal(adopted?.type, "voucherify:index:Campaign");
        assert.equal(adopted?.inputs?.name, `adopted-${example.name}`);
        // The charset is recorded as the API reports it: its default is a project setting (issue 18).
        assert.deepEqual(adopted?.inputs?.voucher, {
          type: "DISCOUNT_VOUCHER",
          discount: { type: "AMOUNT", amountOff: 500 },
          codeConfig: { charset: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" },
        });

        await stack.run(["destroy", "--yes"]);
        for (const id of [replaced, cards, made.body.id])
          assert.equal(await exists(id), false, `${id} survived destroy`);
        assert.ok(!stack.printed().includes(SECRET_KEY), "the secret key appeared in the engine output");
      } finally {
        // Also deletes the example's Pulumi.e2e.yaml.
        await runPulumi(["stack", "rm", "e2e", "--yes", "--force"], { cwd, env }).catch(() => undefined);
        fs.rmSync(stateDir, { recursive: true, force: true });
      }
    });
  }
});
