// Each adapter function on its own (create, read, update, delete), against the emulator of each profile: the
// requests it makes, the outputs it returns and the state a partial failure carries.
import * as assert from "node:assert/strict";
import { render, type TestEmulator } from "../helpers/emulator";
import {
  checked,
  collapsed,
  decodeCodes,
  forEachProfile,
  type Json,
  PROVIDER_TEXT,
  provider,
  rejection,
  withClockAhead,
} from "./support";

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

interface PartialFailure extends Error {
  id: string;
  properties: Json;
  reasons: string[];
}

function isPartialFailure(e: unknown): e is PartialFailure {
  return e instanceof Error && typeof (e as Partial<PartialFailure>).id === "string" && "properties" in e;
}

function isPlainJson(value: unknown): boolean {
  return JSON.stringify(JSON.parse(JSON.stringify(value))) === JSON.stringify(value);
}

/** "METHOD /path" of each request, as the old fake logged them (status and query left out). */
async function calls(emulator: TestEmulator): Promise<string[]> {
  return (await emulator.requests()).map((r) => `${r.method} ${r.path}`);
}

async function apiCampaign(emulator: TestEmulator, id: string): Promise<Json> {
  await emulator.settle();
  return (await emulator.api<Json>("GET", `/v1/campaigns/${id}`)).body;
}

/** Makes `code` belong to another campaign, so this one's import of it fails. */
async function takenElsewhere(emulator: TestEmulator, code: string): Promise<void> {
  const other = await emulator.api<{ id: string }>("POST", "/v1/campaigns", {
    name: "someone else's",
    campaign_type: "GIFT_VOUCHERS",
    type: "STATIC",
    voucher: { type: "GIFT_VOUCHER", gift: { amount: 100 } },
  });
  await emulator.settle();
  assert.equal((await emulator.api("POST", `/v1/campaigns/${other.body.id}/import`, [{ code }])).status, 202);
  await emulator.settle();
  await emulator.clearRequests();
}

forEachProfile("contract: create", (ctx) => {
  it("posts once, waits for generation and returns inputs plus computed outputs", async () => {
    const { emulator } = ctx;
    const { id, outs } = await provider.create(await checked(DISCOUNT));
    assert.deepEqual(collapsed(await calls(emulator)), ["POST /v1/campaigns", `GET /v1/campaigns/${id}`]);
    assert.match(id, /^camp_/);
    assert.equal(outs.campaignId, id);
    assert.equal(outs.name, "spring");
    assert.equal(outs.description, "10% off");
    assert.equal(outs.vouchersCount, 3);
    assert.equal(outs.totalVouchers, 3);
    assert.equal(outs.isActive, true);
    assert.equal(outs.creationStatus, "DONE");
    assert.equal(outs.__provider, undefined, "the host adds __provider itself");
    assert.ok(isPlainJson(outs));
    const made = await apiCampaign(emulator, id);
    assert.equal(made.name, "spring");
    assert.equal(made.vouchers_count, 3);
  });

  it("disables the campaign after creation when active is false", async () => {
    const { emulator } = ctx;
    const { id, outs } = await provider.create(await checked({ ...DISCOUNT, active: false }));
    assert.deepEqual(collapsed(await calls(emulator)), [
      "POST /v1/campaigns",
      `GET /v1/campaigns/${id}`,
      `POST /v1/campaigns/${id}/disable`,
    ]);
    assert.equal(outs.active, false);
    assert.equal(outs.isActive, false);
    assert.equal((await apiCampaign(emulator, id)).active, false);
  });

  it("imports inline codes after the campaign is ready", async () => {
    const { emulator } = ctx;
    const { id, outs } = await provider.create(await checked(GIFT));
    const log = await calls(emulator);
    // No readiness read here: a campaign without generated codes is ready as created.
    assert.deepEqual(log.filter((l) => !l.startsWith("GET ")).slice(0, 2), [
      "POST /v1/campaigns",
      `POST /v1/campaigns/${id}/import`,
    ]);
    assert.ok(log.filter((l) => l.startsWith("GET /v1/async-actions/")).length >= 1);
    assert.deepEqual(
      decodeCodes(outs.vouchers)?.map((v) => v.code),
      ["GIFT-0", "GIFT-1", "GIFT-2", "GIFT-3"],
    );
    assert.equal(outs.totalVouchers, 4);
    assert.equal(
      log.slice(log.indexOf(`POST /v1/campaigns/${id}/import`)).filter((l) => l === `GET /v1/campaigns/${id}`)
        .length,
      0,
      "counts the imported codes without another GET",
    );
  });

  it("reports a failed import as a partial failure carrying the id, the applied state and __provider", async () => {
    const { emulator } = ctx;
    await takenElsewhere(emulator, "GIFT-2");
    const e = await rejection(provider.create(await checked(GIFT)));
    assert.ok(isPartialFailure(e), String(e));
    assert.match(e.id, /^camp_/);
    assert.equal(e.properties.__provider, PROVIDER_TEXT);
    assert.equal(e.properties.campaignId, e.id);
    assert.equal(e.properties.name, "gifts");
    assert.deepEqual(
      decodeCodes(e.properties.vouchers)?.map((v) => v.code),
      ["GIFT-0", "GIFT-1", "GIFT-3"],
      "only the codes that were imported are recorded",
    );
    assert.equal(e.reasons.length, 1);
    assert.ok((e.reasons[0] as string).includes(e.id));
    assert.ok(isPlainJson(e.properties));
    const { body } = await emulator.api<{ campaigns: { name: string }[] }>("GET", "/v1/campaigns?limit=100");
    assert.equal(body.campaigns.filter((c) => c.name === "gifts").length, 1);
  });

  it("names a secret code by its position in the failure reason, never in clear", async () => {
    const { emulator } = ctx;
    await takenElsewhere(emulator, "GIFT-2");
    const e = await rejection(provider.create(await checked(GIFT)));
    assert.ok(isPartialFailure(e), String(e));
    const text = [e.message, ...e.reasons, ...ctx.logs].join("\n");
    assert.ok(!text.includes("GIFT-2"), text);
    assert.match(e.reasons[0] as string, /vouchers\[1\]/);
  });

  it("records the actual active state when disabling fails after the create", async () => {
    const { emulator } = ctx;
    await emulator.faults([{ method: "POST", path: "/disable$", status: 500, times: 99 }]);
    const e = await rejection(provider.create(await checked({ ...DISCOUNT, active: false })));
    assert.ok(isPartialFailure(e), String(e));
    assert.equal(e.properties.active, true, "the campaign is still enabled, so the next up must disable it");
    assert.equal(e.properties.isActive, true);
    assert.match(e.message, /disabling the campaign failed/);
  });

  it("after a 5xx on POST finds the campaign by name instead of posting again", async () => {
    const { emulator } = ctx;
    await emulator.faults([{ method: "POST", path: "^/v1/campaigns$", status: 500, after: true, times: 1 }]);
    const { id } = await provider.create(await checked(DISCOUNT));
    const log = await calls(emulator);
    assert.deepEqual(log.slice(0, 2), ["POST /v1/campaigns", "GET /v1/campaigns/spring"]);
    assert.equal(log.filter((l) => l === "POST /v1/campaigns").length, 1);
    assert.match(id, /^camp_/);
    const { body } = await emulator.api<{ campaigns: unknown[] }>("GET", "/v1/campaigns?limit=100");
    assert.equal(body.campaigns.length, 1);
  });

  it("after a network error on POST rethrows when the lookup finds nothing", async () => {
    const { emulator } = ctx;
    await emulator.faults([{ method: "POST", path: "^/v1/campaigns$", reset: true, times: 99 }]);
    const e = await rejection(provider.create(await checked(DISCOUNT)));
    assert.match(String(e), /socket hang up|ECONNRESET|network/i);
    assert.ok(!isPartialFailure(e));
    const log = await calls(emulator);
    assert.equal(log.at(-1), "GET /v1/campaigns/spring");
    assert.ok(
      log.slice(0, -1).every((l) => l === "POST /v1/campaigns"),
      log.join("\n"),
    );
  });

  it("does not look up or retry after a 4xx validation error", async () => {
    const { emulator } = ctx;
    await emulator.faults([{ method: "POST", path: "^/v1/campaigns$", status: 400, times: 1 }]);
    await rejection(provider.create(await checked(DISCOUNT)));
    assert.deepEqual(await calls(emulator), ["POST /v1/campaigns"]);
  });

  it("explains how to adopt when the name is taken and adopt is not set", async () => {
    const { emulator } = ctx;
    const other = await emulator.api("POST", "/v1/campaigns", {
      name: "spring",
      campaign_type: "DISCOUNT_COUPONS",
      type: "AUTO_UPDATE",
      voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "AMOUNT", amount_off: 100 } },
    });
    assert.equal(other.status, 200);
    await emulator.settle();
    await emulator.clearRequests();
    const e = await rejection(provider.create(await checked(DISCOUNT)));
    assert.match((e as Error).message, /"spring" already exists/);
    assert.match((e as Error).message, /adopt: true/);
    assert.match((e as Error).message, /differs in fields a campaign keeps from its creation/);
    assert.deepEqual(await calls(emulator), ["POST /v1/campaigns", "GET /v1/campaigns/spring"]);
  });

  describe("a campaign an interrupted run created (the POST answered, the state never written)", () => {
    /** The campaign as the earlier, killed run created it; its result is dropped, as the engine never got it. */
    async function interrupted(emulator: TestEmulator): Promise<string> {
      const first = await provider.create(await checked(DISCOUNT));
      await emulator.settle();
      await emulator.clearRequests();
      return first.id;
    }

    it("is continued with: the same campaign, no second one, no adopt needed", async () => {
      const { emulator } = ctx;
      const id = await interrupted(emulator);
      const again = await provider.create(await checked(DISCOUNT));
      assert.equal(again.id, id);
      const requests = await emulator.requests();
      assert.deepEqual(render(requests.slice(0, 4)), [
        "POST /v1/campaigns 409",
        "GET /v1/campaigns/spring 200",
        "GET /v1/redemptions 200",
        "GET /v1/publications 200",
      ]);
      for (const r of requests.slice(2, 4)) assert.deepEqual(r.query, { campaign: "spring", limit: "1" });
      const { body } = await emulator.api<{ campaigns: unknown[] }>("GET", "/v1/campaigns?limit=100");
      assert.equal(body.campaigns.length, 1);
    });

    it("is refused with the adopt hint when it holds redemptions", async () => {
      const { emulator } = ctx;
      const id = await interrupted(emulator);
      const { body } = await emulator.api<{ vouchers: { code: string }[] }>(
        "GET",
        `/v1/vouchers?campaign_id=${id}`,
      );
      const code = encodeURIComponent(String(body.vouchers[0]?.code));
      assert.equal(
        (await fetch(`${emulator.url}/_emulator/vouchers/${code}/redeem`, { method: "POST" })).status,
        200,
      );
      const e = await rejection(provider.create(await checked(DISCOUNT)));
      assert.match((e as Error).message, /holds redemptions or publications.*adopt: true/s);
    });

    it("is refused with the adopt hint when it is older than a day", async () => {
      const { emulator } = ctx;
      await interrupted(emulator);
      const twoDays = 2 * 24 * 60 * 60 * 1000;
      const e = await withClockAhead(twoDays, async () =>
        rejection(provider.create(await checked(DISCOUNT))),
      );
      assert.match((e as Error).message, /more than 24 hours ago/);
      assert.match((e as Error).message, /adopt: true/);
    });
  });

  it("adopts an existing campaign by name and updates it to match", async () => {
    const { emulator } = ctx;
    const existing = await emulator.api<{ id: string }>("POST", "/v1/campaigns", {
      name: "spring",
      campaign_type: "DISCOUNT_COUPONS",
      type: "AUTO_UPDATE",
      description: "old text",
      vouchers_count: 3,
      voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percent_off: 10 } },
    });
    await emulator.settle();
    await emulator.api("POST", `/v1/campaigns/${existing.body.id}/disable`);
    await emulator.settle();
    await emulator.clearRequests();
    const { id, outs } = await provider.create(await checked({ ...DISCOUNT, adopt: true }));
    assert.equal(id, existing.body.id);
    assert.deepEqual(collapsed(await calls(emulator)), [
      "GET /v1/campaigns/spring",
      `PUT /v1/campaigns/${id}`,
      `POST /v1/campaigns/${id}/enable`,
    ]);
    assert.equal((await apiCampaign(emulator, id)).description, "10% off");
    assert.equal(outs.isActive, true);
  });

  it("with adopt set and no such campaign, creates it", async () => {
    const { emulator } = ctx;
    const { id } = await provider.create(await checked({ ...DISCOUNT, adopt: true }));
    assert.deepEqual(collapsed(await calls(emulator)), [
      "GET /v1/campaigns/spring",
      "POST /v1/campaigns",
      `GET /v1/campaigns/${id}`,
    ]);
  });

  it("records the adopted campaign's fixed fields as they are, so the next diff shows the replacement", async () => {
    const { emulator } = ctx;
    await emulator.api("POST", "/v1/campaigns", {
      name: "spring",
      campaign_type: "DISCOUNT_COUPONS",
      type: "AUTO_UPDATE",
      vouchers_count: 3,
      voucher: {
        type: "DISCOUNT_VOUCHER",
        discount: { type: "PERCENT", percent_off: 10 },
        code_config: { pattern: "OLD-####" },
      },
    });
    await emulator.settle();
    const news = await checked({
      ...DISCOUNT,
      adopt: true,
      voucher: { ...(DISCOUNT.voucher as Json), codeConfig: { pattern: "NEW-####" } },
    });
    const { id, outs } = await provider.create(news);
    assert.ok(
      ctx.logs.some((l) => /cannot be updated in place/.test(l)),
      ctx.logs.join("\n"),
    );
    const d = await provider.diff(id, outs, news);
    assert.ok(d.replaces.length > 0, JSON.stringify(d));
  });
});

forEachProfile("contract: read", (ctx) => {
  it("treats a 404 as gone (blank id)", async () => {
    const { emulator } = ctx;
    const result = await provider.read("camp_404", { name: "x" });
    assert.deepEqual(result, { id: "" });
    assert.deepEqual(await calls(emulator), ["GET /v1/campaigns/camp_404"]);
  });

  it("maps out-of-band changes onto the input shape with one GET", async () => {
    const { emulator } = ctx;
    const { id, outs } = await provider.create(await checked(DISCOUNT));
    await emulator.api("PUT", `/v1/campaigns/${id}`, { description: "changed in the dashboard" });
    await emulator.settle();
    await emulator.api("POST", `/v1/campaigns/${id}/disable`);
    await emulator.settle();
    await emulator.clearRequests();
    const result = await provider.read(id, { ...outs, __provider: PROVIDER_TEXT });
    assert.deepEqual(await calls(emulator), [`GET /v1/campaigns/${id}`]);
    assert.equal(result.id, id);
    assert.equal(result.props?.description, "changed in the dashboard");
    assert.equal(result.props?.active, false);
    assert.equal(result.props?.isActive, false);
    assert.equal(result.inputs?.description, "changed in the dashboard");
    assert.equal(result.inputs?.campaignId, undefined, "computed outputs are not inputs");
    assert.equal(result.inputs?.__provider, undefined);
  });

  it("returns the same input-shaped fields when nothing changed, so diff shows no change", async () => {
    const news = await checked(DISCOUNT);
    const { id, outs } = await provider.create(news);
    await ctx.emulator.settle();
    const result = await provider.read(id, outs);
    const d = await provider.diff(id, { ...(result.props as Json) }, news);
    assert.equal(d.changes, false, JSON.stringify(d));
  });
});

forEachProfile("contract: update", (ctx) => {
  /** Creates `raw`; the request log then starts empty. */
  async function created(raw: Json): Promise<{ id: string; outs: Json }> {
    const result = await provider.create(await checked(raw));
    await ctx.emulator.settle();
    await ctx.emulator.clearRequests();
    return { id: result.id, outs: { ...result.outs, __provider: PROVIDER_TEXT } };
  }

  it("sends one PUT with only the changed fields, then disables", async () => {
    const { emulator } = ctx;
    const { id, outs } = await created(DISCOUNT);
    const news = await checked({ ...DISCOUNT, description: "15% off", active: false }, outs);
    const result = await provider.update(id, outs, news);
    assert.deepEqual(collapsed(await calls(emulator)), [
      `PUT /v1/campaigns/${id}`,
      `POST /v1/campaigns/${id}/disable`,
    ]);
    const after = await apiCampaign(emulator, id);
    assert.equal(after.description, "15% off");
    assert.equal(after.vouchers_count, 3, "the codes are untouched");
    assert.equal(result.outs.description, "15% off");
    assert.equal(result.outs.isActive, false);
    assert.equal(result.outs.campaignId, id);
    assert.ok(isPlainJson(result.outs));
  });

  it("only enables when active is the sole change", async () => {
    const { emulator } = ctx;
    const { id, outs } = await created({ ...DISCOUNT, active: false });
    const news = await checked(DISCOUNT, outs);
    const result = await provider.update(id, outs, news);
    assert.deepEqual(await calls(emulator), [`POST /v1/campaigns/${id}/enable`]);
    assert.equal(result.outs.isActive, true);
  });

  it("keeps the previous state when the PUT fails (nothing applied)", async () => {
    const { emulator } = ctx;
    const { id, outs } = await created(DISCOUNT);
    await emulator.faults([{ method: "PUT", path: `^/v1/campaigns/${id}$`, status: 400, times: 1 }]);
    const news = await checked({ ...DISCOUNT, description: "15% off" }, outs);
    const e = await rejection(provider.update(id, outs, news));
    assert.ok(!isPartialFailure(e), String(e));
    assert.match(String(e), /400/);
  });

  it("reports the applied state when a step after the PUT fails", async () => {
    const { emulator } = ctx;
    const { id, outs } = await created(DISCOUNT);
    await emulator.faults([{ method: "POST", path: "/disable$", status: 500, times: 99 }]);
    const news = await checked({ ...DISCOUNT, description: "15% off", active: false }, outs);
    const e = await rejection(provider.update(id, outs, news));
    assert.ok(isPartialFailure(e), String(e));
    assert.equal(e.id, id);
    assert.equal(e.properties.description, "15% off", "the PUT was applied");
    assert.equal(e.properties.active, true, "the disable was not");
    assert.equal(e.properties.__provider, PROVIDER_TEXT);
    // The next up diffs the recorded state against the same inputs and converges.
    const d = await provider.diff(id, e.properties, news);
    assert.equal(d.changes, true);
    await emulator.clearFaults();
    await emulator.settle();
    await emulator.clearRequests();
    await provider.update(id, e.properties, news);
    assert.deepEqual(collapsed(await calls(emulator)), [`POST /v1/campaigns/${id}/disable`]);
  });

  it("adds a single new inline code on update with one synchronous request", async () => {
    const { emulator } = ctx;
    const { id, outs } = await created(GIFT);
    const vouchers = [...(GIFT.vouchers as Json[]), { code: "GIFT-4" }];
    const news = await checked({ ...GIFT, vouchers }, outs);
    const result = await provider.update(id, outs, news);
    assert.deepEqual(await calls(emulator), [`POST /v1/campaigns/${id}/vouchers/GIFT-4`]);
    assert.equal(decodeCodes(result.outs.vouchers)?.length, 5);
    assert.equal(result.outs.totalVouchers, 5);
  });
});

forEachProfile("contract: delete", (ctx) => {
  async function made(): Promise<string> {
    const { id } = await provider.create(await checked(DISCOUNT));
    await ctx.emulator.settle();
    await ctx.emulator.clearRequests();
    return id;
  }

  it("deletes permanently by default and waits for the async action", async () => {
    const { emulator } = ctx;
    const id = await made();
    await provider.delete(id, { deletePolicy: "permanent" });
    const requests = await emulator.requests();
    assert.equal(`${requests[0]?.method} ${requests[0]?.path}`, `DELETE /v1/campaigns/${id}`);
    assert.deepEqual(requests[0]?.query, { force: "true" });
    const rest = requests.slice(1).map((r) => `${r.method} ${r.path}`);
    assert.ok(
      rest.length >= 1 && rest.every((l) => /^GET \/v1\/async-actions\/aa_/.test(l)),
      rest.join("\n"),
    );
    assert.equal((await emulator.api("GET", `/v1/campaigns/${id}`)).status, 404);
  });

  it("moves the campaign to the bin when deletePolicy is bin", async () => {
    const { emulator } = ctx;
    const id = await made();
    await provider.delete(id, { deletePolicy: "bin" });
    const requests = await emulator.requests();
    assert.equal(`${requests[0]?.method} ${requests[0]?.path}`, `DELETE /v1/campaigns/${id}`);
    assert.deepEqual(requests[0]?.query, {});
  });

  it("counts a 404 as already deleted", async () => {
    const { emulator } = ctx;
    await provider.delete("camp_gone", { deletePolicy: "permanent" });
    assert.deepEqual(render(await emulator.requests()), ["DELETE /v1/campaigns/camp_gone 404"]);
  });
});
