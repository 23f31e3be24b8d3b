// Upgrading the package must not touch existing stacks. test/fixtures/stacks/ holds the state that
// pulumi-voucherify 0.1.0 wrote (`pulumi stack export`, both providers, with generated, inline secret codes and
// keyed tiers; test/fixtures/stacks/README.md says how it was recorded). Each is imported into a fresh stack of its
// unchanged program and previewed with the current provider: nothing may change.
//
// The preview makes no request (the stack's apiUrl points at a port nothing listens on): what the engine compares is
// the recorded state against the program, through check and diff, which is where a change of state shape or of the
// comparison would show.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { offlineEnv, runPulumi } from "../../scripts/pulumi-cli";
import { pluginPath, repoRoot } from "../helpers/native";

const FIXTURES = path.join(repoRoot, "test", "fixtures", "stacks");

/** A copy of a fixture program in a temporary folder, so the engine writes nothing into the repository. */
function copyProgram(kind: string, stateDir: string): string {
  const cwd = path.join(stateDir, kind);
  fs.cpSync(path.join(FIXTURES, kind), cwd, { recursive: true });
  // A TypeScript program resolves pulumi-voucherify from the repository, as in a user's project.
  if (fs.existsSync(path.join(cwd, "index.ts"))) {
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(cwd, "node_modules"), "dir");
    fs.writeFileSync(path.join(cwd, "package.json"), '{ "name": "upgrade-fixture", "private": true }\n');
  }
  return cwd;
}

describe("e2e: stacks written by the previous version preview clean after the upgrade", function () {
  this.timeout(300_000);

  for (const kind of ["dynamic", "native"]) {
    it(`${kind}: the imported 0.1.0 state previews with no changes`, async () => {
      const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-voucherify-upgrade-"));
      try {
        const cwd = copyProgram(kind, stateDir);
        const env = { ...offlineEnv(stateDir), PATH: pluginPath() };
        const pulumi = (args: string[]) => runPulumi(args, { cwd, env });
        // The committed Pulumi.upgrade.yaml carries the stack's encryption salt and its config.
        await pulumi(["stack", "init", "upgrade"]);
        await pulumi(["stack", "import", "--file", path.join(FIXTURES, `${kind}.export.json`)]);
        const preview = await pulumi(["preview", "--expect-no-changes", "--json"]);
        const result = JSON.parse(preview.stdout) as {
          steps?: { op: string; urn: string }[];
          changeSummary?: Record<string, number>;
        };
        const changed = (result.steps ?? []).filter((s) => s.op !== "same");
        assert.deepEqual(
          changed.map((s) => `${s.op} ${s.urn}`),
          [],
        );
        // The stack and its three campaigns, all unchanged.
        assert.deepEqual(result.changeSummary, { same: 4 });
      } finally {
        fs.rmSync(stateDir, { recursive: true, force: true });
      }
    });
  }
});
