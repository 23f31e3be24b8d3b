// Issue 21's measurement in one run: N campaigns without codes (bench/program), this provider beside its floor,
// through the plain `pulumi` CLI against an emulator process with a fixed latency.
//
// Variants, each in a stack of its own, interleaved round by round (the machine's load drifts):
// - floor-dynamic: a no-op dynamic provider resource with the same arguments (create returns its inputs, diff
//   finds no change): what the engine and the dynamic-provider host cost by themselves;
// - dynamic: the dynamic Campaign;
// - floor-native: `voucherify:bench:Noop`, a no-op resource served by the benchmark's build of the native plugin
//   (bench/plugin; not in schema.json nor in any SDK);
// - native: the native Campaign, served by that same plugin.
// Each round, per variant: `up` from an empty stack, a no-op `preview`, a `refresh`, then an unmeasured `destroy`;
// and a `preview` of the empty program (0 campaigns), which every figure is measured beyond.
//
// Reported, medians over the rounds: wall time beyond the empty preview; for `up` also with the API's time set
// aside (requests / parallelism × latency); the /v1 requests each command sent (emulator request log); the peak
// RSS of the provider process (the dynamic-provider host, or the plugin), recorded by bench/rss-preload.js; and
// each variant's ratio to its floor. Appended to bench/results/scale.md.
//
// Usage: npm run build && node --import tsx bench/scale.ts [--campaigns N] [--runs R] [--parallel P]
//          [--latency-ms L] [--variants floor-dynamic,dynamic,floor-native,native] [--label TEXT]
//          [--skip-checkpoints]
//   defaults: 200 campaigns (--campaigns 1000 for the growth), 3 runs, parallelism 8, latency 50 ms.
//   --skip-checkpoints sets PULUMI_SKIP_CHECKPOINTS=true: the file backend then writes the stack's state once at the
//   end instead of after every step, which shows how much of a large stack's time is the engine's checkpoints (they
//   grow with the state: a whole rewrite of every resource's state, twice per step). Not a setting to recommend:
//   an interrupted `up` loses its record of what it created.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { offlineEnv, runPulumi } from "../scripts/pulumi-cli";
import { APP_ID, SECRET_KEY } from "../test/helpers/emulator";
import { type EmulatorProcess, startEmulatorProcess } from "./emulator-process";
import { appendRun, median, option } from "./options";

const PROGRAM_DIR = path.join(__dirname, "program");
const PLUGIN_DIR = path.join(__dirname, "plugin");
const RSS_PRELOAD = path.join(__dirname, "rss-preload.js");
const VARIANTS = ["floor-dynamic", "dynamic", "floor-native", "native"] as const;
type Variant = (typeof VARIANTS)[number];
const PHASES = ["up", "preview", "refresh"] as const;
type Phase = (typeof PHASES)[number];

interface Sample {
  seconds: number;
  requests: number;
  /** Peak RSS of the provider process in MiB (undefined when none ran or recorded). */
  rssMiB?: number;
}

/** The provider process's role in bench/rss-preload.js's records. */
function providerRole(variant: Variant): string {
  return variant.endsWith("native") ? "plugin" : "dynamic-provider";
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const campaigns = Number(option(argv, "--campaigns") ?? "200");
  const runs = Number(option(argv, "--runs") ?? "3");
  const parallel = Number(option(argv, "--parallel") ?? "8");
  const latencyMs = Number(option(argv, "--latency-ms") ?? "50");
  const skipCheckpoints = argv.includes("--skip-checkpoints");
  const label = option(argv, "--label") ?? "";
  const variants = (option(argv, "--variants")?.split(",") ?? [...VARIANTS]) as Variant[];
  for (const v of variants) if (!VARIANTS.includes(v)) throw new Error(`unknown variant ${v}`);

  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-voucherify-scale-"));
  const emulator: EmulatorProcess = await startEmulatorProcess(["--latency-ms", String(latencyMs)]);
  const base = {
    ...offlineEnv(stateDir),
    // The benchmark's plugin first: it serves the native Campaign and the native floor alike.
    PATH: `${PLUGIN_DIR}${path.delimiter}${process.env.PATH ?? ""}`,
    NODE_OPTIONS: `--require ${RSS_PRELOAD}`,
    ...(skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}),
  };
  const stacks: string[] = [];
  const samples = new Map<string, Sample[]>();
  const record = (key: string, sample: Sample) => samples.set(key, [...(samples.get(key) ?? []), sample]);

  const run = (stack: string, args: string[], env: Record<string, string>, input?: string) =>
    runPulumi([...args, "--stack", stack], { cwd: PROGRAM_DIR, env: { ...base, ...env }, input });

  /** One measured command: wall time, /v1 requests, the provider process's peak RSS. */
  async function measure(stack: string, args: string[], env: Record<string, string>, role?: string) {
    await emulator.settle();
    await emulator.clearRequests();
    const rssFile = path.join(stateDir, `rss-${process.hrtime.bigint()}.txt`);
    const started = performance.now();
    await run(stack, args, { ...env, BENCH_RSS_FILE: rssFile });
    const seconds = (performance.now() - started) / 1000;
    const requests = (await emulator.requests()).filter((r) => r.path.startsWith("/v1/")).length;
    const kib = fs.existsSync(rssFile)
      ? fs
          .readFileSync(rssFile, "utf8")
          .split("\n")
          .filter((line) => role !== undefined && line.startsWith(`${role} `))
          .map((line) => Number(line.split(" ")[1]))
      : [];
    return { seconds, requests, rssMiB: kib.length > 0 ? Math.max(...kib) / 1024 : undefined };
  }

  async function createStack(stack: string): Promise<void> {
    await runPulumi(["stack", "init", stack], { cwd: PROGRAM_DIR, env: base });
    stacks.push(stack);
    await run(stack, ["config", "set", "voucherify:apiUrl", emulator.url], {});
    await run(stack, ["config", "set", "voucherify:applicationId", APP_ID], {});
    await run(stack, ["config", "set", "--secret", "voucherify:secretKey"], {}, SECRET_KEY);
  }

  try {
    await createStack("scale-empty");
    for (const v of variants) await createStack(`scale-${v}`);
    for (let round = 1; round <= runs; round++) {
      const empty = await measure("scale-empty", ["preview"], { BENCH_CAMPAIGNS: "0" });
      record("empty preview", empty);
      console.error(`round ${round}: empty preview ${empty.seconds.toFixed(1)} s`);
      for (const v of variants) {
        const stack = `scale-${v}`;
        const env = {
          BENCH_CAMPAIGNS: String(campaigns),
          BENCH_CODES: "0",
          BENCH_PROVIDER: v,
          BENCH_PREFIX: `R${round}`,
        };
        const commands: Record<Phase, string[]> = {
          up: ["up", "--yes", "--skip-preview", "--parallel", String(parallel)],
          preview: ["preview", "--parallel", String(parallel)],
          refresh: ["refresh", "--yes", "--skip-preview", "--parallel", String(parallel)],
        };
        for (const phase of PHASES) {
          const sample = await measure(stack, commands[phase], env, providerRole(v));
          record(`${v} ${phase}`, sample);
          console.error(
            `round ${round}: ${v} ${phase} ${sample.seconds.toFixed(1)} s, ${sample.requests} requests, ` +
              `provider peak RSS ${sample.rssMiB?.toFixed(0) ?? "?"} MiB`,
          );
        }
        await run(stack, ["destroy", "--yes", "--skip-preview", "--parallel", String(parallel)], env);
        await emulator.reset();
      }
    }
  } finally {
    await emulator.close();
    for (const stack of stacks) fs.rmSync(path.join(PROGRAM_DIR, `Pulumi.${stack}.yaml`), { force: true });
    fs.rmSync(stateDir, { recursive: true, force: true });
  }

  const emptySeconds = median((samples.get("empty preview") ?? []).map((s) => s.seconds));
  const apiSeconds = (requests: number) => (requests / parallel) * (latencyMs / 1000);
  /**
   * Median seconds of a phase beyond the empty preview, with the API's time set aside for `up`. A refresh runs no
   * program, so its wall time is compared as it is.
   */
  const beyond = (v: Variant, phase: Phase): number =>
    median(
      (samples.get(`${v} ${phase}`) ?? []).map((s) =>
        phase === "refresh"
          ? s.seconds
          : s.seconds - emptySeconds - (phase === "up" ? apiSeconds(s.requests) : 0),
      ),
    );
  const rows: string[] = [];
  for (const v of variants) {
    const floor: Variant | undefined = v.startsWith("floor-") ? undefined : (`floor-${v}` as Variant);
    for (const phase of PHASES) {
      const list = samples.get(`${v} ${phase}`) ?? [];
      const seconds = beyond(v, phase);
      // No ratio to a floor that the noise of a small run put at or below the empty program.
      const ratio =
        floor !== undefined && variants.includes(floor) && beyond(floor, phase) > 0
          ? `${(seconds / beyond(floor, phase)).toFixed(2)}×`
          : "–";
      const requests = list.map((s) => s.requests);
      const rss = list.map((s) => s.rssMiB).filter((m): m is number => m !== undefined);
      rows.push(
        `| ${v} | ${phase} | ${median(list.map((s) => s.seconds)).toFixed(2)} | ${seconds.toFixed(2)} | ${ratio} | ` +
          `${median(requests)} (${requests.join(", ")}) | ${rss.length > 0 ? median(rss).toFixed(0) : "–"} |`,
      );
    }
  }
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  const text = [
    `### ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC${label ? ` — ${label}` : ""}`,
    "",
    `Commit ${commit}; ${campaigns} DISCOUNT_COUPONS campaigns without codes; emulator --latency-ms ${latencyMs}; ` +
      `--parallel ${parallel}; medians of ${runs} interleaved rounds; ${os.cpus().length} cores, load ${load}. ` +
      `Empty program's preview: ${emptySeconds.toFixed(2)} s. "Beyond empty" subtracts it (not from refresh, ` +
      `which runs no program); for up it also subtracts the API's time, requests / ${parallel} × ` +
      `${latencyMs} ms. The ratio is to the same kind's floor.` +
      (skipCheckpoints ? " PULUMI_SKIP_CHECKPOINTS=true: no intermediate checkpoints." : ""),
    "",
    "| variant | phase | wall, s | beyond empty (refresh: wall), s | × floor | /v1 requests (runs) | provider peak RSS, MiB |",
    "|---|---|---:|---:|---:|---:|---:|",
    ...rows,
    "",
  ].join("\n");
  appendRun("scale.md", "Scale runs (`bench/scale.ts`)", `${text}\n`);
  console.log(text);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
