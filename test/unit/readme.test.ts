// The README's input table is generated from the field model the plan follows, so the docs cannot promise an
// update where the provider replaces. Regenerate it with `node --import tsx scripts/readme-inputs.ts`.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { INPUT_TABLE_END, INPUT_TABLE_START, inputTableMarkdown } from "../../provider/campaign/fields-doc";

describe("README input table", () => {
  it("is the table generated from the field model", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");
    const start = readme.indexOf(INPUT_TABLE_START);
    const end = readme.indexOf(INPUT_TABLE_END);
    assert.ok(start >= 0 && end > start, "the README has the table markers");
    const table = readme.slice(start + INPUT_TABLE_START.length, end).trim();
    assert.equal(table, inputTableMarkdown(), "run: node --import tsx scripts/readme-inputs.ts");
  });
});
