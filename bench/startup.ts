// Benchmark: how long a provider plugin takes to start, from spawning it (given an engine address, which none dials
// at start) until it prints its gRPC port, the moment the engine can talk to it. Median of STARTS starts each:
// - the packaged plugin (scripts/package-plugin.ts: one executable, Node.js and the bundle inside), built first;
// - today's launcher, `pulumi-resource-voucherify` of node_modules/.bin (Node.js loading dist/ module by module);
// - `pulumi-resource-pulumi-nodejs`, the SDK's launcher of the dynamic-provider host, for comparison.
// Never part of npm test. Each run is appended to bench/results/startup.md.
//
// Usage: npm run bench:startup [-- --also "<label>=<command>" …]   (--also: more plugins, e.g. another build's)
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packagePlugin } from "../scripts/package-plugin";

export const STARTS = 7;
const repoRoot = path.resolve(__dirname, "..");

/** Milliseconds from spawn until the first line of stdout (the port). */
export function startupMs(command: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const began = process.hrtime.bigint();
    // Its own process group: a launcher may be a shell script that starts node, and both must end.
    const child = spawn(command, ["127.0.0.1:1"], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "ignore"],
      detached: true,
    });
    child.stdout.once("data", () => {
      resolve(Number(process.hrtime.bigint() - began) / 1e6);
      child.removeAllListeners("exit");
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`${command} exited with ${code} before printing its port`)));
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** The start-up times of STARTS starts, one after the other. */
export async function startups(command: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) times.push(await startupMs(command));
  return times;
}

async function main() {
  const { executable } = await packagePlugin();
  const plugins = {
    "packaged plugin (single executable)": executable,
    "today's plugin (node_modules/.bin launcher)": path.join(
      repoRoot,
      "node_modules",
      ".bin",
      "pulumi-resource-voucherify",
    ),
    "dynamic-provider host (pulumi-resource-pulumi-nodejs)": path.join(
      repoRoot,
      "node_modules",
      "@pulumi",
      "pulumi",
      "pulumi-resource-pulumi-nodejs",
    ),
  };
  for (let i = process.argv.indexOf("--also"); i >= 0; i = process.argv.indexOf("--also", i + 1)) {
    const [label, command] = (process.argv[i + 1] ?? "").split("=");
    if (label && command) (plugins as Record<string, string>)[label] = command;
  }
  // One unmeasured start each warms the file caches.
  for (const command of Object.values(plugins)) await startupMs(command);
  const rows: string[] = [];
  for (const [name, command] of Object.entries(plugins)) {
    const times = await startups(command);
    const list = times.map((t) => Math.round(t)).join(", ");
    rows.push(`| ${name} | ${(median(times) / 1000).toFixed(2)} s | ${list} |`);
  }
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  const report = [
    `### ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `Node ${process.version}, ${os.cpus().length} cores, load ${load} at the end; median of ${STARTS} starts until the port is printed.`,
    "",
    "| plugin | median | each start (ms) |",
    "|---|---:|---|",
    ...rows,
    "",
  ].join("\n");
  console.log(report);
  fs.appendFileSync(path.join(repoRoot, "bench", "results", "startup.md"), `${report}\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
