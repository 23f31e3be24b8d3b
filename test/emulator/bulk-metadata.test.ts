// Bulk voucher metadata through the official SDK: POST /v1/vouchers/bulk/async and /v1/vouchers/metadata/async
// answer 202 with an async action whose result has the documented shape; unknown codes fail per code (no
// upserts); existing metadata is merged by default or replaced with `bulkMetadata: "replace"`; failures can be
// injected; a body over 10 MB gets the documented 413. Every response is validated against openapi.json.
import * as assert from "node:assert/strict";
import { ContractCheck, useCheckedEmulator } from "./contract-check";
import { example, type Json, type Loose, REPLAYS_VENDOR_EXAMPLES, type TestEmulator } from "./support";

const check = new ContractCheck();

async function seedCodes(emu: TestEmulator, codes: string[]): Promise<void> {
  const campaign = await emu.call<Json>("POST", "/v1/campaigns", {
    body: { ...example<Json>("campaigns/create-campaign.request.discount-campaign.json"), vouchers_count: 0 },
  });
  const imported = await emu.call<Json>("POST", `/v1/campaigns/${campaign.body.id}/import`, {
    body: codes.map((code) => ({ code, metadata: { keep: "me", lang: "de" } })),
  });
  assert.equal(imported.status, 202);
  await emu.settle();
}

async function metadataOf(emu: TestEmulator, code: string): Promise<unknown> {
  return (await emu.call<Json>("GET", `/v1/vouchers/${code}`)).body.metadata;
}

async function action(emu: TestEmulator, id: unknown): Promise<Json> {
  await emu.settle();
  return (await emu.call<Json>("GET", `/v1/async-actions/${String(id)}`)).body;
}

describe("emulator bulk voucher metadata", () => {
  const env = useCheckedEmulator(check, REPLAYS_VENDOR_EXAMPLES);

  it("updates metadata per code (VOUCHERS.BULK_UPDATE), merging it, and reports unknown codes", async () => {
    const { emu, client } = env;
    await seedCodes(emu, ["example_code", "example_code2"]);
    const items = [
      ...example<Json[]>("vouchers/update-vouchers-in-bulk.request.example.json"),
      { code: "NO-SUCH-CODE", metadata: { lang: "fr" } },
    ];
    const started = (await check.sdk(
      "POST",
      "/v1/vouchers/bulk/async",
      202,
      client.vouchers.bulkUpdate(items as Loose),
    )) as unknown as Json;
    assert.match(String(started.async_action_id), /^aa_[0-9a-f]{18}$/);
    const done = await action(emu, started.async_action_id);
    assert.deepEqual([done.type, done.status, done.progress], ["VOUCHERS.BULK_UPDATE", "DONE", 100]);
    const result = done.result as Json;
    assert.deepEqual(
      [result.done_count, result.failed_count, result.errors],
      [
        2,
        1,
        [
          {
            code: "NO-SUCH-CODE",
            key: "not_found",
            message: "Resource not found",
            details: "Cannot find voucher with id NO-SUCH-CODE",
          },
        ],
      ],
    );
    assert.deepEqual(
      Object.keys(result).sort(),
      Object.keys(
        example<Json>("async-actions/get-async-action.response.200.vouchers-bulk-update.json").result as Json,
      ).sort(),
    );
    assert.deepEqual(await metadataOf(emu, "example_code"), { keep: "me", ...(items[0]!.metadata as Json) });
    assert.deepEqual(await metadataOf(emu, "example_code2"), { keep: "me", ...(items[1]!.metadata as Json) });
    assert.equal((await emu.call("GET", "/v1/vouchers/NO-SUCH-CODE")).status, 404, "no upserts");
  });

  it("sets one metadata on many codes (VOUCHERS.METADATA_UPDATE)", async () => {
    const { emu, client } = env;
    const request = example<{ codes: string[]; metadata: Json }>(
      "vouchers/update-vouchers-metadata-in-bulk.request.example.json",
    );
    await seedCodes(emu, request.codes);
    const started = (await check.sdk(
      "POST",
      "/v1/vouchers/metadata/async",
      202,
      client.vouchers.bulkUpdateMetadata(request as Loose),
    )) as unknown as Json;
    const done = await action(emu, started.async_action_id);
    assert.deepEqual([done.type, done.status], ["VOUCHERS.METADATA_UPDATE", "DONE"]);
    assert.deepEqual([(done.result as Json).done_count, (done.result as Json).errors], [2, []]);
    for (const code of request.codes) {
      assert.deepEqual(await metadataOf(emu, code), { keep: "me", ...request.metadata });
    }
    const voucher = (await emu.call<Json>("GET", `/v1/vouchers/${request.codes[0]}`)).body;
    assert.equal(typeof voucher.updated_at, "string");
  });

  it("replaces the metadata instead when started with bulkMetadata: replace", async () => {
    const replacing = await check.start({ ...REPLAYS_VENDOR_EXAMPLES, bulkMetadata: "replace" });
    try {
      await seedCodes(replacing, ["R1", "R2"]);
      const started = await replacing.call<Json>("POST", "/v1/vouchers/metadata/async", {
        body: { codes: ["R1"], metadata: { lang: "en" } },
      });
      await action(replacing, started.body.async_action_id);
      const bulk = await replacing.call<Json>("POST", "/v1/vouchers/bulk/async", {
        body: [{ code: "R2", metadata: { only: true } }],
      });
      await action(replacing, bulk.body.async_action_id);
      assert.deepEqual(await metadataOf(replacing, "R1"), { lang: "en" });
      assert.deepEqual(await metadataOf(replacing, "R2"), { only: true });
    } finally {
      await replacing.close();
    }
  });

  it("ends FAILED with nothing changed when a failure is injected through /_emulator/async-failures", async () => {
    const { emu } = env;
    await seedCodes(emu, ["F1"]);
    for (const type of ["VOUCHERS.BULK_UPDATE", "VOUCHERS.METADATA_UPDATE"]) {
      const injected = await emu.call("POST", "/_emulator/async-failures", { body: { type } });
      assert.equal(injected.status, 200);
    }
    const bulk = await emu.call<Json>("POST", "/v1/vouchers/bulk/async", {
      body: [{ code: "F1", metadata: { a: 1 } }],
    });
    const many = await emu.call<Json>("POST", "/v1/vouchers/metadata/async", {
      body: { codes: ["F1"], metadata: { b: 2 } },
    });
    for (const id of [bulk.body.async_action_id, many.body.async_action_id]) {
      const failed = await action(emu, id);
      assert.equal(failed.status, "FAILED");
      assert.equal((failed.result as Json).done_count, 0);
    }
    assert.deepEqual(await metadataOf(emu, "F1"), { keep: "me", lang: "de" });
  });

  it("refuses the codes named through /_emulator/bulk-refusals per code, in the documented errors[] shape", async () => {
    const { emu } = env;
    await seedCodes(emu, ["B1", "B2"]);
    const refused = await emu.call("POST", "/_emulator/bulk-refusals", {
      body: { refusals: [{ code: "B1", key: "invalid_metadata", details: "code B1" }] },
    });
    assert.equal(refused.status, 200);
    const bulk = await emu.call<Json>("POST", "/v1/vouchers/bulk/async", {
      body: [
        { code: "B1", metadata: { a: 1 } },
        { code: "B2", metadata: { a: 1 } },
      ],
    });
    const done = await action(emu, bulk.body.async_action_id);
    const result = done.result as Json;
    assert.equal(done.status, "DONE", "a per-code refusal does not fail the action");
    assert.deepEqual(
      [result.done_count, result.failed_count, result.errors],
      [1, 1, [{ code: "B1", key: "invalid_metadata", message: "code B1", details: "code B1" }]],
    );
    assert.deepEqual(
      await metadataOf(emu, "B1"),
      { keep: "me", lang: "de" },
      "a refused code is left unchanged",
    );
    assert.deepEqual(await metadataOf(emu, "B2"), { keep: "me", lang: "de", a: 1 });
    assert.equal((await emu.call("DELETE", "/_emulator/bulk-refusals")).status, 204);
    const again = await emu.call<Json>("POST", "/v1/vouchers/metadata/async", {
      body: { codes: ["B1"], metadata: { b: 2 } },
    });
    assert.deepEqual(((await action(emu, again.body.async_action_id)).result as Json).errors, [], "cleared");
    assert.equal(
      (await emu.call("POST", "/_emulator/bulk-refusals", { body: { refusals: [] } })).status,
      400,
    );
  });

  it("refuses malformed bodies (400) and bodies over 10 MB (the documented 413)", async () => {
    const { emu } = env;
    const notArray = await emu.call<Json>("POST", "/v1/vouchers/bulk/async", {
      body: { code: "A", metadata: {} },
    });
    assert.deepEqual([notArray.status, notArray.body.key], [400, "invalid_payload"]);
    const noMetadata = await emu.call<Json>("POST", "/v1/vouchers/bulk/async", { body: [{ code: "A" }] });
    assert.deepEqual([noMetadata.status, noMetadata.body.key], [400, "invalid_payload"]);
    const noCodes = await emu.call<Json>("POST", "/v1/vouchers/metadata/async", { body: { metadata: {} } });
    assert.deepEqual([noCodes.status, noCodes.body.key], [400, "invalid_payload"]);
    const huge = JSON.stringify([{ code: "A", metadata: { blob: "x".repeat(10 * 1024 * 1024) } }]);
    for (const [path, file] of [
      ["/v1/vouchers/bulk/async", "update-vouchers-in-bulk"],
      ["/v1/vouchers/metadata/async", "update-vouchers-metadata-in-bulk"],
    ]) {
      const tooLarge = await emu.call<Json>("POST", path!, {
        raw: huge,
        headers: { "content-type": "application/json" },
      });
      assert.equal(tooLarge.status, 413);
      assert.deepEqual(tooLarge.body, example(`vouchers/${file}.response.413.request-entity-too-large.json`));
    }
    assert.equal(emu.store.asyncActions.size, 0, "nothing was started");
  });

  after(() => {
    check.assertCovered(["POST /v1/vouchers/bulk/async 202", "POST /v1/vouchers/metadata/async 202"]);
  });
});
