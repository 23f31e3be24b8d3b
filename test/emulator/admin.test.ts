// The /_emulator admin API that e2e and client tests rely on, state-file persistence and the CLI.
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import {
  admin,
  createCampaign,
  example,
  type Json,
  REPLAYS_VENDOR_EXAMPLES,
  startTestEmulator,
  type TestEmulator,
} from "./support";

describe("emulator admin API", () => {
  let emu: TestEmulator;
  beforeEach(async () => {
    emu = await startTestEmulator(REPLAYS_VENDOR_EXAMPLES);
  });
  afterEach(async () => {
    await emu.close();
  });

  it("logs every /v1 request in order with method, path without query, query object and status", async () => {
    await emu.call("GET", "/v1/campaigns?limit=5&page=1");
    await emu.call("GET", "/v1/campaigns", { auth: false });
    await emu.call("GET", "/v1/campaigns/My%20Campaign");
    await admin(emu, "GET", "faults");
    const log = (await admin(emu, "GET", "requests")).body.requests;
    assert.deepEqual(log, [
      { method: "GET", path: "/v1/campaigns", query: { limit: "5", page: "1" }, status: 200 },
      { method: "GET", path: "/v1/campaigns", query: {}, status: 401 },
      { method: "GET", path: "/v1/campaigns/My%20Campaign", query: {}, status: 404 },
    ]);
    assert.equal((await admin(emu, "DELETE", "requests")).status, 204);
    assert.deepEqual((await admin(emu, "GET", "requests")).body.requests, []);
  });

  it("answers a long poll for a request once the emulator has answered it, and 408 when none comes", async () => {
    const waiting = emu.call<Json>("POST", "/_emulator/requests/wait", {
      auth: false,
      body: { method: "GET", path: "^/v1/campaigns$", status: 200 },
    });
    const listed = await emu.call("GET", "/v1/campaigns");
    assert.equal(listed.status, 200);
    const seen = await waiting;
    assert.equal(seen.status, 200);
    assert.deepEqual([seen.body.method, seen.body.path, seen.body.status], ["GET", "/v1/campaigns", 200]);
    const none = await emu.call("POST", "/_emulator/requests/wait", {
      auth: false,
      body: { method: "DELETE", timeoutMs: 50 },
    });
    assert.equal(none.status, 408);
  });

  it("reset empties all data", async () => {
    await emu.call("POST", "/v1/campaigns", {
      body: example("campaigns/create-campaign.request.discount-campaign.json"),
    });
    assert.equal((await admin(emu, "POST", "reset")).status, 204);
    const list = (await emu.call<Json>("GET", "/v1/campaigns")).body;
    assert.equal(list.total, 0);
    const again = await emu.call("POST", "/v1/campaigns", {
      body: example("campaigns/create-campaign.request.discount-campaign.json"),
    });
    assert.equal(again.status, 200, "the name is free again");
  });

  it("injects a 429 with Retry-After for the next matching request only, and logs it", async () => {
    const set = await admin(emu, "POST", "faults", {
      rules: [{ method: "GET", path: "^/v1/campaigns$", status: 429, retryAfter: 3 }],
    });
    assert.equal(set.status, 200);
    await emu.call("GET", "/v1/vouchers");
    const limited = await emu.call<Json>("GET", "/v1/campaigns");
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "3");
    assert.equal(limited.body.code, 429);
    assert.equal(limited.body.message, "Too many requests hit the API too quickly.");
    assert.equal((await emu.call("GET", "/v1/campaigns")).status, 200);
    const statuses = ((await admin(emu, "GET", "requests")).body.requests as Json[]).map((r) => r.status);
    assert.deepEqual(statuses, [200, 429, 200]);
  });

  it("injects 500s for `times` requests, and connection resets", async () => {
    await admin(emu, "POST", "faults", { rules: [{ path: "/v1/vouchers", status: 500, times: 2 }] });
    assert.equal((await emu.call("GET", "/v1/vouchers")).status, 500);
    assert.equal((await emu.call("GET", "/v1/vouchers?limit=1")).status, 500);
    assert.equal((await emu.call("GET", "/v1/vouchers")).status, 200);
    await admin(emu, "POST", "faults", { rules: [{ method: "POST", reset: true }] });
    await assert.rejects(
      emu.call("POST", "/v1/campaigns", { body: { name: "x", campaign_type: "PROMOTION" } }),
    );
    assert.equal(
      (await emu.call("GET", "/v1/campaigns/x")).status,
      404,
      "the reset request was not processed",
    );
    const last = ((await admin(emu, "GET", "requests")).body.requests as Json[]).at(-2);
    assert.deepEqual(last, { method: "POST", path: "/v1/campaigns", query: {}, status: 0 });
  });

  it("delays responses with a latency fault and clears pending faults on DELETE", async () => {
    await admin(emu, "POST", "faults", { rules: [{ path: "campaigns", latencyMs: 150 }] });
    const started = Date.now();
    assert.equal((await emu.call("GET", "/v1/campaigns")).status, 200);
    assert.ok(Date.now() - started >= 140);
    await admin(emu, "POST", "faults", { rules: [{ status: 503, times: 5 }] });
    assert.equal((await admin(emu, "DELETE", "faults")).status, 204);
    assert.equal((await emu.call("GET", "/v1/campaigns")).status, 200);
  });

  it("rejects malformed admin bodies with 400", async () => {
    assert.equal((await admin(emu, "POST", "faults", { rules: [{ path: "(" }] })).status, 400);
    assert.equal((await admin(emu, "POST", "async-failures", { type: "NOPE" })).status, 400);
    assert.equal((await admin(emu, "GET", "nope")).status, 404);
  });

  it("makes the next async action of a type end FAILED", async () => {
    const c = await createCampaign(emu, example("campaigns/create-campaign.request.discount-campaign.json"));
    assert.equal(
      (await admin(emu, "POST", "async-failures", { type: "CAMPAIGN.VOUCHERS_IMPORT" })).status,
      200,
    );
    const first = (await emu.call<Json>("POST", `/v1/campaigns/${c.id}/import`, { body: [{ code: "F1" }] }))
      .body;
    const second = (await emu.call<Json>("POST", `/v1/campaigns/${c.id}/import`, { body: [{ code: "F2" }] }))
      .body;
    await emu.settle();
    const failed = (await emu.call<Json>("GET", `/v1/async-actions/${first.async_action_id}`)).body;
    assert.deepEqual([failed.status, failed.progress], ["FAILED", 100]);
    assert.equal((await emu.call("GET", "/v1/vouchers/F1")).status, 404);
    assert.equal(
      (await emu.call<Json>("GET", `/v1/async-actions/${second.async_action_id}`)).body.status,
      "DONE",
    );
    await admin(emu, "POST", "async-failures", { type: "CAMPAIGN.VOUCHERS_DELETE" });
    const del = (await emu.call<Json>("DELETE", `/v1/campaigns/${c.id}?force=true`)).body;
    await emu.settle();
    assert.equal(
      (await emu.call<Json>("GET", `/v1/async-actions/${del.async_action_id}`)).body.status,
      "FAILED",
    );
    assert.equal(
      (await emu.call("GET", `/v1/campaigns/${c.id}`)).status,
      200,
      "a failed delete leaves the campaign",
    );
  });

  it("fails campaign generation when CAMPAIGN.VOUCHERS_GENERATE is set to fail", async () => {
    await admin(emu, "POST", "async-failures", { type: "CAMPAIGN.VOUCHERS_GENERATE", times: 1 });
    const c = (
      await emu.call<Json>("POST", "/v1/campaigns", {
        body: example("campaigns/create-campaign.request.loyalty-program.json"),
      })
    ).body;
    await admin(emu, "POST", "settle");
    const got = (await emu.call<Json>("GET", `/v1/campaigns/${c.id}`)).body;
    assert.deepEqual(
      [got.creation_status, got.vouchers_generation_status, got.vouchers_count],
      ["FAILED", "FAILED", 0],
    );
  });
});

describe("emulator state file", () => {
  it("persists campaigns, vouchers and async actions across a restart, written atomically", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-state-"));
    const stateFile = path.join(dir, "nested", "state.json");
    try {
      const first = await startTestEmulator({ ...REPLAYS_VENDOR_EXAMPLES, stateFile });
      const c = (
        await first.call<Json>("POST", "/v1/campaigns", {
          body: example("campaigns/create-campaign.request.gift-card-campaign.json"),
        })
      ).body;
      await first.settle();
      const imp = (
        await first.call<Json>("POST", `/v1/campaigns/${c.id}/import`, {
          body: [{ code: "KEEP-ME", gift: { amount: 7 } }],
        })
      ).body;
      await first.settle();
      await first.call("DELETE", "/v1/vouchers/KEEP-ME-NOT");
      await first.close();
      assert.deepEqual(fs.readdirSync(path.dirname(stateFile)), ["state.json"], "no temporary files left");
      const second = await startTestEmulator({ ...REPLAYS_VENDOR_EXAMPLES, stateFile });
      try {
        const got = (await second.call<Json>("GET", "/v1/campaigns/Gift%20Card%20Campaign")).body;
        assert.deepEqual([got.id, got.vouchers_count], [c.id, 3]);
        assert.equal(((await second.call<Json>("GET", "/v1/vouchers/KEEP-ME")).body.gift as Json).amount, 7);
        assert.equal(
          (await second.call<Json>("GET", `/v1/async-actions/${imp.async_action_id}`)).body.status,
          "DONE",
        );
        assert.equal(
          (
            await second.call("POST", "/v1/campaigns", {
              body: example("campaigns/create-campaign.request.gift-card-campaign.json"),
            })
          ).status,
          409,
        );
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to start on a corrupt state file with a clear message", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-state-"));
    const stateFile = path.join(dir, "state.json");
    fs.writeFileSync(stateFile, "{nope");
    try {
      await assert.rejects(startTestEmulator({ stateFile }), /state file .* is not valid JSON/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("emulator CLI", () => {
  it("prints VOUCHERIFY_API_URL when ready, serves with the marker header, and stops on SIGTERM saving state", async () => {
    const repo = path.resolve(__dirname, "../..");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-cli-"));
    const stateFile = path.join(dir, "state.json");
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "emulator/cli.ts",
        "--port",
        "0",
        "--app-id",
        "cli-id",
        "--secret-key",
        "cli-key",
        "--state-file",
        stateFile,
      ],
      { cwd: repo, stdio: ["ignore", "pipe", "pipe"] },
    );
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const lines = readline.createInterface({ input: child.stdout! });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once("line", resolve);
        child.once("exit", (code) => reject(new Error(`CLI exited early with ${code}`)));
      });
      const match = /^VOUCHERIFY_API_URL=(http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
      assert.ok(match, first);
      const response = await fetch(`${match[1]}/v1/campaigns`, {
        method: "POST",
        headers: { "x-app-id": "cli-id", "x-app-token": "cli-key", "content-type": "application/json" },
        body: JSON.stringify({ name: "from cli", campaign_type: "PROMOTION" }),
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("x-voucherify-emulator"), "1");
      child.kill("SIGTERM");
      assert.equal(await exited, 0);
      const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as Json;
      assert.equal((state.campaigns as Json[]).length, 1);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses an enum flag's unknown value (--bulk-metadata) with exit code 2 and the allowed values", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "emulator/cli.ts", "--bulk-metadata", "upsert"],
      {
        cwd: path.resolve(__dirname, "../.."),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    assert.equal(code, 2);
    assert.match(stderr, /--bulk-metadata needs one of merge, replace/);
  });
});
