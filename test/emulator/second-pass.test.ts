// Rules from the second reading of Voucherify's documentation (issue 18) that are not campaign-update rules:
// the async queue, async action and campaign list shapes, the project's default charset, protected campaigns and
// time-limit combinations. Every response is checked against openapi.json.
import * as assert from "node:assert/strict";
import { ContractCheck, useCheckedEmulators } from "./contract-check";
import { admin, csvMultipart, type Json, type TestEmulator } from "./support";

const check = new ContractCheck();

function coupons(name: string, extra: Json = {}): Json {
  return {
    name,
    campaign_type: "DISCOUNT_COUPONS",
    vouchers_count: 0,
    voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "AMOUNT", amount_off: 500 } },
    ...extra,
  };
}

async function created(emu: TestEmulator, body: Json): Promise<Json> {
  const r = await emu.call<Json>("POST", "/v1/campaigns", { body });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  await emu.settle();
  return r.body;
}

async function action(emu: TestEmulator, id: unknown): Promise<Json> {
  return (await emu.call<Json>("GET", `/v1/async-actions/${id}`)).body;
}

describe("emulator: second documentation pass (issue 18)", () => {
  const start = useCheckedEmulators(check);

  describe("async actions run first in, first out (--job-order)", () => {
    async function importThenBulkUpdate(emu: TestEmulator): Promise<Json> {
      const c = await created(emu, coupons("Queue"));
      const imported = await emu.call<Json>("POST", `/v1/campaigns/${c.id}/import`, {
        body: ["Q-1", "Q-2", "Q-3", "Q-4"].map((code) => ({ code })),
      });
      // Q-4 comes first: run alongside, the update reaches it while the import has made only half its codes.
      const bulk = await emu.call<Json>("POST", "/v1/vouchers/bulk/async", {
        body: [
          { code: "Q-4", metadata: { n: 4 } },
          { code: "Q-1", metadata: { n: 1 } },
        ],
      });
      assert.equal(bulk.status, 202);
      const waiting = (await action(emu, bulk.body.async_action_id)).status;
      await emu.settle();
      assert.equal((await action(emu, imported.body.async_action_id)).status, "DONE");
      return { ...(await action(emu, bulk.body.async_action_id)), waiting };
    }

    it("fifo (default): a bulk update placed right after an import waits for it and finds its codes (vouchers.json)", async () => {
      const emu = await start({ asyncDelayMs: 400 });
      const done = await importThenBulkUpdate(emu);
      assert.equal(done.waiting, "ENQUEUED", "queued behind the import");
      assert.equal(done.status, "DONE");
      assert.deepEqual(((done.result as Json).failed_count ?? 0) as number, 0, JSON.stringify(done.result));
      assert.deepEqual((await emu.call<Json>("GET", "/v1/vouchers/Q-4")).body.metadata, { n: 4 });
    });

    it("parallel: each action starts at once, so the update can miss codes the import is about to create", async () => {
      const emu = await start({ asyncDelayMs: 40, jobOrder: "parallel" });
      const done = await importThenBulkUpdate(emu);
      assert.equal(JSON.stringify(done.result).includes("not_found"), true, JSON.stringify(done.result));
    });
  });

  it("async actions carry operation_status once they end: SUCCESS or FAILED (async-actions.json)", async () => {
    const emu = await start({ asyncDelayMs: 40 });
    const c = await created(emu, coupons("Status"));
    const ok = await emu.call<Json>("POST", `/v1/campaigns/${c.id}/import`, { body: [{ code: "S-1" }] });
    assert.equal(
      (await action(emu, ok.body.async_action_id)).operation_status,
      undefined,
      "not while running",
    );
    await emu.settle();
    assert.equal((await action(emu, ok.body.async_action_id)).operation_status, "SUCCESS");
    await admin(emu, "POST", "async-failures", { type: "CAMPAIGN.VOUCHERS_IMPORT" });
    const failed = await emu.call<Json>("POST", `/v1/campaigns/${c.id}/import`, { body: [{ code: "S-2" }] });
    await emu.settle();
    assert.equal((await action(emu, failed.body.async_action_id)).operation_status, "FAILED");
  });

  it("the campaign list sends categories as an empty array without expand=category (campaigns.json)", async () => {
    const emu = await start();
    await created(emu, coupons("Listed", { category: "Spring" }));
    const plain = await emu.call<Json>("GET", "/v1/campaigns");
    assert.deepEqual(((plain.body.campaigns as Json[])[0] as Json).categories, []);
    const expanded = await emu.call<Json>("GET", "/v1/campaigns?expand=category");
    const categories = ((expanded.body.campaigns as Json[])[0] as Json).categories as Json[];
    assert.deepEqual(
      categories.map((c) => c.name),
      ["Spring"],
    );
  });

  describe("the project's default charset (--default-charset, project-settings.mdx)", () => {
    it("generates with it and reports it when the create body names none", async () => {
      const emu = await start({ defaultCharset: "numbers" });
      const c = await created(emu, coupons("Digits", { vouchers_count: 3 }));
      const config = (c.voucher as Json).code_config as Json;
      assert.equal(config.charset, "0123456789");
      const list = await emu.call<Json>("GET", `/v1/vouchers?campaign_id=${c.id}`);
      for (const v of list.body.vouchers as Json[]) assert.match(String(v.code), /^[0-9]{8}$/);
      const own = await created(
        emu,
        coupons("Letters", {
          voucher: { ...(coupons("x").voucher as Json), code_config: { charset: "AB" } },
        }),
      );
      assert.equal(((own.voucher as Json).code_config as Json).charset, "AB", "a declared charset wins");
    });

    it("is alphanumeric by default", async () => {
      const emu = await start();
      const c = await created(emu, coupons("Default", { vouchers_count: 1 }));
      assert.equal(
        ((c.voucher as Json).code_config as Json).charset,
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
      );
    });
  });

  it("a protected campaign's PUT answers 400 resource_protected (campaigns.json PUT example)", async () => {
    const emu = await start();
    const c = await created(emu, coupons("Protected"));
    assert.equal((await admin(emu, "POST", `campaigns/${c.id}/protect`)).status, 200);
    const put = await emu.call<Json>("PUT", `/v1/campaigns/${c.id}`, { body: { description: "x" } });
    assert.deepEqual(
      [put.status, put.body.key, put.body.message, put.body.resource_id, put.body.resource_type],
      [400, "resource_protected", "Resource is protected", c.id, "campaign"],
    );
    assert.equal((await emu.call<Json>("GET", `/v1/campaigns/${c.id}`)).body.description, undefined);
    assert.equal((await admin(emu, "POST", "campaigns/nope/protect")).status, 404);
  });

  describe("metadata schemas (metadataSchemas, PUT /_emulator/metadata-schemas; prepare/metadata.mdx)", () => {
    const schemas = {
      campaign: { properties: { region: { type: "string" as const, eq: ["EU", "US"], optional: false } } },
      voucher: { properties: { tier: { type: "number" as const, gte: 1 } } },
    };

    it("rejects defined fields that break the schema with 400 metadata_validation_failed; undefined ones pass", async () => {
      const emu = await start({ metadataSchemas: schemas });
      const missing = await emu.call<Json>("POST", "/v1/campaigns", { body: coupons("No region") });
      assert.deepEqual([missing.status, missing.body.key], [400, "metadata_validation_failed"]);
      assert.match(String(missing.body.details), /region: is required/);
      const wrong = await emu.call<Json>("POST", "/v1/campaigns", {
        body: coupons("Wrong", { metadata: { region: "APAC" } }),
      });
      assert.deepEqual([wrong.status, wrong.body.key], [400, "metadata_validation_failed"]);
      const c = await created(emu, coupons("Fine", { metadata: { region: "EU", anything: 1 } }));
      const put = await emu.call<Json>("PUT", `/v1/campaigns/${c.id}`, { body: { metadata: { region: 3 } } });
      assert.deepEqual([put.status, put.body.key], [400, "metadata_validation_failed"]);
      const imported = await emu.call<Json>("POST", `/v1/campaigns/${c.id}/import`, {
        body: [
          { code: "OK-1", metadata: { tier: 2 } },
          { code: "BAD-1", metadata: { tier: 0 } },
        ],
      });
      await emu.settle();
      const result = (await action(emu, imported.body.async_action_id)).result as Json;
      assert.equal(result.done_count, 1);
      assert.match(JSON.stringify(result.failed), /BAD-1.*metadata_validation_failed/);
      const voucherPut = await emu.call<Json>("PUT", "/v1/vouchers/OK-1", {
        body: { metadata: { tier: "x" } },
      });
      assert.deepEqual([voucherPut.status, voucherPut.body.key], [400, "metadata_validation_failed"]);
    });

    it("allow_defined_only refuses undefined keys; the admin API replaces the schemas, a reset restores them", async () => {
      const emu = await start();
      const strict = { campaign: { properties: {}, allow_defined_only: true } };
      assert.equal((await admin(emu, "PUT", "metadata-schemas", strict)).status, 200);
      const r = await emu.call<Json>("POST", "/v1/campaigns", {
        body: coupons("Extra", { metadata: { x: 1 } }),
      });
      assert.deepEqual([r.status, r.body.key], [400, "metadata_validation_failed"]);
      await admin(emu, "POST", "reset");
      assert.deepEqual(
        (await emu.call<Json>("GET", "/_emulator/metadata-schemas", { auth: false })).body,
        {},
      );
      assert.equal((await emu.call<Json>("POST", "/v1/campaigns", { body: coupons("Extra") })).status, 200);
    });
  });

  describe("valid hours per day (optimize/time-limits.mdx)", () => {
    const hours = (...periods: [string, string, number[]][]) => ({
      daily: periods.map(([start_time, expiration_time, days_of_week]) => ({
        start_time,
        expiration_time,
        days_of_week,
      })),
    });

    it("cannot be combined with the other recurring limitations, and its periods cannot overlap", async () => {
      const emu = await start();
      const combined = await emu.call<Json>("POST", "/v1/campaigns", {
        body: coupons("Combined", {
          validity_hours: hours(["09:00", "11:00", [1]]),
          validity_day_of_week: [1, 2],
        }),
      });
      assert.deepEqual([combined.status, combined.body.key], [400, "invalid_campaign"]);
      const overlap = await emu.call<Json>("POST", "/v1/campaigns", {
        body: coupons("Overlap", {
          validity_hours: hours(["09:00", "11:00", [1, 2]], ["10:00", "12:00", [2]]),
        }),
      });
      assert.deepEqual([overlap.status, overlap.body.key], [400, "invalid_campaign"]);
      assert.match(String(overlap.body.details), /overlap/);
      const open = await emu.call<Json>("POST", "/v1/campaigns", {
        body: coupons("Open end", {
          validity_hours: {
            daily: [
              { start_time: "20:00", days_of_week: [3] },
              { start_time: "22:00", expiration_time: "23:00", days_of_week: [3] },
            ],
          },
        }),
      });
      assert.equal(
        open.status,
        400,
        "an empty expiration time lasts until the end of the day (changelog 2026-07-07)",
      );
      const c = await created(
        emu,
        coupons("Happy hours", { validity_hours: hours(["09:00", "11:00", [1]], ["10:00", "12:00", [2]]) }),
      );
      const put = await emu.call<Json>("PUT", `/v1/campaigns/${c.id}`, {
        body: { validity_timeframe: { interval: "P1D", duration: "PT1H" } },
      });
      assert.deepEqual(
        [put.status, put.body.key],
        [400, "invalid_campaign"],
        "the campaign would combine them",
      );
      const cleared = await emu.call<Json>("PUT", `/v1/campaigns/${c.id}`, {
        body: { validity_hours: null, validity_timeframe: { interval: "P1D", duration: "PT1H" } },
      });
      assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
    });
  });

  describe("imports (build/*-import.mdx, snippets/code-import-callout.mdx)", () => {
    it("codes imported into an expired campaign without `active` are inactive", async () => {
      const emu = await start();
      const c = await created(emu, coupons("Expired"));
      const past = new Date(Date.now() - 60_000).toISOString();
      assert.equal(
        (await emu.call<Json>("PUT", `/v1/campaigns/${c.id}`, { body: { expiration_date: past } })).status,
        200,
      );
      await emu.settle();
      await emu.call<Json>("POST", `/v1/campaigns/${c.id}/import`, {
        body: [{ code: "EXP-1" }, { code: "EXP-2", active: true }],
      });
      await emu.settle();
      assert.equal((await emu.call<Json>("GET", "/v1/vouchers/EXP-1")).body.active, false);
      assert.equal((await emu.call<Json>("GET", "/v1/vouchers/EXP-2")).body.active, true);
    });

    async function reimport(emu: TestEmulator): Promise<{ result: Json; voucher: Json }> {
      const c = await created(emu, coupons("Reimport"));
      await emu.call<Json>("POST", `/v1/campaigns/${c.id}/import`, {
        body: [{ code: "RE-1", metadata: { keep: "x" }, additional_info: "kept" }],
      });
      await emu.settle();
      const form = csvMultipart("Code,Active,Category,Additional Info,keep\nRE-1,FALSE,Moved,changed,y\n");
      const r = await emu.call<Json>("POST", `/v1/campaigns/${c.id}/importCSV`, {
        raw: form.raw,
        headers: form.headers,
      });
      await emu.settle();
      const done = await action(emu, r.body.async_action_id);
      return {
        result: done.result as Json,
        voucher: (await emu.call<Json>("GET", "/v1/vouchers/RE-1")).body,
      };
    }

    it("update (default): an importCSV row of a code the campaign holds changes only active and category", async () => {
      const emu = await start();
      const { result, voucher } = await reimport(emu);
      assert.deepEqual([result.done_count, result.failed_count], [1, 0]);
      assert.deepEqual(
        [voucher.active, voucher.category, voucher.additional_info, voucher.metadata],
        [false, "Moved", "kept", { keep: "x" }],
      );
    });

    it("fail: the row fails as a duplicate and the code is unchanged", async () => {
      const emu = await start({ reimport: "fail" });
      const { result, voucher } = await reimport(emu);
      assert.deepEqual([result.done_count, result.failed_count], [0, 1]);
      assert.deepEqual([voucher.active, voucher.category], [true, null]);
    });
  });

  it("a STANDALONE campaign created with voucher.code holds that generic code (changelog, 21 May 2026)", async () => {
    const emu = await start();
    const voucher = { ...(coupons("x").voucher as Json), code: "GENERIC-10" };
    const c = await created(
      emu,
      coupons("Generic", { type: "STANDALONE", vouchers_count: undefined, voucher }),
    );
    const list = await emu.call<Json>("GET", `/v1/vouchers?campaign_id=${c.id}`);
    assert.deepEqual(
      (list.body.vouchers as Json[]).map((v) => v.code),
      ["GENERIC-10"],
    );
    const again = await emu.call<Json>("POST", "/v1/campaigns", {
      body: coupons("Generic 2", { type: "STANDALONE", voucher }),
    });
    assert.deepEqual(
      [again.status, again.body.key],
      [409, "duplicate_found"],
      "codes are unique per project",
    );
  });

  it("accepts every documented date format, a time without a zone as UTC (campaigns.json, start_date)", async () => {
    const emu = await start();
    const forms: [string, string][] = [
      ["2099-03-01", "2099-03-01T00:00:00.000Z"],
      ["2099-03-01T10", "2099-03-01T10:00:00.000Z"],
      ["2099-03-01T10:30", "2099-03-01T10:30:00.000Z"],
      ["2099-03-01T10:30:15", "2099-03-01T10:30:15.000Z"],
      ["2099-03-01T10:30:15Z", "2099-03-01T10:30:15.000Z"],
      ["2099-03-01T10:30:15.250Z", "2099-03-01T10:30:15.250Z"],
    ];
    for (const [i, [given, stored]] of forms.entries()) {
      const c = await created(emu, coupons(`Dates ${i}`, { start_date: given }));
      assert.equal(c.start_date, stored, given);
    }
    const bad = await emu.call<Json>("POST", "/v1/campaigns", {
      body: coupons("Bad", { start_date: "2099-03-01T1" }),
    });
    assert.equal(bad.status, 400);
  });
});
