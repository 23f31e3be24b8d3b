// The package's entry points type-check in a program set up the way `pulumi new typescript` sets one up:
// `moduleResolution: "node"`, which ignores package.json `exports`, so the subpath entries need
// `typesVersions` to be found at all. ts-node type-checks a Pulumi program before it runs, so without them
// `import { Campaign } from "pulumi-voucherify/native"` fails `pulumi preview` with TS2307.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";

const repoRoot = path.resolve(__dirname, "..", "..", "..");

describe("the package's type entry points", () => {
  let dir: string;

  before(() => {
    // Inside the repository, so that node_modules/pulumi-voucherify (the package's link to itself) resolves.
    fs.mkdirSync(path.join(repoRoot, ".state"), { recursive: true });
    dir = fs.mkdtempSync(path.join(repoRoot, ".state", "types-"));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("resolves pulumi-voucherify, /native and /emulator under moduleResolution node", function () {
    this.timeout(60_000);
    const program = path.join(dir, "index.ts");
    fs.writeFileSync(
      program,
      [
        'import { Campaign, getCampaign } from "pulumi-voucherify";',
        'import { Campaign as NativeCampaign } from "pulumi-voucherify/native";',
        'import { startEmulator } from "pulumi-voucherify/emulator";',
        'const args = { campaignType: "DISCOUNT_COUPONS" as const, voucher: { type: "DISCOUNT_VOUCHER" as const, discount: { type: "PERCENT" as const, percentOff: 5 } } };',
        'export const dynamic = new Campaign("d", args);',
        'export const native = new NativeCampaign("n", args);',
        "export const lookups = [getCampaign, startEmulator];",
        "",
      ].join(os.EOL),
    );
    const compiled = ts.createProgram([program], {
      strict: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      skipLibCheck: true,
      noEmit: true,
    });
    const problems = ts
      .getPreEmitDiagnostics(compiled)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    assert.deepEqual(problems, []);
  });
});
