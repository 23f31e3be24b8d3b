import * as assert from "node:assert/strict";
import {
  addVouchers,
  createCampaign,
  deleteCampaign,
  disableCampaign,
  enableCampaign,
  findCampaignByName,
  getCampaign,
  importVouchers,
  importVouchersCsv,
  updateCampaign,
} from "../../../provider/client/campaigns";
import { recordingClock } from "../../../provider/client/clock";
import { isVoucherifyApiError } from "../../../provider/client/errors";
import { createHttpClient } from "../../../provider/client/http";
import {
  deleteVoucher,
  disableVoucher,
  enableVoucher,
  getVoucher,
  listAllCampaignVouchers,
  listVouchers,
  updateVoucher,
} from "../../../provider/client/vouchers";
import { campaignBody, notFound, type Scripted, SETTINGS, scriptedFetch } from "./harness";

function setup(responses: Scripted[]) {
  const f = scriptedFetch(responses);
  const http = createHttpClient(SETTINGS, { fetch: f.fetch, clock: recordingClock(), random: () => 0 });
  return { http, f };
}

function voucher(code: string, createdAt = "2026-01-01T00:00:00.000Z") {
  return { id: `v_${code}`, code, campaign_id: "camp_abc", created_at: createdAt, object: "voucher" };
}

function page(codes: string[], total: number) {
  return {
    status: 200,
    body: { object: "list", data_ref: "vouchers", vouchers: codes.map((c) => voucher(c)), total },
  };
}

describe("client/campaigns endpoints", () => {
  it("createCampaign POSTs the body to /v1/campaigns", async () => {
    const { http, f } = setup([{ status: 200, body: campaignBody() }]);
    const c = await createCampaign(http, { name: "Spring Sale", campaign_type: "DISCOUNT_COUPONS" });
    assert.equal(c.id, "camp_abc");
    assert.deepEqual(f.log(), ["POST /v1/campaigns"]);
    assert.deepEqual(JSON.parse(String(f.requests[0]!.body)), {
      name: "Spring Sale",
      campaign_type: "DISCOUNT_COUPONS",
    });
  });

  it("createCampaign does not retry a 503", async () => {
    const { http, f } = setup([{ status: 503, body: {} }]);
    await assert.rejects(
      createCampaign(http, { name: "x" }),
      (e) => isVoucherifyApiError(e) && e.status === 503,
    );
    assert.equal(f.requests.length, 1);
  });

  it("getCampaign encodes names with spaces and slashes in the path", async () => {
    const { http, f } = setup([{ status: 200, body: campaignBody() }]);
    await getCampaign(http, "Spring Sale/2026 #1");
    assert.equal(f.requests[0]!.url, `${SETTINGS.apiUrl}/v1/campaigns/Spring%20Sale%2F2026%20%231`);
  });

  it("findCampaignByName returns the campaign, or undefined on 404", async () => {
    const { http } = setup([{ status: 200, body: campaignBody() }, notFound("Nope")]);
    assert.equal((await findCampaignByName(http, "Spring Sale"))?.id, "camp_abc");
    assert.equal(await findCampaignByName(http, "Nope"), undefined);
  });

  it("findCampaignByName ignores a campaign whose ID, not name, matched", async () => {
    const { http } = setup([{ status: 200, body: campaignBody({ id: "camp_x", name: "Other" }) }]);
    assert.equal(await findCampaignByName(http, "camp_x"), undefined);
  });

  it("findCampaignByName rethrows errors other than 404", async () => {
    const { http } = setup([{ status: 403, body: { code: 403, key: "forbidden" } }]);
    await assert.rejects(
      findCampaignByName(http, "x"),
      (e) => isVoucherifyApiError(e) && e.key === "forbidden",
    );
  });

  it("updateCampaign PUTs the body to the campaign", async () => {
    const { http, f } = setup([{ status: 200, body: campaignBody() }]);
    await updateCampaign(http, "camp_abc", { description: "d" });
    assert.deepEqual(f.log(), ["PUT /v1/campaigns/camp_abc"]);
    assert.equal(f.requests[0]!.body, '{"description":"d"}');
  });

  it("deleteCampaign sends force=true only when asked and returns the async action id", async () => {
    const { http, f } = setup([
      { status: 202, body: { async_action_id: "aa_1" } },
      { status: 202, body: { async_action_id: "aa_2" } },
    ]);
    assert.deepEqual(await deleteCampaign(http, "camp_abc", { force: true }), { async_action_id: "aa_1" });
    assert.deepEqual(await deleteCampaign(http, "camp_abc", { force: false }), { async_action_id: "aa_2" });
    assert.deepEqual(f.log(), ["DELETE /v1/campaigns/camp_abc?force=true", "DELETE /v1/campaigns/camp_abc"]);
  });

  it("enable/disable POST {} and are retried on 5xx because they are idempotent", async () => {
    const { http, f } = setup([
      { status: 502, body: {} },
      { status: 200, body: {} },
      { status: 200, text: "" },
    ]);
    await enableCampaign(http, "camp_abc");
    await disableCampaign(http, "camp_abc");
    assert.deepEqual(f.log(), [
      "POST /v1/campaigns/camp_abc/enable",
      "POST /v1/campaigns/camp_abc/enable",
      "POST /v1/campaigns/camp_abc/disable",
    ]);
    assert.equal(f.requests[0]!.body, "{}");
  });

  it("addVouchers passes vouchers_count and returns an async action id or a voucher", async () => {
    const { http, f } = setup([
      { status: 202, body: { async_action_id: "aa_9" } },
      { status: 200, body: voucher("ONE") },
    ]);
    assert.deepEqual(await addVouchers(http, "camp_abc", 5), { asyncActionId: "aa_9" });
    const one = await addVouchers(http, "camp_abc", 1, { category: "c" });
    assert.equal(one.voucher?.code, "ONE");
    assert.equal(one.asyncActionId, undefined);
    assert.deepEqual(f.log(), [
      "POST /v1/campaigns/camp_abc/vouchers?vouchers_count=5",
      "POST /v1/campaigns/camp_abc/vouchers?vouchers_count=1",
    ]);
    assert.equal(f.requests[1]!.body, '{"category":"c"}');
  });

  it("importVouchers POSTs a JSON array", async () => {
    const { http, f } = setup([{ status: 202, body: { async_action_id: "aa_3" } }]);
    const r = await importVouchers(http, "My Camp", [{ code: "A" }, { code: "B" }]);
    assert.equal(r.async_action_id, "aa_3");
    assert.deepEqual(f.log(), ["POST /v1/campaigns/My%20Camp/import"]);
    assert.equal(f.requests[0]!.body, '[{"code":"A"},{"code":"B"}]');
  });

  it("importVouchersCsv sends the file as multipart part `file`", async () => {
    const { http, f } = setup([{ status: 200, body: { async_action_id: "aa_4" } }]);
    await importVouchersCsv(http, "camp_abc", Buffer.from("Code\nX\n"), "codes.csv");
    assert.deepEqual(f.log(), ["POST /v1/campaigns/camp_abc/importCSV"]);
    assert.match((f.requests[0]!.body as Buffer).toString(), /name="file"; filename="codes.csv"/);
  });
});

describe("client/vouchers endpoints", () => {
  it("listVouchers sends campaign_id, limit and page", async () => {
    const { http, f } = setup([page(["A"], 1)]);
    const list = await listVouchers(http, { campaignId: "camp_abc", limit: 10, page: 2 });
    assert.deepEqual(
      list.vouchers.map((v) => v.code),
      ["A"],
    );
    assert.deepEqual(f.log(), ["GET /v1/vouchers?campaign_id=camp_abc&limit=10&page=2"]);
  });

  it("listAllCampaignVouchers pages by 100 and stops at total", async () => {
    const first = Array.from({ length: 100 }, (_, i) => `A${i}`);
    const second = Array.from({ length: 100 }, (_, i) => `B${i}`);
    const { http, f } = setup([page(first, 200), page(second, 200)]);
    const all = await listAllCampaignVouchers(http, "camp_abc");
    assert.equal(all.length, 200);
    assert.deepEqual(f.log(), [
      "GET /v1/vouchers?campaign_id=camp_abc&limit=100&page=1&order=created_at",
      "GET /v1/vouchers?campaign_id=camp_abc&limit=100&page=2&order=created_at",
    ]);
  });

  it("listAllCampaignVouchers stops at an empty page when total is missing", async () => {
    const full = Array.from({ length: 100 }, (_, i) => `A${i}`);
    const { http, f } = setup([
      { status: 200, body: { vouchers: full.map((c) => voucher(c)) } },
      { status: 200, body: { vouchers: [] } },
    ]);
    assert.equal((await listAllCampaignVouchers(http, "camp_abc")).length, 100);
    assert.equal(f.requests.length, 2);
  });

  it("listAllCampaignVouchers reads past 99 pages in created_at windows, fetching no page twice", async () => {
    // 9,950 codes: 99 pages ordered by creation time, then one window after the last created_at.
    const total = 9950;
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    const codes = Array.from({ length: total }, (_, i) => ({ ...voucher(`C${i}`), created_at: at(i) }));
    const responses: Scripted[] = [];
    for (let p = 0; p < 99; p++) {
      responses.push({ status: 200, body: { vouchers: codes.slice(p * 100, p * 100 + 100), total } });
    }
    // The window starts 1 ms before the last seen created_at, so the last code comes back again (deduplicated).
    responses.push({ status: 200, body: { vouchers: codes.slice(9899), total: 51 } });
    const { http, f } = setup(responses);
    const all = await listAllCampaignVouchers(http, "camp_abc");
    assert.equal(all.length, total);
    assert.equal(f.requests.length, 100);
    assert.equal(f.log()[0], "GET /v1/vouchers?campaign_id=camp_abc&limit=100&page=1&order=created_at");
    const lastWindow = new URL(f.requests[99]!.url).searchParams;
    assert.equal(lastWindow.get("page"), "1");
    assert.equal(lastWindow.get("created_at[after]"), new Date(Date.parse(at(9899)) - 1).toISOString());
  });

  it("getVoucher, updateVoucher, enable and disable address the encoded code", async () => {
    const { http, f } = setup([
      { status: 200, body: voucher("A B") },
      { status: 200, body: voucher("A B") },
      { status: 200, body: voucher("A B") },
      { status: 200, body: voucher("A B") },
    ]);
    await getVoucher(http, "A B");
    await updateVoucher(http, "A B", { active: false });
    await enableVoucher(http, "A B");
    await disableVoucher(http, "A B");
    assert.deepEqual(f.log(), [
      "GET /v1/vouchers/A%20B",
      "PUT /v1/vouchers/A%20B",
      "POST /v1/vouchers/A%20B/enable",
      "POST /v1/vouchers/A%20B/disable",
    ]);
  });

  it("deleteVoucher accepts the 204 with no body", async () => {
    const { http, f } = setup([{ status: 204 }]);
    await deleteVoucher(http, "A", { force: true });
    assert.deepEqual(f.log(), ["DELETE /v1/vouchers/A?force=true"]);
  });
});
