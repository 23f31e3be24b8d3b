// Rewrites the README's input tables from the field model (provider/campaign/fields.ts) and from the rows of the
// referenced kinds (provider/resources/*/kind.ts):
//   node --import tsx scripts/readme-inputs.ts
import * as fs from "node:fs";
import * as path from "node:path";
import { INPUT_TABLE_END, INPUT_TABLE_START, inputTableMarkdown } from "../provider/campaign/fields-doc";
import { referencedTables } from "../provider/resources/readme-tables";

const readmePath = path.resolve(__dirname, "..", "README.md");
let readme = fs.readFileSync(readmePath, "utf8");
const tables = [
  { start: INPUT_TABLE_START, end: INPUT_TABLE_END, markdown: inputTableMarkdown() },
  ...referencedTables(),
];
for (const t of tables) {
  const start = readme.indexOf(t.start);
  const end = readme.indexOf(t.end);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${t.start} … ${t.end}`);
  readme = `${readme.slice(0, start + t.start.length)}\n${t.markdown}\n${readme.slice(end)}`;
}
fs.writeFileSync(readmePath, readme);
console.log(`README.md: ${tables.length} input tables regenerated`);
