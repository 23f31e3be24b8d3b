// Regenerates test/fixtures/voucherify/openapi.json, the trimmed copy of Voucherify's OpenAPI document that the
// contract tests validate emulator responses against:
//
//   node --import tsx scripts/trim-openapi.ts <full readOnly-openAPI.json> [output]
//
// Kept: the paths listed in test/fixtures/voucherify/openapi-paths.json (every method), the components they
// reach through `$ref` (transitively), the security schemes and the `Error` schema the validator needs. Dropped:
// prose (descriptions, summaries, titles), examples, vendor extensions (`x-*`), tags and external docs, so the
// copy holds structure only. The source and its licence are named in test/fixtures/voucherify/README.md.
import * as fs from "node:fs";
import * as path from "node:path";

type Node = Record<string, unknown>;

const PROSE_KEYS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
  "tags",
]);
/** Keys whose object values are maps of user-chosen names (a property may be called "description"). */
const NAME_MAPS = new Set(["properties", "schemas", "responses", "content", "paths", "securitySchemes"]);
/** Schemas the validator reads by name, whatever the kept paths reference. */
const ALWAYS_KEPT = ["#/components/schemas/Error"];

function isObject(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Structure only: drops prose and vendor extensions, except where keys are names (property maps). */
export function stripProse(value: unknown, parentKey = ""): unknown {
  if (Array.isArray(value)) return value.map((item) => stripProse(item));
  if (!isObject(value)) return value;
  const namesOnly = NAME_MAPS.has(parentKey);
  const out: Node = {};
  for (const [key, child] of Object.entries(value)) {
    if (!namesOnly && (PROSE_KEYS.has(key) || key.startsWith("x-"))) continue;
    out[key] = stripProse(child, namesOnly ? "" : key);
  }
  return out;
}

function collectRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string") into.add(child);
      else collectRefs(child, into);
    }
  }
}

function resolvePointer(root: Node, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${ref}`);
  let cur: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(cur) || !(seg in cur)) throw new Error(`unresolved $ref ${ref}`);
    cur = cur[seg];
  }
  return cur;
}

export function trimSpec(spec: Node, keepPaths: readonly string[]): Node {
  const allPaths = spec.paths as Node;
  const paths: Node = {};
  for (const p of keepPaths) {
    if (!(p in allPaths)) throw new Error(`path ${p} is not in the source document`);
    paths[p] = allPaths[p];
  }
  // Transitive closure of the $refs reachable from the kept paths.
  const seen = new Set<string>();
  const queue = new Set<string>(ALWAYS_KEPT);
  collectRefs(paths, queue);
  while (queue.size > 0) {
    const [ref] = queue;
    queue.delete(ref as string);
    if (seen.has(ref as string)) continue;
    seen.add(ref as string);
    const found = new Set<string>();
    collectRefs(resolvePointer(spec, ref as string), found);
    for (const r of found) if (!seen.has(r)) queue.add(r);
  }
  const components: Node = {};
  const source = spec.components as Node;
  for (const ref of [...seen].sort()) {
    const [, , group, name] = ref.split("/");
    if (group === undefined || name === undefined) continue;
    if (components[group] === undefined) components[group] = {};
    const target = components[group] as Node;
    target[name.replace(/~1/g, "/").replace(/~0/g, "~")] = resolvePointer(spec, ref);
  }
  if (isObject(source.securitySchemes)) components.securitySchemes = source.securitySchemes;
  const info = spec.info as Node;
  return stripProse({
    openapi: spec.openapi,
    info: { title: info.title, version: info.version, license: info.license },
    servers: spec.servers,
    paths,
    components,
  }) as Node;
}

function main(): void {
  const [source, output] = process.argv.slice(2);
  if (source === undefined) {
    console.error("usage: node --import tsx scripts/trim-openapi.ts <full readOnly-openAPI.json> [output]");
    process.exit(2);
  }
  const fixtures = path.resolve(__dirname, "..", "test", "fixtures", "voucherify");
  const keep = JSON.parse(fs.readFileSync(path.join(fixtures, "openapi-paths.json"), "utf8")) as string[];
  const spec = JSON.parse(fs.readFileSync(source, "utf8")) as Node;
  const trimmed = trimSpec(spec, keep);
  const target = output ?? path.join(fixtures, "openapi.json");
  fs.writeFileSync(target, `${JSON.stringify(trimmed, null, 1)}\n`);
  const schemas = Object.keys(((trimmed.components as Node).schemas ?? {}) as Node).length;
  console.log(`${target}: ${keep.length} paths, ${schemas} schemas, ${fs.statSync(target).size} bytes`);
}

if (require.main === module) main();
