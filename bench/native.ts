// Benchmark: the native provider next to the dynamic one (never part of npm test).
//
// - Start-up: from spawning the plugin (given an engine address, which neither dials at start) until it prints its gRPC port, the moment the engine can talk to it:
//   `pulumi-resource-voucherify` (node_modules/.bin) against `pulumi-resource-pulumi-nodejs` (the SDK's launcher of
//   the dynamic-provider host), median of several starts.
// - Per resource: `pulumi up` (create), a no-change `preview` and `destroy` of a stack of 1 and of N campaigns
//   (Automation API inline program, emulator on this machine); (time(N) - time(1)) / (N - 1) is the cost of one
//   more campaign, time(1) the fixed cost of a run.
//
// Usage: npm run bench:native [-- N]   (N defaults to 10)
import { spawn } from "node:child_process";
import * as path from "node:path";
import type { CampaignArgs } from "pulumi-voucherify";
import { openCampaignStack } from "../test/helpers/campaign-stack";
import { startTestEmulator } from "../test/helpers/emulator";
import { PLUGIN_DIR, pluginPath, repoRoot } from "../test/helpers/native";

const STARTS = 7;

/** Milliseconds from spawn until the first line of stdout (the port). */
function startupMs(command: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const began = process.hrtime.bigint();
    // Its own process group: the launcher is a shell script that starts node, and both must end.
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function startups(command: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) times.push(await startupMs(command));
  return median(times);
}

function spec(n: number): Record<string, CampaignArgs> {
  const out: Record<string, CampaignArgs> = {};
  for (let i = 0; i < n; i++) {
    out[`c${i}`] = {
      campaignType: "DISCOUNT_COUPONS",
      voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
      vouchers: [{ code: `BENCH-${n}-${i}` }],
    };
  }
  return out;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const began = Date.now();
  await work();
  return (Date.now() - began) / 1000;
}

async function stackTimes(kind: "dynamic" | "native", n: number) {
  const emulator = await startTestEmulator();
  const stack = await openCampaignStack(emulator, spec(n), {
    stackName: `bench-${kind}-${n}`,
    env: { PATH: pluginPath() },
  });
  stack.kind = kind;
  try {
    const up = await timed(() => stack.up());
    const preview = await timed(() => stack.preview({ expectNoChanges: true }));
    const destroy = await timed(() => stack.destroy());
    return { up, preview, destroy };
  } finally {
    await stack.dispose();
    await emulator.close();
  }
}

async function main() {
  const n = Number(process.argv[2] ?? 10);
  const launcher = path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "pulumi-resource-pulumi-nodejs");
  const native = path.join(PLUGIN_DIR, "pulumi-resource-voucherify");
  console.log(
    `start-up (median of ${STARTS}): native ${Math.round(await startups(native))} ms, dynamic ${Math.round(await startups(launcher))} ms`,
  );
  console.log(`| provider | step | 1 campaign (s) | ${n} campaigns (s) | per extra campaign (s) |`);
  console.log("|---|---|---:|---:|---:|");
  for (const kind of ["dynamic", "native"] as const) {
    const one = await stackTimes(kind, 1);
    const many = await stackTimes(kind, n);
    for (const step of ["up", "preview", "destroy"] as const) {
      const per = (many[step] - one[step]) / (n - 1);
      console.log(
        `| ${kind} | ${step} | ${one[step].toFixed(1)} | ${many[step].toFixed(1)} | ${per.toFixed(2)} |`,
      );
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
