// The one-PUT kinds offline (check and diff; no runtime, no request): values not known at preview are accepted and
// handed back, a tier order not known yet is an update, a campaign not known yet may be the replacement, and the
// autoname is kept from the recorded name.
import * as assert from "node:assert/strict";
import { PROMOTION_STACK_KIND } from "../../../provider/resources/promotion-stack/kind";
import { VALIDATION_RULE_KIND } from "../../../provider/resources/validation-rule/kind";
import { UNKNOWN } from "../../../provider/schema/unknowns";

const recorded = {
  campaignId: "camp_1",
  name: "order-abcdefg",
  tierIds: ["promo_1", "promo_2"],
  createdAt: "2026-01-01T00:00:00.000Z",
  __autonamed: true,
};

describe("one-PUT kinds offline", () => {
  it("accepts values not known yet at preview and hands them back", async () => {
    const result = await PROMOTION_STACK_KIND.check(
      undefined,
      {
        campaignId: UNKNOWN,
        tierIds: [UNKNOWN, UNKNOWN],
        __resourceName: "order",
        __stack: "p/s",
      },
      {},
    );
    assert.deepEqual(result.failures, []);
    assert.equal(result.inputs.campaignId, UNKNOWN);
    assert.deepEqual(result.inputs.tierIds, [UNKNOWN, UNKNOWN]);
    assert.match(String(result.inputs.name), /^order-[a-z0-9]{7}$/);
  });

  it("keeps the recorded autoname; a reorder is an update, another or unknown campaign a replacement", async () => {
    const checked = await PROMOTION_STACK_KIND.check(
      recorded,
      {
        campaignId: "camp_1",
        tierIds: ["promo_2", "promo_1"],
        __resourceName: "order",
      },
      {},
    );
    assert.equal(checked.inputs.name, "order-abcdefg");
    const reorder = await PROMOTION_STACK_KIND.diff("stack_1", recorded, checked.inputs, {});
    assert.deepEqual([reorder.changedPaths, reorder.replaces], [["tierIds"], []]);
    const same = await PROMOTION_STACK_KIND.diff("stack_1", recorded, { ...recorded }, {});
    assert.equal(same.changes, false);
    const moved = await PROMOTION_STACK_KIND.diff(
      "stack_1",
      recorded,
      { ...checked.inputs, campaignId: UNKNOWN },
      {},
    );
    assert.deepEqual(moved.replaces, ["campaignId"]);
  });

  it("names the path of a malformed rule and never replaces a rule", async () => {
    const bad = await VALIDATION_RULE_KIND.check(
      undefined,
      {
        rules: { "1": { name: "x", conditions: {} } },
      },
      {},
    );
    assert.deepEqual(bad.failures, [
      { property: "rules.logic", reason: 'is required, e.g. "1" or "1 and 2"' },
    ]);
    const olds = { name: "r", type: "expression", contextType: "global", createdAt: "t" };
    const news = { name: "s", type: "basic", contextType: "campaign.promotion", error: { message: "m" } };
    const diff = await VALIDATION_RULE_KIND.diff("val_1", olds, news, {});
    assert.deepEqual(diff.replaces, []);
    assert.deepEqual(diff.changedPaths, ["name", "type", "contextType", "error"]);
  });
});
