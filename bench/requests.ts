// API requests per operation, counted in the emulator's request log (`npm run bench:requests`).
//
// One campaign (DISCOUNT_COUPONS, 3 generated codes) goes through create, a no-op up, an in-place
// update, refresh, a replacement and destroy; the table shows every /v1 request each one made.
// Polling GETs depend on how long the API takes, so their count is shown separately: here every
// async job (generation, deletion) takes 2 s, and the provider polls with its default backoff
// (250 ms, growing 1.5× per poll, capped at 5 s).
import type { CampaignArgs } from "pulumi-voucherify";
import { openCampaignStack } from "../test/helpers/campaign-stack";
import { type LoggedRequest, startTestEmulator } from "../test/helpers/emulator";

const campaign = (description: string, pattern = "REQ-####"): CampaignArgs => ({
  name: "requests per operation",
  campaignType: "DISCOUNT_COUPONS",
  description,
  voucher: {
    type: "DISCOUNT_VOUCHER",
    discount: { type: "PERCENT", percentOff: 10 },
    codeConfig: { pattern },
  },
  vouchersCount: 3,
});

function describe(log: LoggedRequest[]): { total: number; polls: number; calls: string } {
  const isPoll = (r: LoggedRequest) =>
    r.method === "GET" && (/^\/v1\/async-actions\//.test(r.path) || /^\/v1\/campaigns\/[^/]+$/.test(r.path));
  const kinds = new Map<string, number>();
  for (const r of log) {
    const key = `${r.method} ${r.path.replace(/camp_[A-Za-z0-9]+/, "{id}").replace(/aa_[A-Za-z0-9]+/, "{id}")}`;
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
  }
  const calls = [...kinds].map(([k, n]) => (n > 1 ? `${n}× ${k}` : k)).join(", ");
  return { total: log.length, polls: log.filter(isPoll).length, calls: calls || "none" };
}

async function main(): Promise<void> {
  const emulator = await startTestEmulator({ asyncDelayMs: 2000 });
  const stack = await openCampaignStack(
    emulator,
    { c: campaign("first") },
    { stackName: "requests", config: { "voucherify:timeUnitMs": "1000" } },
  );
  const rows: string[] = [
    "| operation | /v1 requests | of which GET polls/reads | requests |",
    "|---|---:|---:|---|",
  ];
  const measure = async (operation: string, run: () => Promise<unknown>) => {
    await emulator.clearRequests();
    await run();
    const d = describe(await emulator.requests());
    rows.push(`| ${operation} | ${d.total} | ${d.polls} | ${d.calls} |`);
  };
  try {
    await measure("create (`up`)", () => stack.up());
    await measure("preview", () => stack.preview());
    await measure("no-op `up`", () => stack.up());
    stack.spec = { c: campaign("second") };
    await measure("in-place update (`up`)", () => stack.up());
    await measure("refresh", () => stack.refresh());
    stack.spec = { c: campaign("second", "NEW-####") };
    await measure("replace, same name (`up`)", () => stack.up());
    await measure("destroy", () => stack.destroy());
  } finally {
    await stack.dispose();
    await emulator.close();
  }
  console.log(rows.join("\n"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
