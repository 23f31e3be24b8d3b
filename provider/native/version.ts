// The package's version, which is also the plugin's and the schema's: written in by the bundler in the packaged
// plugin (./bundle-globals.d.ts), otherwise read from the package.json above this file (provider/native in the
// sources, dist/provider/native once built).
import * as fs from "node:fs";
import * as path from "node:path";

export function packageVersion(from = __dirname): string {
  if (typeof PULUMI_VOUCHERIFY_VERSION === "string") return PULUMI_VOUCHERIFY_VERSION;
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file))
      return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
