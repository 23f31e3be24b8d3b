// With preview support (Configure answers supportsPreview) the engine calls Create and Update during previews:
// they must answer from the inputs alone. Proved against the in-process emulator's request log.
import * as assert from "node:assert/strict";
import { voucherListText } from "../../../provider/codes/encoding";
import { resetConfigForTests } from "../../../provider/kit/runtime";
import { check, configure, create, read, update } from "../../../provider/native/provider";
import { reveal, secret } from "../../../provider/native/secrets";
import { UNKNOWN } from "../../../provider/schema/unknowns";
import { APP_ID, render, SECRET_KEY, startTestEmulator, type TestEmulator } from "../../helpers/emulator";

const URN = "urn:pulumi:dev::shop::voucherify:index:Campaign::spring";
const declared = {
  name: "spring-preview",
  campaignType: "DISCOUNT_COUPONS",
  voucher: { discount: { type: "PERCENT", percentOff: 10 }, codeConfig: { pattern: "PV-####" } },
  vouchersCount: 2,
};

describe("native provider: Create and Update during a preview, and the state form they answer", () => {
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startTestEmulator();
    await configure({ applicationId: APP_ID, secretKey: secret(SECRET_KEY), apiUrl: emulator.url }, {});
  });
  after(async () => {
    resetConfigForTests();
    await emulator.close();
  });

  it("make no request, and answer the inputs with the computed outputs unknown (kept ones kept)", async () => {
    const inputs = (await check(URN, {}, declared)).inputs;
    await emulator.clearRequests();
    const planned = await create(URN, inputs, true);
    assert.equal(planned.id, "");
    assert.equal(planned.outs.campaignId, UNKNOWN);
    assert.equal(planned.outs.name, "spring-preview");
    const olds = { ...inputs, campaignId: "camp_1", createdAt: "2026-01-01T00:00:00Z", totalVouchers: 2 };
    const news = (await check(URN, olds, { ...declared, description: "now" })).inputs;
    const updated = await update("camp_1", URN, olds, news, true);
    assert.deepEqual(
      [updated.outs.campaignId, updated.outs.createdAt, updated.outs.totalVouchers, updated.outs.description],
      ["camp_1", "2026-01-01T00:00:00Z", UNKNOWN, "now"],
    );
    assert.deepEqual(render(await emulator.requests()), []);
  });

  it("outside a preview, the same Create does call the API (the log above could show requests)", async () => {
    const inputs = (await check(URN, {}, { ...declared, name: "spring-real" })).inputs;
    await emulator.clearRequests();
    const made = await create(URN, inputs);
    assert.match(made.id, /^camp_/);
    assert.ok((await emulator.requests()).some((r) => r.method === "POST" && r.path === "/v1/campaigns"));
  });

  it("keeps codes in state as native state always held them: one secret deflated string, read back the same", async () => {
    const cards = {
      name: "spring-cards",
      campaignType: "GIFT_VOUCHERS",
      voucher: { gift: { amount: 5000 } },
      vouchers: [{ code: "NS-1" }, { code: "NS-2" }],
    };
    const inputs = (await check(URN, {}, cards)).inputs;
    const made = await create(URN, inputs);
    const stored = made.outs.vouchers as Record<string, unknown>;
    assert.deepEqual(reveal({ vouchers: stored }).secretKeys, new Set(["vouchers"]));
    const text = reveal({ vouchers: stored }).plain.vouchers;
    assert.match(String(text), /^deflate:/);
    assert.equal(voucherListText(text), '[{"code":"NS-1"},{"code":"NS-2"}]');
    const refreshed = await read(made.id, URN, made.outs, inputs);
    assert.deepEqual(reveal(refreshed.props).plain.vouchers, text);
    assert.deepEqual(reveal(refreshed.props).secretKeys.has("vouchers"), true);
  });
});
