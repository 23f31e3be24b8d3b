// Rewrites the README's input table from the field model (provider/campaign/fields.ts):
//   node --import tsx scripts/readme-inputs.ts
import * as fs from "node:fs";
import * as path from "node:path";
import { INPUT_TABLE_END, INPUT_TABLE_START, inputTableMarkdown } from "../provider/campaign/fields-doc";

const readmePath = path.resolve(__dirname, "..", "README.md");
const readme = fs.readFileSync(readmePath, "utf8");
const start = readme.indexOf(INPUT_TABLE_START);
const end = readme.indexOf(INPUT_TABLE_END);
if (start < 0 || end < start)
  throw new Error(`README.md needs the markers ${INPUT_TABLE_START} … ${INPUT_TABLE_END}`);
const next = `${readme.slice(0, start + INPUT_TABLE_START.length)}\n${inputTableMarkdown()}\n${readme.slice(end)}`;
fs.writeFileSync(readmePath, next);
console.log("README.md: input table regenerated");
