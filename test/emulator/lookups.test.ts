// The campaign lookups over real HTTP against the emulator, every response checked against the vendor's schema:
// found and not found, filters in the same wire form as the official SDK, pagination past one page, a refused
// filter, and the program-facing functions reading stack config, then the environment.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { isVoucherifyApiError } from "../../provider/client/errors";
import { createHttpClient, type VoucherifyHttp } from "../../provider/client/http";
import { lookupCampaign, lookupCampaigns } from "../../provider/lookups/core";
import type { CampaignFilters } from "../../provider/lookups/filters";
import {
  getCampaign,
  getCampaignOutput,
  listCampaigns,
  listCampaignsOutput,
} from "../../provider/lookups/program";
import { ContractCheck } from "./contract-check";
import {
  APP_ID,
  type Json,
  type Loose,
  rejection,
  type SdkClient,
  SECRET_KEY,
  sdk,
  type TestEmulator,
} from "./support";

const spec = new ContractCheck();

const discount = { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percent_off: 10 } };

/** The value of an Output (outside a deployment every value is known, so `apply` runs). */
function resolved<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/** Query parameters of the last GET /v1/campaigns the emulator answered, without paging and order. */
function lastListQuery(emu: TestEmulator): Json {
  const lists = emu.requests().filter((r) => r.method === "GET" && r.path === "/v1/campaigns");
  const { limit: _l, page: _p, order: _o, ...rest } = lists[lists.length - 1]?.query ?? {};
  return rest;
}

describe("emulator: campaign lookups", () => {
  let emu: TestEmulator;
  let client: SdkClient;
  let http: VoucherifyHttp;

  before(async () => {
    emu = await spec.start();
    client = sdk(emu.url);
    http = createHttpClient({ apiUrl: emu.url, applicationId: APP_ID, secretKey: SECRET_KEY, timeUnitMs: 1 });
    const bodies: Json[] = [
      {
        name: "Spring Sale",
        campaign_type: "DISCOUNT_COUPONS",
        metadata: { team: "growth", env: "test" },
        voucher: discount,
      },
      {
        name: "Summer Sale",
        campaign_type: "DISCOUNT_COUPONS",
        metadata: { team: "growth", env: "prod" },
        voucher: discount,
      },
      {
        name: "Members Club",
        campaign_type: "LOYALTY_PROGRAM",
        metadata: { team: "loyalty" },
        voucher: { type: "LOYALTY_CARD", loyalty_card: { points: 100 } },
        vouchers_count: 3,
      },
    ];
    for (const body of bodies) await client.campaigns.create(body as Loose);
    await emu.settle();
  });
  afterEach(() => spec.assertNoProblems());
  after(async () => {
    await emu.close();
  });

  const names = (found: { name?: string | null }[]) => found.map((c) => String(c.name)).sort();

  it("finds a campaign by name and by ID", async () => {
    const byName = await lookupCampaign(http, "Members Club");
    assert.ok(byName);
    assert.match(byName.campaignId, /^camp_/);
    assert.equal(byName.campaignType, "LOYALTY_PROGRAM");
    assert.equal(byName.totalVouchers, 3);
    assert.equal(byName.creationStatus, "DONE");
    assert.equal(byName.voucher?.loyaltyCard?.points, 100);
    assert.deepEqual(byName.metadata, { team: "loyalty" });
    const byId = await lookupCampaign(http, byName.campaignId);
    assert.deepEqual(byId, byName);
  });

  it("resolves to undefined for a campaign that does not exist", async () => {
    assert.equal(await lookupCampaign(http, "No Such Campaign"), undefined);
    const last = emu.requests().at(-1);
    assert.deepEqual(
      [last?.method, last?.path, last?.status],
      ["GET", "/v1/campaigns/No%20Such%20Campaign", 404],
    );
  });

  it("filters by metadata and by name, sending the query the official SDK sends", async () => {
    const cases: [CampaignFilters, string[]][] = [
      [{ "metadata.team": { conditions: { $is: "growth" } } }, ["Spring Sale", "Summer Sale"]],
      [{ "metadata.env": { conditions: { $in: ["prod", "staging"] } } }, ["Summer Sale"]],
      [
        { campaigns: { conditions: { $starts_with: "S", $ends_with: "Sale" } } },
        ["Spring Sale", "Summer Sale"],
      ],
      [
        {
          junction: "or",
          campaigns: { conditions: { $is: "Members Club" } },
          "metadata.env": { conditions: { $is: "test" } },
        },
        ["Members Club", "Spring Sale"],
      ],
      [{ "metadata.team": { conditions: { $is_unknown: "" } } }, []],
    ];
    for (const [filters, expected] of cases) {
      assert.deepEqual(names(await lookupCampaigns(http, { filters })), expected, JSON.stringify(filters));
      const ours = lastListQuery(emu);
      assert.ok(
        Object.keys(ours).some((k) => k.startsWith("filters[")),
        JSON.stringify(ours),
      );
      await client.campaigns.list({ filters } as Loose);
      assert.deepEqual(ours, lastListQuery(emu), "the same filters[...] parameters as the SDK");
    }
  });

  it("combines the plain arguments with the filters", async () => {
    const loyalty = await lookupCampaigns(http, {
      campaignType: "LOYALTY_PROGRAM",
      filters: { "metadata.team": { conditions: { $has_value: "" } } },
    });
    assert.deepEqual(names(loyalty), ["Members Club"]);
    assert.deepEqual(names(await lookupCampaigns(http, { isReferralCode: true })), []);
  });

  it("surfaces a filter the API refuses as the API's 400, with key and message", async () => {
    const e = await rejection(
      lookupCampaigns(http, { filters: { voucher_type: { conditions: { $is: "LOYALTY_CARD" } } } }),
    );
    assert.ok(isVoucherifyApiError(e), String(e));
    assert.equal(e.status, 400);
    assert.equal(e.key, "invalid_query_params");
    assert.match(e.message, /Voucherify API error 400 invalid_query_params on GET \/v1\/campaigns: /);
    assert.match(String(e.details), /filters\[voucher_type\]/);
    assert.ok(!e.message.includes(SECRET_KEY));
  });

  describe("past one page", () => {
    before(async () => {
      for (let i = 0; i < 130; i++) {
        const created = await emu.call("POST", "/v1/campaigns", {
          body: {
            name: `bulk-${String(i).padStart(3, "0")}`,
            campaign_type: "PROMOTION",
            metadata: { batch: "bulk" },
          },
        });
        assert.equal(created.status, 200);
      }
    });

    it("reads every page: 130 matches in two requests, oldest first", async () => {
      const before = emu.requests().length;
      const found = await lookupCampaigns(http, {
        filters: { "metadata.batch": { conditions: { $is: "bulk" } } },
      });
      const pages = emu.requests().slice(before);
      assert.deepEqual(
        pages.map((r) => [r.method, r.path, r.query.page, r.query.limit, r.status]),
        [
          ["GET", "/v1/campaigns", "1", "100", 200],
          ["GET", "/v1/campaigns", "2", "100", 200],
        ],
      );
      assert.deepEqual(
        found.map((c) => c.name),
        Array.from({ length: 130 }, (_, i) => `bulk-${String(i).padStart(3, "0")}`),
      );
    });

    it("reads newest first when asked", async () => {
      const found = await lookupCampaigns(http, {
        order: "-created_at",
        filters: { "metadata.batch": { conditions: { $is: "bulk" } } },
      });
      assert.equal(found.length, 130);
      assert.equal(found[0]?.name, "bulk-129");
    });
  });

  describe("from a program", () => {
    const envKeys = [
      "VOUCHERIFY_API_URL",
      "VOUCHERIFY_APP_ID",
      "VOUCHERIFY_SECRET_KEY",
      "VOUCHERIFY_TIME_UNIT_MS",
    ];
    let savedEnv: Record<string, string | undefined>;
    beforeEach(() => {
      savedEnv = Object.fromEntries(envKeys.map((k) => [k, process.env[k]]));
      for (const k of envKeys) delete process.env[k];
    });
    afterEach(() => {
      pulumi.runtime.setAllConfig({});
      for (const k of envKeys) {
        if (savedEnv[k] === undefined) delete process.env[k];
        else process.env[k] = savedEnv[k];
      }
    });

    function stackConfig(url: string): void {
      pulumi.runtime.setAllConfig(
        { "voucherify:apiUrl": url, "voucherify:applicationId": APP_ID, "voucherify:secretKey": SECRET_KEY },
        ["voucherify:secretKey"],
      );
    }

    it("reads the connection from stack config, which wins over the environment", async () => {
      stackConfig(emu.url);
      process.env.VOUCHERIFY_API_URL = "http://127.0.0.1:9";
      process.env.VOUCHERIFY_SECRET_KEY = "not-the-key";
      const found = await getCampaign("Spring Sale");
      assert.equal(found?.name, "Spring Sale");
      assert.deepEqual(names(await listCampaigns({ campaignType: "LOYALTY_PROGRAM" })), ["Members Club"]);
    });

    it("falls back to the VOUCHERIFY_* environment", async () => {
      Object.assign(process.env, {
        VOUCHERIFY_API_URL: emu.url,
        VOUCHERIFY_APP_ID: APP_ID,
        VOUCHERIFY_SECRET_KEY: SECRET_KEY,
      });
      assert.equal((await getCampaign("Summer Sale"))?.metadata?.env, "prod");
      assert.equal(await getCampaign("Autumn Sale"), undefined);
    });

    it("takes explicit connection settings over both", async () => {
      stackConfig("http://127.0.0.1:9");
      const found = await getCampaign("Spring Sale", { connection: { apiUrl: emu.url } });
      assert.equal(found?.name, "Spring Sale");
    });

    it("rejects with the configuration problems, never the secret key, when the connection is incomplete", async () => {
      process.env.VOUCHERIFY_SECRET_KEY = SECRET_KEY;
      const e = await rejection(getCampaign("Spring Sale"));
      assert.match(String(e), /voucherify:applicationId \(or VOUCHERIFY_APP_ID\) is not set/);
      assert.ok(!String(e).includes(SECRET_KEY));
    });

    it("offers Output variants that wait for their Inputs and do not turn a secret key into a secret result", async () => {
      stackConfig("http://127.0.0.1:9");
      const connection = { apiUrl: emu.url, secretKey: pulumi.secret(SECRET_KEY) };
      const club = getCampaignOutput(pulumi.output("Members Club"), { connection });
      assert.equal((await resolved(club))?.campaignType, "LOYALTY_PROGRAM");
      assert.equal(await pulumi.isSecret(club), false);
      const team = pulumi.output(Promise.resolve("growth"));
      const growth = listCampaignsOutput(
        { filters: { "metadata.team": { conditions: { $is: team } } } },
        { connection },
      );
      assert.deepEqual(names(await resolved(growth)), ["Spring Sale", "Summer Sale"]);
    });

    it("waits for a campaign still generating its codes where the API refuses to read it", async () => {
      const strict = await spec.start({ readiness: "strict", asyncDelayMs: 150 });
      try {
        Object.assign(process.env, {
          VOUCHERIFY_API_URL: strict.url,
          VOUCHERIFY_APP_ID: APP_ID,
          VOUCHERIFY_SECRET_KEY: SECRET_KEY,
          VOUCHERIFY_TIME_UNIT_MS: "10",
        });
        const created = await strict.call("POST", "/v1/campaigns", {
          body: { name: "Busy", campaign_type: "DISCOUNT_COUPONS", voucher: discount, vouchers_count: 5 },
        });
        assert.equal(created.status, 200);
        const found = await getCampaign("Busy");
        assert.equal(found?.creationStatus, "DONE");
        assert.equal(found?.totalVouchers, 5);
        const statuses = strict
          .requests()
          .filter((r) => r.path === "/v1/campaigns/Busy")
          .map((r) => r.status);
        assert.ok(statuses.length > 1 && statuses.slice(0, -1).every((s) => s === 400), statuses.join(","));
        assert.equal(statuses.at(-1), 200);
      } finally {
        await strict.close();
      }
    });
  });
});
