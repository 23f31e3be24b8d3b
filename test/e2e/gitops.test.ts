// The GitOps example's workflows, run against the emulator: each workflow becomes the `pulumi`
// command lines its steps amount to (read from examples/gitops/.github/workflows, so an edited
// workflow changes what runs here), executed in a copy of the example as a runner's checkout would
// hold it, with the environment the workflow builds from repository secrets. The request log
// gives each run's cost in API calls, which the README's "GitOps" section quotes.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { offlineEnv, PulumiCliError, runPulumi, TEST_PASSPHRASE } from "../../scripts/pulumi-cli";
import { APP_ID, SECRET_KEY, startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { loadWorkflows, pulumiCommands, workflowEnv } from "../helpers/workflows";

const repoRoot = path.resolve(__dirname, "..", "..");
const exampleDir = path.join(repoRoot, "examples", "gitops");
const workflows = loadWorkflows(path.join(exampleDir, ".github", "workflows"));
const STACK = "production";
const CAMPAIGNS = ["gitops-welcome-10", "gitops-weekend-deal"];
const EDITED = "15% off the first order of new newsletter subscribers";

interface Campaign {
  id: string;
  name: string;
  description?: string;
}

/** "METHOD /v1/path" with campaign ids replaced, so runs compare across ids. */
function calls(requests: { method: string; path: string }[]): string[] {
  return requests.map((r) => `${r.method} ${r.path.replace(/camp_\w+/g, "{id}")}`);
}

describe("e2e: GitOps workflows (examples/gitops) against the emulator", function () {
  this.timeout(600_000);
  let emulator: TestEmulator;
  let checkout: string;
  let stateDir: string;
  const printed: string[] = [];

  /** Runs a workflow's pulumi commands in the checkout; resolves to the /v1 calls they made. */
  async function runWorkflow(name: string): Promise<string[]> {
    const workflow = workflows[name];
    assert.ok(workflow, `no workflow ${name}`);
    const offline = offlineEnv(stateDir);
    const env = {
      ...offline,
      ...workflowEnv(workflow, {
        // The repository's secrets and variables for a self-managed backend; PULUMI_ACCESS_TOKEN
        // stays unset, so the workflow hands the CLI an empty one, as GitHub would.
        secrets: {
          VOUCHERIFY_APP_ID: APP_ID,
          VOUCHERIFY_SECRET_KEY: SECRET_KEY,
          VOUCHERIFY_API_URL: emulator.url,
          PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
        },
        vars: { PULUMI_BACKEND_URL: offline.PULUMI_BACKEND_URL as string },
      }),
      // Backoff waits are scaled down: the provider runs in another process, out of reach of fake timers.
      VOUCHERIFY_TIME_UNIT_MS: "10",
    };
    await emulator.settle();
    await emulator.clearRequests();
    for (const step of pulumiCommands(workflow)) {
      try {
        const result = await runPulumi(step.args, { cwd: path.join(checkout, step.workDir), env });
        printed.push(result.stdout, result.stderr);
      } catch (error) {
        if (error instanceof PulumiCliError) printed.push(error.stdout, error.stderr);
        throw error;
      }
    }
    return calls(await emulator.requests());
  }

  async function campaign(name: string): Promise<Campaign> {
    const { status, body } = await emulator.api<Campaign>("GET", `/v1/campaigns/${name}`);
    assert.equal(status, 200, `campaign ${name}`);
    return body;
  }

  const readsOnly = (n: number) => Array.from({ length: n }, () => "GET /v1/campaigns/{id}");

  before(async () => {
    emulator = await startTestEmulator();
    // The runner's checkout: a copy of the example inside this repository, so its program resolves
    // pulumi-voucherify and @pulumi/pulumi from the repository's node_modules (the workflows' `npm ci`).
    fs.mkdirSync(path.join(repoRoot, ".state"), { recursive: true });
    checkout = fs.mkdtempSync(path.join(repoRoot, ".state", "gitops-"));
    fs.cpSync(exampleDir, checkout, { recursive: true, filter: (src) => !src.includes("node_modules") });
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-voucherify-gitops-"));
  });

  after(async () => {
    try {
      await runPulumi(["destroy", "--yes", "--stack", STACK], {
        cwd: checkout,
        env: {
          ...offlineEnv(stateDir),
          VOUCHERIFY_APP_ID: APP_ID,
          VOUCHERIFY_SECRET_KEY: SECRET_KEY,
          VOUCHERIFY_API_URL: emulator.url,
          VOUCHERIFY_TIME_UNIT_MS: "10",
        },
      });
    } finally {
      await emulator.close();
      fs.rmSync(checkout, { recursive: true, force: true });
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it("deploy (first merge to main) creates the stack and the campaigns", async () => {
    const requests = await runWorkflow("deploy");
    assert.equal(
      requests.filter((r) => r === "POST /v1/campaigns").length,
      CAMPAIGNS.length,
      requests.join("\n"),
    );
    for (const name of CAMPAIGNS) assert.match((await campaign(name)).id, /^camp_/);
  });

  it("preview (pull request) shows the edited description, reads each campaign once and writes nothing", async () => {
    const program = path.join(checkout, "index.ts");
    const source = fs.readFileSync(program, "utf8");
    const edited = source.replace("10% off the first order of new newsletter subscribers", EDITED);
    assert.notEqual(edited, source, "the test's edit no longer matches examples/gitops/index.ts");
    fs.writeFileSync(program, edited);

    const before = printed.length;
    assert.deepEqual(await runWorkflow("preview"), readsOnly(CAMPAIGNS.length));
    assert.match(
      printed.slice(before).join(""),
      /~ +pulumi-nodejs:dynamic\/voucherify:Campaign welcome update \[diff: ~description\]/,
    );
    assert.notEqual((await campaign("gitops-welcome-10")).description, EDITED);
  });

  it("deploy (merge) applies the change with one PUT after reading each campaign", async () => {
    assert.deepEqual(await runWorkflow("deploy"), [...readsOnly(CAMPAIGNS.length), "PUT /v1/campaigns/{id}"]);
    assert.equal((await campaign("gitops-welcome-10")).description, EDITED);
  });

  it("deploy with nothing to change only reads each campaign", async () => {
    assert.deepEqual(await runWorkflow("deploy"), readsOnly(CAMPAIGNS.length));
  });

  it("drift check passes while nothing changed outside the repository", async () => {
    assert.deepEqual(await runWorkflow("drift"), readsOnly(CAMPAIGNS.length));
  });

  it("drift check fails after an out-of-band change, keeps failing, and passes after the next deploy", async () => {
    const { id } = await campaign("gitops-welcome-10");
    const changed = await emulator.api("PUT", `/v1/campaigns/${id}`, {
      description: "changed in the dashboard",
    });
    assert.equal(changed.status, 200);

    await assert.rejects(runWorkflow("drift"), (error: unknown) => {
      assert.ok(error instanceof PulumiCliError, String(error));
      assert.match(
        error.stdout + error.stderr,
        /no changes were expected for refresh but changes were proposed/,
      );
      assert.match(error.stdout, /welcome update \[diff: ~description\]/);
      return true;
    });
    // A preview-only refresh leaves the state alone, so the drift is reported again, not absorbed.
    await assert.rejects(runWorkflow("drift"), PulumiCliError);

    assert.deepEqual(await runWorkflow("deploy"), [...readsOnly(CAMPAIGNS.length), "PUT /v1/campaigns/{id}"]);
    assert.equal((await campaign("gitops-welcome-10")).description, EDITED);
    assert.deepEqual(await runWorkflow("drift"), readsOnly(CAMPAIGNS.length));
  });

  it("never shows the secret key in the engine output or the state", async () => {
    assert.ok(printed.length > 0);
    assert.ok(!printed.join("").includes(SECRET_KEY), "the secret key appeared in the engine output");
    const state = await runPulumi(["stack", "export", "--stack", STACK], {
      cwd: checkout,
      env: offlineEnv(stateDir),
    });
    assert.ok(!state.stdout.includes(SECRET_KEY), "the secret key appeared in the state");
  });

  // What examples.test.ts checks of the other examples, for this one (which it leaves to this file).
  it("destroy removes every campaign of the example", async () => {
    const ids = await Promise.all(CAMPAIGNS.map(async (name) => (await campaign(name)).id));
    for (const id of ids) assert.match(id, /^camp_/);
    await runPulumi(["destroy", "--yes", "--stack", STACK], {
      cwd: checkout,
      env: {
        ...offlineEnv(stateDir),
        VOUCHERIFY_APP_ID: APP_ID,
        VOUCHERIFY_SECRET_KEY: SECRET_KEY,
        VOUCHERIFY_API_URL: emulator.url,
        VOUCHERIFY_TIME_UNIT_MS: "10",
      },
    }).then((r) => printed.push(r.stdout, r.stderr));
    for (const id of ids) {
      assert.equal((await emulator.api("GET", `/v1/campaigns/${id}`)).status, 404, `${id} survived destroy`);
    }
    assert.ok(!printed.join("").includes(SECRET_KEY), "the secret key appeared in the engine output");
  });
});
