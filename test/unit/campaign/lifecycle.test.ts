import * as assert from "node:assert/strict";
import { isCampaignNameTakenError, isCampaignPartialFailureError } from "../../../provider/campaign/errors";
import {
  create,
  createCampaignResource,
  deleteCampaignResource,
  diff,
  readCampaignResource,
  setRuntimeForTests,
  updateCampaignResource,
} from "../../../provider/campaign/lifecycle";
import { recordingClock } from "../../../provider/client/clock";
import { withEncodedVouchers } from "../../../provider/codes/encoding";
import { apiError, FakeVoucherify, networkError, serverError } from "../provider/fake-api";
import { checked, type Json, PROVIDER_TEXT, rejection, runtime } from "./harness";

const DISCOUNT: Json = {
  name: "spring",
  campaignType: "DISCOUNT_COUPONS",
  description: "10% off",
  voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
  vouchersCount: 3,
};

const GIFT: Json = {
  name: "gifts",
  campaignType: "GIFT_VOUCHERS",
  voucher: { type: "GIFT_VOUCHER", gift: { amount: 5000 } },
  // Four: more than a small addition, so they go through one import.
  vouchers: [{ code: "GIFT-1" }, { code: "GIFT-2" }, { code: "GIFT-3" }, { code: "GIFT-0" }],
};

function isPlainJson(value: unknown): boolean {
  return JSON.stringify(JSON.parse(JSON.stringify(value))) === JSON.stringify(value);
}

describe("campaign/lifecycle create", () => {
  it("posts once, waits for generation and returns inputs plus computed outputs", async () => {
    const api = new FakeVoucherify();
    const { id, outs } = await createCampaignResource(runtime(api), await checked(DISCOUNT));
    assert.deepEqual(api.log, ["POST /v1/campaigns", `GET /v1/campaigns/${id}`]);
    assert.equal(id, "camp_1");
    assert.equal(outs.campaignId, id);
    assert.equal(outs.name, "spring");
    assert.equal(outs.description, "10% off");
    assert.equal(outs.vouchersCount, 3);
    assert.equal(outs.totalVouchers, 3);
    assert.equal(outs.isActive, true);
    assert.equal(outs.creationStatus, "DONE");
    assert.equal(outs.__provider, undefined, "the host adds __provider itself");
    assert.ok(isPlainJson(outs));
    const body = api.bodies[0]?.body as Json;
    assert.equal(body.name, "spring");
    assert.equal(body.vouchers_count, 3);
  });

  it("disables the campaign after creation when active is false", async () => {
    const api = new FakeVoucherify();
    const { id, outs } = await createCampaignResource(
      runtime(api),
      await checked({ ...DISCOUNT, active: false }),
    );
    assert.deepEqual(api.log, [
      "POST /v1/campaigns",
      `GET /v1/campaigns/${id}`,
      `POST /v1/campaigns/${id}/disable`,
    ]);
    assert.equal(outs.active, false);
    assert.equal(outs.isActive, false);
    assert.equal(api.campaigns.get(id)?.active, false);
  });

  it("imports inline codes after the campaign is ready", async () => {
    const api = new FakeVoucherify();
    const { id, outs } = await createCampaignResource(runtime(api), await checked(GIFT));
    assert.deepEqual(api.log.slice(0, 3), [
      "POST /v1/campaigns",
      `GET /v1/campaigns/${id}`,
      `POST /v1/campaigns/${id}/import`,
    ]);
    assert.equal(api.log.filter((l) => l.startsWith("GET /v1/async-actions/")).length, 1);
    assert.deepEqual(
      (outs.vouchers as Json[]).map((v) => v.code),
      ["GIFT-0", "GIFT-1", "GIFT-2", "GIFT-3"],
    );
    assert.equal(outs.totalVouchers, 4, "counts the imported codes without another GET");
  });

  it("reports a failed import as a partial failure carrying the id, the applied state and __provider", async () => {
    const api = new FakeVoucherify();
    api.importFailures.set("GIFT-2", "Duplicated voucher exists with id GIFT-2");
    const e = await rejection(createCampaignResource(runtime(api), await checked(GIFT)));
    assert.ok(isCampaignPartialFailureError(e), String(e));
    assert.equal(e.id, "camp_1");
    assert.equal(e.properties.__provider, PROVIDER_TEXT);
    assert.equal(e.properties.campaignId, "camp_1");
    assert.equal(e.properties.name, "gifts");
    assert.deepEqual(
      (e.properties.vouchers as Json[]).map((v) => v.code),
      ["GIFT-0", "GIFT-1", "GIFT-3"],
      "only the codes that were imported are recorded",
    );
    assert.equal(e.reasons.length, 1);
    assert.match(e.reasons[0] as string, /camp_1/);
    assert.ok(isPlainJson(e.properties));
    assert.equal(api.campaigns.size, 1);
  });

  it("names a secret code by its position in the failure reason, never in clear", async () => {
    const api = new FakeVoucherify();
    api.importFailures.set("GIFT-2", "Duplicated voucher exists with id GIFT-2");
    setRuntimeForTests(() => runtime(api));
    try {
      const e = await rejection(create(withEncodedVouchers(await checked(GIFT))));
      assert.ok(isCampaignPartialFailureError(e), String(e));
      const text = [e.message, ...e.reasons].join("\n");
      assert.ok(!text.includes("GIFT-2"), text);
      assert.match(e.reasons[0] as string, /vouchers\[1\]: Duplicated voucher exists with id vouchers\[1\]/);
    } finally {
      setRuntimeForTests(undefined);
    }
  });

  it("records the actual active state when disabling fails after the create", async () => {
    const api = new FakeVoucherify();
    api.failOnce(/disable$/, () => apiError(500, "POST", "/v1/campaigns/camp_1/disable", "internal", "boom"));
    const e = await rejection(
      createCampaignResource(runtime(api), await checked({ ...DISCOUNT, active: false })),
    );
    assert.ok(isCampaignPartialFailureError(e), String(e));
    assert.equal(e.properties.active, true, "the campaign is still enabled, so the next up must disable it");
    assert.equal(e.properties.isActive, true);
    assert.match(e.message, /disabling the campaign failed/);
  });

  it("after a 5xx on POST finds the campaign by name instead of posting again", async () => {
    const api = new FakeVoucherify();
    api.failOnce(/^POST \/v1\/campaigns$/, serverError, { afterEffect: true });
    const { id } = await createCampaignResource(runtime(api), await checked(DISCOUNT));
    assert.deepEqual(api.log, ["POST /v1/campaigns", "GET /v1/campaigns/spring"]);
    assert.equal(id, "camp_1");
    assert.equal(api.campaigns.size, 1);
  });

  it("after a network error on POST rethrows when the lookup finds nothing", async () => {
    const api = new FakeVoucherify();
    api.failOnce(/^POST \/v1\/campaigns$/, networkError);
    const e = await rejection(createCampaignResource(runtime(api), await checked(DISCOUNT)));
    assert.match(String(e), /socket hang up/);
    assert.ok(!isCampaignPartialFailureError(e));
    assert.deepEqual(api.log, ["POST /v1/campaigns", "GET /v1/campaigns/spring"]);
  });

  it("does not look up or retry after a 4xx validation error", async () => {
    const api = new FakeVoucherify();
    api.failOnce(/^POST/, () => apiError(400, "POST", "/v1/campaigns", "invalid_campaign", "bad"));
    await rejection(createCampaignResource(runtime(api), await checked(DISCOUNT)));
    assert.deepEqual(api.log, ["POST /v1/campaigns"]);
  });

  it("explains how to adopt when the name is taken and adopt is not set", async () => {
    const api = new FakeVoucherify();
    api.addCampaign({ name: "spring" });
    const e = await rejection(createCampaignResource(runtime(api), await checked(DISCOUNT)));
    assert.ok(isCampaignNameTakenError(e), String(e));
    assert.match((e as Error).message, /"spring" already exists/);
    assert.match((e as Error).message, /adopt: true/);
    assert.match((e as Error).message, /differs in fields a campaign keeps from its creation/);
    assert.deepEqual(api.log, ["POST /v1/campaigns", "GET /v1/campaigns/spring"]);
  });

  describe("a campaign an interrupted run created (the POST answered, the state never written)", () => {
    const NOW = Date.parse("2030-06-01T12:00:00Z");
    /** The campaign as the earlier, killed run created it. */
    async function interrupted(api: FakeVoucherify, createdAt: string) {
      const first = await createCampaignResource(runtime(api), await checked(DISCOUNT));
      const c = api.campaigns.get(first.id);
      if (c !== undefined) c.created_at = createdAt;
      api.log.length = 0;
      const rt = { ...runtime(api), clock: recordingClock(NOW) };
      return { id: first.id, rt };
    }

    it("is continued with: the same campaign, no second one, no adopt needed", async () => {
      const api = new FakeVoucherify();
      const { id, rt } = await interrupted(api, "2030-06-01T11:00:00.000Z");
      const again = await createCampaignResource(rt, await checked(DISCOUNT));
      assert.equal(again.id, id);
      assert.equal(api.campaigns.size, 1);
      assert.deepEqual(api.log.slice(0, 4), [
        "POST /v1/campaigns",
        "GET /v1/campaigns/spring",
        "GET /v1/redemptions?campaign=spring&limit=1",
        "GET /v1/publications?campaign=spring&limit=1",
      ]);
    });

    it("is refused with the adopt hint when it holds redemptions", async () => {
      const api = new FakeVoucherify();
      const { rt } = await interrupted(api, "2030-06-01T11:00:00.000Z");
      api.redeemed.set("spring", 1);
      const e = await rejection(createCampaignResource(rt, await checked(DISCOUNT)));
      assert.ok(isCampaignNameTakenError(e), String(e));
      assert.match((e as Error).message, /holds redemptions or publications.*adopt: true/s);
    });

    it("is refused with the adopt hint when it is older than a day", async () => {
      const api = new FakeVoucherify();
      const { rt } = await interrupted(api, "2030-05-30T12:00:00.000Z");
      const e = await rejection(createCampaignResource(rt, await checked(DISCOUNT)));
      assert.ok(isCampaignNameTakenError(e), String(e));
      assert.match((e as Error).message, /more than 24 hours ago/);
    });
  });

  it("adopts an existing campaign by name and updates it to match", async () => {
    const api = new FakeVoucherify();
    const existing = api.addCampaign({
      name: "spring",
      description: "old text",
      active: false,
      vouchers_count: 3,
      voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percent_off: 10 } },
    });
    const { id, outs } = await createCampaignResource(
      runtime(api),
      await checked({ ...DISCOUNT, adopt: true }),
    );
    assert.equal(id, existing.id);
    assert.deepEqual(api.log, [
      "GET /v1/campaigns/spring",
      `PUT /v1/campaigns/${id}`,
      `POST /v1/campaigns/${id}/enable`,
    ]);
    const put = api.bodies[1]?.body as Json;
    assert.equal(put.description, "10% off");
    assert.equal(api.campaigns.get(id)?.description, "10% off");
    assert.equal(outs.isActive, true);
  });

  it("with adopt set and no such campaign, creates it", async () => {
    const api = new FakeVoucherify();
    const { id } = await createCampaignResource(runtime(api), await checked({ ...DISCOUNT, adopt: true }));
    assert.deepEqual(api.log, ["GET /v1/campaigns/spring", "POST /v1/campaigns", `GET /v1/campaigns/${id}`]);
  });
});

describe("campaign/lifecycle read", () => {
  it("treats a 404 as gone (blank id)", async () => {
    const api = new FakeVoucherify();
    const result = await readCampaignResource(runtime(api), "camp_404", { name: "x" });
    assert.deepEqual(result, { id: "" });
    assert.deepEqual(api.log, ["GET /v1/campaigns/camp_404"]);
  });

  it("maps out-of-band changes onto the input shape with one GET", async () => {
    const api = new FakeVoucherify();
    const { id, outs } = await createCampaignResource(runtime(api), await checked(DISCOUNT));
    const c = api.campaigns.get(id);
    assert.ok(c);
    c.description = "changed in the dashboard";
    c.active = false;
    api.log.length = 0;
    const result = await readCampaignResource(runtime(api), id, { ...outs, __provider: PROVIDER_TEXT });
    assert.deepEqual(api.log, [`GET /v1/campaigns/${id}`]);
    assert.equal(result.id, id);
    assert.equal(result.props?.description, "changed in the dashboard");
    assert.equal(result.props?.active, false);
    assert.equal(result.props?.isActive, false);
    assert.equal(result.inputs?.description, "changed in the dashboard");
    assert.equal(result.inputs?.campaignId, undefined, "computed outputs are not inputs");
    assert.equal(result.inputs?.__provider, undefined);
  });

  it("returns the same input-shaped fields when nothing changed, so diff shows no change", async () => {
    const api = new FakeVoucherify();
    const news = await checked(DISCOUNT);
    const { id, outs } = await createCampaignResource(runtime(api), news);
    const result = await readCampaignResource(runtime(api), id, outs);
    const d = await diff(id, { ...(result.props as Json) }, news);
    assert.equal(d.changes, false, JSON.stringify(d));
  });
});

describe("campaign/lifecycle update", () => {
  it("sends one PUT with only the changed fields, then disables", async () => {
    const api = new FakeVoucherify();
    const { id, outs } = await createCampaignResource(runtime(api), await checked(DISCOUNT));
    api.log.length = 0;
    api.bodies.length = 0;
    const news = await checked({ ...DISCOUNT, description: "15% off", active: false }, outs);
    const result = await updateCampaignResource(
      runtime(api),
      id,
      { ...outs, __provider: PROVIDER_TEXT },
      news,
    );
    assert.deepEqual(api.log, [`PUT /v1/campaigns/${id}`, `POST /v1/campaigns/${id}/disable`]);
    assert.deepEqual(Object.keys(api.bodies[0]?.body as Json), ["description"]);
    assert.equal(result.outs.description, "15% off");
    assert.equal(result.outs.isActive, false);
    assert.equal(result.outs.campaignId, id);
    assert.ok(isPlainJson(result.outs));
  });

  it("only enables when active is the sole change", async () => {
    const api = new FakeVoucherify();
    const { id, outs } = await createCampaignResource(
      runtime(api),
      await checked({ ...DISCOUNT, active: false }),
    );
    api.log.length = 0;
    const news = await checked(DISCOUNT, outs);
    const result = await updateCampaignResource(runtime(api), id, outs, news);
    assert.deepEqual(api.log, [`POST /v1/campaigns/${id}/enable`]);
    assert.equal(result.outs.isActive, true);
  });

  it("keeps the previous state when the PUT fails (nothing applied)", async () => {
    const api = new FakeVoucherify();
    const { id, outs } = await createCampaignResource(runtime(api), await checked(DISCOUNT));
    api.failOnce(/^PUT/, () => apiError(400, "PUT", `/v1/campaigns/${id}`, "resource_protected", "no"));
    const news = await checked({ ...DISCOUNT, description: "15% off" }, outs);
    const e = await rejection(updateCampaignResource(runtime(api), id, outs, news));
    assert.ok(!isCampaignPartialFailureError(e));
    assert.match(String(e), /resource_protected/);
  });

  it("reports the applied state when a step after the PUT fails", async () => {
    const api = new FakeVoucherify();
    const { id, outs } = await createCampaignResource(runtime(api), await checked(DISCOUNT));
    api.failOnce(/disable$/, () => apiError(500, "POST", `/v1/campaigns/${id}/disable`, "internal", "boom"));
    const news = await checked({ ...DISCOUNT, description: "15% off", active: false }, outs);
    const e = await rejection(
      updateCampaignResource(runtime(api), id, { ...outs, __provider: PROVIDER_TEXT }, { ...news }),
    );
    assert.ok(isCampaignPartialFailureError(e), String(e));
    assert.equal(e.id, id);
    assert.equal(e.properties.description, "15% off", "the PUT was applied");
    assert.equal(e.properties.active, true, "the disable was not");
    assert.equal(e.properties.__provider, PROVIDER_TEXT);
    // The next up diffs the recorded state against the same inputs and converges.
    const d = await diff(id, e.properties, news);
    assert.equal(d.changes, true);
    api.log.length = 0;
    await updateCampaignResource(runtime(api), id, e.properties, news);
    assert.deepEqual(api.log, [`POST /v1/campaigns/${id}/disable`]);
  });

  it("adds a single new inline code on update with one synchronous request", async () => {
    const api = new FakeVoucherify();
    const { id, outs } = await createCampaignResource(runtime(api), await checked(GIFT));
    api.log.length = 0;
    const vouchers = [...(GIFT.vouchers as Json[]), { code: "GIFT-4" }];
    const news = await checked({ ...GIFT, vouchers }, outs);
    const result = await updateCampaignResource(runtime(api), id, outs, news);
    assert.deepEqual(api.log, [`POST /v1/campaigns/${id}/vouchers/GIFT-4`]);
    assert.equal((result.outs.vouchers as Json[]).length, 5);
    assert.equal(result.outs.totalVouchers, 5);
  });
});

describe("campaign/lifecycle delete", () => {
  it("deletes permanently by default and waits for the async action", async () => {
    const api = new FakeVoucherify();
    const c = api.addCampaign({ name: "x" });
    await deleteCampaignResource(runtime(api), c.id, { deletePolicy: "permanent" });
    assert.equal(api.log[0], `DELETE /v1/campaigns/${c.id}?force=true`);
    assert.match(api.log[1] as string, /^GET \/v1\/async-actions\/aa_/);
    assert.equal(api.log.length, 2);
  });

  it("moves the campaign to the bin when deletePolicy is bin", async () => {
    const api = new FakeVoucherify();
    const c = api.addCampaign({ name: "x" });
    await deleteCampaignResource(runtime(api), c.id, { deletePolicy: "bin" });
    assert.equal(api.log[0], `DELETE /v1/campaigns/${c.id}`);
  });

  it("counts a 404 as already deleted", async () => {
    const api = new FakeVoucherify();
    await deleteCampaignResource(runtime(api), "camp_gone", { deletePolicy: "permanent" });
    assert.deepEqual(api.log, ["DELETE /v1/campaigns/camp_gone?force=true"]);
  });
});

describe("campaign/lifecycle adopt with fields that need a replacement", () => {
  it("records the adopted campaign's fixed fields as they are, so the next diff shows the replacement", async () => {
    const api = new FakeVoucherify();
    api.addCampaign({
      name: "spring",
      vouchers_count: 3,
      voucher: {
        type: "DISCOUNT_VOUCHER",
        discount: { type: "PERCENT", percent_off: 10 },
        code_config: { pattern: "OLD-####" },
      },
    });
    const news = await checked({
      ...DISCOUNT,
      adopt: true,
      voucher: { ...(DISCOUNT.voucher as Json), codeConfig: { pattern: "NEW-####" } },
    });
    const logs: string[] = [];
    const { id, outs } = await createCampaignResource(runtime(api, logs), news);
    assert.ok(
      logs.some((l) => /cannot be updated in place/.test(l)),
      logs.join("\n"),
    );
    const d = await diff(id, outs, news);
    assert.ok(d.replaces.length > 0, JSON.stringify(d));
  });
});
