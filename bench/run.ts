// Benchmark: voucher codes at scale through the real engine and the emulator (never part of npm test).
//
// For each size (1,000 / 10,000 / 100,000 inline codes) it measures three `pulumi up`s:
//   create  — campaign + import of every code
//   no-op   — nothing changed
//   1 %     — 1 % of the codes get new metadata
// and reports wall time, /v1 requests (from the emulator's log), peak RSS of the dynamic-provider
// process (VmHWM sampled from /proc while the up runs) and the size of the exported state.
//
// Usage: npm run bench [-- 1000 10000]   (sizes default to 1000 10000 100000)
import * as fs from "node:fs";
import * as path from "node:path";
import type { CampaignArgs } from "pulumi-voucherify";
import { openCampaignStack } from "../test/helpers/campaign-stack";
import { startTestEmulator } from "../test/helpers/emulator";

interface Row {
  codes: number;
  step: string;
  seconds: number;
  requests: number;
  providerPeakMiB: number;
  stateBytes: number;
}

/** Whether `pid` was started, directly or not, by this process (other programs on the machine do not count). */
function isOurs(pid: string): boolean {
  for (let p = pid, hops = 0; hops < 20; hops++) {
    const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
    const ppid = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
    if (ppid === undefined || ppid === "0" || ppid === "1") return false;
    if (Number(ppid) === process.pid) return true;
    p = ppid;
  }
  return false;
}

/** Peak resident memory of any dynamic-provider process of this benchmark seen while `work` runs. */
async function withProviderPeak<T>(work: () => Promise<T>): Promise<{ result: T; peakKiB: number }> {
  let peakKiB = 0;
  const sample = () => {
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (!cmdline.includes("dynamic-provider") || !isOurs(pid)) continue;
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm) peakKiB = Math.max(peakKiB, Number(hwm[1]));
      } catch {
        // the process ended between listing and reading
      }
    }
  };
  const timer = setInterval(sample, 50);
  try {
    const result = await work();
    return { result, peakKiB };
  } finally {
    clearInterval(timer);
  }
}

function codes(n: number, metadataFor: (i: number) => string): NonNullable<CampaignArgs["vouchers"]> {
  return Array.from({ length: n }, (_, i) => ({
    code: `BENCH-${String(i).padStart(7, "0")}`,
    metadata: { batch: metadataFor(i) },
  }));
}

async function benchSize(n: number): Promise<Row[]> {
  const emulator = await startTestEmulator({ asyncDelayMs: 10 });
  const campaign = (vouchers: NonNullable<CampaignArgs["vouchers"]>): CampaignArgs => ({
    name: `bench ${n}`,
    campaignType: "DISCOUNT_COUPONS",
    voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 5 } },
    vouchers,
  });
  const stack = await openCampaignStack(
    emulator,
    { bench: campaign(codes(n, () => "a")) },
    { stackName: `bench-${n}` },
  );
  const rows: Row[] = [];
  const step = async (name: string) => {
    await emulator.clearRequests();
    const started = process.hrtime.bigint();
    const { peakKiB } = await withProviderPeak(() => stack.up());
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const requests = (await emulator.requests()).length;
    const stateBytes = Buffer.byteLength(await stack.exportState());
    rows.push({ codes: n, step: name, seconds, requests, providerPeakMiB: peakKiB / 1024, stateBytes });
    console.error(`  ${n} ${name}: ${seconds.toFixed(1)} s, ${requests} requests`);
  };
  try {
    await step("create");
    await step("no-op");
    const changed = Math.max(1, Math.floor(n / 100));
    stack.spec = { bench: campaign(codes(n, (i) => (i < changed ? "b" : "a"))) };
    await step("1 % change");
    await stack.destroy();
  } finally {
    await stack.dispose();
    await emulator.close();
  }
  return rows;
}

function table(rows: Row[]): string {
  const lines = [
    "| codes | up | wall time | /v1 requests | provider peak RSS | state size |",
    "|---:|---|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.codes.toLocaleString("en-US")} | ${r.step} | ${r.seconds.toFixed(1)} s | ${r.requests} | ` +
        `${r.providerPeakMiB.toFixed(0)} MiB | ${(r.stateBytes / 1024).toFixed(0)} KiB |`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const rows: Row[] = [];
  for (const n of sizes.length ? sizes : [1_000, 10_000, 100_000]) rows.push(...(await benchSize(n)));
  const report = `${table(rows)}\n\nMeasured ${new Date().toISOString().slice(0, 10)} on ${process.platform}, Node ${process.version}.\n`;
  fs.mkdirSync(path.join(__dirname, "results"), { recursive: true });
  fs.writeFileSync(path.join(__dirname, "results", "codes.md"), report);
  console.log(report);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
