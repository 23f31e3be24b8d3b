// Voucher exports through the official SDK: POST /v1/exports is SCHEDULED, then DONE on the emulator's async
// clock with `result.url` served by the emulator; the download (auth headers + the export's token) is the CSV
// of every selected code with the requested fields under the vendor's headers — past the voucher list's
// 99-page window. Filters the emulator does not implement are refused. Every response is validated.
import * as assert from "node:assert/strict";
import { columnHeader, VOUCHER_FIELDS } from "../../emulator/exports";
import { ContractCheck, useCheckedEmulator } from "./contract-check";
import {
  APP_ID,
  createCampaign,
  example,
  type Json,
  type Loose,
  REPLAYS_VENDOR_EXAMPLES,
  rejection,
  SECRET_KEY,
  type TestEmulator,
} from "./support";

const check = new ContractCheck();
const AUTH = { "x-app-id": APP_ID, "x-app-token": SECRET_KEY };

/** The export once DONE (awaited through the emulator's clock, not by sleeping). */
async function finished(emu: TestEmulator, id: unknown): Promise<Json> {
  await emu.settle();
  return (await emu.call<Json>("GET", `/v1/exports/${String(id)}`)).body;
}

/** Downloads a DONE export's CSV the way a client follows `result.url`: same URL, auth headers. */
async function download(emu: TestEmulator, url: string): Promise<string> {
  const u = new URL(url);
  assert.equal(u.origin, emu.url, "the download is served by the emulator");
  const r = await emu.call<string>("GET", `${u.pathname}${u.search}`);
  assert.equal(r.status, 200, r.text);
  assert.match(String(r.headers.get("content-type")), /^text\/plain/);
  return r.text;
}

function rows(csv: string): string[][] {
  return csv
    .trimEnd()
    .split("\n")
    .map((line) => line.split(","));
}

describe("emulator voucher exports", () => {
  const env = useCheckedEmulator(check, REPLAYS_VENDOR_EXAMPLES);

  it("exports a campaign's codes with the requested fields and the vendor's headers", async () => {
    const { emu, client } = env;
    const gift = await createCampaign(
      env.emu,
      example("campaigns/create-campaign.request.gift-card-campaign.json"),
    );
    await createCampaign(env.emu, example("campaigns/create-campaign.request.discount-campaign.json"));
    const parameters = {
      campaign_id: gift.id,
      fields: ["id", "code", "voucher_type", "value", "campaign"],
      order: "code",
    };
    const created = (await check.sdk(
      "POST",
      "/v1/exports",
      200,
      client.distributions.exports.create({ exported_object: "voucher", parameters } as Loose),
    )) as unknown as Json;
    assert.match(String(created.id), /^exp_[0-9A-Za-z]{24}$/);
    assert.deepEqual(
      [
        created.object,
        created.status,
        created.channel,
        created.exported_object,
        created.parameters,
        created.result,
        created.user_id,
      ],
      ["export", "SCHEDULED", "API", "voucher", parameters, null, null],
    );
    await emu.settle();
    const done = (await check.sdk(
      "GET",
      `/v1/exports/${created.id}`,
      200,
      client.distributions.exports.get(String(created.id)),
    )) as unknown as Json;
    assert.equal(done.status, "DONE");
    const csv = await download(emu, String((done.result as Json).url));
    const vouchers = (await emu.call<Json>("GET", `/v1/vouchers?campaign_id=${gift.id}&order=code`)).body
      .vouchers as Json[];
    assert.deepEqual(rows(csv), [
      ["ID", "Code", "Voucher Type", "Value", "Campaign"],
      ...vouchers.map((v) => [
        String(v.id),
        String(v.code),
        "GIFT_VOUCHER",
        (((v.gift as Json).balance as number) / 100).toFixed(2),
        String(gift.name),
      ]),
    ]);
  });

  it("exports the default fields (code, voucher_type, value, discount_type) when none are asked for", async () => {
    const { emu } = env;
    const discount = await createCampaign(
      env.emu,
      example("campaigns/create-campaign.request.discount-campaign.json"),
    );
    const created = await emu.call<Json>("POST", "/v1/exports", {
      body: { exported_object: "voucher", parameters: { campaign_id: discount.id } },
    });
    const done = await finished(emu, created.body.id);
    const table = rows(await download(emu, String((done.result as Json).url)));
    assert.deepEqual(table[0], ["Code", "Voucher Type", "Value", "Discount Type"]);
    const percent = (((discount.voucher as Json).discount as Json).percent_off as number).toString();
    assert.deepEqual(table[1]!.slice(1), ["DISCOUNT_VOUCHER", percent, "PERCENT"]);
    const newestFirst = emu.store
      .liveVouchers(String(discount.id))
      .map((v) => String(v.data.code))
      .reverse();
    assert.deepEqual(
      table.slice(1).map((r) => r[0]),
      newestFirst,
      "default order -created_at",
    );
    await emu.call("DELETE", `/v1/vouchers/${newestFirst[0]}?force=true`);
    const again = rows(await download(emu, String((done.result as Json).url)));
    assert.deepEqual(again, table, "the file was written once, when the export was DONE");
  });

  it("returns every code of a campaign beyond the voucher list's 99-page window (> 10,000)", async () => {
    const { emu } = env;
    const count = 10_050;
    const big = await createCampaign(env.emu, {
      name: "big export",
      campaign_type: "DISCOUNT_COUPONS",
      vouchers_count: count,
      voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "AMOUNT", amount_off: 250 } },
    });
    const window = await emu.call<Json>("GET", `/v1/vouchers?campaign_id=${big.id}&limit=100&page=100`);
    assert.equal(window.status, 400, "the list cannot page past 9,900 codes");
    const created = await emu.call<Json>("POST", "/v1/exports", {
      body: { exported_object: "voucher", parameters: { campaign_id: big.id, fields: ["code", "value"] } },
    });
    const done = await finished(emu, created.body.id);
    const table = rows(await download(emu, String((done.result as Json).url)));
    const codes = table.slice(1).map((r) => r[0]);
    const expected = emu.store.liveVouchers(String(big.id)).map((v) => String(v.data.code));
    assert.equal(codes.length, count);
    assert.deepEqual(new Set(codes), new Set(expected));
    assert.ok(table.slice(1).every((r) => r[1] === "2.50"));
  });

  it("filters by campaign name and metadata, with junction; refuses filters it does not implement", async () => {
    const { emu } = env;
    const campaign = await createCampaign(emu, {
      ...example("campaigns/create-campaign.request.discount-campaign.json"),
      vouchers_count: 0,
    });
    await emu.call("POST", `/v1/campaigns/${campaign.id}/import`, {
      body: [
        { code: "EU-1", metadata: { region: "EU, North" } },
        { code: "US-1", metadata: { region: "US" } },
        { code: "NONE-1" },
      ],
    });
    await emu.settle();
    const exportCodes = async (filters: Json): Promise<string[]> => {
      const created = await emu.call<Json>("POST", "/v1/exports", {
        body: {
          exported_object: "voucher",
          parameters: { fields: ["code", "metadata"], order: "code", filters },
        },
      });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const done = await finished(emu, created.body.id);
      const csv = await download(emu, String((done.result as Json).url));
      return csv
        .trimEnd()
        .split("\n")
        .slice(1)
        .map((line) => line.split(",")[0]!);
    };
    const byName = { campaign: { conditions: { $is: [campaign.name] } } };
    assert.deepEqual(await exportCodes(byName), ["EU-1", "NONE-1", "US-1"]);
    assert.deepEqual(
      await exportCodes({ ...byName, "metadata.region": { conditions: { $starts_with: ["EU"] } } }),
      ["EU-1"],
    );
    assert.deepEqual(
      await exportCodes({
        junction: "or",
        "metadata.region": { conditions: { $in: ["US"] } },
        code: { conditions: { $is: "NONE-1" } },
      }),
      ["NONE-1", "US-1"],
    );
    const quoted = await emu.call<Json>("POST", "/v1/exports", {
      body: {
        exported_object: "voucher",
        parameters: { fields: ["code", "metadata"], filters: { code: { conditions: { $is: "EU-1" } } } },
      },
    });
    const csv = await download(emu, String(((await finished(emu, quoted.body.id)).result as Json).url));
    assert.equal(
      csv,
      'Code,Metadata\nEU-1,"{""region"":""EU, North""}"\n',
      "cells with commas or quotes are quoted",
    );
    for (const filters of [
      { holder_id: { conditions: { $is: "cust_1" } } },
      { code: { conditions: { $fuzzy: "E" } } },
      { code: { $is: "EU-1" } },
    ]) {
      const refused = await emu.call<Json>("POST", "/v1/exports", {
        body: { exported_object: "voucher", parameters: { filters } },
      });
      assert.deepEqual([refused.status, refused.body.key], [400, "invalid_payload"], JSON.stringify(filters));
    }
  });

  it("refuses what it cannot export: other objects, unknown fields and orders, unknown campaigns", async () => {
    const { emu, client } = env;
    const fields = await rejection(
      client.distributions.exports.create({
        exported_object: "voucher",
        parameters: { fields: ["code", "nope"] },
      } as Loose),
    );
    assert.deepEqual([fields.code, fields.key], [400, "invalid_export_fields"]);
    const object = await emu.call<Json>("POST", "/v1/exports", { body: { exported_object: "coupons" } });
    assert.deepEqual([object.status, object.body.key], [400, "invalid_payload"]);
    assert.match(
      String(object.body.details),
      /^Property \.exported_object should be equal to one of the allowed values/,
    );
    const redemptions = await emu.call<Json>("POST", "/v1/exports", {
      body: { exported_object: "redemption" },
    });
    assert.deepEqual([redemptions.status, redemptions.body.key], [400, "invalid_payload"]);
    const order = await emu.call<Json>("POST", "/v1/exports", {
      body: { exported_object: "voucher", parameters: { order: "value" } },
    });
    assert.equal(order.status, 400);
    const campaign = await emu.call<Json>("POST", "/v1/exports", {
      body: { exported_object: "voucher", parameters: { campaign_id: "camp_000000000000000000000000" } },
    });
    assert.deepEqual([campaign.status, campaign.body.resource_type], [404, "campaign"]);
    assert.equal(emu.store.exports.size, 0);
  });

  it("serves the download only with the auth headers and the export's token", async () => {
    const { emu } = env;
    await createCampaign(env.emu, example("campaigns/create-campaign.request.discount-campaign.json"));
    const slow = await check.start({ ...REPLAYS_VENDOR_EXAMPLES, asyncDelayMs: 60_000 });
    try {
      const scheduled = await slow.call<Json>("POST", "/v1/exports", {
        body: { exported_object: "voucher" },
      });
      const early = await slow.call<Json>("GET", `/v1/exports/${scheduled.body.id}?token=guess`);
      assert.deepEqual([early.status, early.body.key], [401, "unauthorized"], "no file before DONE");
    } finally {
      await slow.close();
    }
    const created = await emu.call<Json>("POST", "/v1/exports", { body: { exported_object: "voucher" } });
    const url = new URL(String(((await finished(emu, created.body.id)).result as Json).url));
    const anonymous = await emu.call<Json>("GET", `${url.pathname}${url.search}`, { auth: false });
    assert.equal(anonymous.status, 401);
    const wrongToken = await emu.call<Json>("GET", `${url.pathname}?token=${"x".repeat(32)}`);
    const documented = example("exports/download-export.response.401.unauthorized.json");
    assert.deepEqual(
      [wrongToken.status, wrongToken.body.code, wrongToken.body.key, wrongToken.body.message],
      [401, documented.code, documented.key, documented.message],
    );
    const withHeaders = await fetch(url, { headers: AUTH });
    assert.equal(withHeaders.status, 200);
    assert.match(await withHeaders.text(), /^Code,Voucher Type,Value,Discount Type\n/);
  });

  it("lists and deletes exports", async () => {
    const { emu, client } = env;
    const first = await emu.call<Json>("POST", "/v1/exports", { body: { exported_object: "voucher" } });
    const second = await emu.call<Json>("POST", "/v1/exports", { body: { exported_object: "voucher" } });
    await emu.settle();
    const list = (await check.sdk(
      "GET",
      "/v1/exports",
      200,
      client.distributions.exports.list({ order: "created_at" }),
    )) as unknown as Json;
    assert.deepEqual(
      [list.object, list.data_ref, list.total, (list.exports as Json[]).map((e) => e.id)],
      ["list", "exports", 2, [first.body.id, second.body.id]],
    );
    const deleted = await check.sdk(
      "DELETE",
      `/v1/exports/${first.body.id}`,
      204,
      client.distributions.exports.delete(String(first.body.id)),
    );
    assert.equal(deleted, "");
    const gone = await emu.call<Json>("GET", `/v1/exports/${first.body.id}`);
    assert.deepEqual(
      [gone.status, gone.body.details, gone.body.resource_type],
      [404, `Cannot find export with id ${String(first.body.id)}`, "export"],
    );
  });

  it("names every column the vendor's way: ID, Code, Voucher Type, Value, …", () => {
    assert.deepEqual(["id", "code", "voucher_type", "value"].map(columnHeader), [
      "ID",
      "Code",
      "Voucher Type",
      "Value",
    ]);
    assert.equal(columnHeader("qr_code"), "QR Code");
    assert.equal(columnHeader("validation_rules_id"), "Validation Rules ID");
    assert.equal(new Set(VOUCHER_FIELDS.map(columnHeader)).size, VOUCHER_FIELDS.length);
  });

  after(() => {
    check.assertCovered([
      "POST /v1/exports 200",
      "GET /v1/exports 200",
      "GET /v1/exports/{exportId} 200",
      "GET /v1/exports/{export_Id} 200",
      "DELETE /v1/exports/{exportId} 204",
    ]);
  });
});
