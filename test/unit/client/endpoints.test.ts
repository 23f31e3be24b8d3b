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
  listVouchers,
  readCampaignVouchers,
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

  const poll = { timeoutMs: 60_000, clock: recordingClock(), initialDelayMs: 10 };

  it("readCampaignVouchers pages by 100 and stops at total", async () => {
    const first = Array.from({ length: 100 }, (_, i) => `A${i}`);
    const second = Array.from({ length: 100 }, (_, i) => `B${i}`);
    const { http, f } = setup([page(first, 200), page(second, 200)]);
    const all = await readCampaignVouchers(http, "camp_abc", poll);
    assert.equal(all.length, 200);
    assert.deepEqual(f.log(), [
      "GET /v1/vouchers?campaign_id=camp_abc&limit=100&page=1&order=created_at",
      "GET /v1/vouchers?campaign_id=camp_abc&limit=100&page=2&order=created_at",
    ]);
  });

  it("readCampaignVouchers exports a campaign whose listing would cost more requests than an export", async () => {
    const full = Array.from({ length: 100 }, (_, i) => `A${i}`);
    const csv = `Code,Category,Active,Start Date,Expiration Date,Redemption Quantity,Additional Info,Metadata,Created At
X1,gold,true,2030-01-01T00:00:00.000Z,,1,,"{""tier"":2}",2030-01-01T00:00:00.000Z
X2,,false,,,,note,,2030-01-01T00:00:00.000Z
`;
    const { http, f } = setup([
      page(full, 5000),
      { status: 200, body: { id: "exp_1", status: "SCHEDULED" } },
      {
        status: 200,
        body: { id: "exp_1", status: "DONE", result: { url: `${SETTINGS.apiUrl}/v1/exports/exp_1?token=t` } },
      },
      { status: 200, text: csv },
    ]);
    const all = await readCampaignVouchers(http, "camp_abc", poll);
    assert.deepEqual(f.log(), [
      "GET /v1/vouchers?campaign_id=camp_abc&limit=100&page=1&order=created_at",
      "POST /v1/exports",
      "GET /v1/exports/exp_1",
      "GET /v1/exports/exp_1?token=t",
    ]);
    assert.deepEqual(
      all.map((v) => [v.code, v.category, v.active, v.metadata, v.redemption?.quantity, v.additional_info]),
      [
        ["X1", "gold", true, { tier: 2 }, 1, undefined],
        ["X2", undefined, false, undefined, null, "note"],
      ],
    );
    assert.deepEqual(JSON.parse(String(f.requests[1]!.body)).parameters.campaign_id, "camp_abc");
  });

  it("readCampaignVouchers exports when the listing comes up short of total (tied created_at shuffled)", async () => {
    const first = Array.from({ length: 100 }, (_, i) => `A${i}`);
    const { http, f } = setup([
      page(first, 150),
      page(first.slice(0, 50), 150),
      {
        status: 200,
        body: { id: "exp_2", status: "DONE", result: { url: `${SETTINGS.apiUrl}/dl?token=t` } },
      },
      { status: 200, text: "Code\nA1\n" },
    ]);
    await readCampaignVouchers(http, "camp_abc", poll);
    assert.ok(f.log().includes("POST /v1/exports"), f.log().join("\n"));
  });

  it("never sends the credentials to a download host that is neither the API's nor Voucherify's", async () => {
    const { http } = setup([
      page(
        Array.from({ length: 100 }, (_, i) => `A${i}`),
        900,
      ),
      { status: 200, body: { id: "exp_3", status: "DONE", result: { url: "https://evil.example/dl" } } },
    ]);
    await assert.rejects(
      readCampaignVouchers(http, "camp_abc", poll),
      /refusing to send the Voucherify credentials/,
    );
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
