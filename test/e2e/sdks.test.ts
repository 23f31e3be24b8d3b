// The committed SDKs (sdk/nodejs, sdk/go, sdk/python) are what the generator (sdk-gen/, run by scripts/gen-sdks)
// makes of the committed schema.json, so a schema change cannot land without its SDKs. The generator is built once
// per version of its sources and cached outside the repository.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../helpers/native";

function files(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    )
    .sort();
}

describe("e2e: the generated SDKs", function () {
  this.timeout(600_000);

  it("sdk/ is what scripts/gen-sdks writes from schema.json (regenerate with scripts/gen-sdks)", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-voucherify-sdks-"));
    try {
      execFileSync(path.join(repoRoot, "scripts", "gen-sdks"), [out], {
        stdio: ["ignore", "ignore", "pipe"],
      });
      for (const language of ["nodejs", "go", "python"]) {
        const committed = path.join(repoRoot, "sdk", language);
        const generated = path.join(out, language);
        assert.deepEqual(files(committed), files(generated), `${language}: the file list differs`);
        for (const file of files(generated)) {
          const want = fs.readFileSync(path.join(generated, file), "utf8");
          assert.equal(
            fs.readFileSync(path.join(committed, file), "utf8"),
            want,
            `sdk/${language}/${file} differs`,
          );
        }
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
