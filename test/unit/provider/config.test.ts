import * as assert from "node:assert/strict";
import {
  type ConfigSource,
  type ConfigurationError,
  DEFAULT_API_URL,
  DEFAULT_ASYNC_TIMEOUT_MS,
  isConfigurationError,
  isLoopbackHost,
  resolveConnection,
  snapshotConfig,
} from "../../../provider/config";

function config(values: Record<string, string>): ConfigSource {
  return { get: (key: string) => values[key] };
}

const SECRET = "sk_live_TOPSECRET_4711";

function problemsOf(fn: () => unknown): { error: ConfigurationError; text: string } {
  try {
    fn();
  } catch (e) {
    assert.ok(isConfigurationError(e), `expected a ConfigurationError, got ${String(e)}`);
    return { error: e as ConfigurationError, text: (e as Error).message };
  }
  assert.fail("expected resolveConnection to throw");
}

describe("provider/config resolveConnection", () => {
  it("reads stack config and applies the default API URL", () => {
    const s = resolveConnection(
      config({ "voucherify:applicationId": "app-1", "voucherify:secretKey": SECRET }),
      {},
    );
    assert.equal(s.applicationId, "app-1");
    assert.equal(s.secretKey, SECRET);
    assert.equal(s.apiUrl, DEFAULT_API_URL);
    assert.equal(s.asyncTimeoutMs, DEFAULT_ASYNC_TIMEOUT_MS);
    assert.equal(s.timeUnitMs, undefined);
  });

  it("prefers stack config over the environment", () => {
    const s = resolveConnection(
      config({
        "voucherify:applicationId": "from-config",
        "voucherify:secretKey": "config-secret",
        "voucherify:apiUrl": "https://us1.api.voucherify.io/",
      }),
      {
        VOUCHERIFY_APP_ID: "from-env",
        VOUCHERIFY_SECRET_KEY: "env-secret",
        VOUCHERIFY_API_URL: "https://as1.api.voucherify.io",
      },
    );
    assert.equal(s.applicationId, "from-config");
    assert.equal(s.secretKey, "config-secret");
    assert.equal(s.apiUrl, "https://us1.api.voucherify.io");
  });

  it("falls back to the environment, treating empty strings as unset", () => {
    const s = resolveConnection(config({ "voucherify:applicationId": "", "voucherify:secretKey": "" }), {
      VOUCHERIFY_APP_ID: "env-app",
      VOUCHERIFY_SECRET_KEY: "env-secret",
      VOUCHERIFY_API_URL: "",
      VOUCHERIFY_TIME_UNIT_MS: "5",
      VOUCHERIFY_ASYNC_TIMEOUT_MS: "20000",
      VOUCHERIFY_MAX_RETRIES: "2",
    });
    assert.equal(s.applicationId, "env-app");
    assert.equal(s.secretKey, "env-secret");
    assert.equal(s.apiUrl, DEFAULT_API_URL);
    assert.equal(s.timeUnitMs, 5);
    assert.equal(s.asyncTimeoutMs, 20000);
    assert.equal(s.maxRetries, 2);
  });

  it("works without any stack config (configure never called)", () => {
    const s = resolveConnection(undefined, { VOUCHERIFY_APP_ID: "a", VOUCHERIFY_SECRET_KEY: "b" });
    assert.equal(s.applicationId, "a");
  });

  it("lists every missing or invalid setting in one error", () => {
    const { error, text } = problemsOf(() =>
      resolveConnection(
        config({ "voucherify:apiUrl": "http://api.example.com", "voucherify:maxRetries": "x" }),
        {},
      ),
    );
    assert.equal(error.problems.length, 4, text);
    assert.match(text, /voucherify:applicationId \(or VOUCHERIFY_APP_ID\) is not set/);
    assert.match(text, /voucherify:secretKey \(or VOUCHERIFY_SECRET_KEY\) is not set/);
    assert.match(text, /plain http/);
    assert.match(text, /voucherify:maxRetries/);
  });

  it("refuses plain http for a non-loopback host", () => {
    const { text } = problemsOf(() =>
      resolveConnection(config({ "voucherify:apiUrl": "http://10.0.0.5:8080" }), {
        VOUCHERIFY_APP_ID: "a",
        VOUCHERIFY_SECRET_KEY: "b",
      }),
    );
    assert.match(text, /use https/);
  });

  for (const url of [
    "http://127.0.0.1:4010",
    "http://localhost:4010",
    "http://[::1]:4010",
    "http://127.8.9.10",
  ]) {
    it(`allows plain http for the loopback URL ${url}`, () => {
      const s = resolveConnection(config({ "voucherify:apiUrl": `${url}/` }), {
        VOUCHERIFY_APP_ID: "a",
        VOUCHERIFY_SECRET_KEY: "b",
      });
      assert.equal(s.apiUrl, url);
    });
  }

  it("accepts https URLs of the regional clusters", () => {
    for (const url of ["https://us1.api.voucherify.io", "https://as1.api.voucherify.io"]) {
      const s = resolveConnection(config({ "voucherify:apiUrl": url }), {
        VOUCHERIFY_APP_ID: "a",
        VOUCHERIFY_SECRET_KEY: "b",
      });
      assert.equal(s.apiUrl, url);
    }
  });

  it("rejects other protocols, credentials in the URL and garbage", () => {
    for (const url of ["ftp://api.voucherify.io", "https://user:pw@api.voucherify.io", "not a url"]) {
      problemsOf(() =>
        resolveConnection(config({ "voucherify:apiUrl": url }), {
          VOUCHERIFY_APP_ID: "a",
          VOUCHERIFY_SECRET_KEY: "b",
        }),
      );
    }
  });

  it("never puts the secret key into the error text", () => {
    const { text } = problemsOf(() =>
      resolveConnection(
        config({ "voucherify:secretKey": SECRET, "voucherify:apiUrl": `https://${SECRET}.example.com?x=1` }),
        {},
      ),
    );
    assert.ok(!text.toLowerCase().includes(SECRET.toLowerCase()), text);
    assert.match(text, /applicationId/);
  });

  it("treats only 127.0.0.0/8, localhost and ::1 as loopback", () => {
    assert.ok(isLoopbackHost("127.0.0.1"));
    assert.ok(isLoopbackHost("LOCALHOST"));
    assert.ok(isLoopbackHost("[::1]"));
    assert.ok(!isLoopbackHost("127.0.0.1.nip.io"));
    assert.ok(!isLoopbackHost("128.0.0.1"));
    assert.ok(!isLoopbackHost("localhost.example.com"));
  });

  it("snapshotConfig keeps only this provider's keys", () => {
    const seen: string[] = [];
    const snap = snapshotConfig({
      get: (k: string) => {
        seen.push(k);
        return k === "voucherify:applicationId" ? "app" : undefined;
      },
    });
    assert.equal(snap.get("voucherify:applicationId"), "app");
    assert.equal(snap.get("other:key"), undefined);
    assert.ok(seen.every((k) => k.startsWith("voucherify:")));
  });
});
