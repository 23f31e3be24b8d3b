// Builds the self-contained plugin archive `dist/plugin/pulumi-resource-voucherify-v<version>-<platform>.tar.gz`
// (`npm run package:plugin`), which `pulumi plugin install resource voucherify <version> --file <archive>` accepts:
//   1. esbuild bundles the plugin (provider/native/main.ts) into one CommonJS file that reads no file at run time:
//      the protocol modules come in as code, the version is written in (provider/native/bundle-globals.d.ts);
//   2. Node's single-executable applications turn it into one executable: a copy of a `node` binary with the
//      bundle injected by postject (`--experimental-sea-config`, sentinel fuse, no experimental warning);
//   3. a gzip tar holds the executable at its root (mode 0755), LICENSE and THIRD-PARTY-NOTICES, and no
//      PulumiPlugin.yaml (the CLI would take the archive for a language plugin).
// Flags: `--platform <p>` (one of PLATFORMS) with `--node <path>`, a Node 20+ binary for that platform (default:
// this machine's platform and its own node). Only linux-amd64 is built and tested here; the others are written
// down for a release job that has those binaries (macOS also needs `codesign` after injection, not done here).
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as esbuild from "esbuild";
import { packageVersion } from "../provider/native/version";

export const PLUGIN_NAME = "pulumi-resource-voucherify";
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

/** The platforms a release builds, in Pulumi's names, and their executable's file name. */
export const PLATFORMS = {
  "linux-amd64": PLUGIN_NAME,
  "linux-arm64": PLUGIN_NAME,
  "darwin-amd64": PLUGIN_NAME,
  "darwin-arm64": PLUGIN_NAME,
  "windows-amd64": `${PLUGIN_NAME}.exe`,
} as const;
export type Platform = keyof typeof PLATFORMS;

const root = path.resolve(
  __dirname,
  "..",
  fs.existsSync(path.join(__dirname, "..", "package.json")) ? "" : "..",
);

export function archiveName(version: string, platform: Platform): string {
  return `${PLUGIN_NAME}-v${version}-${platform}.tar.gz`;
}

/** This machine's platform in Pulumi's names. */
export function hostPlatform(): Platform {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const name = `${os}-${arch}`;
  if (!(name in PLATFORMS)) throw new Error(`no plugin archive for ${name}`);
  return name as Platform;
}

/**
 * node-fetch tries `require("encoding")` (an optional package, absent here) when it loads. In a single executable
 * that require would make Node warn on every start; bundled as a module that throws, it fails the same way, quietly.
 */
const absentOptional: esbuild.Plugin = {
  name: "absent-optional",
  setup(build) {
    build.onResolve({ filter: /^encoding$/ }, (args) => ({ path: args.path, namespace: "absent" }));
    build.onLoad({ filter: /.*/, namespace: "absent" }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not bundled`)});`,
      loader: "js",
    }));
  },
};

/** Bundles the plugin into `file`; returns the packages it took code from (for the notices). */
export async function bundlePlugin(file: string, version: string): Promise<string[]> {
  const result = await esbuild.build({
    stdin: {
      contents: 'require("./provider/native/main").startPlugin();',
      resolveDir: root,
      sourcefile: "plugin-entry.js",
      loader: "js",
    },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile: file,
    minify: true,
    keepNames: true,
    legalComments: "none",
    metafile: true,
    logLevel: "error",
    define: { PULUMI_VOUCHERIFY_VERSION: JSON.stringify(version) },
    plugins: [absentOptional],
  });
  const packages = new Set<string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m?.[1] !== undefined) packages.add(m[1]);
  }
  return [...packages].sort();
}

/** The license texts of the bundled packages, one section each. */
function thirdPartyNotices(packages: string[]): string {
  const sections = packages.map((name) => {
    const dir = path.join(root, "node_modules", name);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
      version: string;
      license?: string;
    };
    const licenseFile = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = licenseFile
      ? fs.readFileSync(path.join(dir, licenseFile), "utf8").trim()
      : "(no license file)";
    return `${name}@${pkg.version} (${pkg.license ?? "see text"})\n\n${text}\n`;
  });
  const head = `${PLUGIN_NAME} is the Node.js runtime (license: LICENSE of nodejs/node) with code of these packages:`;
  return `${head}\n\n${sections.join(`\n${"-".repeat(78)}\n\n`)}`;
}

/** Runs a tool; its output is shown only when it fails. */
function quietly(file: string, args: string[]): void {
  const run = spawnSync(file, args, { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${path.basename(file)} failed:\n${run.stdout}${run.stderr}`);
}

/** A copy of `nodeBinary` with the bundle injected as a single-executable application. */
function buildExecutable(bundle: string, nodeBinary: string, out: string, work: string): void {
  const seaConfig = path.join(work, "sea-config.json");
  const blob = path.join(work, "sea-prep.blob");
  fs.writeFileSync(
    seaConfig,
    JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }),
  );
  // The blob is made by the node that runs it (its code cache is tied to that binary's V8).
  quietly(nodeBinary, ["--experimental-sea-config", seaConfig]);
  fs.copyFileSync(nodeBinary, out);
  fs.chmodSync(out, 0o755);
  const postject = require.resolve("postject/dist/cli.js", { paths: [root] });
  // postject warns about ELF note sections it cannot name; harmless, so only a failure shows its output.
  quietly(process.execPath, [postject, out, "NODE_SEA_BLOB", blob, "--sentinel-fuse", SEA_FUSE]);
}

export interface PackagedPlugin {
  archive: string;
  executable: string;
  version: string;
}

/** Bundles, builds the executable and writes the archive; returns their paths. */
export async function packagePlugin(
  opts: { platform?: Platform; node?: string; outDir?: string } = {},
): Promise<PackagedPlugin> {
  const version = packageVersion(root);
  const platform = opts.platform ?? hostPlatform();
  const nodeBinary = opts.node ?? process.execPath;
  const outDir = opts.outDir ?? path.join(root, "dist", "plugin");
  const work = path.join(outDir, `${platform}.work`);
  const staging = path.join(work, "archive");
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });

  const bundle = path.join(work, "plugin.cjs");
  const packages = await bundlePlugin(bundle, version);
  const executable = path.join(staging, PLATFORMS[platform]);
  buildExecutable(bundle, nodeBinary, executable, work);
  fs.copyFileSync(path.join(root, "LICENSE"), path.join(staging, "LICENSE"));
  fs.writeFileSync(path.join(staging, "THIRD-PARTY-NOTICES"), thirdPartyNotices(packages));

  const archive = path.join(outDir, archiveName(version, platform));
  execFileSync("tar", [
    "-czf",
    archive,
    "-C",
    staging,
    "--owner=0",
    "--group=0",
    "--numeric-owner",
    PLATFORMS[platform],
    "LICENSE",
    "THIRD-PARTY-NOTICES",
  ]);
  return { archive, executable, version };
}

if (require.main === module) {
  const arg = (flag: string) => {
    const i = process.argv.indexOf(flag);
    return i < 0 ? undefined : process.argv[i + 1];
  };
  const platform = arg("--platform");
  if (platform !== undefined && !(platform in PLATFORMS)) {
    console.error(`--platform: one of ${Object.keys(PLATFORMS).join(", ")}`);
    process.exit(2);
  }
  const started = Date.now();
  packagePlugin({ platform: platform as Platform | undefined, node: arg("--node") }).then(
    (p) => console.log(`${path.relative(process.cwd(), p.archive)}: written in ${Date.now() - started} ms`),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
