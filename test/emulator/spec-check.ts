// Validates every /v1 response a test emulator sends against openapi.json (2xx against the operation's
// response schema, errors against the documented Error shape plus the fields the official SDK reads), so
// each contract test file proves its responses as it goes.
import * as assert from "node:assert/strict";
import { OpenApiValidator } from "./openapi-validator";
import { startTestEmulator, type TestEmulator } from "./support";

let shared: OpenApiValidator | undefined;

/** One validator per test process: compiling the document is the slow part. */
export function specValidator(): OpenApiValidator {
  shared ??= new OpenApiValidator();
  return shared;
}

export class SpecCheck {
  /** "METHOD /template status" of every validated 2xx response. */
  readonly validated = new Set<string>();
  private readonly problems: string[] = [];

  watch(emulator: TestEmulator): TestEmulator {
    const validator = specValidator();
    emulator.observe((method, path, result) => {
      if (!path.startsWith("/v1")) return;
      const body = result.status === 204 ? "" : result.body;
      const errors = validator.validate(method, path, result.status, body);
      this.problems.push(...errors.map((e) => `${method} ${path} -> ${result.status}: ${e}`));
      const op = validator.operation(method, path);
      if (op && result.status < 300) this.validated.add(`${method} ${op.template} ${result.status}`);
    });
    return emulator;
  }

  /** Starts a test emulator whose responses are all checked. */
  async start(options: Parameters<typeof startTestEmulator>[0] = {}): Promise<TestEmulator> {
    return this.watch(await startTestEmulator(options));
  }

  /** Fails with every mismatch seen since the last call (call it in afterEach). */
  assertClean(): void {
    const found = this.problems.splice(0);
    assert.deepEqual(found, [], `responses that do not match the vendor schema:\n${found.join("\n")}`);
  }
}
