// CPU profiles of either provider at scale (issue 21): an `up` of N discount campaigns without codes, then
// a no-op `pulumi preview` of the same program, each with bench/cpu-profile-preload.js preloaded so every node
// process the CLI starts (the program under ts-node, the dynamic-provider host or the native plugin) writes a
// .cpuprofile.
// bench/profile-summary.ts then reduces each profile to shares by phase and the top self-time functions. Last,
// the no-op preview unprofiled in three variants (as is, without the stack traces of property promises, without
// any stack trace), and `pulumi refresh` 3 times with the requests it sends. Everything is appended to
// bench/results/profile-runs.md; bench/results/profile.md reads it.
// The machine is shared, so read shares, not seconds.
//
// Usage: npm run build && node --import tsx bench/profile.ts [--campaigns N] [--label TEXT] [--keep]
//                                                         [--phases up,preview,experiment,refresh]
//                                                         [--provider dynamic|native]
//   --provider native declares the native Campaign, served by the benchmark's build of the plugin (bench/plugin,
//              a node script, so the preload profiles it as it does the dynamic-provider host)
//   --keep    leaves the .cpuprofile files (in a temporary folder, printed) for Chrome DevTools / speedscope
//   --phases  what to run (default all); `refresh` runs `pulumi refresh` 3 times and counts its requests
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { offlineEnv, runPulumi } from "../scripts/pulumi-cli";
import { APP_ID, SECRET_KEY } from "../test/helpers/emulator";
import { type EmulatorProcess, startEmulatorProcess } from "./emulator-process";
import { appendRun, median, option } from "./options";
import { type ProcessSummary, renderSummary, summarizeProfile } from "./profile-summary";

const PROGRAM_DIR = path.join(__dirname, "program");
const STACK = "profile";
const PRELOAD = path.join(__dirname, "cpu-profile-preload.js");

/** The profiles one command wrote, one per node process, summarised (the empty ones of short helpers dropped). */
function summarize(dir: string): ProcessSummary[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => summarizeProfile(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))))
    .filter((s) => s.totalMs > 200)
    .sort((a, b) => a.process.localeCompare(b.process));
}

const TIME = fs.existsSync("/usr/bin/time") ? ["/usr/bin/time", "-f", "BENCH-CPU %U %S"] : undefined;

/**
 * The no-op preview unprofiled, 3 times in each variant, interleaved (the machine's load drifts): as is, without
 * the stack traces @pulumi/pulumi captures for every promise of every registered property, and without any stack
 * trace at all (see bench/results/profile.md). Medians of wall time and of CPU (the CLI and all it started).
 */
async function stackTraceExperiment(
  preview: (extra: Record<string, string>) => Promise<{ stderr: string }>,
): Promise<string> {
  const variants: Record<string, Record<string, string>> = {
    "as is": {},
    "no stack traces for property promises (rpc.js transferProperties)": { BENCH_NO_PROPERTY_STACKS: "1" },
    "Error.stackTraceLimit = 0 everywhere": { BENCH_STACK_TRACE_LIMIT: "0" },
  };
  const runs = new Map(Object.keys(variants).map((v) => [v, { wall: [] as number[], cpu: [] as number[] }]));
  for (let i = 0; i < 3; i++) {
    for (const [variant, env] of Object.entries(variants)) {
      const r = runs.get(variant) ?? { wall: [], cpu: [] };
      const started = performance.now();
      const { stderr } = await preview({ NODE_OPTIONS: `--require ${PRELOAD}`, ...env });
      r.wall.push((performance.now() - started) / 1000);
      const cpu = /BENCH-CPU ([\d.]+) ([\d.]+)/.exec(stderr);
      if (cpu) r.cpu.push(Number(cpu[1]) + Number(cpu[2]));
    }
  }
  const rows = [...runs].map(
    ([variant, r]) =>
      `| ${variant} | ${median(r.wall).toFixed(2)} s (${r.wall.map((w) => w.toFixed(1)).join(", ")}) | ` +
      `${r.cpu.length > 0 ? `${median(r.cpu).toFixed(2)} s` : "–"} |`,
  );
  return [
    "#### no-op preview, unprofiled: the cost of per-promise stack traces\n",
    "| variant | wall, median (runs) | CPU of the CLI and its children, median |",
    "|---|---:|---:|",
    ...rows,
    "",
  ].join("\n");
}

/** `pulumi refresh` of the untouched stack 3 times, unprofiled (it must find no change): wall time and requests. */
async function refreshes(emulator: EmulatorProcess, refresh: () => Promise<unknown>): Promise<string> {
  const rows: string[] = [];
  for (let i = 0; i < 3; i++) {
    await emulator.clearRequests();
    const started = performance.now();
    await refresh();
    const seconds = (performance.now() - started) / 1000;
    const kinds = new Map<string, number>();
    for (const r of await emulator.requests()) {
      if (!r.path.startsWith("/v1/")) continue;
      const kind = `${r.method} ${r.path.replace(/\/camp_[A-Za-z0-9]+/, "/{id}")}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const total = [...kinds.values()].reduce((a, b) => a + b, 0);
    const calls = [...kinds].map(([k, n]) => `${n}× ${k}`).join(", ");
    console.error(`refresh: ${seconds.toFixed(1)} s, ${total} requests`);
    rows.push(`| ${seconds.toFixed(2)} s | ${total} | ${calls || "none"} |`);
  }
  return [
    "#### refresh, unprofiled\n",
    "| wall | /v1 requests | requests |",
    "|---:|---:|---|",
    ...rows,
    "",
  ].join("\n");
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const campaigns = Number(option(argv, "--campaigns") ?? "200");
  const label = option(argv, "--label") ?? "";
  const phases = new Set((option(argv, "--phases") ?? "up,preview,experiment,refresh").split(","));
  const native = option(argv, "--provider") === "native";
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-voucherify-profile-"));
  const emulator = await startEmulatorProcess(["--latency-ms", "50"]);
  const env = {
    ...offlineEnv(stateDir),
    ...(native
      ? { PATH: `${path.join(__dirname, "plugin")}${path.delimiter}${process.env.PATH ?? ""}` }
      : {}),
  };
  const run = (args: string[], extra: Record<string, string> = {}, input?: string, prefix?: string[]) =>
    runPulumi(args, { cwd: PROGRAM_DIR, env: { ...env, ...extra }, input, prefix });
  const sections: string[] = [];
  try {
    await run(["stack", "select", "--create", STACK]);
    await run(["config", "set", "voucherify:apiUrl", emulator.url]);
    await run(["config", "set", "voucherify:applicationId", APP_ID]);
    await run(["config", "set", "--secret", "voucherify:secretKey"], {}, SECRET_KEY);
    const program = {
      BENCH_CAMPAIGNS: String(campaigns),
      BENCH_CODES: "0",
      ...(native ? { BENCH_PROVIDER: "native" } : {}),
    };
    if (!phases.has("up")) await run(["up", "--yes", "--skip-preview"], program);
    for (const [phase, args] of [
      ["up", ["up", "--yes", "--skip-preview"]],
      ["no-op preview", ["preview"]],
    ] as const) {
      if (!phases.has(phase === "up" ? "up" : "preview")) continue;
      const dir = path.join(stateDir, "profiles", phase.replace(/\W+/g, "-"));
      fs.mkdirSync(dir, { recursive: true });
      await emulator.clearRequests();
      const started = performance.now();
      await run([...args], { ...program, NODE_OPTIONS: `--require ${PRELOAD}`, BENCH_CPU_PROF_DIR: dir });
      const seconds = (performance.now() - started) / 1000;
      const requests = (await emulator.requests()).filter((r) => r.path.startsWith("/v1/")).length;
      console.error(`${phase}: ${seconds.toFixed(1)} s, ${requests} requests`);
      sections.push(
        `#### ${phase} (${seconds.toFixed(1)} s wall, ${requests} /v1 requests)\n\n` +
          summarize(dir).map(renderSummary).join("\n"),
      );
    }
    if (phases.has("experiment")) {
      sections.push(
        await stackTraceExperiment((extra) => run(["preview"], { ...program, ...extra }, undefined, TIME)),
      );
    }
    if (phases.has("refresh")) {
      sections.push(
        await refreshes(emulator, () =>
          run(["refresh", "--yes", "--skip-preview", "--expect-no-changes"], program),
        ),
      );
    }
    await run(["destroy", "--yes", "--skip-preview"], program).catch(() => undefined);
  } finally {
    await emulator.close();
    fs.rmSync(path.join(PROGRAM_DIR, `Pulumi.${STACK}.yaml`), { force: true });
    if (argv.includes("--keep")) console.error(`profiles kept in ${stateDir}/profiles`);
    else fs.rmSync(stateDir, { recursive: true, force: true });
  }
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  const text =
    `### ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC${label ? ` — ${label}` : ""}\n\n` +
    `Commit ${commit}; ${native ? "native" : "dynamic"} Campaign; ${campaigns} DISCOUNT_COUPONS campaigns, ` +
    `no codes; emulator --latency-ms 50; ` +
    `${os.cpus().length} cores, load ${load}.\n\n${sections.join("\n")}\n`;
  appendRun("profile-runs.md", "CPU profile runs (`bench/profile.ts`)", text);
  console.log(text);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
