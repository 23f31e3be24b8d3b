// The lookups as the native provider's functions, from a YAML program through the plain CLI: `fn::invoke` of
// voucherify:index:getCampaign and voucherify:index:listCampaigns reads campaigns another team manages.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { APP_ID, render, SECRET_KEY, startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { cliStack, nativeEnv, repoRoot } from "../helpers/native";

const PROGRAM = `name: voucherify-invokes
runtime: yaml
variables:
  loyalty:
    fn::invoke:
      function: voucherify:index:getCampaign
      arguments:
        nameOrId: members-club
      return: campaign
  missing:
    fn::invoke:
      function: voucherify:index:getCampaign
      arguments:
        nameOrId: no-such-campaign
  growth:
    fn::invoke:
      function: voucherify:index:listCampaigns
      arguments:
        filters:
          metadata.team:
            conditions:
              $is: growth
outputs:
  loyalty: \${loyalty}
  missing: \${missing}
  growth: \${growth.campaigns}
`;

describe("e2e: the native provider's lookup functions (invokes) from YAML", function () {
  this.timeout(300_000);
  let emulator: TestEmulator;
  let workDir: string;
  let stateDir: string;

  before(async () => {
    emulator = await startTestEmulator();
    fs.mkdirSync(path.join(repoRoot, ".state"), { recursive: true });
    workDir = fs.mkdtempSync(path.join(repoRoot, ".state", "invokes-"));
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-voucherify-invokes-"));
    fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), PROGRAM);
  });
  after(async () => {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it("reads one campaign by name, none for an unknown name, and a filtered list", async () => {
    const discount = { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percent_off: 5 } };
    const club = await emulator.api<{ id: string }>("POST", "/v1/campaigns", {
      name: "members-club",
      campaign_type: "LOYALTY_PROGRAM",
      voucher: { type: "LOYALTY_CARD", loyalty_card: { points: 0 } },
    });
    assert.equal(club.status, 200);
    for (const [name, team] of [
      ["growth-one", "growth"],
      ["growth-two", "growth"],
      ["retention", "retention"],
    ]) {
      const r = await emulator.api("POST", "/v1/campaigns", {
        name,
        campaign_type: "DISCOUNT_COUPONS",
        voucher: discount,
        metadata: { team },
      });
      assert.equal(r.status, 200);
    }
    await emulator.settle();

    const stack = cliStack(workDir, nativeEnv(stateDir));
    await stack.run(["stack", "select", "--create", "dev"]);
    await stack.run(["config", "set", "voucherify:apiUrl", emulator.url]);
    await stack.run(["config", "set", "voucherify:applicationId", APP_ID]);
    await stack.run(["config", "set", "--secret", "voucherify:secretKey"], SECRET_KEY);
    await emulator.clearRequests();
    await stack.run(["up", "--yes", "--skip-preview"]);
    const outputs = await stack.outputs();
    const loyalty = outputs.loyalty as { campaignId: string; campaignType: string };
    assert.equal(loyalty.campaignId, club.body.id);
    assert.equal(loyalty.campaignType, "LOYALTY_PROGRAM");
    assert.deepEqual(outputs.missing, {}, "no campaign for an unknown name");
    const growth = outputs.growth as { name: string }[];
    assert.deepEqual(growth.map((c) => c.name).sort(), ["growth-one", "growth-two"]);
    const writes = render(await emulator.requests()).filter((l) => !l.startsWith("GET "));
    assert.deepEqual(writes, [], "read-only");
    assert.ok(!stack.printed().includes(SECRET_KEY));
  });
});
