// The program side of N Campaigns without the engine (issue 21, bench/results/profile.md finding 1): each run is a
// fresh node process that installs source-map-support (as ts-node does in a real program), sets Pulumi's mocks,
// constructs N Campaigns of the bench program's shape (compiled, from dist/) and waits for their outputs; it
// reports the process's CPU time for that work. Variants, interleaved, medians:
// - "as built": the code as it is;
// - "stack traces kept": assignments to `Error.stackTraceLimit` ignored (it stays 10), i.e. what the registration
//   cost before the Campaign constructors turned stack traces off around `super(...)`.
//
// Usage: npm run build && node --import tsx bench/registration.ts [--campaigns N] [--runs R] [--native]
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { median, option } from "./options";

const DIST = path.resolve(__dirname, "..", "dist", "provider");

/** One run in this process (the child): prints `BENCH-CPU <ms>`. */
async function child(campaigns: number, native: boolean, keepStacks: boolean): Promise<void> {
  require("source-map-support").install();
  if (keepStacks) {
    // Assignments to `Error.stackTraceLimit` (through the global binding) are ignored; V8 keeps reading the real
    // property, 10. (An accessor property would not do: V8 reads only a data property and would capture nothing.)
    globalThis.Error = new Proxy(Error, {
      set: (target, key, value) => key === "stackTraceLimit" || Reflect.set(target, key, value),
    });
  }
  const pulumi: typeof import("@pulumi/pulumi") = require("@pulumi/pulumi");
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `camp_${args.name}`, state: { ...args.inputs, campaignId: args.name } }),
      call: () => ({}),
    },
    "bench",
    "bench",
    false,
  );
  const mod: typeof import("../provider/resource") = require(
    path.join(DIST, native ? "native/resource.js" : "resource.js"),
  );
  const started = process.cpuUsage();
  const outputs: Promise<unknown>[] = [];
  for (let c = 0; c < campaigns; c++) {
    const campaign = new mod.Campaign(`bench-${c}`, {
      name: `bench ${c}`,
      campaignType: "DISCOUNT_COUPONS",
      voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 5 } },
      vouchers: [],
    });
    outputs.push(new Promise((resolve) => campaign.campaignId.apply(resolve)));
  }
  await Promise.all(outputs);
  const used = process.cpuUsage(started);
  console.log(`BENCH-CPU ${((used.user + used.system) / 1000).toFixed(1)}`);
}

function main(): void {
  const argv = process.argv.slice(2);
  const campaigns = Number(option(argv, "--campaigns") ?? "200");
  const runs = Number(option(argv, "--runs") ?? "5");
  const native = argv.includes("--native");
  const variants = { "as built": "0", "stack traces kept": "1" };
  const cpu = new Map<string, number[]>(Object.keys(variants).map((v) => [v, []]));
  for (let i = 0; i < runs; i++) {
    for (const [variant, keep] of Object.entries(variants)) {
      const out = execFileSync(process.execPath, ["--import", "tsx", __filename, "--child"], {
        encoding: "utf8",
        env: {
          ...process.env,
          BENCH_CAMPAIGNS: String(campaigns),
          BENCH_NATIVE: native ? "1" : "0",
          BENCH_KEEP_STACKS: keep,
        },
      });
      const ms = /BENCH-CPU ([\d.]+)/.exec(out);
      if (ms) cpu.get(variant)?.push(Number(ms[1]));
    }
  }
  console.log(`${native ? "native" : "dynamic"} Campaign x ${campaigns}, CPU ms of construction + outputs:`);
  for (const [variant, values] of cpu) {
    console.log(
      `  ${variant}: median ${median(values).toFixed(0)} ms (${values.map((v) => v.toFixed(0)).join(", ")})`,
    );
  }
}

if (process.argv.includes("--child")) {
  child(
    Number(process.env.BENCH_CAMPAIGNS),
    process.env.BENCH_NATIVE === "1",
    process.env.BENCH_KEEP_STACKS === "1",
  ).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main();
}
