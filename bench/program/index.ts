// The benchmark's declaration (bench/side-by-side.ts runs it with the plain `pulumi` CLI): BENCH_CAMPAIGNS
// discount campaigns with BENCH_CODES inline codes each; 0 campaigns is the empty program. The first
// BENCH_DISABLED codes of every campaign are declared disabled (per-code enable/disable calls), and the first
// BENCH_RETAGGED get other metadata (a metadata-only change).
import { Campaign } from "pulumi-voucherify";

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
