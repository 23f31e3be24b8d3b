// Every program under examples/, and the demo's root program (index.ts + Pulumi.yaml at the repository root), runs
// through the plain `pulumi` CLI in its own folder, as a user types it, against the emulator: stack select, config
// set, up, a preview with no changes, then destroy. Keeps the examples in the README honest, and proves the
// Node.js language host. One emulator for the whole describe.
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

/** The folders run here: the examples (gitops through its workflows in gitops.test.ts instead), then the demo. */
const DEMO = "the demo (repository root)";
const programs: { name: string; dir: string }[] = [
  ...examples
    .filter((name) => name !== "gitops")
    .map((name) => ({ name, dir: path.join(repoRoot, "examples", name) })),
  { name: DEMO, dir: repoRoot },
];

/**
 * Requests a no-change preview makes: none, except the lookups a program runs itself (the provider's preview calls
 * nothing; a program's `getCampaign`/`listCampaigns` run in every preview and update).
 */
const PREVIEW_READS: Record<string, string[]> = {
  "campaign-lookups": ["GET /v1/campaigns/members-club 200", "GET /v1/campaigns 200"],
};

/** What an example's outputs must say beyond campaign IDs. */
const OUTPUT_CHECKS: Record<
  string,
  (outputs: Record<string, unknown>, emulator: TestEmulator) => Promise<void>
> = {
  // The demo's two campaigns as its README describes them: 25 generated codes, 3 printed gift cards.
  [DEMO]: async (outputs) => {
    assert.equal(outputs.springCodes, 25);
    assert.equal(outputs.giftCodes, 3);
  },
  // The looked-up club's ID reached the dependent campaign, and the list found the club by its metadata.
  "campaign-lookups": async (outputs, emulator) => {
    assert.deepEqual(outputs.loyaltyTeamCampaigns, ["members-club"]);
    const welcome = await emulator.api<{ metadata: Record<string, unknown> }>(
      "GET",
      `/v1/campaigns/${String(outputs.welcomeCampaignId)}`,
    );
    assert.equal(welcome.body.metadata.loyaltyCampaignId, outputs.loyaltyCampaignId);
  },
};

type Run = (args: string[], input?: string) => Promise<CliResult>;

/** Where the API shows each object an example's outputs name by ID (campaigns, rules, categories, tiers). */
function objectPaths(outputs: Record<string, unknown>): string[] {
  const prefixes: Record<string, string> = {
    camp_: "/v1/campaigns/",
    val_: "/v1/validation-rules/",
    cat_: "/v1/categories/",
    promo_: "/v1/promotions/tiers/",
  };
  const ids = JSON.stringify(outputs).match(/"(camp|val|cat|promo)_[A-Za-z0-9]+"/g) ?? [];
  return [...new Set(ids)].map((quoted) => {
    const id = quoted.slice(1, -1);
    const prefix = Object.keys(prefixes).find((p) => id.startsWith(p)) as string;
    return `${prefixes[prefix]}${id}`;
  });
}

/** An edit a user makes to an example after its first `up`, and what it must cost. */
const EDITS: Record<
  string,
  (pulumi: Run, outputs: Record<string, unknown>, emulator: TestEmulator) => Promise<void>
> = {
  // The example's own instructions: a tier's discount changes in place, one tier PUT, the IDs kept.
  "promotion-tiers": async (pulumi, outputs, emulator) => {
    const tiers = outputs.tierIds as Record<string, string>;
    await pulumi(["config", "set", "percentOff", "15"]);
    await emulator.clearRequests();
    await pulumi(["up", "--yes", "--skip-preview"]);
    const writes = render(await emulator.requests()).filter((l) => !l.startsWith("GET "));
    assert.deepEqual(writes, [`PUT /v1/promotions/tiers/${tiers.everything} 200`]);
    const after = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
    assert.equal(after.campaignId, outputs.campaignId);
    assert.deepEqual(after.tierIds, tiers);
  },
  // An edit of the rule: one PUT of the rule, no campaign touched, every ID kept.
  "promotion-graph": async (pulumi, outputs, emulator) => {
    await pulumi(["config", "set", "minAmount", "9000"]);
    await emulator.clearRequests();
    await pulumi(["up", "--yes", "--skip-preview"]);
    const writes = render(await emulator.requests()).filter((l) => !l.startsWith("GET "));
    assert.deepEqual(writes, [`PUT /v1/validation-rules/${String(outputs.ruleId)} 200`]);
    const after = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
    assert.deepEqual(after, outputs);
  },
};

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

  for (const { name: example, dir: cwd } of programs) {
    it(`${example}: up, no-change preview, destroy`, async () => {
      // The example folder is where the commands run, as with `pulumi up` there: relative file
      // paths (such as a CSV of codes) resolve against it. Backend and PULUMI_HOME are private.
      const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-voucherify-example-"));
      const env = offlineEnv(stateDir);
      const printed: string[] = [];
      const pulumi: Run = async (args, input) => {
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
        await OUTPUT_CHECKS[example]?.(outputs, emulator);
        await EDITS[example]?.(pulumi, outputs, emulator);

        await emulator.settle();
        await emulator.clearRequests();
        await pulumi(["preview", "--expect-no-changes"]);
        assert.deepEqual(render(await emulator.requests()), PREVIEW_READS[example] ?? []);

        await pulumi(["destroy", "--yes"]);
        // One destroy leaves nothing behind: every object the outputs name is gone.
        for (const objectPath of objectPaths(outputs)) {
          const left = await emulator.api("GET", objectPath);
          assert.equal(left.status, 404, `${objectPath} is still there after destroy`);
        }
        assert.ok(!printed.join("").includes(SECRET_KEY), "the secret key appeared in the engine output");
      } finally {
        // Also deletes the example's Pulumi.e2e.yaml.
        await runPulumi(["stack", "rm", "e2e", "--yes", "--force"], { cwd, env }).catch(() => undefined);
        fs.rmSync(stateDir, { recursive: true, force: true });
      }
    });
  }
});
