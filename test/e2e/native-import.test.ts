// `pulumi import voucherify:index:Campaign <name> <campaignId>` for each of the five campaign types: campaigns made
// outside Pulumi (straight through the API) are imported one by one, then a program declaring them the way they
// were created previews with no changes. What an import records is provider/campaign/import.ts.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { runPulumi } from "../../scripts/pulumi-cli";
import { APP_ID, render, SECRET_KEY, startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { cliStack, nativeEnv } from "../helpers/native";

interface Case {
  /** The create body sent to the API (as someone working in the dashboard or with a script would). */
  body: Record<string, unknown>;
  /** The same campaign as a program declares it. */
  declared: Record<string, unknown>;
}

const CASES: Record<string, Case> = {
  discount: {
    body: {
      name: "imported-discount",
      campaign_type: "DISCOUNT_COUPONS",
      type: "AUTO_UPDATE",
      description: "Made in the dashboard",
      metadata: { team: "growth" },
      voucher: {
        type: "DISCOUNT_VOUCHER",
        discount: { type: "PERCENT", percent_off: 20 },
        code_config: { pattern: "IMP-D-####" },
      },
      vouchers_count: 2,
    },
    declared: {
      name: "imported-discount",
      campaignType: "DISCOUNT_COUPONS",
      description: "Made in the dashboard",
      metadata: { team: "growth" },
      voucher: { discount: { type: "PERCENT", percentOff: 20 }, codeConfig: { pattern: "IMP-D-####" } },
      vouchersCount: 2,
    },
  },
  gift: {
    body: {
      name: "imported-gift",
      campaign_type: "GIFT_VOUCHERS",
      type: "STATIC",
      category: "cards",
      voucher: {
        type: "GIFT_VOUCHER",
        gift: { amount: 2500 },
        code_config: { length: 10, charset: "0123456789" },
      },
    },
    declared: {
      name: "imported-gift",
      campaignType: "GIFT_VOUCHERS",
      type: "STATIC",
      category: "cards",
      voucher: { gift: { amount: 2500 }, codeConfig: { length: 10, charset: "0123456789" } },
    },
  },
  loyalty: {
    body: {
      name: "imported-loyalty",
      campaign_type: "LOYALTY_PROGRAM",
      type: "AUTO_UPDATE",
      auto_join: true,
      voucher: { type: "LOYALTY_CARD", loyalty_card: { points: 100 }, redemption: { quantity: 3 } },
    },
    declared: {
      name: "imported-loyalty",
      campaignType: "LOYALTY_PROGRAM",
      autoJoin: true,
      voucher: { loyaltyCard: { points: 100 }, redemption: { quantity: 3 } },
    },
  },
  referral: {
    body: {
      name: "imported-referral",
      campaign_type: "REFERRAL_PROGRAM",
      type: "AUTO_UPDATE",
      referral_program: { conversion_event_type: "redemption" },
      voucher: {
        type: "DISCOUNT_VOUCHER",
        discount: { type: "AMOUNT", amount_off: 1000 },
        is_referral_code: true,
      },
    },
    declared: {
      name: "imported-referral",
      campaignType: "REFERRAL_PROGRAM",
      referralProgram: { conversionEventType: "redemption" },
      voucher: { discount: { type: "AMOUNT", amountOff: 1000 } },
    },
  },
  promotion: {
    body: {
      name: "imported-promotion",
      campaign_type: "PROMOTION",
      type: "AUTO_UPDATE",
      promotion: {
        tiers: [
          { name: "Ten off", banner: "10% off", action: { discount: { type: "PERCENT", percent_off: 10 } } },
          { name: "Big basket", action: { discount: { type: "AMOUNT", amount_off: 2000 } } },
        ],
      },
    },
    declared: {
      name: "imported-promotion",
      campaignType: "PROMOTION",
      promotion: {
        tiers: [
          { name: "Ten off", banner: "10% off", action: { discount: { type: "PERCENT", percentOff: 10 } } },
          { name: "Big basket", action: { discount: { type: "AMOUNT", amountOff: 2000 } } },
        ],
      },
    },
  },
};

function program(resources: Record<string, unknown>): string {
  return stringify({ name: "voucherify-import", runtime: "yaml", resources });
}

describe("e2e: pulumi import of each campaign type through the native provider", function () {
  this.timeout(600_000);
  let emulator: TestEmulator;
  let cwd: string;
  let stateDir: string;

  before(async () => {
    emulator = await startTestEmulator();
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-voucherify-import-"));
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-voucherify-import-state-"));
  });
  after(async () => {
    await emulator.close();
    fs.rmSync(cwd, { recursive: true, force: true });
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it("imports all five, and the program that declares them previews with no changes", async () => {
    const env = nativeEnv(stateDir);
    const stack = cliStack(cwd, env);
    fs.writeFileSync(path.join(cwd, "Pulumi.yaml"), program({}));
    await stack.run(["stack", "select", "--create", "e2e"]);
    await stack.run(["config", "set", "voucherify:apiUrl", emulator.url]);
    await stack.run(["config", "set", "voucherify:applicationId", APP_ID]);
    await stack.run(["config", "set", "--secret", "voucherify:secretKey"], SECRET_KEY);
    await stack.run(["config", "set", "voucherify:timeUnitMs", "10"]);

    const ids: Record<string, string> = {};
    for (const [name, c] of Object.entries(CASES)) {
      const made = await emulator.api<{ id: string }>("POST", "/v1/campaigns", c.body);
      assert.equal(made.status, 200, JSON.stringify(made.body));
      ids[name] = made.body.id;
    }
    await emulator.settle();
    for (const [name, id] of Object.entries(ids)) {
      await stack.run(["import", "voucherify:index:Campaign", name, id, "--yes", "--generate-code=false"]);
    }

    const resources = Object.fromEntries(
      Object.entries(CASES).map(([name, c]) => [
        name,
        { type: "voucherify:index:Campaign", properties: c.declared },
      ]),
    );
    fs.writeFileSync(path.join(cwd, "Pulumi.yaml"), program(resources));
    await emulator.clearRequests();
    try {
      await stack.run(["preview", "--expect-no-changes", "--diff"]);
    } catch (e) {
      assert.fail(`the imported campaigns do not match their declaration:\n${String(e)}`);
    }
    assert.deepEqual(render(await emulator.requests()), [], "the preview called the API");
    // A refresh reads each campaign and finds what the import recorded.
    await stack.run(["refresh", "--yes", "--expect-no-changes"]);

    // pulumi import protects what it imports; once released, destroy removes the campaigns.
    for (const name of Object.keys(CASES)) {
      await stack.run([
        "state",
        "unprotect",
        `urn:pulumi:e2e::voucherify-import::voucherify:index:Campaign::${name}`,
        "--yes",
      ]);
    }
    await stack.run(["destroy", "--yes"]);
    for (const id of Object.values(ids)) {
      assert.equal((await emulator.api("GET", `/v1/campaigns/${id}`)).status, 404, `${id} survived destroy`);
    }
    await runPulumi(["stack", "rm", "e2e", "--yes", "--force"], { cwd, env }).catch(() => undefined);
  });
});
