// The README's input tables are generated from the field model and the rows the plans follow, so the docs cannot
// promise an update where the provider replaces. Regenerate them with `node --import tsx scripts/readme-inputs.ts`.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { INPUT_TABLE_END, INPUT_TABLE_START, inputTableMarkdown } from "../../provider/campaign/fields-doc";
import { referencedTables } from "../../provider/resources/readme-tables";

const tables = [
  { kind: "Campaign", start: INPUT_TABLE_START, end: INPUT_TABLE_END, markdown: inputTableMarkdown() },
  ...referencedTables().map((t) => ({ ...t, kind: t.start.split(" ")[2] })),
];

describe("README input tables", () => {
  for (const t of tables) {
    it(`${t.kind}: is the table generated from its rows`, () => {
      const readme = fs.readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");
      const start = readme.indexOf(t.start);
      const end = readme.indexOf(t.end);
      assert.ok(start >= 0 && end > start, "the README has the table markers");
      const table = readme.slice(start + t.start.length, end).trim();
      assert.equal(table, t.markdown, "run: node --import tsx scripts/readme-inputs.ts");
    });
  }
});
