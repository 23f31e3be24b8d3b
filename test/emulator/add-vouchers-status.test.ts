// What a campaign's vouchers_generation_status shows while add-vouchers generates codes: undocumented, so both
// readings sit behind `addVouchersStatus` / `--add-vouchers-status` (README, "Documented rules").
import * as assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import { parseArgs } from "../../emulator/cli";
import { ContractCheck, useCheckedEmulators } from "./contract-check";
import { admin, createCampaign, type Json, rejection, type TestEmulator } from "./support";

const check = new ContractCheck();

const coupons: Json = {
  name: "add-vouchers status",
  campaign_type: "DISCOUNT_COUPONS",
  vouchers_count: 2,
  voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "AMOUNT", amount_off: 100 } },
};

async function statusOf(emu: TestEmulator, id: string): Promise<[unknown, unknown, unknown]> {
  const { body } = await emu.call<Json>("GET", `/v1/campaigns/${id}`);
  return [body.creation_status, body.vouchers_generation_status, body.vouchers_count];
}

describe("emulator add-vouchers status", () => {
  const start = useCheckedEmulators(check);

  /** A campaign of 2 codes, then a 202 add of 3 more; the action runs for a second, long enough to look at it. */
  async function adding(options: Json): Promise<{ emu: TestEmulator; id: string }> {
    const emu = await start({ asyncDelayMs: 1000, ...options });
    const id = String((await createCampaign(emu, coupons)).id);
    const added = await emu.call<Json>("POST", `/v1/campaigns/${id}/vouchers?vouchers_count=3`);
    assert.equal(added.status, 202);
    return { emu, id };
  }

  it("in-progress: IN_PROGRESS while the action runs, DONE with every code after it", async () => {
    const { emu, id } = await adding({ addVouchersStatus: "in-progress" });
    assert.deepEqual((await statusOf(emu, id)).slice(0, 2), ["DONE", "IN_PROGRESS"]);
    await emu.settle();
    assert.deepEqual(await statusOf(emu, id), ["DONE", "DONE", 5]);
  });

  it("in-progress: DONE again after the action ends FAILED, keeping what it generated", async () => {
    const emu = await start({ asyncDelayMs: 1000, addVouchersStatus: "in-progress" });
    const id = String((await createCampaign(emu, coupons)).id);
    await admin(emu, "POST", "async-failures", { type: "CAMPAIGN.VOUCHERS_GENERATE", processed: 1 });
    assert.equal((await emu.call("POST", `/v1/campaigns/${id}/vouchers?vouchers_count=3`)).status, 202);
    assert.equal((await statusOf(emu, id))[1], "IN_PROGRESS");
    await emu.settle();
    assert.deepEqual(await statusOf(emu, id), ["DONE", "DONE", 3]);
  });

  it("unchanged (default): the campaign stays DONE while the action runs", async () => {
    const { emu, id } = await adding({});
    assert.deepEqual((await statusOf(emu, id)).slice(0, 2), ["DONE", "DONE"]);
    await emu.settle();
    assert.deepEqual(await statusOf(emu, id), ["DONE", "DONE", 5]);
  });

  it("takes --add-vouchers-status and refuses an unknown addVouchersStatus", async () => {
    assert.equal(parseArgs(["--add-vouchers-status", "in-progress"]).addVouchersStatus, "in-progress");
    const e = await rejection(startEmulator({ port: 0, addVouchersStatus: "busy" as never }));
    assert.match(String(e), /addVouchersStatus must be one of unchanged, in-progress/);
  });
});
