// Failures that happen to real clients: a request that takes effect but whose answer is lost, an async
// action that fails half-way, job codes sharing a timestamp, kept-alive sockets; and the profile that turns
// the pessimistic switches on for whole suites.
import * as assert from "node:assert/strict";
import * as http from "node:http";
import { emulatorOptionsFromEnv, PROFILE_ENV, profileOptions } from "../../emulator";
import { parseArgs } from "../../emulator/cli";
import { startTestEmulator as startE2eEmulator } from "../helpers/emulator";
import { ContractCheck, useCheckedEmulators } from "./contract-check";
import {
  APP_ID,
  admin,
  type Json,
  type Loose,
  rejection,
  SECRET_KEY,
  sdk,
  type TestEmulator,
} from "./support";

const check = new ContractCheck();

const discountCampaign = (name: string, vouchersCount = 0): Json => ({
  name,
  campaign_type: "DISCOUNT_COUPONS",
  vouchers_count: vouchersCount,
  voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "AMOUNT", amount_off: 100 } },
});

describe("emulator failures", () => {
  const start = useCheckedEmulators(check);
  const log = async (emu: TestEmulator) =>
    ((await emu.call<Json>("GET", "/_emulator/requests", { auth: false })).body.requests as Json[]).map(
      (r) => `${r.method} ${r.path} ${r.status}`,
    );

  describe("fault rules with after: true", () => {
    it("applies the request, then answers with the rule's status and a vendor-shaped body", async () => {
      const emu = await start();
      await admin(emu, "POST", "faults", {
        rules: [{ method: "POST", path: "^/v1/campaigns$", status: 503, after: true }],
      });
      const client = sdk(emu.url);
      const error = await rejection(client.campaigns.create(discountCampaign("Landed") as Loose));
      assert.deepEqual([error.code, error.key], [503, "service_unavailable"]);
      const got = (await client.campaigns.get("Landed")) as unknown as Json;
      assert.equal(got.name, "Landed", "the create took effect");
      const retried = await rejection(client.campaigns.create(discountCampaign("Landed") as Loose));
      assert.equal(retried.code, 409, "a blind retry meets its own campaign");
      assert.deepEqual(await log(emu), [
        "POST /v1/campaigns 503",
        "GET /v1/campaigns/Landed 200",
        "POST /v1/campaigns 409",
      ]);
    });

    it("applies the request, then drops the connection with reset: true", async () => {
      const emu = await start();
      const c = await emu.call<Json>("POST", "/v1/campaigns", { body: discountCampaign("Dropped") });
      await admin(emu, "POST", "faults", { rules: [{ path: "/import$", reset: true, after: true }] });
      await assert.rejects(
        emu.call("POST", `/v1/campaigns/${c.body.id}/import`, { body: [{ code: "GOT-IN" }] }),
      );
      await emu.settle();
      assert.equal((await emu.call("GET", "/v1/vouchers/GOT-IN")).status, 200, "the import ran");
      assert.equal((await log(emu)).at(-2), `POST /v1/campaigns/${c.body.id}/import 0`);
    });

    it("still faults before handling without after", async () => {
      const emu = await start();
      await admin(emu, "POST", "faults", { rules: [{ method: "POST", status: 500 }] });
      assert.equal(
        (await emu.call("POST", "/v1/campaigns", { body: discountCampaign("Never") })).status,
        500,
      );
      assert.equal((await emu.call("GET", "/v1/campaigns/Never")).status, 404);
    });
  });

  describe("async actions failing after N items (async-failures with processed)", () => {
    it("an import applies its first N items, then ends FAILED with the documented result shape", async () => {
      const emu = await start();
      const c = await emu.call<Json>("POST", "/v1/campaigns", { body: discountCampaign("Half") });
      await admin(emu, "POST", "async-failures", { type: "CAMPAIGN.VOUCHERS_IMPORT", processed: 3 });
      const items = ["I1", "I2", "I3", "I4", "I5"].map((code) => ({ code }));
      const started = await emu.call<Json>("POST", `/v1/campaigns/${c.body.id}/import`, { body: items });
      await emu.settle();
      const action = (await sdk(emu.url).asyncActions.get(
        String(started.body.async_action_id),
      )) as unknown as Json;
      assert.deepEqual([action.status, action.progress], ["FAILED", 100]);
      const result = action.result as unknown as Json;
      assert.deepEqual([result.done_count, result.failed_count, result.failed], [3, 2, []]);
      const codes = (await emu.call<Json>("GET", `/v1/vouchers?campaign_id=${c.body.id}&order=code`)).body
        .vouchers as Json[];
      assert.deepEqual(
        codes.map((v) => v.code),
        ["I1", "I2", "I3"],
      );
    });

    it("campaign generation keeps the codes made before it failed; an update rewrites only N codes", async () => {
      const emu = await start();
      await admin(emu, "POST", "async-failures", { type: "CAMPAIGN.VOUCHERS_GENERATE", processed: 2 });
      const c = (await emu.call<Json>("POST", "/v1/campaigns", { body: discountCampaign("Partial", 5) }))
        .body;
      await emu.settle();
      const got = (await emu.call<Json>("GET", `/v1/campaigns/${c.id}`)).body;
      assert.deepEqual([got.creation_status, got.vouchers_count], ["FAILED", 2]);
      await emu.call("POST", `/v1/campaigns/${c.id}/import`, { body: [{ code: "X1" }, { code: "X2" }] });
      await emu.settle();
      await admin(emu, "POST", "async-failures", { type: "CAMPAIGN.VOUCHERS_UPDATE", processed: 1 });
      await emu.call("PUT", `/v1/campaigns/${c.id}`, { body: { expiration_date: "2099-12-31T00:00:00Z" } });
      await emu.settle();
      const vouchers = (await emu.call<Json>("GET", `/v1/vouchers?campaign_id=${c.id}`)).body
        .vouchers as Json[];
      assert.equal(vouchers.filter((v) => v.expiration_date === "2099-12-31T00:00:00.000Z").length, 1);
      const [update] = (await emu.call<Json>("GET", "/v1/async-actions?limit=1")).body
        .async_actions as Json[];
      assert.deepEqual([update!.type, update!.status], ["CAMPAIGN.VOUCHERS_UPDATE", "FAILED"]);
      assert.equal((await emu.call<Json>("GET", `/v1/campaigns/${c.id}`)).body.creation_status, "DONE");
    });

    it("a campaign delete removes N codes, then fails and leaves the campaign", async () => {
      const emu = await start();
      const c = (await emu.call<Json>("POST", "/v1/campaigns", { body: discountCampaign("Stays") })).body;
      await emu.call("POST", `/v1/campaigns/${c.id}/import`, {
        body: [{ code: "D1" }, { code: "D2" }, { code: "D3" }],
      });
      await emu.settle();
      await admin(emu, "POST", "async-failures", { type: "CAMPAIGN.VOUCHERS_DELETE", processed: 2 });
      const del = (await emu.call<Json>("DELETE", `/v1/campaigns/${c.id}?force=true`)).body;
      await emu.settle();
      const action = (await emu.call<Json>("GET", `/v1/async-actions/${del.async_action_id}`)).body;
      assert.deepEqual([action.status, (action.result as Json).done_count], ["FAILED", 2]);
      assert.equal((await emu.call<Json>("GET", `/v1/campaigns/${c.id}`)).body.vouchers_count, 1);
    });
  });

  describe("job timestamps (--timestamp-granularity-ms)", () => {
    /** The distinct created_at values of the codes one generation job made. */
    async function jobStamps(emu: TestEmulator, name: string, count: number): Promise<Set<string>> {
      const c = (await emu.call<Json>("POST", "/v1/campaigns", { body: discountCampaign(name, count) })).body;
      await emu.settle();
      const list = await emu.call<Json>("GET", `/v1/vouchers?campaign_id=${c.id}&limit=100`);
      const vouchers = list.body.vouchers as Json[];
      assert.equal(vouchers.length, count);
      return new Set(vouchers.map((v) => String(v.created_at)));
    }

    it("1000 stamps every code of a job with whole seconds, so many share one created_at", async () => {
      const stamps = await jobStamps(await start({ timestampGranularityMs: 1000 }), "Seconds", 50);
      for (const stamp of stamps) assert.match(stamp, /\.000Z$/);
      assert.ok(stamps.size <= 2, `a 10 ms job spans at most one second boundary: ${[...stamps]}`);
    });

    it("1 (default) keeps milliseconds and no longer spreads codes: many share one", async () => {
      const stamps = await jobStamps(await start({ asyncDelayMs: 0 }), "Millis", 100);
      assert.ok(stamps.size < 100 / 10, `100 codes made in a few ms carry few stamps (${stamps.size})`);
    });
  });

  describe("keep-alive", () => {
    it("keeps idle sockets for 65 s, longer than common client idle timeouts, and close() drops them at once", async () => {
      const emu = await start();
      const agent = new http.Agent({ keepAlive: true });
      const url = new URL(`${emu.url}/v1/campaigns`);
      const { header, socketClosed } = await new Promise<{
        header: string | undefined;
        socketClosed: Promise<void>;
      }>((resolve, reject) => {
        const req = http.get(
          url,
          { agent, headers: { "x-app-id": APP_ID, "x-app-token": SECRET_KEY } },
          (res) => {
            res.resume();
            const socket = res.socket;
            const closed = new Promise<void>((done) => socket.once("close", () => done()));
            res.on("end", () => resolve({ header: String(res.headers["keep-alive"]), socketClosed: closed }));
          },
        );
        req.on("error", reject);
      });
      assert.equal(header, "timeout=65");
      await emu.close();
      await socketClosed;
      agent.destroy();
    });
  });

  describe("profiles", () => {
    it("maps VOUCHERIFY_EMULATOR_PROFILE to options and refuses unknown names", () => {
      assert.deepEqual(emulatorOptionsFromEnv({}), {});
      assert.deepEqual(emulatorOptionsFromEnv({ [PROFILE_ENV]: "default" }), {});
      assert.deepEqual(emulatorOptionsFromEnv({ [PROFILE_ENV]: "pessimistic" }), {
        readiness: "strict",
        timestampGranularityMs: 1000,
        immutableUpdates: "ignore",
        defaultCharset: "alphabetic_uppercase",
      });
      assert.throws(
        () => emulatorOptionsFromEnv({ [PROFILE_ENV]: "optimistic" }),
        /unknown profile "optimistic"/,
      );
    });

    it("takes --profile on the command line, with explicit flags winning", () => {
      assert.deepEqual(parseArgs(["--profile", "pessimistic", "--readiness=lenient"]), {
        ...profileOptions("pessimistic"),
        port: 0,
        readiness: "lenient",
      });
      assert.deepEqual(parseArgs(["--immutable-updates", "ignore", "--past-start-dates", "accept"]), {
        port: 0,
        immutableUpdates: "ignore",
        pastStartDates: "accept",
      });
      assert.deepEqual(
        parseArgs(["--job-order", "parallel", "--default-charset=numbers", "--reimport", "fail"]),
        {
          port: 0,
          jobOrder: "parallel",
          defaultCharset: "numbers",
          reimport: "fail",
        },
      );
      assert.deepEqual(
        parseArgs(["--rate-limit", "100", "--rate-limit-window", "hour", "--bulk-rate-limit", "5"]),
        {
          port: 0,
          rateLimit: 100,
          rateLimitWindow: "hour",
          bulkRateLimit: 5,
        },
      );
    });

    it("the e2e emulator starter applies the profile and offers after-faults and partial failures", async () => {
      const saved = process.env[PROFILE_ENV];
      process.env[PROFILE_ENV] = "pessimistic";
      const emu = await startE2eEmulator().finally(() => {
        if (saved === undefined) delete process.env[PROFILE_ENV];
        else process.env[PROFILE_ENV] = saved;
      });
      try {
        const c = await emu.api<Json>("POST", "/v1/campaigns", discountCampaign("Pessimistic"));
        const kept = await emu.api<Json>("PUT", `/v1/campaigns/${c.body.id}`, {
          discount: { type: "PERCENT", percent_off: 5 },
        });
        assert.equal(kept.status, 200, "immutable updates are ignored, not refused");
        assert.deepEqual((kept.body.voucher as Json).discount, { type: "AMOUNT", amount_off: 100 });
        await emu.faults([{ method: "POST", path: "^/v1/campaigns$", status: 500, after: true }]);
        assert.equal((await emu.api("POST", "/v1/campaigns", discountCampaign("After"))).status, 500);
        assert.equal((await emu.api("GET", "/v1/campaigns/After")).status, 200);
        await emu.failNextAsyncAction("CAMPAIGN.VOUCHERS_IMPORT", 1, 1);
        await emu.api("POST", `/v1/campaigns/${c.body.id}/import`, [{ code: "P1" }, { code: "P2" }]);
        await emu.settle();
        assert.equal((await emu.api("GET", "/v1/vouchers/P1")).status, 200);
        assert.equal((await emu.api("GET", "/v1/vouchers/P2")).status, 404);
      } finally {
        await emu.close();
      }
    });
  });
});
