// Writes schema.json, the native provider's Pulumi package schema, from the zod schemas and the field model
// (provider/native/schema.ts). The SDK generator (sdk-gen/) reads the file; a unit test keeps it current:
//   node --import tsx scripts/gen-schema.ts
import * as fs from "node:fs";
import * as path from "node:path";
import { buildSchema } from "../provider/native/schema";
import { packageVersion } from "../provider/native/version";

const root = path.resolve(
  __dirname,
  "..",
  fs.existsSync(path.join(__dirname, "..", "package.json")) ? "" : "..",
);
export const SCHEMA_FILE = path.join(root, "schema.json");

export function schemaText(): string {
  return `${JSON.stringify(buildSchema(packageVersion(root)), null, 2)}\n`;
}

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`${path.relative(process.cwd(), SCHEMA_FILE)}: written`);
}
