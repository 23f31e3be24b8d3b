// The lookups against a scripted fetch: what getCampaign returns and when it says "none", how listCampaigns pages
// (requests counted), and what it does past the API's last page or when the pages shift under it.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { COMPUTED_OUTPUT_KEYS } from "../../../provider/campaign/outputs";
import { recordingClock } from "../../../provider/client/clock";
import { isVoucherifyApiError } from "../../../provider/client/errors";
import { createHttpClient } from "../../../provider/client/http";
import {
  isCampaignListIncompleteError,
  LAST_PAGE,
  lookupCampaign,
  lookupCampaigns,
  MAX_LISTINGS,
  PAGE_SIZE,
} from "../../../provider/lookups/core";
import { CAMPAIGN_SETTINGS_KEYS } from "../../../provider/lookups/result";
import { campaignBody, notFound, type Scripted, SETTINGS, scriptedFetch } from "../client/harness";

type Json = Record<string, unknown>;

function vendorExample(name: string): Json {
  const file = path.resolve(__dirname, "../../fixtures/voucherify/examples/campaigns", name);
  return JSON.parse(fs.readFileSync(file, "utf8")) as Json;
}

function setup(responses: Scripted[]) {
  const f = scriptedFetch(responses);
  const http = createHttpClient(
    { ...SETTINGS, timeUnitMs: 0 },
    { fetch: f.fetch, clock: recordingClock(0), random: () => 0 },
  );
  return { http, f };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail("expected the lookup to fail");
}

function campaigns(from: number, count: number): Json[] {
  return Array.from({ length: count }, (_, i) =>
    campaignBody({ id: `camp_${from + i}`, name: `c${from + i}` }),
  );
}

function page(items: Json[], total: number | undefined): Scripted {
  const body: Json = { object: "list", data_ref: "campaigns", campaigns: items };
  if (total !== undefined) body.total = total;
  return { status: 200, body };
}

/** `n` matches served in pages of 100, as the API answers `page=1..`; `withTotal: false` leaves `total` out. */
function pagesOf(n: number, withTotal = true): Scripted[] {
  const out: Scripted[] = [];
  for (let start = 0; start < n || out.length === 0; start += PAGE_SIZE) {
    out.push(page(campaigns(start, Math.min(PAGE_SIZE, n - start)), withTotal ? n : undefined));
  }
  return out;
}

describe("lookups/core getCampaign", () => {
  it("reads the vendor's example campaign as the Campaign resource's inputs and outputs", async () => {
    const api = vendorExample("get-campaign.response.200.example.json");
    const { http, f } = setup([{ status: 200, body: api }]);
    const found = await lookupCampaign(http, String(api.name));
    assert.deepEqual(f.log(), [`GET /v1/campaigns/${encodeURIComponent(String(api.name))}`]);
    assert.ok(found);
    assert.equal(found.campaignId, api.id);
    assert.equal(found.name, api.name);
    assert.equal(found.campaignType, api.campaign_type);
    assert.equal(found.totalVouchers, api.vouchers_count);
    assert.equal(found.isActive, api.active);
    assert.equal(found.creationStatus, api.creation_status);
    assert.deepEqual(found.metadata, api.metadata);
    const voucher = api.voucher as Json;
    assert.equal(found.voucher?.type, voucher.type);
    assert.equal(found.voucher?.codeConfig?.charset, (voucher.code_config as Json).charset);
    assert.ok(Array.isArray(found.validationRules));
  });

  it("sets only the names CampaignInfo declares", async () => {
    const declared: readonly string[] = [...CAMPAIGN_SETTINGS_KEYS, ...COMPUTED_OUTPUT_KEYS];
    const bodies = [
      vendorExample("get-campaign.response.200.example.json"),
      ...["discount-campaign", "gift-card-campaign", "loyalty-program", "promotion", "referral-program"].map(
        (kind) => vendorExample(`create-campaign.response.200.${kind}.json`),
      ),
    ];
    const { http } = setup(bodies.map((body) => ({ status: 200, body })));
    for (const body of bodies) {
      const found = await lookupCampaign(http, String(body.id));
      const undeclared = Object.keys(found ?? {}).filter((k) => !declared.includes(k));
      assert.deepEqual(undeclared, [], String(body.campaign_type));
    }
  });

  it("keeps metadata keys as they are and camelCases everything else", async () => {
    const { http } = setup([
      {
        status: 200,
        body: campaignBody({
          metadata: { snake_key: 1 },
          join_once: true,
          start_date: "2099-01-01T00:00:00Z",
        }),
      },
    ]);
    const found = await lookupCampaign(http, "Spring Sale");
    assert.deepEqual(found?.metadata, { snake_key: 1 });
    assert.equal(found?.joinOnce, true);
    assert.equal(found?.startDate, "2099-01-01T00:00:00Z");
  });

  it("resolves to undefined on Voucherify's 404 not_found, in one request", async () => {
    const { http, f } = setup([
      { status: 404, body: vendorExample("get-campaign.response.404.not-found.json") },
    ]);
    assert.equal(await lookupCampaign(http, "camp_jcErmtGAOmHUAy0oUgkwKnP"), undefined);
    assert.equal(f.requests.length, 1);
  });

  it("throws on a 404 that is not Voucherify's (a wrong apiUrl must not read as a missing campaign)", async () => {
    const { http } = setup([{ status: 404, text: "<html>Not Found</html>" }]);
    const e = await rejection(lookupCampaign(http, "x"));
    assert.ok(isVoucherifyApiError(e) && e.status === 404 && e.key === undefined);
  });

  it("encodes the name as one path segment", async () => {
    const { http, f } = setup([notFound("Spring / Sale")]);
    await lookupCampaign(http, "Spring / Sale");
    assert.equal(f.requests[0]?.url, `${SETTINGS.apiUrl}/v1/campaigns/Spring%20%2F%20Sale`);
  });

  it("refuses an empty name without a request (it would address the list endpoint)", async () => {
    const { http, f } = setup([]);
    const e = await rejection(lookupCampaign(http, " "));
    assert.match(String(e), /getCampaign: nameOrId must be a campaign name or ID/);
    assert.equal(f.requests.length, 0);
  });

  it("throws other API errors with their key and message, never the secret key", async () => {
    const { http } = setup([
      {
        status: 403,
        body: { code: 403, key: "forbidden", message: "Forbidden", details: "area not assigned" },
      },
    ]);
    const e = await rejection(lookupCampaign(http, "x"));
    assert.ok(isVoucherifyApiError(e));
    assert.equal(e.key, "forbidden");
    assert.ok(!String(e.message).includes(SETTINGS.secretKey));
  });
});

describe("lookups/core listCampaigns", () => {
  it("reads every page of 100: 250 matches cost 3 requests, in order", async () => {
    const { http, f } = setup(pagesOf(250));
    const found = await lookupCampaigns(http, { campaignType: "DISCOUNT_COUPONS" });
    assert.deepEqual(
      found.map((c) => c.campaignId),
      campaigns(0, 250).map((c) => c.id),
    );
    assert.deepEqual(f.log(), [
      "GET /v1/campaigns?campaign_type=DISCOUNT_COUPONS&order=created_at&limit=100&page=1",
      "GET /v1/campaigns?campaign_type=DISCOUNT_COUPONS&order=created_at&limit=100&page=2",
      "GET /v1/campaigns?campaign_type=DISCOUNT_COUPONS&order=created_at&limit=100&page=3",
    ]);
  });

  it("stops at the total: 200 matches cost 2 requests, not a third for an empty page", async () => {
    const { http, f } = setup(pagesOf(200));
    assert.equal((await lookupCampaigns(http)).length, 200);
    assert.equal(f.requests.length, 2);
  });

  it("costs one request for no match", async () => {
    const { http, f } = setup(pagesOf(0));
    assert.deepEqual(await lookupCampaigns(http), []);
    assert.equal(f.requests.length, 1);
  });

  it("without a total, reads until a page is short", async () => {
    const { http, f } = setup([...pagesOf(200, false), page([], undefined)]);
    assert.equal((await lookupCampaigns(http)).length, 200);
    assert.equal(f.requests.length, 3);
  });

  it("sends the filters with every page", async () => {
    const { http, f } = setup(pagesOf(150));
    await lookupCampaigns(http, { filters: { "metadata.team": { conditions: { $is: "growth" } } } });
    for (const r of f.requests) {
      assert.equal(new URLSearchParams(r.query).get("filters[metadata.team][conditions][$is]"), "growth");
    }
  });

  it("fails after the first request when more than 10,000 campaigns match, returning none", async () => {
    const { http, f } = setup([page(campaigns(0, 100), 10_001)]);
    const e = await rejection(lookupCampaigns(http));
    assert.ok(isCampaignListIncompleteError(e));
    assert.equal(e.reason, "too-many");
    assert.equal(e.total, 10_001);
    assert.match(e.message, /10001 campaigns match, but GET \/v1\/campaigns serves at most 10000/);
    assert.equal(f.requests.length, 1);
  });

  it("reads exactly 10,000 matches (the last page the API serves)", async () => {
    const { http, f } = setup(pagesOf(10_000));
    assert.equal((await lookupCampaigns(http)).length, 10_000);
    assert.equal(f.requests.length, LAST_PAGE);
  });

  it("without a total, fails when page 100 is full", async () => {
    const { http, f } = setup(pagesOf(10_000, false));
    const e = await rejection(lookupCampaigns(http));
    assert.ok(isCampaignListIncompleteError(e) && e.reason === "too-many" && e.total === undefined);
    assert.equal(f.requests.length, LAST_PAGE);
  });

  it("reads the list again when a campaign shifted the pages, and returns each campaign once", async () => {
    // A campaign deleted between page 1 and 2: page 2 starts one later and c100 is never served.
    const shifted = [page(campaigns(0, 100), 150), page(campaigns(101, 49), 149)];
    const { http, f } = setup([...shifted, ...pagesOf(149)]);
    const found = await lookupCampaigns(http);
    assert.equal(found.length, 149);
    assert.equal(new Set(found.map((c) => c.campaignId)).size, 149);
    assert.equal(f.requests.length, 4);
  });

  it("reads again when a page repeats a campaign, so the one pushed off is not missed", async () => {
    // A campaign created on the first page meanwhile (order -created_at): page 2 repeats c99.
    const repeated = [page(campaigns(0, 100), 150), page(campaigns(99, 50), 150)];
    const { http, f } = setup([...repeated, ...pagesOf(150)]);
    assert.equal((await lookupCampaigns(http, { order: "-created_at" })).length, 150);
    assert.equal(f.requests.length, 4);
  });

  it("gives up after three listings that disagree", async () => {
    const shifted = [page(campaigns(0, 100), 150), page(campaigns(101, 49), 149)];
    const { http, f } = setup([...shifted, ...shifted, ...shifted]);
    const e = await rejection(lookupCampaigns(http));
    assert.ok(isCampaignListIncompleteError(e) && e.reason === "kept-changing");
    assert.equal(f.requests.length, 2 * MAX_LISTINGS);
  });

  it("maps the vendor's list example", async () => {
    const body = vendorExample("list-campaigns.response.200.example.json");
    const { http } = setup([{ status: 200, body }]);
    const found = await lookupCampaigns(http);
    assert.deepEqual(
      found.map((c) => c.name),
      (body.campaigns as Json[]).map((c) => c.name),
    );
  });

  it("surfaces a refused filter as the API's error, with key and message", async () => {
    const { http } = setup([
      {
        status: 400,
        body: { code: 400, key: "invalid_query_params", message: "Invalid query params", details: "nope" },
      },
    ]);
    const e = await rejection(
      lookupCampaigns(http, { filters: { voucher_type: { conditions: { $is: "GIFT_VOUCHER" } } } }),
    );
    assert.ok(isVoucherifyApiError(e));
    assert.equal(e.status, 400);
    assert.equal(e.key, "invalid_query_params");
    assert.equal(e.apiMessage, "Invalid query params");
  });

  it("refuses invalid arguments before any request", async () => {
    const { http, f } = setup([]);
    const e = await rejection(lookupCampaigns(http, { order: "name" } as never));
    assert.match(String(e), /listCampaigns: invalid arguments\n {2}- order:/);
    assert.equal(f.requests.length, 0);
  });
});
