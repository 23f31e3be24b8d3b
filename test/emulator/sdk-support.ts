// The official client, @voucherify/sdk 2.9.0, pointed at a test emulator.
import * as assert from "node:assert/strict";
import { VoucherifyServerSide } from "@voucherify/sdk";
import { APP_ID, type Json, SECRET_KEY } from "./support";

export type Client = ReturnType<typeof VoucherifyServerSide>;

export function sdk(url: string, secretKey = SECRET_KEY): Client {
  return VoucherifyServerSide({ applicationId: APP_ID, secretKey, apiUrl: url });
}

/** The error an SDK call rejects with (a VoucherifyError carrying the body's fields). */
export async function rejection(promise: Promise<unknown>): Promise<Json> {
  try {
    await promise;
  } catch (error) {
    return error as Json;
  }
  assert.fail("expected the SDK call to fail");
}

// The SDK's TypeScript types are narrower than the API (API-NOTES §12); bodies go through as-is.
// biome-ignore lint/suspicious/noExplicitAny: deliberate escape from the SDK's narrow request types
export type Loose = any;
