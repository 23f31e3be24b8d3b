// The benchmark's declaration (bench/side-by-side.ts runs it with the plain `pulumi` CLI): BENCH_CAMPAIGNS
// discount campaigns with BENCH_CODES inline codes each; 0 campaigns is the empty program. The first
// BENCH_DISABLED codes of every campaign are declared disabled (per-code enable/disable calls), and the first
// BENCH_RETAGGED get other metadata (a metadata-only change). BENCH_PROVIDER=native declares them with the
// native Campaign (served by the pulumi-resource-voucherify plugin) instead of the dynamic one.
//
// The floors of bench/scale.ts, the same declarations with a resource that does nothing: BENCH_PROVIDER=floor-dynamic
// a no-op dynamic provider (create returns its inputs, diff finds no change), floor-native the no-op
// `voucherify:bench:Noop` that only the benchmark's build of the plugin serves (bench/plugin).
import * as pulumi from "@pulumi/pulumi";
import { Campaign as DynamicCampaign } from "pulumi-voucherify";
import { Campaign as NativeCampaign } from "pulumi-voucherify/native";

const noopProvider: pulumi.dynamic.ResourceProvider = {
  create: async (inputs) => ({ id: String(inputs.name), outs: inputs }),
  diff: async () => ({ changes: false }),
};

class DynamicFloor extends pulumi.dynamic.Resource {
  constructor(name: string, args: Record<string, unknown>) {
    super(noopProvider, name, args);
  }
}

class NativeFloor extends pulumi.CustomResource {
  constructor(name: string, args: Record<string, unknown>) {
    super("voucherify:bench:Noop", name, args);
  }
}

const Campaign =
  {
    native: NativeCampaign,
    "floor-dynamic": DynamicFloor,
    "floor-native": NativeFloor,
  }[process.env.BENCH_PROVIDER ?? ""] ?? DynamicCampaign;

const count = (name: string): number => Number(process.env[name] ?? "0");
const campaigns = count("BENCH_CAMPAIGNS");
const codes = count("BENCH_CODES");
const disabled = count("BENCH_DISABLED");
const retagged = count("BENCH_RETAGGED");
const prefix = process.env.BENCH_PREFIX ?? "PUL";

for (let c = 0; c < campaigns; c++) {
  new Campaign(`bench-${c}`, {
    name: `bench ${prefix} ${c}`,
    campaignType: "DISCOUNT_COUPONS",
    voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 5 } },
    vouchers: Array.from({ length: codes }, (_, i) => ({
      code: `${prefix}-${c}-${String(i).padStart(6, "0")}`,
      metadata: { batch: i < retagged ? "b" : "a" },
      ...(i < disabled ? { active: false } : {}),
    })),
  });
}
