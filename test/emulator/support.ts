// Shared helpers for the emulator's own tests: start an emulator on a free port, call it over
// real HTTP, find the vendor contract data (test/fixtures/voucherify: the trimmed OpenAPI document
// and the vendor's examples, see the README there).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { VoucherifyServerSide } from "@voucherify/sdk";
import { type EmulatorHandle, type EmulatorOptions, startEmulator } from "../../emulator";

export const APP_ID = "test-app-id";

/** The vendor's example campaigns start in 2020: tests that replay them accept past start dates. */
export const REPLAYS_VENDOR_EXAMPLES: EmulatorOptions = { pastStartDates: "accept" };
export const SECRET_KEY = "test-secret-key";

export const VENDOR_DIR = path.resolve(__dirname, "../fixtures/voucherify");

export function vendorPath(...parts: string[]): string {
  return path.join(VENDOR_DIR, ...parts);
}

export function example<T = Record<string, unknown>>(relative: string): T {
  return JSON.parse(fs.readFileSync(vendorPath("examples", relative), "utf8")) as T;
}

export interface CallResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Raw body sent as-is (string/Buffer); overrides `body`. */
  raw?: string | Buffer;
  headers?: Record<string, string>;
  /** false: no X-App-Id/X-App-Token. */
  auth?: boolean;
}

export type Observer = (method: string, path: string, result: CallResult) => void;

export interface TestEmulator extends EmulatorHandle {
  call<T = unknown>(method: string, path: string, options?: CallOptions): Promise<CallResult<T>>;
  /** Waits until no async work is pending (no sleeping). */
  settle(): Promise<void>;
  observe(observer: Observer): void;
}

/** Validation rules the vendor's example requests name; a test project has them, as the vendor's had. */
export const VENDOR_EXAMPLE_RULE_IDS = ["val_q8qUBMOh5qIQ"];

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const handle = await startEmulator({
    port: 0,
    appId: APP_ID,
    secretKey: SECRET_KEY,
    asyncDelayMs: 10,
    validationRuleIds: VENDOR_EXAMPLE_RULE_IDS,
    ...options,
  });
  const observers: Observer[] = [];
  const call = async <T>(method: string, p: string, o: CallOptions = {}): Promise<CallResult<T>> => {
    const headers: Record<string, string> = {};
    if (o.auth !== false) {
      headers["x-app-id"] = options.appId ?? APP_ID;
      headers["x-app-token"] = options.secretKey ?? SECRET_KEY;
    }
    let body: string | Buffer | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers["content-type"] = "application/json";
    }
    Object.assign(headers, o.headers ?? {});
    const response = await fetch(`${handle.url}${p}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if (text !== "" && (response.headers.get("content-type") ?? "").includes("json"))
      parsed = JSON.parse(text);
    const result: CallResult<T> = {
      status: response.status,
      headers: response.headers,
      body: parsed as T,
      text,
    };
    for (const observer of observers) observer(method, p, result as CallResult);
    return result;
  };
  return {
    ...handle,
    call,
    settle: () => handle.whenIdle(),
    observe: (observer) => observers.push(observer),
  };
}

export type Json = Record<string, unknown>;

/** A call to the admin API (`/_emulator/…`, no credentials). */
export function admin(
  emu: TestEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<CallResult<Json>> {
  return emu.call<Json>(method, `/_emulator/${path}`, { body, auth: false });
}

/** The kinds of campaign the vendor's create examples cover (`campaigns/create-campaign.request.<kind>.json`). */
export const VENDOR_EXAMPLE_CAMPAIGNS = [
  "discount-campaign",
  "gift-card-campaign",
  "loyalty-program",
  "promotion",
  "referral-program",
];

/** Creates a campaign over HTTP (200 expected) and waits until its codes are generated. */
export async function createCampaign(emu: TestEmulator, body: Json): Promise<Json> {
  const created = await emu.call<Json>("POST", "/v1/campaigns", { body });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  await emu.settle();
  return created.body;
}

export function csvMultipart(
  csv: string,
  filename = "codes.csv",
): { raw: Buffer; headers: Record<string, string> } {
  const boundary = "----emulatortestboundary7MA4YWxkTrZu0gW";
  const raw = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      `Content-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
  );
  return { raw, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

export type SdkClient = ReturnType<typeof VoucherifyServerSide>;

/** The official client, @voucherify/sdk 2.9.0, pointed at a test emulator. */
export function sdk(url: string, secretKey = SECRET_KEY): SdkClient {
  return VoucherifyServerSide({ applicationId: APP_ID, secretKey, apiUrl: url });
}

// The SDK's TypeScript types are narrower than the API (API-NOTES §12); bodies and params go through as-is.
// biome-ignore lint/suspicious/noExplicitAny: deliberate escape from the SDK's narrow request types
export type Loose = any;

/** The error an SDK call rejects with (a VoucherifyError carries the body's code, key, details, ...). */
export async function rejection(promise: Promise<unknown>): Promise<Json> {
  try {
    await promise;
  } catch (error) {
    return error as Json;
  }
  assert.fail("expected the SDK call to fail");
}
