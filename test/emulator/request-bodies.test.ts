// `logBodies` / `--log-bodies`: the admin request log keeps what each request sent, so tests can assert bodies.
import * as assert from "node:assert/strict";
import { parseArgs } from "../../emulator/cli";
import { ContractCheck, useCheckedEmulators } from "./contract-check";
import { createCampaign, csvMultipart, type Json, type TestEmulator } from "./support";

const check = new ContractCheck();

const coupons: Json = {
  name: "logged bodies",
  campaign_type: "DISCOUNT_COUPONS",
  voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "AMOUNT", amount_off: 100 } },
};

const logged = async (emu: TestEmulator) =>
  (await emu.call<{ requests: Json[] }>("GET", "/_emulator/requests", { auth: false })).body.requests;

describe("emulator request log bodies", () => {
  const start = useCheckedEmulators(check);

  it("logs a JSON body parsed, a multipart upload as text, and no body for a GET", async () => {
    const emu = await start({ logBodies: true });
    const id = String((await createCampaign(emu, coupons)).id);
    const items = [{ code: "A", metadata: { k: 1 } }];
    assert.equal((await emu.call("POST", `/v1/campaigns/${id}/import`, { body: items })).status, 202);
    const upload = csvMultipart("Code\nB\n");
    const csv = await emu.call("POST", `/v1/campaigns/${id}/importCSV`, upload);
    assert.equal(csv.status, 200);
    await emu.call("GET", `/v1/campaigns/${id}`);
    const requests = await logged(emu);
    assert.deepEqual(requests[0]?.body, coupons);
    assert.deepEqual(requests[1]?.body, items);
    assert.match(String(requests[2]?.body), /Code\r?\nB/);
    assert.equal("body" in (requests[3] ?? {}), false);
  });

  it("logs no bodies by default, and takes --log-bodies", async () => {
    const emu = await start();
    await createCampaign(emu, coupons);
    assert.equal("body" in ((await logged(emu))[0] ?? {}), false);
    assert.equal(parseArgs(["--log-bodies"]).logBodies, true);
  });
});
