// A create whose answer never reached the state: the engine was killed right after Voucherify answered
// `POST /v1/campaigns`, while the provider was still waiting for the campaign. The next `up` starts from a state
// without the campaign and must converge on that same campaign: no duplicate, no orphan, no adopt. The engine
// e2e keeps one killed run (test/e2e/interrupted.test.ts); both namings are proven here.
import * as assert from "node:assert/strict";
import type { TestEmulator } from "../helpers/emulator";
import { ContractStack, forEachProfile, type Json, provider, registration } from "./support";

const coupons = (name: string | undefined): Json => ({
  ...(name === undefined ? {} : { name }),
  campaignType: "DISCOUNT_COUPONS",
  voucher: {
    type: "DISCOUNT_VOUCHER",
    discount: { type: "PERCENT", percentOff: 10 },
    codeConfig: { pattern: "INT-####" },
  },
  vouchersCount: 3,
});

async function campaigns(emulator: TestEmulator): Promise<{ id: string; name: string }[]> {
  await emulator.settle();
  const { body } = await emulator.api<{ campaigns: { id: string; name: string }[] }>(
    "GET",
    "/v1/campaigns?limit=100",
  );
  return body.campaigns;
}

forEachProfile("contract: a create interrupted after Voucherify answered it", (ctx) => {
  for (const name of ["interrupted named", undefined]) {
    it(`converges on the campaign the killed run created (${name === undefined ? "autonamed" : "named"})`, async () => {
      const { emulator } = ctx;
      // The killed run: check, then a create whose first read of the new campaign never answers (the connection
      // drops); whatever the create returns never reaches the state.
      await emulator.faults([{ method: "GET", path: "^/v1/campaigns/camp_", reset: true, times: 99 }]);
      const checked = await provider.check(undefined, registration("coupons", coupons(name)));
      assert.deepEqual(checked.failures, []);
      await provider.create(checked.inputs).then(
        () => assert.fail("the killed run's create was to fail"),
        () => undefined,
      );
      await emulator.clearFaults();
      const posted = await emulator.waitForRequest({ method: "POST", path: "^/v1/campaigns$", status: 200 });
      assert.equal(posted.status, 200);
      const created = await campaigns(emulator);
      assert.equal(created.length, 1, "the killed run's campaign exists");
      const first = created[0] as { id: string; name: string };

      const stack = new ContractStack({ coupons: coupons(name) });
      await stack.up();
      assert.deepEqual(
        (await campaigns(emulator)).map((c) => c.id),
        [first.id],
        "the same campaign: no duplicate, no orphan",
      );
      assert.equal(stack.output("coupons", "campaignId"), first.id);
      assert.equal(stack.output("coupons", "name"), first.name);
      await stack.preview({ expectNoChanges: true });
      await stack.destroy();
      assert.deepEqual(await campaigns(emulator), []);
    });
  }
});
