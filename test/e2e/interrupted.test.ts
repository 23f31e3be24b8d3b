// A create whose answer never reached the state: the CLI is killed (SIGKILL, as a CI job's timeout does) right
// after Voucherify answered `POST /v1/campaigns`, before the engine wrote the campaign into the state. After
// `pulumi cancel`, the next `pulumi up` must converge on that same campaign: no duplicate, no orphan, no adopt.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { offlineEnv, runPulumi } from "../../scripts/pulumi-cli";
import { APP_ID, SECRET_KEY, startTestEmulator, type TestEmulator } from "../helpers/emulator";

const repoRoot = path.resolve(__dirname, "..", "..");

/** A one-campaign program, as a user writes it; `name` unset means autonamed. */
function program(name: string | undefined): string {
  return `const { Campaign } = require("pulumi-voucherify");
const coupons = new Campaign("coupons", {
  ${name === undefined ? "" : `name: ${JSON.stringify(name)},`}
  campaignType: "DISCOUNT_COUPONS",
  voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 }, codeConfig: { pattern: "INT-####" } },
  vouchersCount: 3,
});
exports.campaignId = coupons.campaignId;
exports.name = coupons.name;
`;
}

interface ApiCampaign {
  id: string;
  name: string;
}

describe("e2e: a create interrupted after Voucherify answered it", function () {
  this.timeout(300_000);
  let emulator: TestEmulator;
  let workDir: string;
  let stateDir: string;

  beforeEach(async () => {
    emulator = await startTestEmulator();
    fs.mkdirSync(path.join(repoRoot, ".state"), { recursive: true });
    // Inside the repository, so the program resolves pulumi-voucherify from its node_modules.
    workDir = fs.mkdtempSync(path.join(repoRoot, ".state", "interrupted-"));
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-voucherify-interrupted-"));
  });

  afterEach(async () => {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  const env = () => ({
    ...offlineEnv(stateDir),
    VOUCHERIFY_APP_ID: APP_ID,
    VOUCHERIFY_SECRET_KEY: SECRET_KEY,
    VOUCHERIFY_API_URL: emulator.url,
    VOUCHERIFY_TIME_UNIT_MS: "10",
  });
  const pulumi = (args: string[]) => runPulumi(args, { cwd: workDir, env: env() });

  async function campaigns(): Promise<ApiCampaign[]> {
    const { body } = await emulator.api<{ campaigns: ApiCampaign[] }>("GET", "/v1/campaigns?limit=100");
    return body.campaigns;
  }

  // Autonamed, the harder case (the name must come out the same in the next run); the named case, and both under
  // each emulator profile, are proven at the contract tier (test/contract/interrupted.test.ts).
  it("converges on the campaign the killed run created (autonamed)", async () => {
    fs.writeFileSync(
      path.join(workDir, "Pulumi.yaml"),
      "name: interrupted\nruntime: nodejs\nmain: index.js\n",
    );
    fs.writeFileSync(path.join(workDir, "index.js"), program(undefined));
    await pulumi(["stack", "init", "dev"]);

    // The provider's first read of the new campaign hangs, so the run is still busy when it is killed.
    await emulator.faults([{ method: "GET", path: "^/v1/campaigns/camp_", latencyMs: 120_000 }]);
    let pid: number | undefined;
    const killed = runPulumi(["up", "--yes", "--skip-preview"], {
      cwd: workDir,
      env: env(),
      onStart: (p) => {
        pid = p;
      },
    }).then(
      () => assert.fail("the run was to be killed"),
      (e: unknown) => e,
    );
    const posted = await emulator.waitForRequest({ method: "POST", path: "^/v1/campaigns$", status: 200 });
    assert.equal(posted.status, 200);
    assert.ok(pid !== undefined);
    process.kill(-pid, "SIGKILL");
    await killed;
    const created = await campaigns();
    assert.equal(created.length, 1, "the killed run's campaign exists");
    const first = created[0] as ApiCampaign;

    await pulumi(["cancel", "--yes"]).catch(() => undefined); // a file backend may hold no lock to cancel
    await emulator.clearRequests();
    await pulumi(["up", "--yes", "--skip-preview"]);
    const after = await campaigns();
    assert.deepEqual(
      after.map((c) => c.id),
      [first.id],
      "the same campaign: no duplicate, no orphan",
    );
    const outputs = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout) as Record<
      string,
      string
    >;
    assert.equal(outputs.campaignId, first.id);
    assert.equal(outputs.name, first.name);
    await pulumi(["preview", "--expect-no-changes"]);
    await pulumi(["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await campaigns(), []);
  });
});
