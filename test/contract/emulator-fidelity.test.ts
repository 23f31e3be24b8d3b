// The provider held to the documented rules the emulator reproduces (issue 18): the Campaign adapter functions the
// engine calls (configure, check, diff, create, read, update, remove) against the in-process emulator, under both
// emulator profiles. Each scenario asserts what the provider must still guarantee once the API behaves as
// documented: no diff after `up`, no replacement the API does not force, no request the API refuses or ignores.
import * as assert from "node:assert/strict";
import type { EmulatorOptions } from "../../emulator";
import { type EmulatorProfile, profileOptions } from "../../emulator/profile";
import { importCampaign } from "../../provider/campaign/import";
import {
  check,
  configure,
  create,
  diff,
  read,
  remove,
  resetConfigForTests,
  update,
} from "../../provider/campaign/lifecycle";
import { withDecodedVouchers } from "../../provider/codes/encoding";
import {
  APP_ID,
  type LoggedRequest,
  SECRET_KEY,
  startTestEmulator,
  type TestEmulator,
} from "../helpers/emulator";

type Json = Record<string, unknown>;

const PROVIDER_TEXT = "exports.handler = __f0; /* serialized shim */";

async function checked(raw: Json, olds?: Json): Promise<Json> {
  const result = await check(olds, { __provider: PROVIDER_TEXT, ...raw });
  assert.deepEqual(result.failures, [], JSON.stringify(result.failures));
  return result.inputs;
}

function puts(requests: LoggedRequest[], code: string): number {
  return requests.filter((r) => r.method === "PUT" && r.path === `/v1/vouchers/${code}`).length;
}

async function admin(emu: TestEmulator, path: string, body: Json = {}): Promise<void> {
  const response = await fetch(`${emu.url}/_emulator/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, `admin ${path}`);
}

async function voucher(emu: TestEmulator, code: string): Promise<Json> {
  const got = await emu.api<Json>("GET", `/v1/vouchers/${code}`);
  assert.equal(got.status, 200);
  return got.body;
}

/** The engine's `up` after a change: diff, then update when it reports changes; returns the new outputs. */
async function up(id: string, olds: Json, raw: Json): Promise<Json> {
  const news = await checked(raw, olds);
  const d = await diff(id, olds, news);
  assert.deepEqual(d.replaces, [], "no replacement");
  return d.changes ? (await update(id, olds, news)).outs : olds;
}

/** `refresh` then `preview`: reading back the campaign must show no change against the same program. */
async function assertConverged(id: string, outs: Json, raw: Json): Promise<void> {
  const refreshed = await read(id, outs);
  assert.equal(refreshed.id, id);
  const props = refreshed.props as Json;
  const d = await diff(id, props, await checked(raw, props));
  assert.deepEqual([d.changes, d.replaces], [false, []], "no diff after refresh");
}

const PROFILES: EmulatorProfile[] = ["default", "pessimistic"];

for (const profile of PROFILES) {
  describe(`contract: the provider against the documented API (emulator profile ${profile})`, () => {
    let emu: TestEmulator;
    const created: string[] = [];

    /** A fresh emulator of this profile plus `extra` switches, and the provider configured for it. */
    async function startWith(extra: EmulatorOptions = {}): Promise<void> {
      emu = await startTestEmulator({ ...profileOptions(profile), asyncDelayMs: 20, ...extra });
      const settings: Json = {
        "voucherify:apiUrl": emu.url,
        "voucherify:applicationId": APP_ID,
        "voucherify:secretKey": SECRET_KEY,
        "voucherify:timeUnitMs": "20",
      };
      await configure({ config: { get: (key: string) => settings[key] as string | undefined } });
    }

    beforeEach(() => startWith());

    afterEach(async () => {
      for (const id of created.splice(0)) await remove(id, {}).catch(() => undefined);
      resetConfigForTests();
      await emu.close();
    });

    async function createFrom(raw: Json): Promise<{ id: string; outs: Json }> {
      const result = await create(await checked(raw));
      created.push(result.id);
      return result;
    }

    it("restore after a campaign update: no PUT back to published or redeemed codes (campaigns.json PUT)", async () => {
      const own = { region: "own" };
      const program: Json = {
        name: "restore",
        campaignType: "DISCOUNT_COUPONS",
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
        useVoucherMetadataSchema: true,
        metadata: { region: "EU" },
        vouchers: [
          { code: "KEEP-1", metadata: own },
          { code: "PUB-1", metadata: own },
          { code: "RED-1", metadata: own },
          { code: "PLAIN-1" },
        ],
      };
      const { id, outs } = await createFrom(program);
      await admin(emu, "vouchers/PUB-1/publish");
      await admin(emu, "vouchers/RED-1/redeem");
      await emu.clearRequests();
      const next = { ...program, metadata: { region: "US" } };
      const after = await up(id, outs, next);
      await emu.settle();
      const log = await emu.requests();
      assert.deepEqual(
        // Reads are how a client learns the rewrite ended (strict readiness refuses them too, by design).
        log
          .filter((r) => r.status >= 400 && r.method !== "GET")
          .map((r) => `${r.method} ${r.path} ${r.status}`),
        [],
        "no change the API refuses (the campaign refuses changes while it rewrites its codes)",
      );
      assert.equal(puts(log, "KEEP-1"), 1, "the rewritten code gets its declared metadata back");
      assert.deepEqual([puts(log, "PUB-1"), puts(log, "RED-1")], [0, 0], "the API never rewrote these");
      for (const code of ["KEEP-1", "PUB-1", "RED-1"]) {
        assert.deepEqual((await voucher(emu, code)).metadata, own, code);
      }
      assert.deepEqual((await voucher(emu, "PLAIN-1")).metadata, { region: "US" }, "inherits the change");
      await assertConverged(id, after, next);
    });

    it("the restore keeps what the code inherited: only its declared keys are put back (build/*-import.mdx)", async () => {
      const program: Json = {
        name: "restore-inherited",
        campaignType: "DISCOUNT_COUPONS",
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
        metadata: { region: "EU", tier: "gold" },
        vouchers: [{ code: "OWN-1", metadata: { region: "own" } }],
      };
      const { id, outs } = await createFrom(program);
      assert.deepEqual((await voucher(emu, "OWN-1")).metadata, { region: "own", tier: "gold" });
      const next = { ...program, metadata: { region: "US", tier: "gold", season: "winter" } };
      const after = await up(id, outs, next);
      await emu.settle();
      assert.deepEqual(
        (await voucher(emu, "OWN-1")).metadata,
        { region: "own", tier: "gold", season: "winter" },
        "inherited and newly propagated keys survive the restore",
      );
      await assertConverged(id, after, next);
    });

    it("use_voucher_metadata_schema undeclared reads back true: no diff, no replace, and the rewrite is restored", async () => {
      const program: Json = {
        name: "schema-default",
        campaignType: "DISCOUNT_COUPONS",
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
        metadata: { region: "EU" },
        vouchers: [{ code: "OWN-1", metadata: { region: "own" } }, { code: "PLAIN-1" }],
      };
      const { id, outs } = await createFrom(program);
      const api = await emu.api<Json>("GET", `/v1/campaigns/${id}`);
      assert.equal(api.body.use_voucher_metadata_schema, true, "the documented default");
      await assertConverged(id, outs, program);
      const next = { ...program, metadata: { region: "US" } };
      const after = await up(id, outs, next);
      await emu.settle();
      assert.deepEqual((await voucher(emu, "OWN-1")).metadata, { region: "own" }, "declared value put back");
      assert.deepEqual((await voucher(emu, "PLAIN-1")).metadata, { region: "US" });
      await assertConverged(id, after, next);
      // `pulumi import`: the inputs read from the API preview clean against a program that never declared it.
      const imported = await importCampaign(id);
      const importedInputs = withDecodedVouchers(imported.inputs) as Json;
      assert.equal(importedInputs.useVoucherMetadataSchema, undefined, "the server default is not an input");
      const d = await diff(id, imported.props as Json, await checked({ ...next, vouchers: undefined }));
      assert.deepEqual(d.replaces, [], "no replacement on import");
    });

    it("inherited metadata on codes that declare none or only some keys: no permanent diff", async () => {
      const program: Json = {
        name: "inherit",
        campaignType: "DISCOUNT_COUPONS",
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
        metadata: { region: "EU", tier: "gold" },
        verifyVouchersOnRefresh: true,
        vouchers: [{ code: "NONE-1" }, { code: "SOME-1", metadata: { tier: "silver" } }],
      };
      const { id, outs } = await createFrom(program);
      assert.deepEqual((await voucher(emu, "NONE-1")).metadata, { region: "EU", tier: "gold" });
      assert.deepEqual((await voucher(emu, "SOME-1")).metadata, { region: "EU", tier: "silver" });
      await assertConverged(id, outs, program);
      await emu.clearRequests();
      const again = await up(id, outs, program);
      assert.deepEqual(
        (await emu.requests()).filter((r) => r.method !== "GET"),
        [],
        "a second up sends nothing",
      );
      await assertConverged(id, again, program);
    });

    it("import on a project whose default charset is not alphanumeric: the charset is recorded, no replace", async () => {
      await emu.close();
      await startWith({ defaultCharset: "numbers" });
      const program: Json = {
        name: "digits",
        campaignType: "DISCOUNT_COUPONS",
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
        vouchersCount: 2,
      };
      const { id, outs } = await createFrom(program);
      const api = await emu.api<Json>("GET", `/v1/campaigns/${id}`);
      const reported = ((api.body.voucher as Json).code_config as Json).charset;
      assert.equal(reported, "0123456789");
      await assertConverged(id, outs, program);
      const imported = await importCampaign(id);
      const inputs = withDecodedVouchers(imported.inputs) as Json;
      assert.equal(
        ((inputs.voucher as Json).codeConfig as Json | undefined)?.charset,
        reported,
        "what the API reports, not an assumed default",
      );
      const d = await diff(id, imported.props as Json, await checked(program, imported.inputs as Json));
      assert.deepEqual(
        [d.changes, d.replaces],
        [false, []],
        "the program that never declared it previews clean",
      );
      const declared = await checked({
        ...program,
        voucher: { ...(program.voucher as Json), codeConfig: { charset: "0123456789" } },
      });
      assert.deepEqual(
        (await diff(id, imported.props as Json, declared)).replaces,
        [],
        "nor one declaring it",
      );
    });

    it("documented date formats: those with a zone converge, zone-less ones are refused offline (campaigns.json)", async () => {
      for (const [i, startDate] of [
        "2099-03-01",
        "2099-03-01T10:30:15Z",
        "2099-03-01T10:30:15.250Z",
      ].entries()) {
        const program: Json = {
          name: `dates-${i}`,
          campaignType: "DISCOUNT_COUPONS",
          voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
          vouchersCount: 1,
          startDate,
        };
        const { id, outs } = await createFrom(program);
        const api = await emu.api<Json>("GET", `/v1/campaigns/${id}`);
        assert.equal(Date.parse(String(api.body.start_date)), Date.parse(startDate), startDate);
        await assertConverged(id, outs, program);
      }
      // The API also allows YYYY-MM-DDTHH, …THH:mm and …THH:mm:ss, but documents no zone for them (UTC or the
      // project's time zone): the provider asks for an explicit one instead of guessing, before any request.
      await emu.clearRequests();
      for (const startDate of ["2099-03-01T10", "2099-03-01T10:30", "2099-03-01T10:30:15"]) {
        const result = await check(undefined, {
          __provider: PROVIDER_TEXT,
          name: "zone-less",
          campaignType: "DISCOUNT_COUPONS",
          voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
          startDate,
        });
        assert.ok(
          result.failures.some((f) => f.property === "startDate"),
          `${startDate}: ${JSON.stringify(result.failures)}`,
        );
      }
      assert.deepEqual(await emu.requests(), [], "check sends nothing");
    });

    it("a campaign readonly for the key's user: the update fails once with the API's reason, nothing retried", async () => {
      const program: Json = {
        name: "protected",
        campaignType: "DISCOUNT_COUPONS",
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
        description: "before",
      };
      const { id, outs } = await createFrom(program);
      await admin(emu, `campaigns/${id}/protect`);
      await emu.clearRequests();
      const news = await checked({ ...program, description: "after" }, outs);
      const failure = await update(id, outs, news).then(
        () => assert.fail("the update must fail"),
        (e: unknown) => String(e instanceof Error ? e.message : e),
      );
      assert.match(failure, /protected/);
      const puts = (await emu.requests()).filter((r) => r.method === "PUT");
      assert.deepEqual(
        puts.map((r) => r.status),
        [400],
        "one refused PUT, not retried",
      );
    });
  });
}
