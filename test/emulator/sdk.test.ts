// The official client, @voucherify/sdk 2.9.0, drives a full scenario against the emulator: if
// the emulator differs from the API in a way the vendor's own client notices, this fails.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  example,
  type Json,
  type Loose,
  REPLAYS_VENDOR_EXAMPLES,
  rejection,
  type SdkClient,
  sdk,
  startTestEmulator,
  type TestEmulator,
  VENDOR_EXAMPLE_CAMPAIGNS,
  vendorPath,
} from "./support";

describe("emulator driven by the official @voucherify/sdk", () => {
  let emu: TestEmulator;
  let client: SdkClient;
  beforeEach(async () => {
    emu = await startTestEmulator(REPLAYS_VENDOR_EXAMPLES);
    client = sdk(emu.url);
  });
  afterEach(async () => {
    await emu.close();
  });

  it("creates every vendor example campaign, waits for DONE, reads it by id and by name", async () => {
    for (const kind of VENDOR_EXAMPLE_CAMPAIGNS) {
      const request = example(`campaigns/create-campaign.request.${kind}.json`);
      const created = (await client.campaigns.create(request as Loose)) as unknown as Json;
      assert.equal(created.name, request.name);
      await emu.settle();
      const byId = (await client.campaigns.get(String(created.id))) as unknown as Json;
      const byName = (await client.campaigns.get(String(request.name))) as unknown as Json;
      assert.equal(byId.creation_status, "DONE", kind);
      assert.equal(byName.id, created.id);
      assert.equal(byId.vouchers_count, request.vouchers_count ?? 0);
    }
    const list = (await client.campaigns.list({ limit: 2, page: 1 } as Loose)) as unknown as Json;
    assert.deepEqual([list.total, (list.campaigns as unknown as Json[]).length], [5, 2]);
  });

  it("updates, disables and enables a campaign", async () => {
    const created = (await client.campaigns.create(
      example("campaigns/create-campaign.request.loyalty-program.json") as Loose,
    )) as unknown as Json;
    await emu.settle();
    const updated = (await client.campaigns.update(String(created.id), {
      description: "New description",
      metadata: { season: "spring" },
    } as Loose)) as unknown as Json;
    assert.equal(updated.description, "New description");
    assert.deepEqual(updated.metadata, { region: "APAC", season: "spring" });
    assert.deepEqual(await client.campaigns.disable(String(created.id)), {});
    assert.equal(((await client.campaigns.get(String(created.id))) as unknown as Json).active, false);
    assert.deepEqual(await client.campaigns.enable(String(created.id)), {});
    assert.equal(((await client.campaigns.get("Loyalty Campaign")) as unknown as Json).active, true);
  });

  it("adds vouchers (one, many, a specific code), imports JSON and CSV, and reads the async actions", async () => {
    const created = (await client.campaigns.create(
      example("campaigns/create-campaign.request.gift-card-campaign.json") as Loose,
    )) as unknown as Json;
    const id = String(created.id);
    await emu.settle();
    const one = (await client.campaigns.addVoucher(id, {} as Loose)) as unknown as Json;
    assert.match(String(one.code), /^GIFT-CARD-/);
    const many = (await client.campaigns.addVoucher(id, {} as Loose, {
      vouchers_count: 3,
    })) as unknown as Json;
    const certain = (await client.campaigns.addCertainVoucher(id, "MY GIFT/1", {
      metadata: { a: "b" },
    } as Loose)) as unknown as Json;
    assert.equal(certain.code, "MY GIFT/1");
    const imported = (await client.campaigns.importVouchers(
      id,
      example<Loose>("campaigns/import-vouchers-to-campaign.request.gift-cards.json"),
    )) as unknown as Json;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-sdk-"));
    const csvPath = path.join(dir, "gift.csv");
    fs.copyFileSync(vendorPath("examples", "csv", "import-gift-cards-into-campaign-template.csv"), csvPath);
    const csv = (await client.campaigns.importVouchersCSV(id, csvPath)) as unknown as Json;
    fs.rmSync(dir, { recursive: true, force: true });
    await emu.settle();
    const results: Record<string, Json> = {};
    for (const action of [many, imported, csv]) {
      const got = (await client.asyncActions.get(String(action.async_action_id))) as unknown as Json;
      assert.equal(got.status, "DONE");
      results[String(got.type)] = got.result as unknown as Json;
    }
    assert.deepEqual(results["CAMPAIGN.VOUCHERS_GENERATE"], {
      message: "Generated 3 vouchers.",
      done_count: 3,
    });
    assert.equal(results["CAMPAIGN.VOUCHERS_IMPORT"]!.done_count, 3);
    assert.equal(results["CAMPAIGN.VOUCHERS_IMPORT_CSV"]!.done_count, 1);
    assert.equal(((await client.vouchers.get("GIFT1000")) as unknown as Json).active, false);
    assert.equal(
      ((await client.vouchers.get("MY GIFT/1")) as unknown as Json).campaign,
      "Gift Card Campaign",
    );
    const actions = (await client.asyncActions.list({ limit: 10 } as Loose)) as unknown as Json;
    assert.ok((actions.async_actions as unknown as Json[]).length >= 4);
    assert.equal(((await client.campaigns.get(id)) as unknown as Json).vouchers_count, 2 + 1 + 3 + 1 + 3 + 1);
  });

  it("lists vouchers page by page by campaign name, then updates, toggles and deletes one", async () => {
    const request: Json = {
      ...example<Json>("campaigns/create-campaign.request.discount-campaign.json"),
      vouchers_count: 23,
    };
    const created = (await client.campaigns.create(request as Loose)) as unknown as Json;
    await emu.settle();
    const codes: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const list = (await client.vouchers.list({
        campaign: String(request.name),
        limit: 10,
        page,
      } as Loose)) as unknown as Json;
      assert.equal(list.total, 23);
      codes.push(...(list.vouchers as unknown as Json[]).map((v) => String(v.code)));
    }
    assert.equal(new Set(codes).size, 23);
    const code = codes[0]!;
    const updated = (await client.vouchers.update({
      code,
      metadata: { x: 1 },
      additional_info: "note",
    } as Loose)) as unknown as Json;
    assert.deepEqual([updated.metadata, updated.additional_info], [{ x: 1 }, "note"]);
    assert.equal(((await client.vouchers.disable(code)) as unknown as Json).active, false);
    assert.equal(((await client.vouchers.enable(code)) as unknown as Json).active, true);
    assert.equal(await client.vouchers.delete(code), "");
    const gone = await rejection(client.vouchers.get(code));
    assert.deepEqual([gone.code, gone.key, gone.resource_type], [404, "not_found", "voucher"]);
    await client.vouchers.delete(codes[1]!, { force: true });
    await client.campaigns.addCertainVoucher(String(created.id), codes[1]!, {} as Loose);
  });

  it("deletes campaigns with and without force", async () => {
    const a = (await client.campaigns.create({
      name: "binned",
      campaign_type: "PROMOTION",
    } as Loose)) as unknown as Json;
    const b = (await client.campaigns.create({
      name: "forced",
      campaign_type: "PROMOTION",
    } as Loose)) as unknown as Json;
    const soft = (await client.campaigns.delete(String(a.id))) as unknown as Json;
    const hard = (await client.campaigns.delete(String(b.id), { force: true })) as unknown as Json;
    await emu.settle();
    for (const action of [soft, hard]) {
      assert.equal(
        ((await client.asyncActions.get(String(action.async_action_id))) as unknown as Json).type,
        "CAMPAIGN.VOUCHERS_DELETE",
      );
    }
    const reserved = await rejection(
      client.campaigns.create({ name: "binned", campaign_type: "PROMOTION" } as Loose),
    );
    assert.equal(reserved.code, 409);
    await client.campaigns.create({ name: "forced", campaign_type: "PROMOTION" } as Loose);
  });

  it("surfaces the documented errors with their body fields: 401, 404, 409, 400 duplicate_key", async () => {
    const wrong = await rejection(sdk(emu.url, "not-the-secret").campaigns.list());
    assert.deepEqual([wrong.code, wrong.key], [401, "unauthorized"]);
    const missing = await rejection(client.campaigns.get("Spring Campaign"));
    assert.deepEqual(
      [missing.code, missing.key, missing.details, missing.resource_id],
      [404, "not_found", "Cannot find campaign with id Spring Campaign", "Spring Campaign"],
    );
    assert.match(String(missing.request_id), /^v-[0-9a-f]{18}$/);
    const request = example("campaigns/create-campaign.request.discount-campaign.json");
    const created = (await client.campaigns.create(request as Loose)) as unknown as Json;
    const dup = await rejection(client.campaigns.create(request as Loose));
    assert.deepEqual([dup.code, dup.key], [409, "duplicate_found"]);
    await emu.settle();
    await client.campaigns.addCertainVoucher(String(created.id), "CODE7", {} as Loose);
    const dupKey = await rejection(
      client.campaigns.importVouchers(
        String(created.id),
        example<Loose>("campaigns/import-vouchers-to-campaign.request.example.json"),
      ),
    );
    assert.deepEqual(
      [dupKey.code, dupKey.key, dupKey.details],
      [400, "duplicate_key", "1 voucher codes(s) already exist."],
    );
  });

  it("gets 429 with Retry-After and rate-limit headers when the emulator is rate limited", async () => {
    const limited = await startTestEmulator({ rateLimit: 2 });
    try {
      const c = sdk(limited.url);
      await c.campaigns.list();
      assert.equal(c.apiLimitsHandler.getRateLimit(), 2);
      assert.equal(c.apiLimitsHandler.getRateLimitRemaining(), 1);
      await c.campaigns.list();
      const error = await rejection(c.campaigns.list());
      assert.deepEqual([error.code, error.message], [429, "Too many requests hit the API too quickly."]);
      const raw = await limited.call("GET", "/v1/campaigns");
      assert.equal(raw.status, 429);
      assert.ok(Number(raw.headers.get("retry-after")) >= 1);
      assert.equal(raw.headers.get("x-rate-limit-remaining"), "0");
    } finally {
      await limited.close();
    }
  });
});
