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
import * as path from "node:path";
import type { CampaignArgs } from "pulumi-voucherify";
import { openCampaignStack } from "../test/helpers/campaign-stack";
import { startTestEmulator } from "../test/helpers/emulator";
import { PLUGIN_DIR, pluginPath, repoRoot } from "../test/helpers/native";
import { median, STARTS, startups } from "./startup";

async function medianStartup(command: string): Promise<number> {
  return median(await startups(command));
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
    `start-up (median of ${STARTS}): native ${Math.round(await medianStartup(native))} ms, dynamic ${Math.round(await medianStartup(launcher))} ms`,
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
