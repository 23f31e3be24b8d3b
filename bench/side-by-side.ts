// Side-by-side benchmark (`npm run bench:compare`): the same work done by a hand-written @voucherify/sdk script
// and by `pulumi up`, in one run, against one emulator process with the same settings (50 ms latency, the
// Business plan's 100 requests per minute as `--rate-limit`, so every answer carries the rate-limit headers).
//
//   SDK script     every campaign concurrently: create, import its codes, poll the import (250 ms × 1.5)
//   pulumi up      the same declaration (bench/program) through the plain CLI: `pulumi up --yes --skip-preview`,
//                  what pipelines and the Automation API run
//   empty preview  `pulumi preview` of the program with no campaigns: the engine's fixed cost
//   no-op preview  `pulumi preview` of the 20 campaigns right after the up
//   native         the same up and no-op preview with the native Campaign (`pulumi-voucherify/native`, served by
//                  the pulumi-resource-voucherify plugin from node_modules/.bin), in a stack of its own
//   provider host  the dynamic-provider launcher the engine starts (`pulumi-resource-pulumi-nodejs`, then
//                  @pulumi/pulumi's host), timed until it stops for want of an engine address: the start-up
//                  every program with a dynamic resource pays and no provider code runs in
//   limiter        1 campaign of 150 codes, then 120 of them disabled (120 per-code calls) on an emulator
//                  with the same settings: more requests than the minute allows, so the provider's rate
//                  limiter has to wait for the next window; any 429 is counted
//
// The emulator is reset between the script and each up (a fresh rate-limit window and no campaigns each).
// The script's time is the work alone, measured in this process; the CLI's times are whole commands.
// Ratios: (up − empty preview) / script (goal ≤ 1.3), no-op preview / empty preview (goal ≤ 1.2), and the
// requests of both. Each run is appended to bench/results/side-by-side.md.
//
// Usage: npm run bench:compare -- [--label TEXT] [--parallel N] [--skip-checkpoints] [--no-limiter]
//                                 [--no-native] [--campaigns N] [--codes N]
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { VoucherifyServerSide } from "@voucherify/sdk";
import { findEngine, offlineEnv, runPulumi } from "../scripts/pulumi-cli";
import { APP_ID, type LoggedRequest, SECRET_KEY } from "../test/helpers/emulator";
import { pluginPath } from "../test/helpers/native";
import { type EmulatorProcess, startEmulatorProcess } from "./emulator-process";
import { appendRun } from "./options";

const LATENCY_MS = 50;
const RATE_LIMIT = 100;
const EMULATOR_FLAGS = ["--latency-ms", String(LATENCY_MS), "--rate-limit", String(RATE_LIMIT)];
const PROGRAM_DIR = path.join(__dirname, "program");
const TIME = "/usr/bin/time";

interface Options {
  label: string;
  parallel?: number;
  skipCheckpoints: boolean;
  limiter: boolean;
  native: boolean;
  campaigns: number;
  codes: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    label: "",
    skipCheckpoints: false,
    limiter: true,
    native: true,
    campaigns: 20,
    codes: 1000,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => argv[++i] ?? "";
    if (arg === "--label") options.label = next();
    else if (arg === "--parallel") options.parallel = Number(next());
    else if (arg === "--skip-checkpoints") options.skipCheckpoints = true;
    else if (arg === "--no-limiter") options.limiter = false;
    else if (arg === "--no-native") options.native = false;
    else if (arg === "--campaigns") options.campaigns = Number(next());
    else if (arg === "--codes") options.codes = Number(next());
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { seconds: (performance.now() - started) / 1000, result };
}

/** The hand-written script: every campaign at once, create → import → poll with 250 ms × 1.5 backoff. */
async function sdkScript(url: string, campaigns: number, codes: number): Promise<void> {
  const client = VoucherifyServerSide({ applicationId: APP_ID, secretKey: SECRET_KEY, apiUrl: url });
  await Promise.all(
    Array.from({ length: campaigns }, async (_, c) => {
      const campaign = await client.campaigns.create({
        name: `sdk ${c}`,
        campaign_type: "DISCOUNT_COUPONS",
        type: "AUTO_UPDATE",
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percent_off: 5 } },
      } as Parameters<typeof client.campaigns.create>[0]);
      const items = Array.from({ length: codes }, (_, i) => ({
        code: `SDK-${c}-${String(i).padStart(6, "0")}`,
        metadata: { batch: "a" },
      }));
      const started = await client.campaigns.importVouchers(campaign.id, items);
      for (let delay = 250; ; delay *= 1.5) {
        await sleep(delay);
        const action = await client.asyncActions.get(started.async_action_id);
        if (action.status === "DONE") return;
        if (action.status === "FAILED") throw new Error(`import of campaign ${c} failed`);
      }
    }),
  );
}

/** "2× GET /v1/async-actions/{id}, …": the requests of a phase by kind. */
function describeRequests(log: LoggedRequest[]): string {
  const kinds = new Map<string, number>();
  for (const r of log) {
    const key = `${r.method} ${r.path.replace(/\/(camp|aa)_[A-Za-z0-9]+/, "/{id}").replace(/\/vouchers\/[^/]+(\/|$)/, "/vouchers/{code}$1")}${r.status === 429 ? " → 429" : ""}`;
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
  }
  return [...kinds].map(([k, n]) => (n > 1 ? `${n}× ${k}` : k)).join(", ") || "none";
}

interface Row {
  what: string;
  seconds: number;
  /** CPU time of the client: the script's own process, or the CLI with every process it started. */
  cpuSeconds: number | undefined;
  requests: number | undefined;
  tooMany: number;
  calls: string;
}

class Cli {
  readonly stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-voucherify-bench-"));
  readonly env: Record<string, string>;

  constructor(
    private readonly options: Options,
    private readonly stack: string,
    extraEnv: Record<string, string> = {},
  ) {
    this.env = { ...offlineEnv(this.stateDir), ...extraEnv };
    if (options.skipCheckpoints) this.env.PULUMI_SKIP_CHECKPOINTS = "true";
  }

  run(args: string[], program: Record<string, number | string> = {}, input?: string) {
    const env = {
      ...this.env,
      ...Object.fromEntries(Object.entries(program).map(([k, v]) => [k, String(v)])),
    };
    return runPulumi(args, { cwd: PROGRAM_DIR, env, input });
  }

  /** Runs a timed command; resolves to the CPU seconds of the CLI and its descendants (when /usr/bin/time exists). */
  async runTimed(args: string[], program: Record<string, number | string>): Promise<number | undefined> {
    const env = {
      ...this.env,
      ...Object.fromEntries(Object.entries(program).map(([k, v]) => [k, String(v)])),
    };
    const prefix = fs.existsSync(TIME) ? [TIME, "-f", "BENCH-CPU %U %S"] : [];
    const { stderr } = await runPulumi(args, { cwd: PROGRAM_DIR, env, prefix });
    const cpu = /BENCH-CPU ([\d.]+) ([\d.]+)/.exec(stderr);
    return cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined;
  }

  async open(emulator: EmulatorProcess): Promise<void> {
    await this.run(["stack", "select", "--create", this.stack]);
    await this.run(["config", "set", "voucherify:apiUrl", emulator.url, "--stack", this.stack]);
    await this.run(["config", "set", "voucherify:applicationId", APP_ID, "--stack", this.stack]);
    await this.run(
      ["config", "set", "--secret", "voucherify:secretKey", "--stack", this.stack],
      {},
      SECRET_KEY,
    );
  }

  parallel(): string[] {
    return this.options.parallel === undefined ? [] : ["--parallel", String(this.options.parallel)];
  }

  up(program: Record<string, number | string>) {
    return this.runTimed(
      ["up", "--yes", "--skip-preview", "--stack", this.stack, ...this.parallel()],
      program,
    );
  }

  preview(program: Record<string, number | string>) {
    return this.runTimed(["preview", "--stack", this.stack, ...this.parallel()], program);
  }

  private closed = false;

  /** Destroys the stack and removes it; once (main closes the dynamic stack early, then again on failure). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.run(["destroy", "--yes", "--skip-preview", "--stack", this.stack]).catch(() => undefined);
    await this.run(["stack", "rm", this.stack, "--yes", "--force"]).catch(() => undefined);
    fs.rmSync(this.stateDir, { recursive: true, force: true });
  }
}

async function measure(
  emulator: EmulatorProcess,
  what: string,
  work: () => Promise<number | undefined>,
  rows: Row[],
): Promise<Row> {
  await emulator.settle();
  await emulator.clearRequests();
  const { seconds, result: cpuSeconds } = await timed(work);
  const log = await emulator.requests();
  const v1 = log.filter((r) => r.path.startsWith("/v1/"));
  const row = {
    what,
    seconds,
    cpuSeconds,
    requests: v1.length,
    tooMany: v1.filter((r) => r.status === 429).length,
    calls: describeRequests(v1),
  };
  rows.push(row);
  console.error(
    `  ${what}: ${seconds.toFixed(2)} s (CPU ${cpuSeconds?.toFixed(2) ?? "?"} s), ${row.requests} requests (${row.calls})`,
  );
  return row;
}

/** The dynamic-provider host's start-up: the launcher run as the engine runs it, minus the engine address. */
async function providerHostStart(): Promise<number | undefined> {
  const launcher = path.join(path.dirname(findEngine()), "pulumi-resource-pulumi-nodejs");
  if (!fs.existsSync(launcher)) return undefined;
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { seconds } = await timed(
      () =>
        new Promise<void>((resolve) => {
          execFile(launcher, [], { cwd: PROGRAM_DIR }, () => resolve());
        }),
    );
    runs.push(seconds);
  }
  return runs.sort((a, b) => a - b)[1];
}

/** The same up and no-op preview with the native Campaign, in a stack of its own on a reset emulator. */
async function nativePhase(
  options: Options,
  emulator: EmulatorProcess,
  program: Record<string, number>,
  rows: Row[],
): Promise<void> {
  await emulator.reset();
  const cli = new Cli(options, "bench-native", { BENCH_PROVIDER: "native", PATH: pluginPath() });
  try {
    await cli.open(emulator);
    await measure(emulator, "pulumi up (native)", () => cli.up(program), rows);
    await measure(emulator, "no-op preview (native)", () => cli.preview(program), rows);
  } finally {
    await cli.close();
  }
}

async function limiterPhase(options: Options, rows: Row[]): Promise<void> {
  const emulator = await startEmulatorProcess(EMULATOR_FLAGS);
  const cli = new Cli(options, "limiter");
  try {
    await cli.open(emulator);
    const program = { BENCH_CAMPAIGNS: 1, BENCH_CODES: 150, BENCH_PREFIX: "LIM" };
    await measure(emulator, "limiter: create 1 campaign × 150 codes", () => cli.up(program), rows);
    await measure(
      emulator,
      `limiter: disable 120 codes (over the ${RATE_LIMIT}/min budget)`,
      () => cli.up({ ...program, BENCH_DISABLED: 120 }),
      rows,
    );
  } finally {
    await cli.close();
    await emulator.close();
  }
}

function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

function cpuBeyond(row: Row, base: Row): string {
  return row.cpuSeconds === undefined || base.cpuSeconds === undefined
    ? "?"
    : `${(row.cpuSeconds - base.cpuSeconds).toFixed(2)} s`;
}

function report(options: Options, rows: Row[], hostSeconds: number | undefined): string {
  const get = (what: string) => rows.find((r) => r.what === what);
  const sdk = get("SDK script");
  const up = get("pulumi up");
  const empty = get("empty preview");
  const noop = get("no-op preview");
  const nativeUp = get("pulumi up (native)");
  const nativeNoop = get("no-op preview (native)");
  const lines = [
    `### ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC${options.label ? ` — ${options.label}` : ""}`,
    "",
    `Commit ${gitCommit()}; ${options.campaigns} campaigns × ${options.codes} codes; emulator --latency-ms ` +
      `${LATENCY_MS} --rate-limit ${RATE_LIMIT}; CLI --parallel ${options.parallel ?? "default"}` +
      `${options.skipCheckpoints ? "; PULUMI_SKIP_CHECKPOINTS=true" : ""}; ${os.cpus().length} cores, ` +
      `load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}.`,
    "",
    "| what | time | CPU | /v1 requests | 429s | requests |",
    "|---|---:|---:|---:|---:|---|",
    ...rows.map(
      (r) =>
        `| ${r.what} | ${r.seconds.toFixed(2)} s | ${r.cpuSeconds === undefined ? "–" : `${r.cpuSeconds.toFixed(2)} s`} | ` +
        `${r.requests ?? "–"} | ${r.tooMany} | ${r.calls} |`,
    ),
    "",
  ];
  if (sdk && up && empty && noop) {
    const beyond = up.seconds - empty.seconds;
    lines.push(
      `- up beyond the engine's fixed cost: ${beyond.toFixed(2)} s = **${(beyond / sdk.seconds).toFixed(2)}×** ` +
        `the SDK script (goal ≤ 1.3×); requests ${up.requests} vs ${sdk.requests} (goal: no more)`,
      `- no-op preview / empty preview: **${(noop.seconds / empty.seconds).toFixed(2)}×** (goal ≤ 1.2×)`,
      `- CPU beyond the empty preview: up ${cpuBeyond(up, empty)}, no-op preview ${cpuBeyond(noop, empty)}; ` +
        `the SDK script ${sdk.cpuSeconds?.toFixed(2) ?? "?"} s`,
      ...(hostSeconds === undefined
        ? []
        : [
            `- the dynamic-provider host starts in ${hostSeconds.toFixed(2)} s (median of 3). Beyond the engine's ` +
              `and the host's fixed costs: up ${(beyond - hostSeconds).toFixed(2)} s = ` +
              `**${((beyond - hostSeconds) / sdk.seconds).toFixed(2)}×** the SDK script; no-op preview ` +
              `**${((noop.seconds - hostSeconds) / empty.seconds).toFixed(2)}×** the empty preview`,
          ]),
      ...(nativeUp && nativeNoop
        ? [
            `- native Campaign: up beyond the engine's fixed cost ${(nativeUp.seconds - empty.seconds).toFixed(2)} s = ` +
              `**${((nativeUp.seconds - empty.seconds) / sdk.seconds).toFixed(2)}×** the SDK script, requests ` +
              `${nativeUp.requests}; no-op preview / empty preview **${(nativeNoop.seconds / empty.seconds).toFixed(2)}×**`,
          ]
        : []),
      `- 429s in the whole run: ${rows.reduce((n, r) => n + r.tooMany, 0)}`,
      "",
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const rows: Row[] = [];
  const emulator = await startEmulatorProcess(EMULATOR_FLAGS);
  const cli = new Cli(options, "bench");
  const program = { BENCH_CAMPAIGNS: options.campaigns, BENCH_CODES: options.codes };
  try {
    await cli.open(emulator);
    // Once unmeasured: the first CLI run after a build pays for cold file caches (6.6 s against 2 s later).
    await cli.preview({ BENCH_CAMPAIGNS: 0 });
    await measure(emulator, "empty preview", () => cli.preview({ BENCH_CAMPAIGNS: 0 }), rows);
    await measure(
      emulator,
      "SDK script",
      async () => {
        const before = process.cpuUsage();
        await sdkScript(emulator.url, options.campaigns, options.codes);
        const used = process.cpuUsage(before);
        return (used.user + used.system) / 1e6;
      },
      rows,
    );
    await emulator.reset();
    await measure(emulator, "pulumi up", () => cli.up(program), rows);
    await measure(emulator, "no-op preview", () => cli.preview(program), rows);
    await cli.close();
    if (options.native) await nativePhase(options, emulator, program, rows);
  } finally {
    await cli.close();
    await emulator.close();
  }
  const hostSeconds = await providerHostStart();
  if (options.limiter) await limiterPhase(options, rows);
  const text = report(options, rows, hostSeconds);
  appendRun("side-by-side.md", "Side-by-side runs (`npm run bench:compare`)", `${text}\n`);
  console.log(text);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
