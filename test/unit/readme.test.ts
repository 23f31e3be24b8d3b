// The README's input table documents every Campaign input; this keeps it in step with the rules
// table the diff actually follows, so the docs cannot promise an update where the provider replaces.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CAMPAIGN_FIELD_RULES, type RuleKind } from "../../provider/campaign/rules";

function readmeInputRows(): Map<string, string> {
  const readme = fs.readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Inputs"), readme.indexOf("### Outputs"));
  const rows = new Map<string, string>();
  for (const line of section.split("\n")) {
    const match = /^\| `([A-Za-z.]+)` \|(.*)$/.exec(line);
    if (!match) continue;
    // Cells are separated by unescaped pipes; the fourth cell is "change".
    const cells = (match[2] ?? "").split(/(?<!\\)\|/).map((c) => c.trim());
    rows.set(match[1] as string, cells[2] ?? "");
  }
  return rows;
}

const EXPECTED_CHANGE: Record<RuleKind, RegExp> = {
  update: /^update/,
  replace: /^replace$/,
  "replace-when-standalone": /^update between .* replace when `STANDALONE`/,
  ignore: /^provider setting, no API call$/,
  codes: /^codes \(update\)$/,
};

// vouchersCsvDigest and vouchersCsvRows are filled in by check, not set by users (README: Outputs).
const USER_INPUTS = CAMPAIGN_FIELD_RULES.filter((r) => !r.api.startsWith("(computed by check"));

describe("README input table", () => {
  const rows = readmeInputRows();

  it("documents exactly the inputs of the rules table", () => {
    assert.deepEqual([...rows.keys()].sort(), USER_INPUTS.map((r) => r.path).sort());
  });

  for (const rule of USER_INPUTS) {
    it(`says how a change to ${rule.path} is applied (${rule.kind})`, () => {
      const change = rows.get(rule.path) ?? "";
      assert.match(change, EXPECTED_CHANGE[rule.kind]);
      if (rule.promotion === "replace") assert.match(change, /PROMOTION/);
    });
  }
});
