// The GitOps example's workflows (examples/gitops/.github/workflows): the Pulumi version they
// install is the one this repository pins, the credentials come from repository secrets, and each
// workflow amounts to the `pulumi` commands the README describes.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadWorkflows, pulumiActionSteps, pulumiCommands, type Workflow } from "../helpers/workflows";

const repoRoot = path.resolve(__dirname, "..", "..");
const exampleDir = path.join(repoRoot, "examples", "gitops");
const workflows = loadWorkflows(path.join(exampleDir, ".github", "workflows"));

function pulumiSdkVersion(packageJson: string): string | undefined {
  const pkg = JSON.parse(fs.readFileSync(packageJson, "utf8")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return pkg.devDependencies?.["@pulumi/pulumi"] ?? pkg.dependencies?.["@pulumi/pulumi"];
}

const PIN = pulumiSdkVersion(path.join(repoRoot, "package.json"));

/** A GitHub expression reading a repository secret or variable, as written in a workflow. */
const fromRepo = (scope: "secrets" | "vars", name: string) => `\${{ ${scope}.${name} }}`;

function workflow(name: string): Workflow {
  const found = workflows[name];
  assert.ok(found, `examples/gitops/.github/workflows/${name}.yml is missing`);
  return found;
}

describe("GitOps example workflows", () => {
  it("has the preview, deploy and drift workflows", () => {
    assert.deepEqual(Object.keys(workflows).sort(), ["deploy", "drift", "preview"]);
  });

  for (const [name, wf] of Object.entries(workflows)) {
    it(`${name}: installs the pinned Pulumi version (${PIN}, @pulumi/pulumi in package.json)`, () => {
      const steps = pulumiActionSteps(wf);
      assert.ok(steps.length > 0, "no pulumi/actions step");
      for (const step of steps) assert.equal(String(step.with["pulumi-version"]), PIN);
    });

    it(`${name}: takes the Voucherify credentials from repository secrets`, () => {
      for (const key of ["VOUCHERIFY_APP_ID", "VOUCHERIFY_SECRET_KEY", "VOUCHERIFY_API_URL"]) {
        assert.equal(wf.env[key], fromRepo("secrets", key), key);
      }
    });

    it(`${name}: names both state backends (Pulumi Cloud token, or a backend URL and its passphrase)`, () => {
      assert.equal(wf.env.PULUMI_ACCESS_TOKEN, fromRepo("secrets", "PULUMI_ACCESS_TOKEN"));
      assert.equal(wf.env.PULUMI_BACKEND_URL, fromRepo("vars", "PULUMI_BACKEND_URL"));
      assert.equal(wf.env.PULUMI_CONFIG_PASSPHRASE, fromRepo("secrets", "PULUMI_CONFIG_PASSPHRASE"));
    });
  }

  it("the example program depends on the pinned SDK too", () => {
    assert.equal(pulumiSdkVersion(path.join(exampleDir, "package.json")), PIN);
  });

  it("preview: runs on pull requests, comments on them, and amounts to `pulumi preview --refresh`", () => {
    const wf = workflow("preview");
    assert.ok("pull_request" in wf.on);
    assert.equal(pulumiActionSteps(wf)[0]?.with["comment-on-pr"], true);
    assert.deepEqual(pulumiCommands(wf), [
      { workDir: ".", args: ["stack", "select", "--create", "production"] },
      { workDir: ".", args: ["preview", "--stack", "production", "--refresh"] },
    ]);
  });

  it("deploy: runs on a push to main and amounts to `pulumi up --refresh`", () => {
    const wf = workflow("deploy");
    assert.deepEqual(wf.on.push, { branches: ["main"] });
    assert.deepEqual(pulumiCommands(wf), [
      { workDir: ".", args: ["stack", "select", "--create", "production"] },
      { workDir: ".", args: ["up", "--yes", "--skip-preview", "--stack", "production", "--refresh"] },
    ]);
  });

  it("drift: runs on a schedule and amounts to `pulumi refresh --preview-only --expect-no-changes`", () => {
    const wf = workflow("drift");
    assert.ok("schedule" in wf.on);
    assert.deepEqual(pulumiCommands(wf), [
      { workDir: ".", args: ["refresh", "--preview-only", "--expect-no-changes", "--stack", "production"] },
    ]);
  });

  it("refuses a pulumi/actions input it has no CLI mapping for", () => {
    const wf = structuredClone(workflow("deploy"));
    const step = pulumiActionSteps(wf)[0];
    assert.ok(step);
    step.with.target = "urn:pulumi:production::voucherify-gitops::x";
    assert.throws(() => pulumiCommands(wf), /input "target" has no CLI mapping/);
  });
});
