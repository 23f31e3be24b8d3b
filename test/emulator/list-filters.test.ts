// GET /v1/campaigns query parameters and `filters[...]` in the wire form the official SDK sends (qs:
// percent-encoded brackets, lists as [$in][0]...), a 400 for every filter the emulator does not evaluate,
// and the voucher list's documented default order and item shape.
import * as assert from "node:assert/strict";
import { ContractCheck } from "./contract-check";
import { type Json, type Loose, rejection, type SdkClient, sdk, type TestEmulator } from "./support";

const check = new ContractCheck();

describe("emulator list queries", () => {
  let emu: TestEmulator;
  let client: SdkClient;
  before(async () => {
    emu = await check.start({ asyncDelayMs: 60_000 });
    client = sdk(emu.url);
    const discount = { type: "DISCOUNT_VOUCHER", discount: { type: "AMOUNT", amount_off: 100 } };
    const campaigns: Json[] = [
      {
        name: "Spring Sale",
        campaign_type: "DISCOUNT_COUPONS",
        metadata: { env: "test", seq: 1 },
        voucher: discount,
      },
      {
        name: "Summer Sale",
        campaign_type: "DISCOUNT_COUPONS",
        metadata: { env: "prod", seq: 2 },
        voucher: discount,
      },
      {
        name: "Friends",
        campaign_type: "REFERRAL_PROGRAM",
        metadata: { env: "test", flag: true },
        voucher: { ...discount, is_referral_code: true },
      },
      { name: "Big Batch", campaign_type: "DISCOUNT_COUPONS", vouchers_count: 5, voucher: discount },
      { name: "Promo", campaign_type: "PROMOTION" },
    ];
    for (const body of campaigns) await client.campaigns.create(body as Loose);
  });
  after(async () => {
    await emu.close();
    check.assertNoProblems();
  });

  async function names(params: Json): Promise<string[]> {
    const list = (await client.campaigns.list(params as Loose)) as unknown as Json;
    return (list.campaigns as unknown as Json[]).map((c) => String(c.name)).sort();
  }
  const where = (field: string, conditions: Json): Json => ({ filters: { [field]: { conditions } } });

  it("filters by metadata with every string condition", async () => {
    assert.deepEqual(await names(where("metadata.env", { $is: "test" })), ["Friends", "Spring Sale"]);
    assert.deepEqual(await names(where("metadata.env", { $is_not: "test" })), [
      "Big Batch",
      "Promo",
      "Summer Sale",
    ]);
    assert.deepEqual(await names(where("metadata.seq", { $in: ["1", "2"] })), ["Spring Sale", "Summer Sale"]);
    assert.deepEqual(await names(where("metadata.seq", { $not_in: ["1"] })), [
      "Big Batch",
      "Friends",
      "Promo",
      "Summer Sale",
    ]);
    assert.deepEqual(await names(where("metadata.flag", { $is: "true" })), ["Friends"]);
    assert.deepEqual(await names(where("metadata.env", { $has_value: "" })), [
      "Friends",
      "Spring Sale",
      "Summer Sale",
    ]);
    assert.deepEqual(await names(where("metadata.env", { $is_unknown: "" })), ["Big Batch", "Promo"]);
    assert.deepEqual(await names(where("metadata.env", { $starts_with: "pr" })), ["Summer Sale"]);
    assert.deepEqual(await names(where("metadata.env", { $ends_with: "st" })), ["Friends", "Spring Sale"]);
    assert.deepEqual(await names(where("metadata.env", { $contains: "es" })), ["Friends", "Spring Sale"]);
    assert.deepEqual(await names(where("metadata.env", { $not_contain: "es" })), [
      "Big Batch",
      "Promo",
      "Summer Sale",
    ]);
  });

  it("filters by name, id, campaign_status and is_referral_code, combining with junction", async () => {
    assert.deepEqual(await names(where("campaigns", { $in: ["Promo", "Friends", "Nope"] })), [
      "Friends",
      "Promo",
    ]);
    assert.deepEqual(await names(where("campaigns", { $starts_with: "S", $ends_with: "Sale" })), [
      "Spring Sale",
      "Summer Sale",
    ]);
    const promo = (await client.campaigns.get("Promo")) as unknown as Json;
    assert.deepEqual(await names(where("campaigns_id", { $is: promo.id })), ["Promo"]);
    assert.deepEqual(await names(where("campaign_status", { $is: "IN_PROGRESS" })), ["Big Batch"]);
    assert.deepEqual(await names(where("campaign_status", { $not_in: ["DONE"] })), ["Big Batch"]);
    // Free text for the string conditions: the spec types the values as strings.
    assert.deepEqual(await names(where("campaign_status", { $starts_with: "IN_" })), ["Big Batch"]);
    assert.deepEqual(await names(where("is_referral_code", { $is: "TRUE" })), ["Friends"]);
    assert.deepEqual((await names(where("is_referral_code", { $is_not: "true" }))).length, 4);
    const either = {
      filters: {
        junction: "or",
        campaigns: { conditions: { $is: "Promo" } },
        "metadata.env": { conditions: { $is: "prod" } },
      },
    };
    assert.deepEqual(await names(either), ["Promo", "Summer Sale"]);
    const both = { filters: { ...either.filters, junction: "and" } };
    assert.deepEqual(await names(both), []);
    const upper = { filters: { ...either.filters, junction: "OR" } };
    assert.deepEqual(await names(upper), ["Promo", "Summer Sale"], "the vendor's examples send OR");
  });

  it("takes the plain query parameters campaign_type, campaign_status, is_referral_code and order", async () => {
    assert.deepEqual(await names({ campaign_type: "REFERRAL_PROGRAM" }), ["Friends"]);
    assert.deepEqual(await names({ campaign_status: "IN_PROGRESS" }), ["Big Batch"]);
    assert.deepEqual(await names({ is_referral_code: true }), ["Friends"]);
    assert.equal((await names({ is_referral_code: false })).length, 4);
    const oldest = (await client.campaigns.list({
      order: "created_at",
      limit: 1,
    } as Loose)) as unknown as Json;
    const newest = (await client.campaigns.list({ limit: 1 } as Loose)) as unknown as Json;
    assert.deepEqual(
      [(oldest.campaigns as unknown as Json[])[0]!.name, (newest.campaigns as unknown as Json[])[0]!.name],
      ["Spring Sale", "Promo"],
    );
  });

  it("answers 400 for a filter, condition, value or parameter it does not implement, never an unfiltered list", async () => {
    const refused: Json[] = [
      where("status", { $active: "" }),
      where("active", { $enabled: "" }),
      where("categories", { $in: ["x"] }),
      where("voucher_type", { $is: "GIFT_VOUCHER" }),
      where("no_such_filter", { $is: "x" }),
      where("metadata.env", { $more_than: "1" }),
      where("campaign_status", { $contains: "DO" }),
      where("campaign_status", { $is: "SLEEPING" }),
      where("is_referral_code", { $is: "maybe" }),
      { filters: { campaigns: { $is: "Promo" } } },
      { filters: { junction: "xor", campaigns: { conditions: { $is: "Promo" } } } },
      { access_settings: { assign: { areas_ids: ["a"] } } },
      { campaign_status: "SLEEPING" },
      { is_referral_code: "yes" },
      { order: "name" },
      { expand: "vouchers" },
      { limit: 101 },
      { page: 101 },
    ];
    for (const params of refused) {
      const error = await rejection(client.campaigns.list(params as Loose));
      assert.deepEqual([error.code, error.key], [400, "invalid_query_params"], JSON.stringify(params));
    }
    const raw = await emu.call<Json>(
      "GET",
      "/v1/campaigns?filters%5Bcampaigns%5D%5Bconditions%5D%5B%24is%5D=Promo&filters%5Bcampaigns%5D%5Bconditions%5D%5B%24is%5D=Friends",
    );
    assert.deepEqual(
      [raw.status, raw.body.key],
      [400, "invalid_query_params"],
      "a single-value condition given twice",
    );
  });

  it("accepts lists as [$in][], as repeated keys and as a single value", async () => {
    const key = "filters%5Bcampaigns%5D%5Bconditions%5D%5B%24in%5D";
    for (const query of [`${key}%5B%5D=Promo&${key}%5B%5D=Friends`, `${key}=Promo&${key}=Friends`]) {
      const list = await emu.call<Json>("GET", `/v1/campaigns?${query}`);
      assert.deepEqual(
        (list.body.campaigns as Json[]).map((c) => String(c.name)).sort(),
        ["Friends", "Promo"],
        query,
      );
    }
    const single = await emu.call<Json>("GET", `/v1/campaigns?${key}=Promo`);
    assert.deepEqual(
      (single.body.campaigns as Json[]).map((c) => c.name),
      ["Promo"],
    );
  });

  it("counts an empty metadata value as a value ($has_value), not as unknown", async () => {
    await client.campaigns.create({
      name: "Blank",
      campaign_type: "PROMOTION",
      metadata: { env: "" },
    } as Loose);
    assert.ok((await names(where("metadata.env", { $has_value: "" }))).includes("Blank"));
    assert.ok(!(await names(where("metadata.env", { $is_unknown: "" }))).includes("Blank"));
  });

  it("lists vouchers newest first by default, without validation_rules_assignments on items", async () => {
    const c = (await client.campaigns.create({
      name: "Ordered",
      campaign_type: "DISCOUNT_COUPONS",
      voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "AMOUNT", amount_off: 1 } },
    } as Loose)) as unknown as Json;
    for (const code of ["FIRST", "SECOND", "THIRD"]) {
      await client.campaigns.addCertainVoucher(String(c.id), code, {} as Loose);
    }
    const list = (await client.vouchers.list({ campaign: "Ordered" } as Loose)) as unknown as Json;
    const vouchers = list.vouchers as unknown as Json[];
    assert.deepEqual(
      vouchers.map((v) => v.code),
      ["THIRD", "SECOND", "FIRST"],
    );
    for (const v of vouchers) assert.equal("validation_rules_assignments" in v, false);
    const one = (await client.vouchers.get("FIRST")) as unknown as Json;
    assert.ok("validation_rules_assignments" in one, "a single voucher still carries them");
    const ascending = (await client.vouchers.list({
      campaign: "Ordered",
      order: "created_at",
    } as Loose)) as unknown as Json;
    assert.deepEqual(
      (ascending.vouchers as unknown as Json[]).map((v) => v.code),
      ["FIRST", "SECOND", "THIRD"],
    );
    const filtered = await rejection(
      client.vouchers.list({ filters: { active: { conditions: { $enabled: true } } } } as Loose),
    );
    assert.deepEqual([filtered.code, filtered.key], [400, "invalid_query_params"]);
  });
});
