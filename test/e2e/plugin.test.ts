// The packaged plugin as a YAML, Go or Python user meets it: the archive of `npm run package:plugin`, installed with
// `pulumi plugin install --file` into a fresh PULUMI_HOME, serving a YAML program with nothing on PATH but `pulumi`
// and the YAML language host (no Node.js). One stack against one emulator: up, a no-change preview, the detailed
// diffs of `preview --json`, the provider configuration's checks and diffs, destroy.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packagePlugin } from "../../scripts/package-plugin";
import { findEngine, offlineEnv } from "../../scripts/pulumi-cli";
import { APP_ID, render, SECRET_KEY, startTestEmulator, type TestEmulator } from "../helpers/emulator";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface PreviewStep {
  op: string;
  urn: string;
  detailedDiff?: Record<string, { kind: string }>;
}

/** The YAML program, its coupons declared with `discount` (the rest fixed). */
function program(discount: string): string {
  return `name: plugin-e2e
runtime: yaml
config:
  description:
    type: string
resources:
  coupons:
    type: voucherify:index:Campaign
    properties:
      campaignType: DISCOUNT_COUPONS
      description: \${description}
      voucher:
        discount: ${discount}
        codeConfig: { pattern: "PKG-####" }
      vouchersCount: 2
outputs:
  couponsCampaignId: \${coupons.campaignId}
`;
}

const PERCENT = "{ type: PERCENT, percentOff: 15 }";
const AMOUNT = "{ type: AMOUNT, amountOff: 500 }";

describe("e2e: the packaged plugin, installed from its archive, with a YAML program and no Node.js", function () {
  this.timeout(600_000);
  let emulator: TestEmulator;
  let work: string;
  let bin: string;
  let env: Record<string, string>;
  let archive: string;
  let version: string;

  /** `pulumi <args>` in the program's folder, PATH holding only `pulumi` and the YAML language host. */
  const pulumi = (args: string[], input = ""): Promise<Run> =>
    new Promise((resolve) => {
      const child = execFile(
        path.join(bin, "pulumi"),
        [...args, "--non-interactive", "--color", "never"],
        { cwd: path.join(work, "program"), env, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(input);
    });
  const ok = async (args: string[], input?: string): Promise<Run> => {
    const run = await pulumi(args, input);
    assert.equal(run.code, 0, `pulumi ${args.join(" ")}:\n${run.stdout}${run.stderr}`);
    return run;
  };
  const previewSteps = async (): Promise<PreviewStep[]> =>
    (JSON.parse((await ok(["preview", "--json"])).stdout) as { steps: PreviewStep[] }).steps;
  const writeProgram = (discount: string) =>
    fs.writeFileSync(path.join(work, "program", "Pulumi.yaml"), program(discount));

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-voucherify-plugin-"));
    // Built once per run: bundle, single executable, archive (about 10 s).
    ({ archive, version } = await packagePlugin({ outDir: path.join(work, "dist") }));
    bin = path.join(work, "bin");
    fs.mkdirSync(bin);
    const engine = findEngine();
    for (const tool of ["pulumi", "pulumi-language-yaml"]) {
      fs.symlinkSync(path.join(path.dirname(engine), tool), path.join(bin, tool));
    }
    fs.mkdirSync(path.join(work, "program"));
    writeProgram(PERCENT);
    env = { ...offlineEnv(path.join(work, "state")), PATH: bin, HOME: work };
    emulator = await startTestEmulator();
  });
  after(async () => {
    await emulator?.close();
    if (work !== undefined) fs.rmSync(work, { recursive: true, force: true });
  });

  it("holds one executable, LICENSE and notices at its root, and no PulumiPlugin.yaml", async () => {
    const listing = await new Promise<string>((resolve, reject) =>
      execFile("tar", ["-tvzf", archive], (e, out) => (e ? reject(e) : resolve(out))),
    );
    const entries = listing
      .trim()
      .split("\n")
      .map((line) => line.split(/\s+/));
    assert.deepEqual(entries.map((e) => e.at(-1)).sort(), [
      "LICENSE",
      "THIRD-PARTY-NOTICES",
      "pulumi-resource-voucherify",
    ]);
    assert.equal(entries.find((e) => e.at(-1) === "pulumi-resource-voucherify")?.[0], "-rwxr-xr-x");
  });

  it("installs with `pulumi plugin install --file`, then runs up, previews, config checks and destroy", async () => {
    assert.ok(
      env.PATH?.split(path.delimiter).every((dir) => !fs.existsSync(path.join(dir, "node"))),
      "node is on PATH",
    );
    await ok(["plugin", "install", "resource", "voucherify", version, "--file", archive]);
    assert.match((await ok(["plugin", "ls"])).stdout, new RegExp(`voucherify\\s+resource\\s+${version}`));

    await ok(["stack", "init", "e2e"]);
    await ok(["config", "set", "voucherify:apiUrl", emulator.url]);
    await ok(["config", "set", "voucherify:applicationId", APP_ID]);
    await ok(["config", "set", "--secret", "voucherify:secretKey"], SECRET_KEY);
    await ok(["config", "set", "voucherify:timeUnitMs", "10"]);
    await ok(["config", "set", "description", "first"]);

    const up = await ok(["up", "--yes"]);
    assert.doesNotMatch(up.stdout + up.stderr, /from \$PATH/, "the plugin came from PATH, not the install");
    const id = String(JSON.parse((await ok(["stack", "output", "--json"])).stdout).couponsCampaignId);
    assert.match(id, /^camp_/);

    await emulator.settle();
    await emulator.clearRequests();
    await ok(["preview", "--expect-no-changes"]);

    // A description edit: an in-place update naming the field.
    await ok(["config", "set", "description", "second"]);
    const edit = (await previewSteps()).find((s) => s.urn.endsWith("::coupons"));
    assert.equal(edit?.op, "update");
    assert.deepEqual(edit?.detailedDiff, { description: { kind: "update", inputDiff: true } });
    await ok(["config", "set", "description", "first"]);

    // Another discount type: the replacement names the type as its cause.
    writeProgram(AMOUNT);
    const retype = (await previewSteps()).filter((s) => s.urn.endsWith("::coupons"));
    assert.ok(
      retype.some((s) => s.op === "replace"),
      JSON.stringify(retype),
    );
    const typeRow = retype.find((s) => s.detailedDiff !== undefined)?.detailedDiff?.["voucher.discount.type"];
    assert.equal(typeRow?.kind, "update-replace");
    writeProgram(PERCENT);

    // A rotated key changes nothing; another project replaces; a bad URL fails the preview, naming the setting.
    await ok(["config", "set", "--secret", "voucherify:secretKey"], "rotated-key");
    await ok(["preview", "--expect-no-changes"]);
    await ok(["config", "set", "--secret", "voucherify:secretKey"], SECRET_KEY);
    await ok(["config", "set", "voucherify:applicationId", "another-project"]);
    const moved = (await previewSteps()).filter((s) => s.urn.endsWith("::coupons"));
    assert.ok(
      moved.some((s) => s.op === "replace"),
      JSON.stringify(moved),
    );
    await ok(["config", "set", "voucherify:applicationId", APP_ID]);
    await ok(["config", "set", "voucherify:apiUrl", "http://api.voucherify.io"]);
    const bad = await pulumi(["preview"]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stdout + bad.stderr, /voucherify:apiUrl .*plain http/);
    await ok(["config", "set", "voucherify:apiUrl", emulator.url]);

    // Every preview above answered offline: Create and Update during previews make no request either.
    assert.deepEqual(render(await emulator.requests()), []);

    await ok(["destroy", "--yes"]);
    assert.equal((await emulator.api("GET", `/v1/campaigns/${id}`)).status, 404);
    const state = (await ok(["stack", "export"])).stdout;
    assert.ok(!state.includes(SECRET_KEY));
  });
});
