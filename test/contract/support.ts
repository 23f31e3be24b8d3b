// The contract tier's one door to the provider: the dynamic provider's adapter functions, exactly what the engine
// calls (through provider/shim.ts), and a small stand-in for the engine that calls them in the engine's order.
// Moving the adapter is a change to the import below and nothing else.
//
// The stand-in mirrors what the engine and the Node SDK's dynamic-provider host
// (`@pulumi/pulumi/cmd/dynamic-provider`) do between calls, and nothing more:
// - the program registers its arguments with inline codes as one string (deflated when secret), the hidden
//   `__resourceName`/`__stack` inputs and `__provider` (provider/resource.ts);
// - `check(olds = recorded inputs, news)` before every diff, create and update; its failures stop the operation;
// - `diff(id, olds = recorded outputs, news = checked inputs)`; on a replacement the engine checks again with no
//   olds (the replacement's name), then creates the new campaign and deletes the old one at the end of the `up`,
//   or deletes first when the diff says deleteBeforeReplace;
// - results cross the protocol as plain JSON, with `__provider` added by the host;
// - an error carrying `id` and `properties` (a partial failure) is recorded as the resource's state, and the next
//   `up` calls update from it even when the diff finds no change;
// - refresh calls `read(id, recorded outputs)`: an empty id drops the resource, returned inputs replace the
//   recorded ones; it counts as an update when the provider's diff of the read outputs against the declared
//   inputs finds a change (the drift a following preview shows).
import * as assert from "node:assert/strict";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { EMULATOR_PROFILES, type EmulatorProfile } from "../../emulator";
import * as adapter from "../../provider/campaign/lifecycle";
import { runtimeFromConfig } from "../../provider/campaign/runtime";
import * as categoryAdapter from "../../provider/resources/category/lifecycle";
import * as stackAdapter from "../../provider/resources/promotion-stack/lifecycle";
import * as ruleAdapter from "../../provider/resources/validation-rule/lifecycle";
import { APP_ID, SECRET_KEY, startTestEmulator, type TestEmulator } from "../helpers/emulator";

export type Json = Record<string, unknown>;

/** The adapter functions, by the name of the engine call (`delete` is `remove` in the module). */
export const provider = {
  configure: adapter.configure,
  check: adapter.check,
  diff: adapter.diff,
  create: adapter.create,
  read: adapter.read,
  update: adapter.update,
  delete: adapter.remove,
};

type Adapter = Omit<typeof provider, "configure">;

const asAdapter = (a: typeof ruleAdapter): Adapter => ({
  check: a.check,
  diff: a.diff,
  create: a.create,
  read: a.read,
  update: a.update,
  delete: a.remove,
});

/** Every kind's adapter functions, by the kind's name in the schema (they share `configure`'s settings). */
export const adapters = {
  Campaign: provider as Adapter,
  ValidationRule: asAdapter(ruleAdapter),
  Category: asAdapter(categoryAdapter),
  PromotionStack: asAdapter(stackAdapter),
};
export type KindName = keyof typeof adapters;

/** What every Campaign carries as `__provider` (the provider ignores its text). */
export const PROVIDER_TEXT = "exports.handler = function () { /* contract tests */ };";
export const STACK = "voucherify-contract/test";
const DEFLATED = "deflate:";

/** Inline codes as the program sends them: JSON text, deflated unless `vouchersSecret: false` or empty. */
export function encodeCodes(list: unknown, secret = true): unknown {
  if (!Array.isArray(list)) return list;
  const text = JSON.stringify(list);
  return secret && list.length > 0 ? DEFLATED + deflateRawSync(text).toString("base64") : text;
}

/** The codes of recorded state as a list (the inverse of encodeCodes). */
export function decodeCodes(value: unknown): Json[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value as Json[];
  const text = String(value).startsWith(DEFLATED)
    ? inflateRawSync(Buffer.from(String(value).slice(DEFLATED.length), "base64")).toString("utf8")
    : String(value);
  return JSON.parse(text) as Json[];
}

/** The inputs the program registers for `new Campaign(name, args)`. */
export function registration(name: string, args: Json): Json {
  const props: Json = { ...args, __resourceName: name, __stack: STACK, __provider: PROVIDER_TEXT };
  if (args.vouchers !== undefined) props.vouchers = encodeCodes(args.vouchers, args.vouchersSecret !== false);
  return props;
}

/** Inputs as check hands them to create/update (olds: the recorded inputs or outputs of an earlier step). */
export async function checked(raw: Json, olds?: Json, name = "campaign"): Promise<Json> {
  const result = await provider.check(olds, registration(name, raw));
  assert.deepEqual(result.failures, [], JSON.stringify(result.failures));
  return { ...result.inputs, __provider: PROVIDER_TEXT };
}

/**
 * A request log with each run of the same line collapsed to one: readiness reads, and writes repeated while strict
 * readiness answers 400, come in numbers that depend on timing and the profile.
 */
export function collapsed(log: string[]): string[] {
  return log.filter((l, i) => l !== log[i - 1]);
}

/** The codes a campaign holds, sorted, once the emulator is idle. */
export async function codesOf(emulator: TestEmulator, campaignId: string): Promise<string[]> {
  await emulator.settle();
  const codes: string[] = [];
  for (let page = 1; ; page++) {
    const { body } = await emulator.api<{ vouchers: { code: string }[] }>(
      "GET",
      `/v1/vouchers?campaign_id=${campaignId}&limit=100&page=${page}`,
    );
    codes.push(...body.vouchers.map((v) => v.code));
    if (body.vouchers.length < 100) return codes.sort();
  }
}

/** What crosses the engine protocol: plain JSON (the host's Struct conversion). */
function wire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Check failures, as the engine reports them: one "property: reason" line each. */
export class CheckFailedError extends Error {
  constructor(readonly failures: { property: string; reason: string }[]) {
    super(failures.map((f) => `${f.property}: ${f.reason}`).join("\n"));
  }
}

interface PartialFailure {
  id: string;
  properties: Json;
  reasons?: string[];
}

function isPartialFailure(e: unknown): e is PartialFailure {
  const r = e as Partial<PartialFailure> | undefined;
  return typeof r?.id === "string" && r.id !== "" && typeof r.properties === "object";
}

export interface Recorded {
  id: string;
  /** Checked inputs, as the engine stores them. */
  inputs: Json;
  /** Outputs, as the engine stores them (with `__provider`). */
  outs: Json;
  /** Set after a partial failure (ErrorResourceInitFailed): the next `up` updates. */
  initErrors?: string[];
}

export interface Changes {
  create: number;
  update: number;
  replace: number;
  delete: number;
  same: number;
}

const noChanges = (): Changes => ({ create: 0, update: 0, replace: 0, delete: 0, same: 0 });

function changed(c: Changes): boolean {
  return c.create + c.update + c.replace + c.delete > 0;
}

/**
 * A resource's declared arguments, or a function of the stack that gives them once the resources declared before
 * it exist (a reference by output: `(s) => ({ validationRules: [s.id("rule")] })`).
 */
export type Declared = Json | ((stack: ContractStack) => Json);

/**
 * One stack of resources (Campaigns unless `kinds` names another kind), driven through the adapter functions the
 * way the engine drives them: created in declaration order (references point backwards), destroyed in reverse.
 */
export class ContractStack {
  readonly state = new Map<string, Recorded>();

  constructor(
    public spec: Record<string, Declared> = {},
    readonly kinds: Record<string, KindName> = {},
  ) {}

  /** The adapter functions of a resource's kind. */
  private provider(name: string): Adapter {
    return adapters[this.kinds[name] ?? "Campaign"];
  }

  /** The recorded ID of a resource (for references by output). */
  id(name: string): string {
    return this.recorded(name).id;
  }

  private declared(name: string): Json {
    const spec = this.spec[name] as Declared;
    return typeof spec === "function" ? spec(this) : spec;
  }

  private async check(name: string, olds: Json | undefined): Promise<Json> {
    const provider = this.provider(name);
    const result = await provider.check(olds, wire(registration(name, this.declared(name))));
    if (result.failures.length > 0) throw new CheckFailedError(result.failures);
    return wire({ ...result.inputs, __provider: PROVIDER_TEXT });
  }

  private async create(name: string, inputs: Json): Promise<void> {
    try {
      const result = wire(await this.provider(name).create(inputs));
      this.state.set(name, { id: result.id, inputs, outs: { ...result.outs, __provider: PROVIDER_TEXT } });
    } catch (e) {
      this.recordFailure(name, inputs, e);
      throw e;
    }
  }

  private recordFailure(name: string, inputs: Json, e: unknown): void {
    if (!isPartialFailure(e)) return;
    this.state.set(name, {
      id: e.id,
      inputs,
      outs: wire(e.properties),
      initErrors: e.reasons ?? [String(e)],
    });
  }

  private async remove(name: string, recorded: Recorded): Promise<void> {
    await this.provider(name).delete(recorded.id, wire(recorded.outs));
  }

  /** `pulumi preview`: check and diff only. Throws on check failures; with expectNoChanges, on any change. */
  async preview(opts: { expectNoChanges?: boolean } = {}): Promise<Changes> {
    const changes = noChanges();
    for (const name of Object.keys(this.spec)) {
      const recorded = this.state.get(name);
      const inputs = await this.check(name, recorded?.inputs);
      if (recorded === undefined) {
        changes.create++;
        continue;
      }
      const diff = await this.provider(name).diff(recorded.id, wire(recorded.outs), inputs);
      if (diff.replaces.length > 0) {
        await this.check(name, undefined);
        changes.replace++;
      } else if (diff.changes || recorded.initErrors) changes.update++;
      else changes.same++;
    }
    for (const name of this.state.keys()) if (!(name in this.spec)) changes.delete++;
    if (opts.expectNoChanges && changed(changes)) {
      throw new Error(`expected no changes, the preview plans ${JSON.stringify(changes)}`);
    }
    return changes;
  }

  /** `pulumi up`: resources in declaration order, replaced and removed ones deleted at the end. */
  async up(): Promise<Changes> {
    const changes = noChanges();
    const deletes: [string, Recorded][] = [];
    for (const name of Object.keys(this.spec)) {
      const recorded = this.state.get(name);
      if (recorded === undefined) {
        await this.create(name, await this.check(name, undefined));
        changes.create++;
        continue;
      }
      const inputs = await this.check(name, recorded.inputs);
      const provider = this.provider(name);
      const diff = await provider.diff(recorded.id, wire(recorded.outs), inputs);
      if (diff.replaces.length > 0) {
        const fresh = await this.check(name, undefined);
        if (diff.deleteBeforeReplace) {
          await this.remove(name, recorded);
          this.state.delete(name);
        } else deletes.push([name, recorded]);
        await this.create(name, fresh);
        changes.replace++;
      } else if (diff.changes || recorded.initErrors) {
        try {
          const result = wire(await provider.update(recorded.id, wire(recorded.outs), inputs));
          this.state.set(name, {
            id: recorded.id,
            inputs,
            outs: { ...result.outs, __provider: PROVIDER_TEXT },
          });
        } catch (e) {
          this.recordFailure(name, inputs, e);
          throw e;
        }
        changes.update++;
      } else {
        this.state.set(name, { ...recorded, inputs });
        changes.same++;
      }
    }
    for (const [name, recorded] of this.state) {
      if (!(name in this.spec)) deletes.push([name, recorded]);
    }
    for (const [name, recorded] of deletes) {
      await this.remove(name, recorded);
      if (this.state.get(name) === recorded) this.state.delete(name);
      changes.delete += name in this.spec ? 0 : 1;
    }
    return changes;
  }

  /**
   * `pulumi refresh`: read each resource; an empty id drops it. `parallelism`: how many reads are in flight at
   * once, the next one starting as soon as one is done, as the engine reads (its default is 8 on 2 cores); 1 by
   * default, one read at a time.
   */
  async refresh(opts: { parallelism?: number } = {}): Promise<Changes> {
    const changes = noChanges();
    const entries = [...this.state];
    let next = 0;
    const worker = async () => {
      while (next < entries.length) {
        const [name, recorded] = entries[next++] as [string, Recorded];
        const provider = this.provider(name);
        const result = wire(await provider.read(recorded.id, wire(recorded.outs)));
        if (!result.id || result.props === undefined) {
          this.state.delete(name);
          changes.delete++;
          continue;
        }
        const outs = { ...result.props, __provider: PROVIDER_TEXT };
        const inputs = result.inputs ? { ...result.inputs, __provider: PROVIDER_TEXT } : recorded.inputs;
        // Drift is what the provider's diff finds between the campaign as read and the inputs the program declared.
        const drift = await provider.diff(result.id, wire(outs), recorded.inputs);
        if (drift.changes) changes.update++;
        else changes.same++;
        this.state.set(name, { ...recorded, id: result.id, outs, inputs });
      }
    };
    await Promise.all(Array.from({ length: opts.parallelism ?? 1 }, worker));
    return changes;
  }

  /** `pulumi destroy`: dependents first (the reverse of creation, as the engine orders by references). */
  async destroy(): Promise<void> {
    for (const [name, recorded] of [...this.state].reverse()) {
      await this.remove(name, recorded);
      this.state.delete(name);
    }
  }

  /** The recorded output `field` of a resource (inline codes decoded). */
  output(name: string, field: string): unknown {
    const outs = this.recorded(name).outs;
    return field === "vouchers" ? decodeCodes(outs.vouchers) : outs[field];
  }

  recorded(name: string): Recorded {
    const recorded = this.state.get(name);
    assert.ok(recorded, `no state for ${name}`);
    return recorded;
  }
}

/**
 * Runs `fn` with the provider's clock `ms` ahead of the real one (the adapter's test hook; the emulator is the
 * same), for rules that depend on how old a campaign is.
 */
export async function withClockAhead<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const base = runtimeFromConfig();
  adapter.setRuntimeForTests(() => ({
    ...base,
    clock: { now: () => Date.now() + ms, sleep: base.clock.sleep },
  }));
  try {
    return await fn();
  } finally {
    adapter.setRuntimeForTests(undefined);
  }
}

/** The rejection of `p` (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  return assert.fail("expected a rejection");
}

export interface ProfileContext {
  profile: EmulatorProfile;
  /** The emulator of the current test (fresh for each `it`). */
  emulator: TestEmulator;
  /** The provider's progress lines of the current test (what the engine would show as diagnostics). */
  logs: string[];
  /** Replaces the test's emulator by one of the same profile with `options` on top, and configures for it. */
  restart(options: Parameters<typeof startTestEmulator>[0]): Promise<TestEmulator>;
}

/** The connection settings the engine would hand `configure` for a stack pointed at `emulator`. */
export async function configureFor(emulator: TestEmulator): Promise<void> {
  const settings: Record<string, string> = {
    "voucherify:apiUrl": emulator.url,
    "voucherify:applicationId": APP_ID,
    "voucherify:secretKey": SECRET_KEY,
    // Backoff waits scaled down (polling starts at 10 ms): the emulator's async work takes 20 ms, and with no
    // process boundary in between, a smaller unit would poll faster than any real client.
    "voucherify:timeUnitMs": "40",
  };
  await provider.configure({ config: { get: (key) => settings[key] } });
}

const PROGRESS_PREFIX = "voucherify: ";

/** Collects the provider's progress lines (it writes them to stderr) instead of printing them. */
function captureProgress(into: string[]): () => void {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = String(chunk);
    if (!text.startsWith(PROGRESS_PREFIX)) return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    into.push(...text.trimEnd().split("\n"));
    return true;
  }) as typeof process.stderr.write;
  return () => {
    process.stderr.write = write;
  };
}

/**
 * Declares `define` once per emulator profile (default, pessimistic), each test against a fresh emulator of that
 * profile (plus `options`), configured as the provider's stack settings.
 */
export function forEachProfile(
  title: string,
  define: (ctx: ProfileContext) => void,
  options: Parameters<typeof startTestEmulator>[0] = {},
): void {
  for (const profile of EMULATOR_PROFILES) {
    describe(`${title} [${profile}]`, function () {
      this.timeout(60_000);
      let release = () => {};
      const ctx: ProfileContext = {
        profile,
        emulator: undefined as unknown as TestEmulator,
        logs: [],
        restart: async (extra) => {
          await ctx.emulator.close();
          ctx.emulator = await startTestEmulator({ ...options, ...extra }, profile);
          await configureFor(ctx.emulator);
          return ctx.emulator;
        },
      };
      beforeEach(async () => {
        ctx.logs = [];
        release = captureProgress(ctx.logs);
        ctx.emulator = await startTestEmulator(options, profile);
        await configureFor(ctx.emulator);
      });
      afterEach(async () => {
        release();
        await ctx.emulator.close();
      });
      define(ctx);
    });
  }
}
