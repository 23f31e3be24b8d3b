// Campaign reads from shared list pages (provider/client/campaign-pages.ts) against the in-process emulator: a
// burst of reads at the engine's parallelism costs a few list requests, and every drift a per-campaign GET shows
// (out-of-band PUT, disable/enable, tier edit, assignment change, deletion) reads the same through both paths.
import * as assert from "node:assert/strict";
import {
  type CampaignPagesOptions,
  createCampaignPages,
  invalidatingWrites,
} from "../../provider/client/campaign-pages";
import { getCampaign } from "../../provider/client/campaigns";
import { isVoucherifyApiError } from "../../provider/client/errors";
import { createHttpClient, type VoucherifyHttp } from "../../provider/client/http";
import { type ApiCampaign, campaignResponseSchema } from "../../provider/schema/wire";
import { APP_ID, admin, type Json, SECRET_KEY, startTestEmulator, type TestEmulator } from "./support";

/** The engine's default parallelism on 2 cores. */
const ENGINE_PARALLELISM = 8;

type Outcome = { campaign: ApiCampaign } | { status: number };

/** Reads every ID as the engine's refresh does: at most 8 at a time, the next one as soon as one is done. */
async function refresh(ids: string[], read: (id: string) => Promise<ApiCampaign>): Promise<Outcome[]> {
  const out: Outcome[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      try {
        out[i] = { campaign: await read(ids[i] as string) };
      } catch (e) {
        if (!isVoucherifyApiError(e)) throw e;
        out[i] = { status: e.status };
      }
    }
  };
  await Promise.all(Array.from({ length: ENGINE_PARALLELISM }, worker));
  return out;
}

describe("campaign pages: a refresh's reads served from shared list pages", () => {
  let emu: TestEmulator;
  let http: VoucherifyHttp;
  /** Campaigns every burst reads besides the one under test, so a burst is large enough for a snapshot. */
  const others: string[] = [];

  async function call(method: string, path: string, body?: Json): Promise<Json> {
    const result = await emu.call<Json>(method, path, { body });
    assert.ok(result.status < 300, `${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }

  async function discountCampaign(name: string): Promise<string> {
    const created = await call("POST", "/v1/campaigns", {
      name,
      campaign_type: "DISCOUNT_COUPONS",
      type: "AUTO_UPDATE",
      voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percent_off: 5 } },
    });
    return String(created.id);
  }

  /** Requests the emulator answered while `work` ran. */
  async function requestsOf<T>(work: () => Promise<T>): Promise<{ result: T; requests: string[] }> {
    const before = emu.requests().length;
    const result = await work();
    const requests = emu
      .requests()
      .slice(before)
      .map((r) => `${r.method} ${r.path}`);
    return { result, requests };
  }

  /** The burst read through both paths: per-campaign GETs, then a fresh paged reader; both outcomes compared. */
  async function bothPaths(id: string, options: CampaignPagesOptions = {}): Promise<Outcome> {
    const ids = [...others, id];
    const single = await refresh(ids, (i) => getCampaign(http, i));
    const paged = await requestsOf(() => refresh(ids, createCampaignPages(http, options).getCampaign));
    assert.deepEqual(paged.result, single);
    assert.ok(
      paged.requests.filter((r) => r.startsWith("GET /v1/campaigns/")).length <= 1,
      `only the campaign under test may need the single GET: ${paged.requests.join(", ")}`,
    );
    return single[single.length - 1] as Outcome;
  }

  function campaignOf(outcome: Outcome): Json {
    assert.ok("campaign" in outcome, JSON.stringify(outcome));
    return outcome.campaign as unknown as Json;
  }

  function ruleIds(campaign: Json): unknown[] {
    return ((campaign.validation_rules_assignments as Json).data as Json[]).map((a) => a.rule_id);
  }

  before(async () => {
    emu = await startTestEmulator({ validationRuleIds: ["val_pages0000001", "val_pages0000002"] });
    http = createHttpClient({ apiUrl: emu.url, applicationId: APP_ID, secretKey: SECRET_KEY, timeUnitMs: 1 });
    for (let i = 0; i < 200; i++) others.push(await discountCampaign(`pages ${i}`));
    // One of them carries a rule, so the assignment list is not empty.
    await call("POST", "/v1/validation-rules/val_pages0000001/assignments", {
      related_object_type: "campaign",
      related_object_id: others[0],
    });
  });

  after(() => emu.close());

  it("reads 200 campaigns at the engine's parallelism with 3 requests, each as its single GET shows it", async () => {
    const single = await refresh(others, (id) => getCampaign(http, id));
    const paged = await requestsOf(() => refresh(others, createCampaignPages(http).getCampaign));
    assert.deepEqual(paged.requests.sort(), [
      "GET /v1/campaigns",
      "GET /v1/campaigns",
      "GET /v1/validation-rules-assignments",
    ]);
    assert.deepEqual(paged.result, single);
    assert.deepEqual(ruleIds(campaignOf(paged.result[0] as Outcome)), ["val_pages0000001"]);
  });

  it("shows an out-of-band PUT as the single GET does", async () => {
    const id = await discountCampaign("drift put");
    await call("PUT", `/v1/campaigns/${id}`, { description: "changed outside", metadata: { team: "ops" } });
    const read = campaignOf(await bothPaths(id));
    assert.equal(read.description, "changed outside");
    assert.deepEqual(read.metadata, { team: "ops" });
  });

  it("shows a disable, then an enable, as the single GET does", async () => {
    const id = await discountCampaign("drift toggle");
    await call("POST", `/v1/campaigns/${id}/disable`, {});
    assert.equal(campaignOf(await bothPaths(id)).active, false);
    await call("POST", `/v1/campaigns/${id}/enable`, {});
    assert.equal(campaignOf(await bothPaths(id)).active, true);
  });

  it("shows a tier edited out of band as the single GET does (PROMOTION campaigns use the single GET)", async () => {
    const created = await call("POST", "/v1/campaigns", {
      name: "drift tier",
      campaign_type: "PROMOTION",
      promotion: {
        tiers: [
          { name: "tier one", banner: "one", action: { discount: { type: "PERCENT", percent_off: 5 } } },
        ],
      },
    });
    const tier = ((created.promotion as Json).tiers as Json[])[0] as Json;
    await call("PUT", `/v1/promotions/tiers/${String(tier.id)}`, { banner: "edited outside" });
    const read = campaignOf(await bothPaths(String(created.id)));
    assert.equal((((read.promotion as Json).tiers as Json[])[0] as Json).banner, "edited outside");
  });

  it("shows a validation rule assigned, then swapped, out of band as the single GET does", async () => {
    const id = await discountCampaign("drift rules");
    const assigned = await call("POST", "/v1/validation-rules/val_pages0000001/assignments", {
      related_object_type: "campaign",
      related_object_id: id,
    });
    assert.deepEqual(ruleIds(campaignOf(await bothPaths(id))), ["val_pages0000001"]);
    await call("DELETE", `/v1/validation-rules/val_pages0000001/assignments/${String(assigned.id)}`);
    await call("POST", "/v1/validation-rules/val_pages0000002/assignments", {
      related_object_type: "campaign",
      related_object_id: id,
    });
    assert.deepEqual(ruleIds(campaignOf(await bothPaths(id))), ["val_pages0000002"]);
  });

  it("reads a campaign deleted out of band as 404, as the single GET does", async () => {
    const id = await discountCampaign("drift delete");
    await call("DELETE", `/v1/campaigns/${id}?force=true`);
    await emu.settle();
    assert.deepEqual(await bothPaths(id), { status: 404 });
  });

  it("serves a snapshot for maxAgeMs at most, and forgets it at once after a write through invalidatingWrites", async () => {
    const id = await discountCampaign("drift age");
    let now = 0;
    const reader = createCampaignPages(http, { now: () => now, maxAgeMs: 1000 });
    const description = async () => {
      const [read] = await refresh([id, ...others.slice(0, 7)], reader.getCampaign);
      return campaignOf(read as Outcome).description;
    };
    assert.equal(await description(), undefined);
    await call("PUT", `/v1/campaigns/${id}`, { description: "within the age" });
    now = 999;
    assert.equal(await description(), undefined, "within maxAgeMs the snapshot answers");
    now = 1000;
    assert.equal(await description(), "within the age");
    await invalidatingWrites(http, reader).request({
      method: "PUT",
      path: `/v1/campaigns/${id}`,
      body: { description: "written by this process" },
      schema: campaignResponseSchema(),
    });
    assert.equal(await description(), "written by this process");
  });

  it("reads a burst with the single GET when its snapshot fails", async () => {
    await admin(emu, "POST", "faults", {
      rules: [{ method: "GET", path: "^/v1/validation-rules-assignments$", status: 400, times: 1 }],
    });
    const ids = others.slice(0, 8);
    const paged = await requestsOf(() => refresh(ids, createCampaignPages(http).getCampaign));
    assert.deepEqual(
      paged.requests.filter((r) => r.startsWith("GET /v1/campaigns/")).sort(),
      ids.map((id) => `GET /v1/campaigns/${id}`).sort(),
    );
    assert.deepEqual(paged.result, await refresh(ids, (id) => getCampaign(http, id)));
  });

  it("reads a burst smaller than minBatch, or a project beyond maxPages, with the single GET", async () => {
    const small = await requestsOf(() => refresh(others.slice(0, 3), createCampaignPages(http).getCampaign));
    assert.deepEqual(
      small.requests,
      others.slice(0, 3).map((id) => `GET /v1/campaigns/${id}`),
    );
    const large = await requestsOf(() =>
      refresh(others.slice(0, 8), createCampaignPages(http, { maxPages: 1 }).getCampaign),
    );
    const singles = large.requests.filter((r) => r.startsWith("GET /v1/campaigns/"));
    assert.equal(singles.length, 8, large.requests.join(", "));
    assert.ok(large.requests.length <= 10, large.requests.join(", "));
  });
});
