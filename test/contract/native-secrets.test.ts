// The native provider marks the codes secret by the value it records, not only by the declaration. An empty list
// holds no code, so it is recorded plain (each secret makes every checkpoint the engine writes dearer:
// bench/results/profile.md); codes are always secret, including codes an update could not delete after the
// declaration became an empty list. Driven through the native adapter's functions against the emulator.
import * as assert from "node:assert/strict";
import { voucherListText } from "../../provider/codes/encoding";
import { isPartialFailureError } from "../../provider/kit/failure";
import { check, create, update } from "../../provider/native/provider";
import { reveal } from "../../provider/native/secrets";
import { forEachProfile, type Json } from "./support";

const URN = "urn:pulumi:contract::voucherify-contract::voucherify:index:Campaign::kept-codes";

const coupons = (vouchers: Json[]): Json => ({
  name: "native secrets",
  campaignType: "DISCOUNT_COUPONS",
  voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
  vouchers,
});

/** Whether `vouchers` is secret in `props` (the engine's wrapped form), and its plain value. */
function vouchersOf(props: Json): { secret: boolean; value: unknown } {
  const { plain, secretKeys } = reveal(props);
  return { secret: secretKeys.has("vouchers"), value: plain.vouchers };
}

forEachProfile("contract: native secrets follow the recorded codes", (ctx) => {
  it("records an empty list plain, codes secret, and codes an update could not delete secret", async () => {
    const empty = await check(URN, {}, coupons([]));
    assert.deepEqual(empty.failures, []);
    assert.deepEqual(vouchersOf(empty.inputs), { secret: false, value: "[]" }, "an empty declaration: plain");
    const created = await create(URN, empty.inputs);
    assert.deepEqual(vouchersOf(created.outs), { secret: false, value: "[]" }, "its state: plain");

    const declared = await check(URN, empty.inputs, coupons([{ code: "KEPT-1" }]));
    assert.equal(vouchersOf(declared.inputs).secret, true, "declared codes: secret");
    const withCodes = await update(created.id, URN, created.outs, declared.inputs);
    assert.equal(vouchersOf(withCodes.outs).secret, true, "recorded codes: secret");

    // The code's deletion is refused: the state keeps the code while the declaration is empty again.
    await ctx.emulator.faults([{ method: "DELETE", path: "^/v1/vouchers/KEPT-1", status: 400, times: 5 }]);
    const emptied = await check(URN, declared.inputs, coupons([]));
    assert.equal(vouchersOf(emptied.inputs).secret, false);
    let recorded: Json;
    try {
      recorded = (await update(created.id, URN, withCodes.outs, emptied.inputs)).outs;
    } catch (e) {
      if (!isPartialFailureError(e)) throw e;
      recorded = e.properties;
    }
    const kept = vouchersOf(recorded);
    assert.equal(kept.secret, true, "a code the update could not delete stays secret in state");
    assert.match(String(kept.value), /^deflate:/, "deflated, as secret codes are");
    assert.equal(voucherListText(kept.value), '[{"code":"KEPT-1"}]', "the code the API kept");
  });
});
