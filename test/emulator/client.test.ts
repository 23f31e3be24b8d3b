// Contract tier: the real client (node-fetch, real sockets) against a fresh emulator per test. Waits use the real
// clock with small delays (asyncDelayMs 10, timeUnitMs 1, Retry-After 0); nothing sleeps on a fixed schedule.
import * as assert from "node:assert/strict";
import fetch from "node-fetch";
import { startEmulator } from "../../emulator";
import { waitForAsyncAction, waitForCampaignReady } from "../../provider/client/async-actions";
import {
  createCampaign,
  deleteCampaign,
  disableCampaign,
  enableCampaign,
  findCampaignByName,
  getCampaign,
  importVouchers,
  importVouchersCsv,
  updateCampaign,
} from "../../provider/client/campaigns";
import { realClock } from "../../provider/client/clock";
import { isNotFound, isVoucherifyApiError } from "../../provider/client/errors";
import { createHttpClient, type RetryEvent, type VoucherifyHttp } from "../../provider/client/http";
import { readCampaignVouchers } from "../../provider/client/vouchers";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
}

const APP_ID = "contract-app";
const SECRET = "contract-secret-key-123";

function discountCampaign(name: string, vouchersCount = 3): Record<string, unknown> {
  return {
    name,
    campaign_type: "DISCOUNT_COUPONS",
    type: "AUTO_UPDATE",
    vouchers_count: vouchersCount,
    voucher: {
      type: "DISCOUNT_VOUCHER",
      discount: { type: "PERCENT", percent_off: 10 },
      redemption: { quantity: 1 },
      code_config: { pattern: "SPRING-####" },
    },
  };
}

async function admin(emu: Emulator, method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(res.ok, `${method} ${path} answered ${res.status}`);
  return res.json();
}

async function requestLog(emu: Emulator): Promise<LoggedRequest[]> {
  const body = (await admin(emu, "GET", "/_emulator/requests")) as { requests: LoggedRequest[] };
  return body.requests;
}

describe("client against the emulator", () => {
  let emu: Emulator;
  let http: VoucherifyHttp;
  let retries: RetryEvent[];
  const wait = () => ({ clock: realClock(), timeoutMs: 10_000, initialDelayMs: 5, maxDelayMs: 50 });

  beforeEach(async () => {
    emu = await startEmulator({ port: 0, asyncDelayMs: 10, appId: APP_ID, secretKey: SECRET });
    retries = [];
    http = createHttpClient(
      { apiUrl: emu.url, applicationId: APP_ID, secretKey: SECRET, timeUnitMs: 1, timeoutMs: 5000 },
      { onRetry: (e) => retries.push(e) },
    );
  });

  afterEach(async () => {
    await emu.close();
  });

  it("creates, reads by id and by name, updates, disables, enables and deletes a campaign", async () => {
    const created = await createCampaign(http, discountCampaign("Spring Sale 2026"));
    assert.match(created.id, /^camp_/);
    const ready = await waitForCampaignReady(http, created.id, wait());
    assert.equal(ready.creation_status, "DONE");
    assert.equal(ready.vouchers_generation_status, "DONE");

    assert.equal((await getCampaign(http, created.id)).name, "Spring Sale 2026");
    assert.equal((await findCampaignByName(http, "Spring Sale 2026"))?.id, created.id);
    assert.equal(await findCampaignByName(http, "No Such Campaign"), undefined);

    const updated = await updateCampaign(http, created.id, { description: "updated" });
    assert.equal(updated.description, "updated");

    await disableCampaign(http, created.id);
    assert.equal((await getCampaign(http, created.id)).active, false);
    await enableCampaign(http, created.id);
    assert.equal((await getCampaign(http, created.id)).active, true);

    const vouchers = await readCampaignVouchers(http, created.id, wait());
    assert.equal(vouchers.length, 3);
    for (const v of vouchers) assert.match(v.code, /^SPRING-/);

    const deletion = await deleteCampaign(http, created.id, { force: true });
    await waitForAsyncAction(http, deletion.async_action_id, wait());
    await assert.rejects(getCampaign(http, created.id), (e) => isNotFound(e));
  });

  it("rejects a duplicate name with 409 duplicate_found, naming it in the error", async () => {
    const first = await createCampaign(http, discountCampaign("Dup", 1));
    await waitForCampaignReady(http, first.id, wait());
    await assert.rejects(createCampaign(http, discountCampaign("Dup", 1)), (e) => {
      assert.ok(isVoucherifyApiError(e));
      assert.equal(e.status, 409);
      assert.equal(e.key, "duplicate_found");
      assert.match(e.message, /409 duplicate_found on POST \/v1\/campaigns/);
      assert.ok(!e.message.includes(SECRET));
      return true;
    });
  });

  it("imports codes as JSON and as CSV and waits for both async actions", async () => {
    const c = await createCampaign(http, discountCampaign("Imports", 0));
    await waitForCampaignReady(http, c.id, wait());

    const json = await importVouchers(http, c.id, [{ code: "JSON-1" }, { code: "JSON-2" }]);
    const jsonDone = await waitForAsyncAction(http, json.async_action_id, wait());
    assert.equal(jsonDone.status, "DONE");

    const progress: string[] = [];
    const csv = await importVouchersCsv(
      http,
      c.id,
      Buffer.from("Code,Active\nCSV-1,true\nCSV-2,false\n"),
      "codes.csv",
    );
    const csvDone = await waitForAsyncAction(http, csv.async_action_id, {
      ...wait(),
      onProgress: (a) => progress.push(a.status),
    });
    assert.equal(csvDone.status, "DONE");
    assert.equal(progress[progress.length - 1], "DONE");

    const codes = (await readCampaignVouchers(http, c.id, wait())).map((v) => v.code).sort();
    assert.deepEqual(codes, ["CSV-1", "CSV-2", "JSON-1", "JSON-2"]);
  });

  it("reads every code of a campaign past the API's 99-page window through one export", async () => {
    const c = await createCampaign(http, discountCampaign("Big", 0));
    await waitForCampaignReady(http, c.id, wait());
    const total = 12_345;
    const codes = Array.from({ length: total }, (_, i) => ({ code: `BIG-${String(i).padStart(5, "0")}` }));
    const started = await importVouchers(http, c.id, codes);
    await waitForAsyncAction(http, started.async_action_id, wait());

    const before = (await requestLog(emu)).length;
    const listed = await readCampaignVouchers(http, c.id, wait());
    assert.equal(listed.length, total);
    assert.deepEqual(new Set(listed.map((v) => v.code)), new Set(codes.map((v) => v.code)));
    const log = (await requestLog(emu)).slice(before).map((r) => `${r.method} ${r.path}`);
    assert.equal(log.filter((l) => l === "GET /v1/vouchers").length, 1, "one page tells the total");
    assert.equal(log.filter((l) => l === "POST /v1/exports").length, 1, log.join("\n"));
    assert.ok(log.length <= 10, `an export costs a few requests, not 124 pages: ${log.length}`);
  });

  it("survives two injected 429s with Retry-After 0 on GET, as the request log shows", async () => {
    const c = await createCampaign(http, discountCampaign("Rate Limited", 1));
    await waitForCampaignReady(http, c.id, wait());
    await admin(emu, "POST", "/_emulator/faults", {
      rules: [{ method: "GET", path: "^/v1/campaigns", status: 429, retryAfter: 0, times: 2 }],
    });
    const before = (await requestLog(emu)).length;

    const got = await getCampaign(http, c.id);
    assert.equal(got.id, c.id);

    const path = `/v1/campaigns/${c.id}`;
    const tail = (await requestLog(emu)).slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
    assert.deepEqual(tail, [`GET ${path} 429`, `GET ${path} 429`, `GET ${path} 200`]);
    assert.deepEqual(
      retries.slice(-2).map((r) => [r.attempt, r.delayMs]),
      [
        [1, 0],
        [2, 0],
      ],
    );
  });

  it("aborts a slow GET after the per-attempt timeout and succeeds on the retry", async () => {
    const c = await createCampaign(http, discountCampaign("Slow", 1));
    await waitForCampaignReady(http, c.id, wait());
    await admin(emu, "POST", "/_emulator/faults", {
      rules: [{ method: "GET", path: "^/v1/campaigns/", latencyMs: 1000, times: 1 }],
    });
    const quick = createHttpClient(
      { apiUrl: emu.url, applicationId: APP_ID, secretKey: SECRET, timeUnitMs: 1, timeoutMs: 200 },
      { onRetry: (e) => retries.push(e) },
    );
    const got = await getCampaign(quick, c.id);
    assert.equal(got.id, c.id);
    assert.equal(quick.requestCount, 2);
    assert.equal(retries[retries.length - 1]?.reason, "timeout");
  });

  it("does not retry a POST /v1/campaigns that failed with 500", async () => {
    await admin(emu, "POST", "/_emulator/faults", {
      rules: [{ method: "POST", path: "^/v1/campaigns$", status: 500, times: 1 }],
    });
    await assert.rejects(createCampaign(http, discountCampaign("Five Hundred", 1)), (e) => {
      assert.ok(isVoucherifyApiError(e));
      assert.equal(e.status, 500);
      return true;
    });
    const posts = (await requestLog(emu)).filter((r) => r.method === "POST" && r.path === "/v1/campaigns");
    assert.deepEqual(
      posts.map((r) => r.status),
      [500],
    );
    assert.equal(retries.length, 0);
    assert.equal(http.requestCount, 1);
  });
});
