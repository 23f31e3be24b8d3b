// Proves the download path offline: the Go example (examples/native-go), whose SDK names the plugin's server
// (`github://api.github.com/pulumi-voucherify`, schema.json's pluginDownloadURL), runs `up` and `destroy` in a fresh
// PULUMI_HOME with the plugin installed nowhere and absent from PATH. PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES sends
// the engine's download to a local HTTP server holding the archive of `npm run package:plugin`, as a mirror would.
// Slow (the Go program compiles, minutes the first time); not part of npm test:
//   node --import tsx scripts/plugin-download-check.ts
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import { PLUGIN_DOWNLOAD_URL } from "../provider/native/schema";
import { packagePlugin } from "./package-plugin";
import { offlineEnv, runPulumi } from "./pulumi-cli";

const root = path.resolve(
  __dirname,
  "..",
  fs.existsSync(path.join(__dirname, "..", "package.json")) ? "" : "..",
);

async function main(): Promise<void> {
  const { archive, version } = await packagePlugin();
  const served: string[] = [];
  const server = http.createServer((req, res) => {
    served.push(`${req.method} ${req.url}`);
    const file = path.join(path.dirname(archive), path.basename(req.url ?? ""));
    if (req.method !== "GET" || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/gzip", "content-length": fs.statSync(file).size });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const emulator = await startEmulator({ port: 0, appId: "download-app", secretKey: "download-key" });
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-voucherify-download-"));
  const go = path.dirname(fs.realpathSync(process.env.GO ?? "/usr/local/go/bin/go"));
  const env = {
    ...offlineEnv(state),
    // Downloads allowed, to the mirror only; the plugin is on no PATH (only Go's and the engine's folders are).
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false",
    PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: `^${PLUGIN_DOWNLOAD_URL.replace(/[.]/g, "\\.")}=${mirror}`,
    PATH: go,
    GOTOOLCHAIN: "local",
    VOUCHERIFY_API_URL: emulator.url,
    VOUCHERIFY_APP_ID: "download-app",
    VOUCHERIFY_SECRET_KEY: "download-key",
    VOUCHERIFY_TIME_UNIT_MS: "10",
  };
  const cwd = path.join(root, "examples", "native-go");
  const run = (args: string[]) =>
    runPulumi(args, { cwd, env, onOutput: (text) => process.stderr.write(text) });
  const began = Date.now();
  try {
    await run(["stack", "init", "download"]);
    await run(["up", "--yes"]);
    const plugins = (await run(["plugin", "ls"])).stdout;
    await run(["destroy", "--yes"]);
    const installed = new RegExp(`voucherify\\s+resource\\s+${version.replace(/\./g, "\\.")}`).test(plugins);
    const fetched = served.some((line) => line.endsWith(path.basename(archive)));
    console.log(`mirror ${mirror} served: ${served.join("; ") || "nothing"}`);
    console.log(
      `plugin installed into the fresh PULUMI_HOME: ${installed}; up and destroy ran in ${(Date.now() - began) / 1000} s`,
    );
    if (!installed || !fetched) process.exitCode = 1;
  } finally {
    await emulator.close();
    server.close();
    fs.rmSync(state, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
