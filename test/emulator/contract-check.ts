// Contract checking for a test file: every response the file sees, over plain HTTP (`emu.call`) or through the
// official SDK (`sdk()`), is validated against openapi.json, and the file can assert at the end that each
// operation it covers had a validated 2xx response.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { OpenApiValidator } from "./openapi-validator";
import { example, type SdkClient, sdk, startTestEmulator, type TestEmulator, vendorPath } from "./support";

interface IndexEntry {
  file: string;
  method: string;
  path: string;
  kind: string;
  status?: number;
}

const BARE_ERRORS = (
  JSON.parse(fs.readFileSync(vendorPath("examples", "index.json"), "utf8")) as IndexEntry[]
).filter((e) => e.kind === "bare-error");

let shared: OpenApiValidator | undefined;

/** One validator per test process: compiling the document is the slow part. */
export function specValidator(): OpenApiValidator {
  shared ??= new OpenApiValidator();
  return shared;
}

export class ContractCheck {
  private readonly validator = specValidator();
  private readonly problems: string[] = [];
  private readonly covered = new Set<string>();

  /** Validates one response; `body` "" for none. */
  record(method: string, path: string, status: number, body: unknown): void {
    if (!path.startsWith("/v1")) return;
    if (this.isBareError(method, path, status, body)) return;
    const errors = this.validator.validate(method, path, status, body);
    this.problems.push(...errors.map((e) => `${method} ${path} -> ${status}: ${e}`));
    const op = this.validator.matchingOperation(method, path, status, body);
    if (op && status < 300) this.covered.add(`${method} ${op.template} ${status}`);
  }

  /**
   * A documented error body outside the Error schema (kind "bare-error" in examples/index.json, e.g. the 413
   * of the bulk endpoints) is valid when it is that example.
   */
  private isBareError(method: string, path: string, status: number, body: unknown): boolean {
    const op = this.validator.operation(method, path);
    return BARE_ERRORS.some(
      (e) =>
        e.method === method &&
        e.path === op?.template &&
        e.status === status &&
        isDeepStrictEqual(example(e.file), body),
    );
  }

  /** A test emulator whose every `call` is validated. */
  async start(options: Parameters<typeof startTestEmulator>[0] = {}): Promise<TestEmulator> {
    const emulator = await startTestEmulator(options);
    emulator.observe((method, path, result) =>
      this.record(method, path, result.status, result.status === 204 ? "" : result.body),
    );
    return emulator;
  }

  /** Validates what an SDK call resolved to, as the response of `method path` with `status`. */
  async sdk<T>(method: string, path: string, status: number, call: Promise<T>): Promise<T> {
    const body = await call;
    this.record(method, path, status, status === 204 ? "" : body);
    return body;
  }

  /** Fails with every response seen so far that does not match the vendor schema (and forgets them). */
  assertNoProblems(): void {
    const found = this.problems.splice(0);
    assert.deepEqual(found, [], `responses that do not match the vendor schema:\n${found.join("\n")}`);
  }

  assertCovered(expected: string[]): void {
    assert.deepEqual(
      expected.filter((e) => !this.covered.has(e)),
      [],
      "operations without a validated 2xx response",
    );
  }
}

export type StartChecked = (options?: Parameters<typeof startTestEmulator>[0]) => Promise<TestEmulator>;

/**
 * For the enclosing `describe`: a `start` for checked emulators (any number per test); after each test they
 * are closed and every response they sent must have matched the vendor schema.
 */
export function useCheckedEmulators(check: ContractCheck): StartChecked {
  const started: TestEmulator[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((e) => e.close()));
    check.assertNoProblems();
  });
  return async (options = {}) => {
    const emulator = await check.start(options);
    started.push(emulator);
    return emulator;
  };
}

export interface CheckedEnv {
  emu: TestEmulator;
  client: SdkClient;
}

/** For the enclosing `describe`: before each test a checked emulator and an SDK client pointed at it. */
export function useCheckedEmulator(
  check: ContractCheck,
  options: Parameters<typeof startTestEmulator>[0] = {},
): CheckedEnv {
  const start = useCheckedEmulators(check);
  const env = {} as CheckedEnv;
  beforeEach(async () => {
    env.emu = await start(options);
    env.client = sdk(env.emu.url);
  });
  return env;
}
