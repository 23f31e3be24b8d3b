import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fromApiShape } from "../../../provider/campaign/keys";
import { checkCampaignInputs, toCreateBody } from "../../../provider/campaign/mapping";
import { canonicalDate } from "../../../provider/campaign/normalize";
import { fromApiCampaign } from "../../../provider/campaign/read-back";
import { toUpdateBody } from "../../../provider/campaign/update-body";
import type { CampaignInputs } from "../../../provider/schema/campaign";
import type { ApiCampaign } from "../../../provider/schema/wire";
import { FIXTURE_TYPES, loadCampaignFixture } from "../schema/fixtures";

type Json = Record<string, unknown>;

function loadApi(file: string): Json {
  return JSON.parse(
    readFileSync(join(__dirname, "..", "..", "fixtures", "campaigns", "api", file), "utf8"),
  ) as Json;
}

/** Checked inputs (fails the test on check failures). */
function checked(raw: Json): CampaignInputs {
  const { inputs, failures } = checkCampaignInputs(raw);
  assert.deepEqual(failures, [], JSON.stringify(failures));
  return inputs as unknown as CampaignInputs;
}

/** The API's own date form for every start/expiration date in a body. */
function canonicalBody(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalBody);
  if (typeof value !== "object" || value === null) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      (k === "start_date" || k === "expiration_date") && typeof v === "string"
        ? canonicalDate(v)
        : canonicalBody(v);
  }
  return out;
}

const EXAMPLES = [
  "discount-campaign",
  "gift-card-campaign",
  "loyalty-program",
  "promotion",
  "referral-program",
];

describe("campaign mapping", () => {
  describe("vendor create examples round trip", () => {
    for (const example of EXAMPLES) {
      const request = loadApi(`create-campaign.request.${example}.json`);
      const response = loadApi(`create-campaign.response.200.${example}.json`);

      it(`turns the ${example} inputs into the vendor's create body`, () => {
        const inputs = checked(fromApiShape(request) as Json);
        const expected = canonicalBody(request) as Json;
        // `active` is not a create-body field (API-NOTES §14.6); the provider applies it through enable/disable.
        delete expected.active;
        assert.deepEqual(toCreateBody(inputs, request.name as string), expected);
      });

      it(`reads the ${example} create response back to the same inputs`, () => {
        const inputs = checked(fromApiShape(request) as Json);
        const read = fromApiCampaign(response as unknown as ApiCampaign, inputs);
        assert.deepEqual(read, { ...inputs, active: response.active });
      });
    }

    it("ignores server-filled code_config, redemption and flags of the get example", () => {
      const api = loadApi("get-campaign.response.200.example.json");
      const inputs = checked({
        name: "$20 OFF Entire Order",
        campaignType: "DISCOUNT_COUPONS",
        useVoucherMetadataSchema: true,
        metadata: {},
        voucher: {
          discount: { type: "AMOUNT", amountOff: 2000, effect: "APPLY_TO_ORDER" },
          redemption: { quantity: null },
          codeConfig: { pattern: "########", prefix: "$20OFFORDER-" },
        },
      });
      assert.deepEqual(fromApiCampaign(api as unknown as ApiCampaign, inputs), inputs);
    });
  });

  describe("check normalization", () => {
    it("writes dates in the API's form", () => {
      const inputs = checked(loadCampaignFixture("full", "discount_coupons"));
      assert.equal(inputs.startDate, "2030-03-01T00:00:00.000Z");
      assert.equal(inputs.expirationDate, "2030-06-01T00:00:00.000Z");
    });

    it("converts offsets to UTC", () => {
      assert.equal(canonicalDate("2030-03-01T02:00:00+02:00"), "2030-03-01T00:00:00.000Z");
    });

    it("sorts and de-duplicates day-of-week lists", () => {
      // Valid hours cannot be combined with days of the week (time-limits.mdx): one fixture each.
      const days = loadCampaignFixture("full", "discount_coupons");
      days.validityDayOfWeek = [5, 1, 3, 1];
      assert.deepEqual(checked(days).validityDayOfWeek, [1, 3, 5]);
      const hours = loadCampaignFixture("full", "gift_vouchers");
      hours.validityHours = {
        daily: [{ startTime: "09:00", daysOfWeek: [6, 0, 6], expirationTime: "10:00" }],
      };
      assert.deepEqual(checked(hours).validityHours?.daily[0]?.daysOfWeek, [0, 6]);
    });

    it("is idempotent on every fixture", () => {
      for (const set of ["minimal", "full"] as const) {
        for (const type of FIXTURE_TYPES) {
          const once = checkCampaignInputs(loadCampaignFixture(set, type)).inputs;
          assert.deepEqual(checkCampaignInputs(once).inputs, once, `${set}/${type}`);
        }
      }
    });

    it("does not validate or return the engine's __provider key", () => {
      const raw = { ...loadCampaignFixture("minimal", "gift_vouchers"), __provider: "serialized" };
      const { inputs, failures } = checkCampaignInputs(raw);
      assert.deepEqual(failures, []);
      assert.equal("__provider" in inputs, false);
    });
  });

  describe("create body", () => {
    it("keeps provider-only and code inputs out, except vouchers_count", () => {
      const inputs = checked(loadCampaignFixture("full", "discount_coupons"));
      const body = toCreateBody(inputs, "spring-sale");
      for (const key of ["active", "delete_policy", "adopt", "vouchers", "vouchers_csv", "deletePolicy"]) {
        assert.equal(key in body, false, key);
      }
      assert.equal(body.vouchers_count, 10);
      assert.equal(body.name, "spring-sale");
    });

    it("uses the given name over the input name", () => {
      const inputs = checked({ ...loadCampaignFixture("full", "gift_vouchers"), name: "declared" });
      assert.equal(toCreateBody(inputs, "autonamed-1234").name, "autonamed-1234");
    });

    it("snake-cases nested fields but never metadata keys", () => {
      const raw = loadCampaignFixture("full", "promotion");
      raw.metadata = { camelKey: { innerKey: 1 } };
      const body = toCreateBody(checked(raw), "p");
      assert.deepEqual(body.metadata, { camelKey: { innerKey: 1 } });
      const [first, second] = (body.promotion as { tiers: Json[] }).tiers as [Json, Json];
      assert.deepEqual(second.validity_hours, {
        daily: [{ start_time: "10:00", days_of_week: [1, 2], expiration_time: "12:00" }],
      });
      assert.equal(first.validation_rules !== undefined, true);
    });

    it("writes a multi-unit discount in the API's shape", () => {
      const body = toCreateBody(checked(loadCampaignFixture("full", "referral_program")), "r");
      assert.deepEqual((body.voucher as Json).discount, {
        type: "UNIT",
        effect: "ADD_MANY_ITEMS",
        units: [
          { effect: "ADD_NEW_ITEMS", unit_type: "prod_coffee", unit_off: 1 },
          { effect: "ADD_MISSING_ITEMS", unit_type: "prod_5h1pp1ng", unit_off: 1 },
        ],
      });
      assert.equal((body.voucher as Json).is_referral_code, true);
    });
  });

  describe("update body", () => {
    const base = () => checked(loadCampaignFixture("full", "discount_coupons"));
    const edit = (mutate: (raw: Json) => void) => {
      const raw = loadCampaignFixture("full", "discount_coupons");
      mutate(raw);
      return checked(raw);
    };

    it("is undefined when nothing changed", () => {
      assert.equal(toUpdateBody(base(), base()), undefined);
    });

    it("builds a body without the discount when the previous read-back had no voucher template (an adopted campaign)", () => {
      // Its discount type cannot be shown to be the same, so the discount is never PUT (the plan replaces).
      const previous = { ...base(), voucher: undefined, description: "old" } as unknown as ReturnType<
        typeof base
      >;
      assert.deepEqual(toUpdateBody(previous, base()), { description: base().description });
    });

    it("is undefined when only active changed (enable/disable does that)", () => {
      assert.equal(
        toUpdateBody(
          base(),
          edit((r) => (r.active = true)),
        ),
        undefined,
      );
    });

    it("is undefined when only provider settings or replace-forcing fields changed", () => {
      const next = edit((r) => {
        r.deletePolicy = "permanent";
        r.adopt = false;
        (r.voucher as Json).codeConfig = { pattern: "NEW-####" };
      });
      assert.equal(toUpdateBody(base(), next), undefined);
    });

    it("sends only the changed description", () => {
      assert.deepEqual(
        toUpdateBody(
          base(),
          edit((r) => (r.description = "new")),
        ),
        { description: "new" },
      );
    });

    it("moves a discount changed within its type to the top level", () => {
      const next = edit(
        (r) => ((r.voucher as Json).discount = { type: "PERCENT", percentOff: 35, effect: "APPLY_TO_ORDER" }),
      );
      assert.deepEqual(toUpdateBody(base(), next), {
        discount: { type: "PERCENT", percent_off: 35, effect: "APPLY_TO_ORDER" },
      });
    });

    it("never sends a discount whose type changed (the documented immutable: a replacement)", () => {
      const next = edit(
        (r) => ((r.voucher as Json).discount = { type: "AMOUNT", amountOff: 500, effect: "APPLY_TO_ORDER" }),
      );
      assert.equal(toUpdateBody(base(), next), undefined);
    });

    it("moves a changed gift effect to the top level, and never sends a changed initial amount", () => {
      const olds = checked(loadCampaignFixture("full", "gift_vouchers"));
      const raw = loadCampaignFixture("full", "gift_vouchers");
      (raw.voucher as Json).gift = { amount: 10000, effect: "APPLY_TO_ORDER" };
      assert.deepEqual(toUpdateBody(olds, checked(raw)), {
        gift: { amount: 10000, effect: "APPLY_TO_ORDER" },
      });
      (raw.voucher as Json).gift = { amount: 20000, effect: "APPLY_TO_ORDER" };
      assert.equal(toUpdateBody(olds, checked(raw)), undefined);
    });

    it("sends changed metadata keys and unsets removed ones", () => {
      const next = edit((r) => (r.metadata = { region: "AMER", tier: 2, flags: { beta: true }, added: "x" }));
      assert.deepEqual(toUpdateBody(base(), next), {
        metadata: { region: "AMER", added: "x" },
        unset_metadata_fields: ["note", "tags"],
      });
    });

    it("unsets every key when metadata is removed", () => {
      const next = edit((r) => delete r.metadata);
      assert.deepEqual(toUpdateBody(base(), next), {
        unset_metadata_fields: ["flags", "note", "region", "tags", "tier"],
      });
    });

    it("clears a removed date with null", () => {
      const next = edit((r) => {
        delete r.expirationDate;
      });
      assert.deepEqual(toUpdateBody(base(), next), { expiration_date: null });
    });

    it("switches from a category name to a category id", () => {
      const next = edit((r) => {
        delete r.category;
        r.categoryId = "cat_1";
      });
      assert.deepEqual(toUpdateBody(base(), next), { category_id: "cat_1" });
    });

    it("changes type between AUTO_UPDATE and STATIC", () => {
      assert.deepEqual(
        toUpdateBody(
          base(),
          edit((r) => (r.type = "STATIC")),
        ),
        { type: "STATIC" },
      );
    });

    it("sends several validity changes together in snake_case", () => {
      const next = edit((r) => {
        r.validityTimeframe = { interval: "P3D", duration: "PT2H" };
        r.validityDayOfWeek = [2];
        r.activityDurationAfterPublishing = "P30D";
        r.joinOnce = false;
      });
      assert.deepEqual(toUpdateBody(base(), next), {
        validity_timeframe: { interval: "P3D", duration: "PT2H" },
        validity_day_of_week: [2],
        activity_duration_after_publishing: "P30D",
        join_once: false,
      });
    });

    it("never sends a changed referral program (fixed once created: a replacement)", () => {
      const olds = checked(loadCampaignFixture("full", "referral_program"));
      const raw = loadCampaignFixture("full", "referral_program");
      raw.referralProgram = { conversionEventType: "redemption" };
      assert.equal(toUpdateBody(olds, checked(raw)), undefined);
    });

    it("never sends fields the PROMOTION update body lacks", () => {
      const olds = checked(loadCampaignFixture("full", "promotion"));
      const raw = loadCampaignFixture("full", "promotion");
      raw.activityDurationAfterPublishing = "P2D";
      raw.joinOnce = true;
      raw.type = "AUTO_UPDATE";
      raw.description = "changed";
      assert.deepEqual(toUpdateBody(olds, checked(raw)), { description: "changed" });
    });
  });

  describe("read mapping", () => {
    const inputs = () => checked(loadCampaignFixture("full", "discount_coupons"));
    const apiFor = (overrides: Json = {}): ApiCampaign => {
      const body = toCreateBody(inputs(), "spring-sale") as Json;
      const voucher = body.voucher as Json;
      return {
        id: "camp_1",
        ...body,
        voucher: {
          ...voucher,
          code_config: { ...(voucher.code_config as Json), length: 5 },
          is_referral_code: false,
        },
        category_id: "cat_1",
        auto_join: false,
        validation_rules_assignments: { object: "list", data: [{ rule_id: "val_q8qUBMOh5qIQ" }], total: 1 },
        active: false,
        created_at: "2030-01-01T00:00:00.000Z",
        ...overrides,
      } as unknown as ApiCampaign;
    };

    it("equals the previous inputs when nothing drifted", () => {
      assert.deepEqual(fromApiCampaign(apiFor(), inputs()), inputs());
    });

    it("shows out-of-band changes of managed fields", () => {
      const read = fromApiCampaign(
        apiFor({ description: "edited in dashboard", metadata: { region: "X" } }),
        inputs(),
      );
      assert.equal(read.description, "edited in dashboard");
      assert.deepEqual(read.metadata, { region: "X" });
    });

    it("takes active from the API", () => {
      assert.equal(fromApiCampaign(apiFor({ active: true }), inputs()).active, true);
    });

    it("leaves fields the user never set unset", () => {
      const minimal = checked(loadCampaignFixture("minimal", "discount_coupons"));
      const read = fromApiCampaign(apiFor(), { ...minimal, name: "spring-sale" } as CampaignInputs);
      assert.equal(read.description, undefined);
      assert.equal(read.joinOnce, undefined);
      assert.equal(((read as unknown as Json).voucher as Json).codeConfig, undefined);
    });

    it("copies code fields and provider settings from the previous inputs", () => {
      const read = fromApiCampaign(apiFor({ vouchers_count: 999 }), inputs());
      assert.equal(read.vouchersCount, 10);
      assert.equal(read.deletePolicy, "bin");
      assert.equal(read.adopt, true);
    });

    it("shows a discount whose type changed out of band in full", () => {
      const api = apiFor();
      (api.voucher as Json).discount = { type: "AMOUNT", amount_off: 100 };
      const read = fromApiCampaign(api, inputs());
      assert.deepEqual(((read as unknown as Json).voucher as Json).discount, {
        type: "AMOUNT",
        amountOff: 100,
      });
    });

    it("keeps metadata keys verbatim when reading", () => {
      const raw = loadCampaignFixture("full", "discount_coupons");
      raw.metadata = { camelKey: 1, snake_key: 2 };
      const prev = checked(raw);
      const read = fromApiCampaign(apiFor({ metadata: { camelKey: 1, snake_key: 2 } }), prev);
      assert.deepEqual(read.metadata, { camelKey: 1, snake_key: 2 });
    });

    it("shows a managed field removed out of band as absent", () => {
      const api = apiFor();
      delete (api as Json).expiration_date;
      assert.equal(fromApiCampaign(api, inputs()).expirationDate, undefined);
    });
  });
});
