// Shared by the lifecycle tests: a runtime over the in-memory FakeVoucherify, and inputs as `check` hands them to
// the engine (decoded the way the provider's entry points decode them).
import * as assert from "node:assert/strict";
import { check, type Runtime } from "../../../provider/campaign/lifecycle";
import { recordingClock } from "../../../provider/client/clock";
import { withDecodedVouchers, withEncodedVouchers } from "../../../provider/codes/encoding";
import type { FakeVoucherify } from "../provider/fake-api";

export type Json = Record<string, unknown>;

export const PROVIDER_TEXT = "exports.handler = __f0; /* serialized shim */";

export function runtime(api: FakeVoucherify, logs: string[] = []): Runtime {
  return {
    http: api,
    clock: recordingClock(),
    log: (m) => logs.push(m),
    asyncTimeoutMs: 60_000,
    timeUnitMs: 1000,
  };
}

/** Inputs as check returns them to the engine, decoded the way the provider's entry points decode them. */
export async function checked(raw: Json, olds: Json = {}): Promise<Json> {
  const result = await check(withEncodedVouchers(olds), { __provider: PROVIDER_TEXT, ...raw });
  assert.deepEqual(result.failures, [], JSON.stringify(result.failures));
  assert.notEqual(Array.isArray(result.inputs.vouchers), true, "codes leave check as one JSON string");
  return { ...withDecodedVouchers(result.inputs), __provider: PROVIDER_TEXT };
}

export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  return assert.fail("expected a rejection");
}
