// Campaign rules Voucherify's documentation states (campaign-maintenance.mdx, the changelog, the create
// operation's description), and the switches offering each reading where the API's answer is unknown.
// Calls go through the official SDK where it has them; every response is checked against openapi.json.
import * as assert from "node:assert/strict";
import { ContractCheck, useCheckedEmulators } from "./contract-check";
import {
  example,
  type Json,
  type Loose,
  REPLAYS_VENDOR_EXAMPLES,
  rejection,
  type SdkClient,
  sdk,
  type startTestEmulator,
  type TestEmulator,
} from "./support";

const check = new ContractCheck();
const FUTURE = "2099-01-01T00:00:00.000Z";

function discountCampaign(name: string, extra: Json = {}): Json {
  return {
    name,
    campaign_type: "DISCOUNT_COUPONS",
    vouchers_count: 3,
    voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "AMOUNT", amount_off: 500 } },
    ...extra,
  };
}

function referralCampaign(name: string, referralProgram: Json): Json {
  return {
    name,
    campaign_type: "REFERRAL_PROGRAM",
    vouchers_count: 1,
    referral_program: referralProgram,
    voucher: {
      type: "DISCOUNT_VOUCHER",
      discount: { type: "PERCENT", percent_off: 10 },
      is_referral_code: true,
    },
  };
}

const REFEREE_REWARD = {
  related_object_parent: { id: "camp_giftcards00000000000000", name: "Gift Cards", object: "CAMPAIGN" },
  type: "GIFT_VOUCHER",
  amount: 1000,
};

describe("emulator campaign rules", () => {
  const startChecked = useCheckedEmulators(check);
  async function start(options: Parameters<typeof startTestEmulator>[0] = {}) {
    const emu = await startChecked(options);
    return { emu, client: sdk(emu.url) };
  }
  async function create(emu: TestEmulator, client: SdkClient, body: Json): Promise<Json> {
    const created = (await client.campaigns.create(body as Loose)) as unknown as Json;
    await emu.settle();
    return created;
  }
  async function codesOf(emu: TestEmulator, id: unknown): Promise<Json[]> {
    const list = await emu.call<Json>("GET", `/v1/vouchers?campaign_id=${id}&limit=100&order=code`);
    return list.body.vouchers as Json[];
  }

  describe("unchangeable settings (--immutable-updates)", () => {
    it("refuses a discount type change with 400 invalid_campaign_params naming the field, and changes nothing", async () => {
      const { emu, client } = await start();
      const c = await create(emu, client, discountCampaign("Types"));
      const refused = await rejection(
        client.campaigns.update(String(c.id), {
          description: "not applied either",
          discount: { type: "PERCENT", percent_off: 20 },
        } as Loose),
      );
      assert.deepEqual(
        [refused.code, refused.key, refused.resource_id, refused.resource_type],
        [400, "invalid_campaign_params", c.id, "campaign"],
      );
      assert.match(String(refused.details), /^Property 'discount\.type' \(discount type\) cannot be changed/);
      assert.match(String(refused.request_id), /^v-/);
      const got = (await client.campaigns.get(String(c.id))) as unknown as Json;
      assert.deepEqual((got.voucher as Json).discount, { type: "AMOUNT", amount_off: 500 });
      assert.equal(got.description, undefined);
      assert.equal(got.creation_status, "DONE", "no voucher update was started");
    });

    it("accepts a new value of the same discount type, which codes still holding the old one follow", async () => {
      const { emu, client } = await start();
      const c = await create(emu, client, discountCampaign("Same type"));
      const [own] = await codesOf(emu, c.id);
      await client.vouchers.update({ code: own!.code, discount: { type: "AMOUNT", amount_off: 1 } } as Loose);
      const updated = (await client.campaigns.update(String(c.id), {
        discount: { type: "AMOUNT", amount_off: 700 },
      } as Loose)) as unknown as Json;
      assert.deepEqual((updated.voucher as Json).discount, { type: "AMOUNT", amount_off: 700 });
      await emu.settle();
      const amounts = (await codesOf(emu, c.id)).map((v) => [v.code, (v.discount as Json).amount_off]);
      assert.deepEqual(
        amounts
          .map(([code, amount]) => (code === own!.code ? ["own", amount] : ["inherited", amount]))
          .sort(),
        [
          ["inherited", 700],
          ["inherited", 700],
          ["own", 1],
        ],
      );
    });

    it("with ignore answers 200, keeps the discount and applies the rest of the body", async () => {
      const { emu, client } = await start({ immutableUpdates: "ignore" });
      const c = await create(emu, client, discountCampaign("Ignored"));
      const updated = (await client.campaigns.update(String(c.id), {
        description: "applied",
        discount: { type: "PERCENT", percent_off: 20 },
      } as Loose)) as unknown as Json;
      assert.equal(updated.description, "applied");
      assert.deepEqual((updated.voucher as Json).discount, { type: "AMOUNT", amount_off: 500 });
      await emu.settle();
      for (const v of await codesOf(emu, c.id))
        assert.deepEqual(v.discount, { type: "AMOUNT", amount_off: 500 });
    });

    it("refuses a gift card's initial amount but not its effect; ignore keeps the amount", async () => {
      for (const mode of ["refuse", "ignore"] as const) {
        const { emu, client } = await start({ ...REPLAYS_VENDOR_EXAMPLES, immutableUpdates: mode });
        const c = await create(
          emu,
          client,
          example("campaigns/create-campaign.request.gift-card-campaign.json"),
        );
        const change = { gift: { amount: 9999, effect: "APPLY_TO_ITEMS" } };
        if (mode === "refuse") {
          const refused = await rejection(client.campaigns.update(String(c.id), change as Loose));
          assert.deepEqual([refused.code, refused.key], [400, "invalid_campaign_params"]);
          assert.match(String(refused.details), /'gift\.amount' \(initial amount\)/);
          const effectOnly = (await client.campaigns.update(String(c.id), {
            gift: { effect: "APPLY_TO_ITEMS" },
          } as Loose)) as unknown as Json;
          assert.deepEqual((effectOnly.voucher as Json).gift, { amount: 1000, effect: "APPLY_TO_ITEMS" });
        } else {
          const kept = (await client.campaigns.update(String(c.id), change as Loose)) as unknown as Json;
          assert.deepEqual((kept.voucher as Json).gift, { amount: 1000, effect: "APPLY_TO_ITEMS" });
        }
        await emu.settle();
        for (const v of await codesOf(emu, c.id)) {
          assert.deepEqual(
            [(v.gift as Json).amount, (v.gift as Json).effect],
            [1000, "APPLY_TO_ITEMS"],
            mode,
          );
        }
      }
    });

    it("refuses a referral campaign's conversion event, reward eligibility, referee reward and discount type", async () => {
      const { emu, client } = await start();
      const single = await create(
        emu,
        client,
        referralCampaign("Single", { conversion_event_type: "redemption" }),
      );
      const double = await create(
        emu,
        client,
        referralCampaign("Double", { conversion_event_type: "redemption", referee_reward: REFEREE_REWARD }),
      );
      const cases: [Json, Json, string][] = [
        [single, { referral_program: { conversion_event_type: "custom_event" } }, "conversion event"],
        [
          single,
          { referral_program: { custom_event: { id: "ms_1", name: "signed_up" } } },
          "conversion event",
        ],
        [single, { referral_program: { referee_reward: REFEREE_REWARD } }, "reward eligibility"],
        [double, { referral_program: { referee_reward: null } }, "reward eligibility"],
        [
          double,
          { referral_program: { referee_reward: { ...REFEREE_REWARD, amount: 5 } } },
          "referee reward",
        ],
        [double, { discount: { type: "AMOUNT", amount_off: 100 } }, "discount type"],
      ];
      for (const [campaign, body, setting] of cases) {
        const refused = await rejection(client.campaigns.update(String(campaign.id), body as Loose));
        assert.equal(refused.key, "invalid_campaign_params", JSON.stringify(body));
        assert.ok(String(refused.details).includes(`(${setting})`), String(refused.details));
      }
      const same = (await client.campaigns.update(String(double.id), {
        referral_program: { conversion_event_type: "redemption", referee_reward: { ...REFEREE_REWARD } },
        discount: { type: "PERCENT", percent_off: 15 },
      } as Loose)) as unknown as Json;
      assert.deepEqual(same.referral_program, {
        conversion_event_type: "redemption",
        referee_reward: REFEREE_REWARD,
      });
      assert.deepEqual((same.voucher as Json).discount, { type: "PERCENT", percent_off: 15 });
    });

    it("with ignore keeps every referral setting", async () => {
      const { emu, client } = await start({ immutableUpdates: "ignore" });
      const c = await create(emu, client, referralCampaign("Kept", { conversion_event_type: "redemption" }));
      const updated = (await client.campaigns.update(String(c.id), {
        referral_program: { conversion_event_type: "custom_event", referee_reward: REFEREE_REWARD },
      } as Loose)) as unknown as Json;
      assert.deepEqual(updated.referral_program, { conversion_event_type: "redemption" });
    });

    it("skips the name and code settings silently: the update body has no such fields", async () => {
      const { emu, client } = await start();
      const c = await create(
        emu,
        client,
        discountCampaign("Named", {
          voucher: { ...(discountCampaign("x").voucher as Json), code_config: { pattern: "N-####" } },
        }),
      );
      const updated = (await client.campaigns.update(String(c.id), {
        name: "Renamed",
        voucher: { code_config: { pattern: "R-####" } },
        code_config: { pattern: "R-####" },
      } as Loose)) as unknown as Json;
      assert.equal(updated.name, "Named");
      assert.equal(((updated.voucher as Json).code_config as Json).pattern, "N-####");
    });
  });

  describe("what a campaign update does to existing codes", () => {
    it("writes time limits and category to every code not published or redeemed, own values included", async () => {
      const { emu, client } = await start();
      const c = await create(
        emu,
        client,
        discountCampaign("Dated", { vouchers_count: 0, start_date: FUTURE }),
      );
      await client.campaigns.importVouchers(String(c.id), [
        { code: "OWN-DATES", start_date: "2099-06-01", expiration_date: "2099-12-31" },
        { code: "PUBLISHED" },
        { code: "REDEEMED" },
        { code: "PLAIN" },
      ] as Loose);
      await emu.settle();
      const published = await emu.call<Json>("POST", "/_emulator/vouchers/PUBLISHED/publish", {
        auth: false,
      });
      assert.equal((published.body.publish as Json).count, 1);
      const redeemed = await emu.call<Json>("POST", "/_emulator/vouchers/REDEEMED/redeem", {
        auth: false,
        body: { quantity: 2 },
      });
      assert.equal((redeemed.body.redemption as Json).redeemed_quantity, 2);
      await client.campaigns.update(String(c.id), {
        start_date: "2099-02-01T00:00:00Z",
        expiration_date: "2099-03-01T00:00:00Z",
        validity_day_of_week: [1, 2],
        category: "Spring",
      } as Loose);
      await emu.settle();
      const byCode = new Map((await codesOf(emu, c.id)).map((v) => [String(v.code), v]));
      for (const code of ["OWN-DATES", "PLAIN"]) {
        const v = byCode.get(code)!;
        assert.deepEqual(
          [v.start_date, v.expiration_date, v.validity_day_of_week, v.category],
          ["2099-02-01T00:00:00.000Z", "2099-03-01T00:00:00.000Z", [1, 2], "Spring"],
          code,
        );
      }
      for (const code of ["PUBLISHED", "REDEEMED"]) {
        const v = byCode.get(code)!;
        assert.deepEqual([v.start_date, v.validity_day_of_week, v.category], [FUTURE, null, null], code);
      }
      assert.equal((byCode.get("PUBLISHED")!.publish as Json).count, 1, "the list shows publications");
      assert.equal((byCode.get("REDEEMED")!.redemption as Json).redeemed_quantity, 2);
    });

    it("codes inherit the campaign's metadata and get its changes, except published or redeemed ones (metadata-campaign.mdx)", async () => {
      const { emu, client } = await start();
      const withSchema = await create(
        emu,
        client,
        discountCampaign("Schema", { metadata: { keep: "x", drop: "y" } }),
      );
      assert.equal(withSchema.use_voucher_metadata_schema, true, "the schema is the default");
      const without = await create(
        emu,
        client,
        discountCampaign("No schema", { use_voucher_metadata_schema: false, metadata: { keep: "x" } }),
      );
      for (const v of await codesOf(emu, withSchema.id))
        assert.deepEqual(v.metadata, { keep: "x", drop: "y" });
      for (const v of await codesOf(emu, without.id)) assert.deepEqual(v.metadata, {}, "nothing inherited");
      const [published, redeemed] = await codesOf(emu, withSchema.id);
      await emu.call("POST", `/_emulator/vouchers/${published!.code}/publish`, { auth: false });
      await emu.call("POST", `/_emulator/vouchers/${redeemed!.code}/redeem`, { auth: false });
      for (const c of [withSchema, without]) {
        await client.campaigns.update(String(c.id), {
          metadata: { region: "EU" },
          unset_metadata_fields: ["drop"],
        } as Loose);
      }
      await emu.settle();
      for (const v of await codesOf(emu, withSchema.id)) {
        const untouched = v.code === published!.code || v.code === redeemed!.code;
        assert.deepEqual(
          v.metadata,
          untouched ? { keep: "x", drop: "y" } : { keep: "x", region: "EU" },
          String(v.code),
        );
      }
      for (const v of await codesOf(emu, without.id)) assert.deepEqual(v.metadata, {}, String(v.code));
    });

    it("imported codes keep their own metadata keys over the inherited ones (build/*-import.mdx)", async () => {
      const { emu, client } = await start();
      const c = await create(
        emu,
        client,
        discountCampaign("Inherit", { vouchers_count: 0, metadata: { region: "EU", tier: "gold" } }),
      );
      await emu.call("POST", `/v1/campaigns/${c.id}/import`, {
        body: [{ code: "OWN", metadata: { tier: "silver" } }, { code: "NONE" }],
      });
      await emu.settle();
      const byCode = new Map((await codesOf(emu, c.id)).map((v) => [v.code, v.metadata]));
      assert.deepEqual(byCode.get("OWN"), { region: "EU", tier: "silver" });
      assert.deepEqual(byCode.get("NONE"), { region: "EU", tier: "gold" });
    });

    it("a discount change reaches neither published nor redeemed codes (campaigns.json, PUT)", async () => {
      const { emu, client } = await start();
      const c = await create(emu, client, discountCampaign("Discounted", { vouchers_count: 3 }));
      const [published, redeemed] = await codesOf(emu, c.id);
      await emu.call("POST", `/_emulator/vouchers/${published!.code}/publish`, { auth: false });
      await emu.call("POST", `/_emulator/vouchers/${redeemed!.code}/redeem`, { auth: false });
      const before = published!.discount;
      await client.campaigns.update(String(c.id), {
        discount: { type: "AMOUNT", amount_off: 777 },
      } as Loose);
      await emu.settle();
      for (const v of await codesOf(emu, c.id)) {
        const untouched = v.code === published!.code || v.code === redeemed!.code;
        assert.deepEqual(
          v.discount,
          untouched ? before : { type: "AMOUNT", amount_off: 777 },
          String(v.code),
        );
      }
    });
  });

  describe("start dates in the past (--past-start-dates)", () => {
    it("refuses creating a campaign that starts in the past, but not updating one to it", async () => {
      const { emu, client } = await start();
      const past = await rejection(
        client.campaigns.create(discountCampaign("Past", { start_date: "2020-08-16T00:00:00Z" }) as Loose),
      );
      assert.deepEqual([past.code, past.key], [400, "invalid_campaign"]);
      assert.match(String(past.details), /^Property 'start_date' cannot be in the past/);
      const future = await create(emu, client, discountCampaign("Future", { start_date: FUTURE }));
      const moved = (await client.campaigns.update(String(future.id), {
        start_date: "2020-08-16T00:00:00Z",
      } as Loose)) as unknown as Json;
      assert.equal(moved.start_date, "2020-08-16T00:00:00.000Z");
    });

    it("accepts past start dates when switched off", async () => {
      const { emu, client } = await start({ pastStartDates: "accept" });
      const c = await create(emu, client, discountCampaign("Old", { start_date: "2020-08-16T00:00:00Z" }));
      assert.equal(c.start_date, "2020-08-16T00:00:00.000Z");
    });
  });

  describe("campaigns still generating or updating codes (--readiness)", () => {
    it("strict: answers reads and writes with 400 multiple_requests until generation completes", async () => {
      const { emu, client } = await start({ readiness: "strict", asyncDelayMs: 60_000 });
      const c = (await client.campaigns.create(discountCampaign("Busy") as Loose)) as unknown as Json;
      assert.equal(c.creation_status, "IN_PROGRESS");
      const read = await rejection(client.campaigns.get(String(c.id)));
      assert.deepEqual(
        [read.code, read.key, read.resource_id, read.resource_type],
        [400, "multiple_requests", c.id, "campaign"],
      );
      const requests: [string, string, Json?][] = [
        ["PUT", `/v1/campaigns/${c.id}`, { description: "x" }],
        ["POST", `/v1/campaigns/${c.id}/disable`, {}],
        ["POST", `/v1/campaigns/${c.id}/vouchers/MINE`, {}],
        ["POST", `/v1/campaigns/${c.id}/import`, [{ code: "IMP" }] as unknown as Json],
        ["DELETE", `/v1/campaigns/${c.id}`],
        ["GET", `/v1/vouchers?campaign_id=${c.id}`],
        ["GET", "/v1/vouchers?campaign=Busy"],
      ];
      for (const [method, path, body] of requests) {
        const r = await emu.call<Json>(method, path, { body });
        assert.deepEqual([r.status, r.body.key], [400, "multiple_requests"], `${method} ${path}`);
      }
      const list = (await client.campaigns.list({
        campaign_status: "IN_PROGRESS",
      } as Loose)) as unknown as Json;
      assert.deepEqual(
        (list.campaigns as unknown as Json[]).map((x) => x.id),
        [c.id],
        "the campaign list still answers",
      );
      assert.equal(
        (await emu.call("GET", "/v1/vouchers")).status,
        200,
        "so does the unfiltered voucher list",
      );
    });

    it("strict: a PUT that rewrites codes makes the campaign MODIFYING, refused until the update action ends", async () => {
      const { emu, client } = await start({ readiness: "strict" });
      const c = await create(emu, client, discountCampaign("Modifying"));
      const updated = (await client.campaigns.update(String(c.id), {
        description: "d",
      } as Loose)) as unknown as Json;
      assert.equal(updated.creation_status, "MODIFYING");
      assert.equal((await rejection(client.campaigns.get(String(c.id)))).key, "multiple_requests");
      await emu.settle();
      const got = (await client.campaigns.get(String(c.id))) as unknown as Json;
      assert.deepEqual([got.creation_status, got.description], ["DONE", "d"]);
    });

    it("lenient: reads answer during generation or a rewrite, changes are refused until it ends (contentful.mdx)", async () => {
      const { emu, client } = await start({ asyncDelayMs: 60_000 });
      const generating = (await client.campaigns.create(
        discountCampaign("Generating") as Loose,
      )) as unknown as Json;
      const read = (await client.campaigns.get(String(generating.id))) as unknown as Json;
      assert.equal(read.creation_status, "IN_PROGRESS");
      assert.equal((await emu.call("GET", `/v1/vouchers?campaign_id=${generating.id}`)).status, 200);
      const put = await rejection(
        client.campaigns.update(String(generating.id), { description: "x" } as Loose),
      );
      assert.deepEqual([put.code, put.key], [400, "invalid_campaign"], "modifications wait for generation");
      const c = (await client.campaigns.create(
        discountCampaign("Lenient", { vouchers_count: 1 }) as Loose,
      )) as unknown as Json;
      const updated = (await client.campaigns.update(String(c.id), {
        description: "d",
      } as Loose)) as unknown as Json;
      assert.equal(updated.creation_status, "MODIFYING");
      const again = await rejection(client.campaigns.update(String(c.id), { description: "e" } as Loose));
      assert.deepEqual(
        [again.code, again.key],
        [400, "invalid_campaign"],
        "no change while it rewrites codes",
      );
      assert.match(String(again.details), /MODIFYING/);
      const got = (await client.campaigns.get(String(c.id))) as unknown as Json;
      assert.deepEqual([got.creation_status, got.description], ["MODIFYING", "d"]);
      assert.equal((await emu.call("GET", `/v1/vouchers?campaign_id=${c.id}`)).status, 200);
      const added = await emu.call("POST", `/v1/campaigns/${c.id}/vouchers/EXTRA`, { body: {} });
      assert.equal(added.status, 400, "nor new codes");
      assert.equal(
        (await emu.call("POST", `/v1/campaigns/${c.id}/disable`)).status,
        200,
        "toggling is allowed",
      );
    });
  });

  describe("publication and redemption counters (admin API)", () => {
    it("counts on a voucher by code or id, shown by GET and by the voucher list", async () => {
      const { emu, client } = await start();
      const c = await create(emu, client, discountCampaign("Counted", { vouchers_count: 1 }));
      const [v] = await codesOf(emu, c.id);
      await emu.call("POST", `/_emulator/vouchers/${v!.id}/publish`, { auth: false, body: { count: 3 } });
      await emu.call("POST", `/_emulator/vouchers/${encodeURIComponent(String(v!.code))}/redeem`, {
        auth: false,
      });
      const got = (await client.vouchers.get(String(v!.code))) as unknown as Json;
      assert.deepEqual([(got.publish as Json).count, (got.redemption as Json).redeemed_quantity], [3, 1]);
      const missing = await emu.call<Json>("POST", "/_emulator/vouchers/NOPE/publish", { auth: false });
      assert.deepEqual([missing.status, missing.body.resource_type], [404, "voucher"]);
      const bad = await emu.call("POST", `/_emulator/vouchers/${v!.code}/redeem`, {
        auth: false,
        body: { quantity: 0 },
      });
      assert.equal(bad.status, 400);
    });
  });
});
