// Bad input never crashes the emulator: malformed JSON, wrong content types, huge bodies,
// unknown paths and a seeded fuzz loop all get documented, vendor-shaped error bodies, and the
// server keeps serving afterwards.
import * as assert from "node:assert/strict";
import * as http from "node:http";
import {
  createCampaign,
  csvMultipart,
  example,
  type Json,
  REPLAYS_VENDOR_EXAMPLES,
  startTestEmulator,
  type TestEmulator,
} from "./support";

const ERROR_KEYS = ["code", "key", "message", "details", "request_id"];

function assertErrorBody(body: unknown, status: number, key?: string): void {
  const b = body as Json;
  for (const k of ERROR_KEYS) assert.ok(k in b, `error body lacks ${k}: ${JSON.stringify(body)}`);
  assert.equal(b.code, status);
  if (key) assert.equal(b.key, key);
}

/** Deterministic generator so a failing fuzz case can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("emulator robustness", () => {
  let emu: TestEmulator;
  beforeEach(async () => {
    emu = await startTestEmulator(REPLAYS_VENDOR_EXAMPLES);
  });
  afterEach(async () => {
    await emu.close();
  });

  it("answers malformed JSON with 400 invalid_payload", async () => {
    const r = await emu.call("POST", "/v1/campaigns", {
      raw: '{"name": "x", ',
      headers: { "content-type": "application/json" },
    });
    assert.equal(r.status, 400);
    assertErrorBody(r.body, 400, "invalid_payload");
  });

  it("answers a JSON endpoint sent another content type with 415, and importCSV sent JSON with 400 (file missing)", async () => {
    const wrong = await emu.call("POST", "/v1/campaigns", {
      raw: JSON.stringify({ name: "x", campaign_type: "PROMOTION" }),
      headers: { "content-type": "text/plain" },
    });
    assert.equal(wrong.status, 415);
    assertErrorBody(wrong.body, 415, "unsupported_media_type");
    const c = await createCampaign(emu, example("campaigns/create-campaign.request.discount-campaign.json"));
    const csvAsJson = await emu.call("POST", `/v1/campaigns/${c.id}/importCSV`, {
      body: { file: "Code\nA" },
    });
    assert.equal(csvAsJson.status, 400);
    assert.equal((csvAsJson.body as Json).details, "Payload should have required property 'file'");
    const form = csvMultipart("Code\nA\n");
    const wrongField = await emu.call("POST", `/v1/campaigns/${c.id}/importCSV`, {
      raw: form.raw.toString().replace('name="file"', 'name="upload"'),
      headers: form.headers,
    });
    assertErrorBody(wrongField.body, 400, "invalid_payload");
    const broken = await emu.call("POST", `/v1/campaigns/${c.id}/importCSV`, {
      raw: "--nope\r\ngarbage",
      headers: { "content-type": "multipart/form-data; boundary=zzz" },
    });
    assertErrorBody(broken.body, 400, "invalid_payload");
    const noBoundary = await emu.call("POST", `/v1/campaigns/${c.id}/importCSV`, {
      raw: "x",
      headers: { "content-type": "multipart/form-data" },
    });
    assertErrorBody(noBoundary.body, 400, "invalid_payload");
  });

  it("answers bodies over 10 MB with 413 and keeps serving", async () => {
    const huge = Buffer.alloc(11 * 1024 * 1024, 0x20);
    const r = await emu.call("POST", "/v1/campaigns/x/import", {
      raw: huge,
      headers: { "content-type": "application/json" },
    });
    assert.equal(r.status, 413);
    assertErrorBody(r.body, 413, "query_too_large"); // errors.mdx: "request body payload too large"
    assert.equal((await emu.call("GET", "/v1/campaigns")).status, 200);
  });

  it("answers unknown paths with 404, known paths with a wrong method with 405 + Allow", async () => {
    const unknown = await emu.call("GET", "/v1/unknown/thing");
    assert.equal(unknown.status, 404);
    assertErrorBody(unknown.body, 404, "not_found");
    const root = await emu.call("GET", "/");
    assert.equal(root.status, 404);
    const wrong = await emu.call("PATCH", "/v1/campaigns/abc");
    assert.equal(wrong.status, 405);
    assertErrorBody(wrong.body, 405, "method_not_allowed");
    assert.equal(wrong.headers.get("allow"), "GET, PUT, DELETE");
    const badEscape = await emu.call("GET", "/v1/campaigns/%E0%A4%A");
    assert.equal(badEscape.status, 404);
    assert.equal(badEscape.headers.get("x-voucherify-emulator"), "1");
  });

  it("answers missing or wrong credentials with 401 before anything else", async () => {
    const none = await emu.call("GET", "/v1/campaigns", { auth: false });
    assert.equal(none.status, 401);
    assertErrorBody(none.body, 401, "unauthorized");
    const wrong = await emu.call("GET", "/v1/campaigns", {
      auth: false,
      headers: { "x-app-id": "a", "x-app-token": "b" },
    });
    assert.equal(wrong.status, 401);
  });

  it("survives a client that disconnects mid-body", async () => {
    const url = new URL(emu.url);
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: url.hostname,
        port: url.port,
        method: "POST",
        path: "/v1/campaigns",
        headers: { "content-type": "application/json", "content-length": "1000" },
      });
      req.on("error", () => resolve());
      req.write('{"name":');
      setImmediate(() => {
        req.destroy();
        resolve();
      });
    });
    assert.equal((await emu.call("GET", "/v1/campaigns")).status, 200);
  });

  it("fuzz: a few hundred random requests get documented statuses and error bodies; the server keeps serving", async () => {
    const random = rng(20260101);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    const c = (
      await emu.call("POST", "/v1/campaigns", {
        body: example("campaigns/create-campaign.request.gift-card-campaign.json"),
      })
    ).body as Json;
    await emu.settle();
    const ids = [String(c.id), "Gift%20Card%20Campaign", "camp_nope", "%20", "x".repeat(300), "%2F..%2F"];
    const paths = [
      () => "/v1/campaigns",
      () => `/v1/campaigns/${pick(ids)}`,
      () =>
        `/v1/campaigns/${pick(ids)}/${pick(["enable", "disable", "vouchers", "import", "importCSV", "nope"])}`,
      () => `/v1/campaigns/${pick(ids)}/vouchers/${pick(["A1", "%E2%9C%93", "GIFT1000"])}`,
      () =>
        `/v1/vouchers${pick(["", "?limit=0", "?limit=abc", "?page=-1", "?campaign_id=x&limit=100", "?order=zzz"])}`,
      () => `/v1/vouchers/${pick(["A1", "v_nope", "%00"])}${pick(["", "/enable", "/disable"])}`,
      () => `/v1/async-actions${pick(["", "/aa_1", "?limit=500", "?end_date=2020-13-45"])}`,
      () => `/v1/${pick(["", "x", "campaigns/a/b/c/d"])}`,
      () => `/v1/campaigns?${pick(["limit=1e3", "page=1.5", "campaign_type=NOPE", "order=name"])}`,
    ];
    const values = (): unknown => {
      const r = random();
      if (r < 0.1) return null;
      if (r < 0.2) return Math.floor(random() * 2_000_000) - 1_000_000;
      if (r < 0.3) return random() < 0.5;
      if (r < 0.45)
        return pick(["", "x", "PERCENT", "DISCOUNT_COUPONS", "2020-01-01", "#####", "\u0000\u2028"]);
      if (r < 0.6) return [values(), values()];
      return {
        name: pick(["fz", "", 12, null]),
        campaign_type: pick([
          "DISCOUNT_COUPONS",
          "GIFT_VOUCHERS",
          "LOYALTY_PROGRAM",
          "PROMOTION",
          "REFERRAL_PROGRAM",
          "X",
        ]),
        vouchers_count: pick([0, 1, 2, -1, 1e9, "3"]),
        voucher: pick([
          undefined,
          {},
          { discount: { type: pick(["AMOUNT", "PERCENT", "UNIT"]), amount_off: 5 } },
          { gift: { amount: -1 } },
        ]),
        code: pick(["FZ1", "", 5]),
        metadata: pick([{}, [], "m"]),
        type: pick(["STANDALONE", "STATIC", 1]),
      };
    };
    const bodies = [
      () => ({ raw: JSON.stringify(values()), headers: { "content-type": "application/json" } }),
      () => ({
        raw: JSON.stringify([values(), { code: pick(["A", "GIFT1000", ""]) }]),
        headers: { "content-type": "application/json" },
      }),
      () => ({
        raw: Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))),
        headers: { "content-type": pick(["application/json", "text/csv", "application/octet-stream"]) },
      }),
      () => ({ raw: "", headers: {} as Record<string, string> }),
      () => ({
        ...csvMultipart(pick(["Code\nA\n", "nocode\n1", '"unterminated', "Code,Active\nB,maybe\n"])),
      }),
    ];
    const allowed = new Set([200, 202, 204, 400, 401, 404, 405, 409, 413, 415]);
    for (let i = 0; i < 300; i++) {
      const method = pick(["GET", "POST", "PUT", "DELETE", "PATCH"]);
      const path = pick(paths)();
      const b = method === "GET" ? { raw: undefined, headers: {} } : pick(bodies)();
      const r = await emu.call(method, path, { raw: b.raw, headers: b.headers, auth: random() > 0.05 });
      assert.ok(allowed.has(r.status), `#${i} ${method} ${path} -> ${r.status} ${r.text.slice(0, 300)}`);
      assert.equal(r.headers.get("x-voucherify-emulator"), "1");
      if (r.status >= 400) assertErrorBody(r.body, r.status);
    }
    await emu.settle();
    assert.equal((await emu.call("GET", `/v1/campaigns/${c.id}`)).status, 200);
  });
});
