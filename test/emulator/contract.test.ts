// Contract tests: every response the emulator sends in this suite is validated against the
// response schema of its operation in the vendor's openapi.json (errors against the documented
// Error shape plus the fields the official SDK reads), while the scenario checks the behaviours
// the provider depends on.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { ContractCheck, specValidator } from "./contract-check";
import {
  type CallResult,
  createCampaign,
  csvMultipart,
  example,
  type Json,
  REPLAYS_VENDOR_EXAMPLES,
  type startTestEmulator,
  type TestEmulator,
  VENDOR_EXAMPLE_CAMPAIGNS,
  vendorPath,
} from "./support";

const validator = specValidator();
const check = new ContractCheck();

function start(options: Parameters<typeof startTestEmulator>[0] = {}): Promise<TestEmulator> {
  return check.start({ ...REPLAYS_VENDOR_EXAMPLES, ...options });
}

function body(result: CallResult): Json {
  return result.body as Json;
}

describe("emulator contract (responses match openapi.json)", () => {
  let emu: TestEmulator;
  beforeEach(async () => {
    emu = await start();
  });
  afterEach(async () => {
    await emu.close();
    check.assertNoProblems();
  });

  it("validates every vendor 2xx/4xx example with the same validator (adaptations are sound)", () => {
    const index = JSON.parse(fs.readFileSync(vendorPath("examples", "index.json"), "utf8")) as Json[];
    let checked = 0;
    for (const entry of index) {
      if (entry.kind !== "response") continue;
      const payload = example(String(entry.file));
      const concrete = String(entry.path).replace(/\{[^}]+\}/g, "x");
      assert.deepEqual(
        validator.validate(String(entry.method), concrete, Number(entry.status), payload),
        [],
        String(entry.file),
      );
      checked++;
    }
    assert.ok(checked > 40, `only ${checked} examples checked`);
  });

  for (const kind of VENDOR_EXAMPLE_CAMPAIGNS) {
    it(`creates the vendor example campaign ${kind}: IN_PROGRESS first, DONE with all codes after the delay`, async () => {
      const request = example(`campaigns/create-campaign.request.${kind}.json`);
      const created = await emu.call("POST", "/v1/campaigns", { body: request });
      assert.equal(created.status, 200);
      const c = body(created);
      assert.match(String(c.id), /^camp_[0-9A-Za-z]{24}$/);
      const expected = Number(request.vouchers_count ?? 0);
      if (expected > 1) {
        assert.equal(c.creation_status, "IN_PROGRESS");
        assert.equal(c.vouchers_count, 0);
      }
      await emu.settle();
      const got = body(await emu.call("GET", `/v1/campaigns/${c.id}`));
      assert.equal(got.creation_status, "DONE");
      assert.equal(got.vouchers_generation_status, "DONE");
      assert.equal(got.vouchers_count, expected);
      const byName = await emu.call("GET", `/v1/campaigns/${encodeURIComponent(String(request.name))}`);
      assert.equal(body(byName).id, c.id);
      if (expected > 0) {
        const list = body(await emu.call("GET", `/v1/vouchers?campaign_id=${c.id}&limit=100`));
        const vouchers = list.vouchers as Json[];
        assert.equal(vouchers.length, expected);
        const pattern = String(
          (request.voucher as Json).code_config
            ? ((request.voucher as Json).code_config as Json).pattern
            : "",
        );
        const prefix = pattern.replace(/#+$/, "");
        for (const v of vouchers) assert.ok(String(v.code).startsWith(prefix), String(v.code));
      }
    });
  }

  it("fills code_config defaults and echoes them like the API (length/charset/pattern)", async () => {
    const created = body(
      await emu.call("POST", "/v1/campaigns", {
        body: {
          name: "cfg",
          campaign_type: "DISCOUNT_COUPONS",
          vouchers_count: 1,
          voucher: {
            type: "DISCOUNT_VOUCHER",
            discount: { type: "AMOUNT", amount_off: 500 },
            code_config: { length: 6, charset: "Numbers", prefix: "P-", postfix: "-X" },
          },
        },
      }),
    );
    const config = (created.voucher as Json).code_config as Json;
    assert.deepEqual(config, {
      length: 6,
      charset: "0123456789",
      pattern: "######",
      prefix: "P-",
      postfix: "-X",
    });
    const list = body(await emu.call("GET", `/v1/vouchers?campaign=cfg`));
    assert.match(String((list.vouchers as Json[])[0]!.code), /^P-\d{6}-X$/);
  });

  it("rejects invalid creates with the documented errors", async () => {
    const missingDiscount = await emu.call("POST", "/v1/campaigns", {
      body: { name: "r", campaign_type: "REFERRAL_PROGRAM", voucher: { type: "DISCOUNT_VOUCHER" } },
    });
    assert.equal(missingDiscount.status, 400);
    assert.equal(body(missingDiscount).key, "invalid_campaign");
    assert.equal(
      body(missingDiscount).details,
      "Property 'discount' is required for REFERRAL_PROGRAM campaign",
    );
    const unknownCategory = await emu.call("POST", "/v1/campaigns", {
      body: { name: "c", campaign_type: "PROMOTION", category_id: "cat_0bb343dee3cdb5ec0c" },
    });
    assert.equal(unknownCategory.status, 404);
    assert.equal(body(unknownCategory).resource_type, "category");
    await emu.call("POST", "/v1/campaigns", { body: { name: "dup", campaign_type: "PROMOTION" } });
    const dup = await emu.call("POST", "/v1/campaigns", {
      body: { name: "dup", campaign_type: "PROMOTION" },
    });
    assert.equal(dup.status, 409);
    assert.deepEqual(
      { key: body(dup).key, resource_id: body(dup).resource_id, resource_type: body(dup).resource_type },
      { key: "duplicate_found", resource_id: "dup", resource_type: "campaign" },
    );
    const missing = await emu.call("GET", "/v1/campaigns/Spring%20Campaign");
    assert.equal(missing.status, 404);
    assert.equal(body(missing).details, "Cannot find campaign with id Spring Campaign");
    assert.equal(body(missing).resource_id, "Spring Campaign");
  });

  it("answers GET while generation is IN_PROGRESS but refuses modifications until DONE", async () => {
    const slow = await start({ asyncDelayMs: 60_000 });
    try {
      const c = body(
        await slow.call("POST", "/v1/campaigns", {
          body: example("campaigns/create-campaign.request.gift-card-campaign.json"),
        }),
      );
      const got = await slow.call("GET", `/v1/campaigns/${c.id}`);
      assert.equal(got.status, 200);
      assert.equal(body(got).creation_status, "IN_PROGRESS");
      const put = await slow.call("PUT", `/v1/campaigns/${c.id}`, { body: { description: "x" } });
      assert.equal(put.status, 400);
      assert.equal(body(put).key, "invalid_campaign");
      const add = await slow.call("POST", `/v1/campaigns/${c.id}/vouchers?vouchers_count=2`, { body: {} });
      assert.equal(add.status, 400);
    } finally {
      await slow.close();
    }
  });

  it("updates as a partial merge: top-level discount, metadata merge + unset, unknown fields ignored, MODIFYING then DONE", async () => {
    const c = await createCampaign(emu, example("campaigns/create-campaign.request.discount-campaign.json"));
    const updated = await emu.call("PUT", `/v1/campaigns/${c.id}`, {
      body: {
        description: "New description",
        discount: { type: "PERCENT", percent_off: 20 },
        metadata: { tier: "gold" },
        unset_metadata_fields: ["region"],
        no_such_field: true,
        type: "STATIC",
      },
    });
    assert.equal(updated.status, 200);
    const u = body(updated);
    assert.equal(u.description, "New description");
    assert.equal(u.type, "STATIC");
    assert.deepEqual(u.metadata, { tier: "gold" });
    assert.deepEqual((u.voucher as Json).discount, { type: "PERCENT", percent_off: 20 });
    assert.equal(u.creation_status, "MODIFYING");
    assert.equal("no_such_field" in u, false);
    await emu.settle();
    const after = body(await emu.call("GET", `/v1/campaigns/${c.id}`));
    assert.equal(after.creation_status, "DONE");
    const v = (body(await emu.call("GET", `/v1/vouchers?campaign_id=${c.id}`)).vouchers as Json[])[0]!;
    assert.deepEqual(v.discount, { type: "PERCENT", percent_off: 20 });
    const actions = body(await emu.call("GET", "/v1/async-actions?limit=5")).async_actions as Json[];
    assert.equal(actions[0]!.type, "CAMPAIGN.VOUCHERS_UPDATE");
  });

  it("refuses changing type to or from STANDALONE", async () => {
    const c = body(
      await emu.call("POST", "/v1/campaigns", {
        body: {
          name: "sa",
          campaign_type: "DISCOUNT_COUPONS",
          type: "STANDALONE",
          vouchers_count: 1,
          voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "AMOUNT", amount_off: 100 } },
        },
      }),
    );
    assert.equal(c.join_once, false);
    const r = await emu.call("PUT", `/v1/campaigns/${c.id}`, { body: { type: "AUTO_UPDATE" } });
    assert.equal(r.status, 400);
    assert.equal(body(r).key, "invalid_campaign");
    const gen = await emu.call("POST", `/v1/campaigns/${c.id}/vouchers`, { body: {} });
    assert.equal(body(gen).details, "You can not generate vouchers for STANDALONE type campaign.");
  });

  it("enables and disables a campaign with an empty object", async () => {
    const c = body(
      await emu.call("POST", "/v1/campaigns", { body: { name: "p", campaign_type: "PROMOTION" } }),
    );
    const off = await emu.call("POST", `/v1/campaigns/${c.id}/disable`, { body: {} });
    assert.deepEqual([off.status, off.body], [200, {}]);
    assert.equal(body(await emu.call("GET", "/v1/campaigns/p")).active, false);
    await emu.call("POST", "/v1/campaigns/p/enable");
    assert.equal(body(await emu.call("GET", "/v1/campaigns/p")).active, true);
  });

  it("adds one voucher synchronously (200) and many as an async action (202)", async () => {
    const c = await createCampaign(emu, example("campaigns/create-campaign.request.loyalty-program.json"));
    const one = await emu.call("POST", `/v1/campaigns/${c.id}/vouchers`, {
      body: { code: "MY-CARD", metadata: { a: 1 } },
    });
    assert.equal(one.status, 200);
    assert.equal(body(one).code, "MY-CARD");
    assert.deepEqual(body(one).loyalty_card, { points: 1000, balance: 1000 });
    const many = await emu.call("POST", `/v1/campaigns/${c.id}/vouchers?vouchers_count=5`, { body: {} });
    assert.equal(many.status, 202);
    const id = String(body(many).async_action_id);
    assert.ok(
      ["ENQUEUED", "IN_PROGRESS"].includes(
        String(body(await emu.call("GET", `/v1/async-actions/${id}`)).status),
      ),
    );
    await emu.settle();
    const action = body(await emu.call("GET", `/v1/async-actions/${id}`));
    assert.equal(action.status, "DONE");
    assert.equal(action.progress, 100);
    assert.deepEqual(action.result, { message: "Generated 5 vouchers.", done_count: 5 });
    assert.equal(body(await emu.call("GET", `/v1/campaigns/${c.id}`)).vouchers_count, 2 + 1 + 5);
    const withCode = await emu.call("POST", `/v1/campaigns/${c.id}/vouchers/Code3`, {
      body: example("campaigns/add-voucher-with-specific-code-to-campaign.request.example.json"),
    });
    assert.equal(withCode.status, 404, "category_id of the vendor example does not exist here");
    const ok = await emu.call("POST", `/v1/campaigns/${c.id}/vouchers/Code3`, {
      body: { active: false, additional_info: "Voucher added using API", redemption: { quantity: null } },
    });
    assert.equal(ok.status, 200);
    assert.equal(body(ok).active, true, "active is not an add-voucher field (vendor example quirk)");
    const again = await emu.call("POST", `/v1/campaigns/${c.id}/vouchers/Code3`, { body: {} });
    assert.equal(again.status, 409);
    assert.equal(body(again).details, "Duplicated voucher exists with id Code3");
  });

  it("imports JSON items with per-item fields, failing bad items in result.failed[]", async () => {
    const c = await createCampaign(emu, example("campaigns/create-campaign.request.gift-card-campaign.json"));
    const items = [
      ...example<Json[]>("campaigns/import-vouchers-to-campaign.request.gift-cards.json"),
      {
        code: "DATED",
        start_date: "2030-01-01",
        expiration_date: "2030-12-31T23:59:59Z",
        gift: { amount: 42 },
      },
      { code: "BADDATE", expiration_date: "someday" },
      { code: "NOPOINTS", loyalty_card: { points: 5 } },
    ];
    const r = await emu.call("POST", `/v1/campaigns/${c.id}/import`, { body: items });
    assert.equal(r.status, 202);
    await emu.settle();
    const action = body(await emu.call("GET", `/v1/async-actions/${body(r).async_action_id}`));
    assert.equal(action.type, "CAMPAIGN.VOUCHERS_IMPORT");
    const result = action.result as Json;
    assert.equal(result.done_count, 4);
    assert.equal(result.failed_count, 2);
    assert.deepEqual(
      (result.failed as Json[]).map((f) => f.code),
      ["BADDATE", "NOPOINTS"],
    );
    const v13 = body(await emu.call("GET", "/v1/vouchers/CODE13"));
    assert.equal(v13.category, "First");
    assert.deepEqual(v13.gift, { amount: 500, subtracted_amount: 0, balance: 500, effect: "APPLY_TO_ORDER" });
    assert.equal((v13.redemption as Json).quantity, 1);
    assert.deepEqual(v13.metadata, { season: "Fall" });
    assert.equal(v13.additional_info, "secret-code1");
    const v15 = body(await emu.call("GET", "/v1/vouchers/CODE15"));
    assert.equal(v15.active, false);
    assert.equal((v15.gift as Json).amount, 1000, "amount falls back to the campaign's");
    const dated = body(await emu.call("GET", "/v1/vouchers/DATED"));
    assert.equal(dated.start_date, "2030-01-01T00:00:00.000Z");
    assert.equal(dated.expiration_date, "2030-12-31T23:59:59.000Z");
  });

  it("rejects a whole import on duplicate codes (400 duplicate_key), missing codes and wrong types", async () => {
    const c = await createCampaign(emu, example("campaigns/create-campaign.request.discount-campaign.json"));
    await emu.call("POST", `/v1/campaigns/${c.id}/vouchers/CODE7`, { body: {} });
    const dup = await emu.call("POST", `/v1/campaigns/${c.id}/import`, {
      body: [{ code: "CODE7" }, { code: "NEW1" }, { code: "NEW1" }],
    });
    assert.equal(dup.status, 400);
    assert.deepEqual(
      [body(dup).key, body(dup).details],
      ["duplicate_key", "2 voucher codes(s) already exist."],
    );
    assert.equal((await emu.call("GET", "/v1/vouchers/NEW1")).status, 404, "nothing imported");
    const noCode = await emu.call("POST", `/v1/campaigns/${c.id}/import`, {
      body: [{ code: "A" }, { active: true }],
    });
    assert.deepEqual(
      [body(noCode).key, body(noCode).details],
      ["invalid_voucher", "Found 1 voucher(s) without 'code' value"],
    );
    const badType = await emu.call("POST", `/v1/campaigns/${c.id}/import`, {
      body: [{ code: "B", redemption: { quantity: "ten" } }],
    });
    assert.deepEqual(
      [body(badType).key, body(badType).details],
      ["invalid_payload", "Property .redemption.quantity should be number"],
    );
  });

  it("imports each vendor CSV template, with row numbers for failed rows", async () => {
    const templates: [string, string][] = [
      [
        "import-discount-coupons-into-campaign-template.csv",
        "campaigns/create-campaign.request.discount-campaign.json",
      ],
      [
        "import-gift-cards-into-campaign-template.csv",
        "campaigns/create-campaign.request.gift-card-campaign.json",
      ],
      [
        "import-loyalty-cards-into-campaign-template.csv",
        "campaigns/create-campaign.request.loyalty-program.json",
      ],
      ["import-referral-codes-template.csv", "campaigns/create-campaign.request.referral-program.json"],
    ];
    for (const [csvFile, createFile] of templates) {
      const c = body(await emu.call("POST", "/v1/campaigns", { body: example(createFile) }));
      await emu.settle();
      const csv = `${fs.readFileSync(vendorPath("examples", "csv", csvFile), "utf8").trimEnd()}\n,TRUE\n`;
      const form = csvMultipart(csv);
      const r = await emu.call("POST", `/v1/campaigns/${c.id}/importCSV`, {
        raw: form.raw,
        headers: form.headers,
      });
      assert.equal(r.status, 200, csvFile);
      await emu.settle();
      const action = body(await emu.call("GET", `/v1/async-actions/${body(r).async_action_id}`));
      const result = action.result as Json;
      assert.equal(action.type, "CAMPAIGN.VOUCHERS_IMPORT_CSV");
      assert.equal(result.done_count, 1, csvFile);
      assert.deepEqual(result.failed, [{ code: "", row: 2, reason: "code: property is required" }], csvFile);
    }
    const gift = body(await emu.call("GET", "/v1/vouchers/GIFT1000"));
    assert.deepEqual(
      [gift.active, (gift.gift as Json).amount, gift.category, gift.metadata],
      [false, 1000, "New", { Region: "Europe" }],
    );
    const loyalty = body(await emu.call("GET", "/v1/vouchers/Loyalty100"));
    assert.deepEqual([(loyalty.loyalty_card as Json).points, loyalty.metadata], [100, { Season: "Spring" }]);
    const referral = body(await emu.call("GET", "/v1/vouchers/REFERRAL_CODE01"));
    assert.deepEqual([(referral.redemption as Json).redeemed_quantity, referral.is_referral_code], [2, true]);
  });

  it("lists vouchers with deterministic pages and the documented envelope and limits", async () => {
    const c = body(
      await emu.call("POST", "/v1/campaigns", {
        body: {
          name: "paged",
          campaign_type: "DISCOUNT_COUPONS",
          vouchers_count: 25,
          voucher: { discount: { type: "AMOUNT", amount_off: 1 } },
        },
      }),
    );
    await emu.settle();
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const list = body(await emu.call("GET", `/v1/vouchers?campaign_id=${c.id}&limit=10&page=${page}`));
      assert.equal(list.object, "list");
      assert.equal(list.data_ref, "vouchers");
      assert.equal(list.total, 25);
      seen.push(...(list.vouchers as Json[]).map((v) => String(v.code)));
    }
    assert.equal(new Set(seen).size, 25);
    const again = body(await emu.call("GET", `/v1/vouchers?campaign=paged&limit=10&page=2`));
    assert.deepEqual(
      (again.vouchers as Json[]).map((v) => v.code),
      seen.slice(10, 20),
    );
    const tooMany = await emu.call("GET", "/v1/vouchers?limit=101");
    assert.equal(body(tooMany).key, "invalid_query_params");
    assert.equal((await emu.call("GET", "/v1/vouchers?page=100")).status, 400);
    assert.equal((await emu.call("GET", "/v1/campaigns?page=100")).status, 200);
    assert.equal((await emu.call("GET", "/v1/campaigns?page=101")).status, 400);
    const campaigns = body(await emu.call("GET", "/v1/campaigns?limit=1&expand=category"));
    assert.deepEqual(
      [campaigns.data_ref, campaigns.total, (campaigns.campaigns as Json[]).length],
      ["campaigns", 1, 1],
    );
  });

  it("filters vouchers by created_at[after|before] with strict bounds", async () => {
    const c = body(
      await emu.call("POST", "/v1/campaigns", {
        body: {
          name: "timed",
          campaign_type: "DISCOUNT_COUPONS",
          vouchers_count: 40,
          voucher: { discount: { type: "AMOUNT", amount_off: 1 } },
        },
      }),
    );
    await emu.settle();
    await emu.call("POST", `/v1/campaigns/${c.id}/vouchers/LATE-ONE`, { body: {} });
    const all = body(await emu.call("GET", `/v1/vouchers?campaign_id=${c.id}&limit=100&order=created_at`))
      .vouchers as Json[];
    assert.equal(all.length, 41);
    const pivot = String(all[0]!.created_at);
    const query = (bound: string, at: string) =>
      emu.call("GET", `/v1/vouchers?campaign_id=${c.id}&limit=100&created_at%5B${bound}%5D=${at}`);
    const after = body(await query("after", pivot)).vouchers as Json[];
    assert.deepEqual(
      after.map((v) => v.code).sort(),
      all
        .filter((v) => String(v.created_at) > pivot)
        .map((v) => v.code)
        .sort(),
    );
    assert.ok(
      after.some((v) => v.code === "LATE-ONE"),
      "created after the job",
    );
    const last = String(all.at(-1)!.created_at);
    const before = body(await query("before", last)).vouchers as Json[];
    assert.ok(before.length < all.length && before.every((v) => String(v.created_at) < last));
    const bad = await emu.call("GET", "/v1/vouchers?created_at%5Bafter%5D=yesterday");
    assert.equal(bad.status, 400);
    assert.equal(body(bad).key, "invalid_query_params");
  });

  it("updates, disables, enables and deletes vouchers by code or id", async () => {
    const c = await createCampaign(emu, example("campaigns/create-campaign.request.gift-card-campaign.json"));
    const v = (body(await emu.call("GET", `/v1/vouchers?campaign_id=${c.id}`)).vouchers as Json[])[0]!;
    const put = await emu.call("PUT", `/v1/vouchers/${v.id}`, {
      body: { code: v.code, ...example<Json>("vouchers/update-voucher.request.gift-card.json") },
    });
    assert.equal(put.status, 200);
    const u = body(put);
    assert.deepEqual(
      [u.category, u.active, u.additional_info],
      ["Existing Customers", false, "This gift card is disabled."],
    );
    assert.equal((u.gift as Json).amount, 1000, "gift amount is not changeable through PUT");
    assert.equal(u.start_date, "2021-01-01T00:00:00.000Z");
    assert.equal(body(await emu.call("POST", `/v1/vouchers/${v.code}/enable`)).active, true);
    assert.equal(body(await emu.call("POST", `/v1/vouchers/${v.code}/disable`)).active, false);
    const del = await emu.call("DELETE", `/v1/vouchers/${v.code}`);
    assert.deepEqual([del.status, del.text], [204, ""]);
    assert.equal((await emu.call("GET", `/v1/vouchers/${v.code}`)).status, 404);
    const reuse = await emu.call("POST", `/v1/campaigns/${c.id}/vouchers/${v.code}`, { body: {} });
    assert.equal(reuse.status, 409, "a binned voucher keeps its code");
    const other = (body(await emu.call("GET", `/v1/vouchers?campaign_id=${c.id}`)).vouchers as Json[])[0]!;
    await emu.call("DELETE", `/v1/vouchers/${other.code}?force=true`);
    assert.equal(
      (await emu.call("POST", `/v1/campaigns/${c.id}/vouchers/${other.code}`, { body: {} })).status,
      200,
    );
    const changeType = await emu.call("PUT", "/v1/vouchers/nope", { body: {} });
    assert.equal(changeType.status, 404);
  });

  it("refuses changing a discount voucher's discount type", async () => {
    const c = await createCampaign(emu, example("campaigns/create-campaign.request.discount-campaign.json"));
    const v = (body(await emu.call("GET", `/v1/vouchers?campaign_id=${c.id}`)).vouchers as Json[])[0]!;
    const r = await emu.call("PUT", `/v1/vouchers/${v.code}`, {
      body: example("vouchers/update-voucher.request.amount-discount.json"),
    });
    assert.deepEqual(
      [r.status, body(r).details],
      [400, "It is not possible to change Voucher discount type"],
    );
  });

  it("deletes into the bin (name and codes reserved) or permanently with force", async () => {
    const request = example("campaigns/create-campaign.request.referral-program.json");
    const c = body(await emu.call("POST", "/v1/campaigns", { body: request }));
    await emu.settle();
    const codes = (body(await emu.call("GET", `/v1/vouchers?campaign_id=${c.id}`)).vouchers as Json[]).map(
      (v) => v.code,
    );
    const del = await emu.call("DELETE", `/v1/campaigns/${c.id}`);
    assert.equal(del.status, 202);
    assert.equal((await emu.call("GET", `/v1/campaigns/${c.id}`)).status, 404);
    await emu.settle();
    const action = body(await emu.call("GET", `/v1/async-actions/${body(del).async_action_id}`));
    assert.deepEqual(
      [action.type, action.result],
      ["CAMPAIGN.VOUCHERS_DELETE", { message: "Deleted 2 vouchers.", done_count: 2 }],
    );
    assert.equal(
      (await emu.call("POST", "/v1/campaigns", { body: request })).status,
      409,
      "binned name stays reserved",
    );
    const promo = body(
      await emu.call("POST", "/v1/campaigns", { body: { name: "gone", campaign_type: "PROMOTION" } }),
    );
    const hard = await emu.call("DELETE", `/v1/campaigns/${promo.id}?force=true`);
    assert.equal(hard.status, 202);
    await emu.settle();
    assert.equal(
      (await emu.call("POST", "/v1/campaigns", { body: { name: "gone", campaign_type: "PROMOTION" } }))
        .status,
      200,
    );
    const other = await createCampaign(
      emu,
      example("campaigns/create-campaign.request.discount-campaign.json"),
    );
    const imported = await emu.call("POST", `/v1/campaigns/${other.id}/import`, {
      body: [{ code: String(codes[0]) }],
    });
    assert.equal(body(imported).key, "duplicate_key", "binned codes stay reserved");
  });

  it("frees names and codes when the bin is switched off", async () => {
    const nobin = await start({ binOnSoftDelete: false });
    try {
      const request = example("campaigns/create-campaign.request.gift-card-campaign.json");
      const c = body(await nobin.call("POST", "/v1/campaigns", { body: request }));
      await nobin.settle();
      await nobin.call("DELETE", `/v1/campaigns/${c.id}`);
      await nobin.settle();
      assert.equal((await nobin.call("POST", "/v1/campaigns", { body: request })).status, 200);
    } finally {
      await nobin.close();
    }
  });

  it("lists async actions newest first without result, and validates end_date", async () => {
    const c = await createCampaign(emu, example("campaigns/create-campaign.request.discount-campaign.json"));
    await emu.call("POST", `/v1/campaigns/${c.id}/vouchers?vouchers_count=2`, { body: {} });
    await emu.settle();
    const list = body(await emu.call("GET", "/v1/async-actions?limit=1"));
    const actions = list.async_actions as Json[];
    assert.deepEqual([list.data_ref, actions.length, list.has_more], ["async_actions", 1, true]);
    assert.equal("result" in actions[0]!, false);
    const bad = await emu.call("GET", "/v1/async-actions?end_date=yesterday");
    assert.deepEqual(
      [bad.status, body(bad).details],
      [400, "Property .end_date cannot be recognized as a ISO-8601 compliant date"],
    );
    const missing = await emu.call("GET", "/v1/async-actions/aa_0aeb82bd55d5beffb");
    assert.equal(body(missing).resource_type, "async_action");
  });

  it("enforces the per-campaign code limit: add refused, import stops at the remaining capacity", async () => {
    const small = await start({ maxCodesPerCampaign: 3 });
    try {
      const c = body(
        await small.call("POST", "/v1/campaigns", {
          body: {
            name: "cap",
            campaign_type: "DISCOUNT_COUPONS",
            vouchers_count: 2,
            voucher: { discount: { type: "AMOUNT", amount_off: 1 } },
          },
        }),
      );
      await small.settle();
      const add = await small.call("POST", `/v1/campaigns/${c.id}/vouchers?vouchers_count=2`, { body: {} });
      assert.equal(add.status, 400);
      const r = await small.call("POST", `/v1/campaigns/${c.id}/import`, {
        body: [{ code: "L1" }, { code: "L2" }],
      });
      await small.settle();
      const result = body(await small.call("GET", `/v1/async-actions/${body(r).async_action_id}`))
        .result as Json;
      assert.deepEqual([result.done_count, result.failed_count], [1, 1]);
      assert.equal(body(await small.call("GET", `/v1/campaigns/${c.id}`)).vouchers_count, 3);
    } finally {
      await small.close();
    }
    const tooMany = await emu.call("POST", "/v1/campaigns", {
      body: {
        name: "big",
        campaign_type: "DISCOUNT_COUPONS",
        vouchers_count: 100_001,
        voucher: { discount: { type: "AMOUNT", amount_off: 1 } },
      },
    });
    assert.equal(body(tooMany).key, "invalid_campaign");
  });

  after(() => {
    // Every endpoint the emulator serves had at least one 2xx response validated in this suite.
    check.assertCovered([
      "POST /v1/campaigns 200",
      "GET /v1/campaigns 200",
      "GET /v1/campaigns/{campaignId} 200",
      "PUT /v1/campaigns/{campaignId} 200",
      "DELETE /v1/campaigns/{campaignId} 202",
      "POST /v1/campaigns/{campaignId}/enable 200",
      "POST /v1/campaigns/{campaignId}/disable 200",
      "POST /v1/campaigns/{campaignId}/vouchers 200",
      "POST /v1/campaigns/{campaignId}/vouchers 202",
      "POST /v1/campaigns/{campaignId}/vouchers/{code} 200",
      "POST /v1/campaigns/{campaignId}/import 202",
      "POST /v1/campaigns/{campaignId}/importCSV 200",
      "GET /v1/async-actions 200",
      "GET /v1/async-actions/{asyncActionId} 200",
      "GET /v1/vouchers 200",
      "GET /v1/vouchers/{code} 200",
      "PUT /v1/vouchers/{code} 200",
      "DELETE /v1/vouchers/{code} 204",
      "POST /v1/vouchers/{code}/enable 200",
      "POST /v1/vouchers/{code}/disable 200",
    ]);
  });
});
