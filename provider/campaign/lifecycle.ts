/**
 * The Campaign resource's provider methods: configure, check, diff, create, read, update, delete.
 *
 * This module is NOT serialized into the stack: `provider/shim.ts` (which is) requires it lazily from the
 * installed package, so the connection settings `configure` receives live in a module variable here, in the
 * provider process only.
 *
 * Facts about the Node SDK's dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`, 3.276) this relies on:
 * - `configure(req)` runs once per provider process; `req.config.get("voucherify:secretKey")` returns the
 *   decrypted value of a secret stack setting.
 * - An error thrown by create/update with `id`, `properties` and `reasons` becomes ErrorResourceInitFailed:
 *   the engine records the resource with those properties as outputs and shows ONLY the `reasons` to the user;
 *   the next `up` calls update (even when diff finds no change). The host does not add `__provider` to those
 *   properties, so we do, or a later refresh/destroy could not load the provider.
 * - Results go through `Struct.fromJavaScript`, which throws on `undefined` anywhere, so every result is
 *   converted to plain JSON first (after a create that would otherwise orphan the campaign).
 * - Read returning an empty id means "gone"; on replace, the engine calls check again with no olds, so the
 *   autoname is regenerated for the replacement.
 */
import { randomBytes } from "node:crypto";
import { isDone, type WaitOptions, waitForAsyncAction, waitForCampaignReady } from "../client/async-actions";
import {
  createCampaign,
  deleteCampaign,
  disableCampaign,
  enableCampaign,
  findCampaignByName,
  getCampaign,
  updateCampaign,
} from "../client/campaigns";
import { type Clock, realClock } from "../client/clock";
import {
  hasErrorKind,
  isNetworkError,
  isNotFound,
  isTimeoutError,
  isVoucherifyApiError,
} from "../client/errors";
import { createHttpClient, type RetryEvent, type VoucherifyHttp } from "../client/http";
import { listAllCampaignVouchers } from "../client/vouchers";
import { checkVoucherCodeInputs } from "../codes/check";
import { withDecodedVouchers, withEncodedVouchers } from "../codes/encoding";
import { type CodeSyncContext, syncVoucherCodes } from "../codes/sync";
import { compareWithListed, formatCodeFailures } from "../codes/verify";
import { type ConfigSource, type Env, resolveConnection, snapshotConfig } from "../config";
import { logProgress } from "../log";
import { type CampaignInputs, campaignInputSchema } from "../schema/campaign";
import type { CheckFailure } from "../schema/issues";
import { isUnknown } from "../schema/unknowns";
import { VOUCHER_CODE_FIELDS, type VoucherItem } from "../schema/vouchers";
import type { ApiCampaign } from "../schema/wire";
import { diffCampaign } from "./diff";
import { checkCampaignInputs, fromApiCampaign, toCreateBody, toUpdateBody } from "./mapping";
import { COMPUTED_OUTPUT_KEYS, computedOutputs } from "./outputs";

// ---------------------------------------------------------------------------------------------------------
// Hidden inputs and state helpers

/** Set by the Campaign class: the Pulumi resource name, used for autonaming. Never sent to the API. */
export const RESOURCE_NAME_KEY = "__resourceName";
/** Set by check when `name` was generated (or carried over); a replacement then creates before deleting. */
export const AUTONAMED_KEY = "__autonamed";
const PROVIDER_KEY = "__provider";

type Props = Record<string, unknown>;

function isRecord(v: unknown): v is Props {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Drops `__`-prefixed keys (the engine's `__provider` and our hidden inputs). */
export function withoutHidden(props: Props | undefined): Props {
  const out: Props = {};
  if (!props) return out;
  for (const [k, v] of Object.entries(props)) if (!k.startsWith("__")) out[k] = v;
  return out;
}

function omit(props: Props, keys: readonly string[]): Props {
  const out: Props = { ...props };
  for (const k of keys) delete out[k];
  return out;
}

function pick(props: Props, keys: readonly string[]): Props {
  const out: Props = {};
  for (const k of keys) if (props[k] !== undefined) out[k] = props[k];
  return out;
}

/** Plain JSON: drops `undefined` everywhere (the host's Struct.fromJavaScript throws on it). */
export function toPlain(value: Props): Props {
  return JSON.parse(JSON.stringify(value)) as Props;
}

const AUTONAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export function randomSuffix(length = 7): string {
  const bytes = randomBytes(length);
  let s = "";
  for (let i = 0; i < length; i++) s += AUTONAME_ALPHABET[(bytes[i] as number) % AUTONAME_ALPHABET.length];
  return s;
}

/** Checked inputs → typed inputs. Check already validated them, so a failure here is a provider bug. */
function parseInputs(raw: Props): CampaignInputs {
  const parsed = campaignInputSchema().safeParse(withoutHidden(raw));
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    throw new Error(`Campaign inputs failed validation after check: ${where}`);
  }
  return parsed.data;
}

/**
 * Previous outputs → the input shape (lenient: old state written by an earlier provider version must stay
 * usable, so a state that no longer parses is used as it is).
 */
function previousInputs(props: Props): CampaignInputs {
  const candidate = omit(withoutHidden(props), COMPUTED_OUTPUT_KEYS);
  const parsed = campaignInputSchema().safeParse(candidate);
  return (parsed.success ? parsed.data : candidate) as CampaignInputs;
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// ---------------------------------------------------------------------------------------------------------
// Errors

/**
 * The campaign exists but a later step failed. Carries what the Node SDK needs to record a created-but-failed
 * resource (`id`, `properties`, `reasons`), so the next `pulumi up` continues from the recorded state.
 */
export class CampaignPartialFailureError extends Error {
  readonly voucherifyErrorKind = "partial-failure" as const;
  readonly id: string;
  readonly properties: Props;
  readonly reasons: string[];

  constructor(id: string, properties: Props, message: string) {
    super(message);
    this.name = "CampaignPartialFailureError";
    this.id = id;
    this.properties = toPlain(properties);
    this.reasons = [message];
  }
}

export function isCampaignPartialFailureError(e: unknown): e is CampaignPartialFailureError {
  return hasErrorKind(e, "partial-failure");
}

/** A campaign of that name exists and `adopt` is not set. */
export class CampaignNameTakenError extends Error {
  readonly voucherifyErrorKind = "name-taken" as const;
  readonly campaignName: string;

  constructor(name: string, cause: unknown) {
    super(
      `A Voucherify campaign named "${name}" already exists (409 duplicate_found). Campaign names are unique: ` +
        "set `adopt: true` on this Campaign to take the existing campaign over (it is then updated to match the " +
        `program), or choose another name. (${describeError(cause)})`,
    );
    this.name = "CampaignNameTakenError";
    this.campaignName = name;
  }
}

export function isCampaignNameTakenError(e: unknown): e is CampaignNameTakenError {
  return hasErrorKind(e, "name-taken");
}

// ---------------------------------------------------------------------------------------------------------
// Runtime: connection, clock, logging (injected in tests)

export interface Runtime {
  http: VoucherifyHttp;
  clock: Clock;
  log: (message: string) => void;
  asyncTimeoutMs: number;
  /** Backoff scale for async polling (1000 = real seconds). */
  timeUnitMs: number;
  /** Replaceable for tests; defaults to the voucher-code module's syncVoucherCodes. */
  syncCodes?: typeof syncVoucherCodes;
}

let stackConfig: ConfigSource | undefined;
let runtimeOverride: (() => Runtime) | undefined;

/** Called by the shim's `configure`: keeps this provider's keys only (never written anywhere). */
export async function configure(req: { config: ConfigSource }): Promise<void> {
  stackConfig = snapshotConfig(req.config);
}

/** Tests: make every provider method use this runtime instead of one built from config and env. */
export function setRuntimeForTests(factory: (() => Runtime) | undefined): void {
  runtimeOverride = factory;
}

/** Tests: forget what configure stored. */
export function resetConfigForTests(): void {
  stackConfig = undefined;
}

function retryMessage(e: RetryEvent): string {
  return `retrying ${e.method} ${e.path} in ${Math.round(e.delayMs)} ms (attempt ${e.attempt} failed: ${e.reason})`;
}

/** Builds the runtime from the configured stack settings and the environment. Throws on missing credentials. */
export function runtimeFromConfig(env: Env = process.env): Runtime {
  if (runtimeOverride) return runtimeOverride();
  const settings = resolveConnection(stackConfig, env);
  const clock = realClock();
  const http = createHttpClient(settings, { clock, onRetry: (e) => logProgress(retryMessage(e)) });
  return {
    http,
    clock,
    log: logProgress,
    asyncTimeoutMs: settings.asyncTimeoutMs,
    timeUnitMs: settings.timeUnitMs === undefined ? 1000 : settings.timeUnitMs,
  };
}

function waitOptions(rt: Runtime, onProgress?: WaitOptions["onProgress"]): WaitOptions {
  const scale = rt.timeUnitMs / 1000;
  return {
    timeoutMs: rt.asyncTimeoutMs,
    clock: rt.clock,
    onProgress,
    initialDelayMs: Math.max(1, Math.round(250 * scale)),
    maxDelayMs: Math.max(1, Math.round(5000 * scale)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// check and diff: offline, no credentials needed

export interface CheckOutcome {
  inputs: Props;
  failures: CheckFailure[];
}

export async function check(encodedOlds: Props | undefined, encodedNews: Props): Promise<CheckOutcome> {
  const olds = withDecodedVouchers(encodedOlds);
  const news = withDecodedVouchers(encodedNews);
  const previous = isRecord(olds) ? olds : {};
  const raw = withoutHidden(news);
  let autonamed = false;
  if (raw.name === undefined || raw.name === null) {
    autonamed = true;
    if (typeof previous.name === "string" && previous.name !== "" && !isUnknown(previous.name)) {
      raw.name = previous.name;
    } else {
      const base =
        typeof news[RESOURCE_NAME_KEY] === "string" ? (news[RESOURCE_NAME_KEY] as string) : "campaign";
      raw.name = `${base}-${randomSuffix()}`;
    }
  }
  const campaign = checkCampaignInputs(raw);
  // Code rules that compare with the previous state (vouchersCount cannot shrink, a voucher's redemption quantity
  // cannot change) concern the campaign being updated; when another change replaces the campaign, the new one
  // starts from nothing, exactly like a create.
  const replacing =
    isRecord(olds) && diffCampaign(withoutHidden(previous), campaign.inputs).replaces.length > 0;
  const codes = checkVoucherCodeInputs(replacing ? undefined : withoutHidden(previous), campaign.inputs);
  const seen = new Set<string>();
  const failures: CheckFailure[] = [];
  for (const f of [...campaign.failures, ...codes.failures]) {
    const key = `${f.property}\u0000${f.reason}`;
    if (!seen.has(key)) {
      seen.add(key);
      failures.push({ property: f.property, reason: f.reason });
    }
  }
  const inputs: Props = { ...codes.inputs };
  if (autonamed) inputs[AUTONAMED_KEY] = true;
  return { inputs: withEncodedVouchers(toPlain(inputs)), failures };
}

export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
  stables: string[];
}

export async function diff(_id: string, olds: Props, news: Props): Promise<DiffOutcome> {
  const result = diffCampaign(
    withoutHidden(withDecodedVouchers(olds)),
    withoutHidden(withDecodedVouchers(news)),
  );
  // An autonamed replacement gets a fresh name (the engine re-runs check without olds), so it can be created
  // before the old campaign is deleted.
  const deleteBeforeReplace = news[AUTONAMED_KEY] === true ? false : result.deleteBeforeReplace;
  return {
    changes: result.changes,
    replaces: result.replaces,
    deleteBeforeReplace,
    stables: result.stables,
  };
}

// ---------------------------------------------------------------------------------------------------------
// create

/** After a 5xx, a network error or a timeout, a POST may have created the campaign anyway. */
function mayHaveReachedServer(e: unknown): boolean {
  if (isNetworkError(e) || isTimeoutError(e)) return true;
  return isVoucherifyApiError(e) && e.status >= 500;
}

function codeContext(rt: Runtime, campaignId: string, campaignType: string, fresh: boolean): CodeSyncContext {
  const w = waitOptions(rt);
  return {
    http: rt.http,
    clock: rt.clock,
    campaignId,
    campaignType,
    log: rt.log,
    asyncTimeoutMs: rt.asyncTimeoutMs,
    freshCampaign: fresh,
    wait: { initialDelayMs: w.initialDelayMs, maxDelayMs: w.maxDelayMs },
  };
}

/** Checked inputs without the code-state fields (which come from the code sync), but with `vouchersSecret`. */
function withoutCodeState(inputs: Props): Props {
  return { ...omit(inputs, VOUCHER_CODE_FIELDS), ...pick(inputs, ["vouchersSecret"]) };
}

/** Code-state fields of the inputs that are known to be applied before any code sync ran on create. */
function codeStateBeforeSync(inputs: Props): Props {
  const out = omit(inputs, VOUCHER_CODE_FIELDS);
  // Generated codes come with the create body; the other sources are imported afterwards.
  for (const k of ["vouchersCount", "verifyVouchersOnRefresh", "vouchersSecret"]) {
    if (inputs[k] !== undefined) out[k] = inputs[k];
  }
  return out;
}

/** `totalVouchers` as last read, plus the codes a sync added or removed since (saves a GET after every import). */
function withCodeDelta(computed: Props, delta: number): Props {
  const total = computed.totalVouchers;
  return typeof total === "number" && delta !== 0 ? { ...computed, totalVouchers: total + delta } : computed;
}

export async function createCampaignResource(rt: Runtime, raw: Props): Promise<{ id: string; outs: Props }> {
  const inputs = parseInputs(raw);
  const name = inputs.name;
  if (typeof name !== "string" || name === "") {
    throw new Error("Campaign name is missing after check (a provider bug): set `name` explicitly");
  }
  const hidden: Props = {};
  if (raw[AUTONAMED_KEY] === true) hidden[AUTONAMED_KEY] = true;
  const providerField: Props = raw[PROVIDER_KEY] === undefined ? {} : { [PROVIDER_KEY]: raw[PROVIDER_KEY] };
  const checked: Props = { ...withoutHidden(raw), ...hidden };

  let api: ApiCampaign | undefined;
  let adopted = false;
  if (inputs.adopt === true) {
    api = await findCampaignByName(rt.http, name);
    if (api) {
      adopted = true;
      rt.log(`adopting existing campaign "${name}" (${api.id})`);
    }
  }
  if (!api) {
    rt.log(`creating campaign "${name}"`);
    try {
      api = await createCampaign(rt.http, toCreateBody(inputs, name));
    } catch (e) {
      if (isVoucherifyApiError(e) && e.status === 409) throw new CampaignNameTakenError(name, e);
      if (!mayHaveReachedServer(e)) throw e;
      rt.log(`create of "${name}" failed (${describeError(e)}); checking whether it was created anyway`);
      let found: ApiCampaign | undefined;
      try {
        found = await findCampaignByName(rt.http, name);
      } catch (lookupError) {
        throw new Error(
          `${describeError(e)}; and looking the campaign "${name}" up afterwards failed too ` +
            `(${describeError(lookupError)}), so it may or may not exist now`,
        );
      }
      if (!found) throw e;
      rt.log(`campaign "${name}" exists (${found.id}); continuing with it`);
      api = found;
    }
  }

  const id = api.id;
  if (typeof id !== "string" || id === "")
    throw new Error(`Voucherify returned no id for campaign "${name}"`);

  // From here on the campaign exists: any failure must be reported with its id and the state applied so far.
  let current: ApiCampaign = api;
  let codeOutputs: Props | undefined;
  let codeDelta = 0;
  const stateSoFar = (): Props => {
    const mapped = fromApiCampaign(current, inputs) as Props;
    const base = codeOutputs === undefined ? codeStateBeforeSync(checked) : withoutCodeState(checked);
    return {
      ...base,
      ...omit(mapped, VOUCHER_CODE_FIELDS),
      ...hidden,
      ...withCodeDelta(computedOutputs(current) as Props, codeDelta),
      ...(codeOutputs === undefined ? {} : codeOutputs),
      ...providerField,
    };
  };
  let adoptedDrift: Props = {};
  let step = "waiting for the campaign to be ready";
  try {
    if (!isDone(current.creation_status) || !isDone(current.vouchers_generation_status)) {
      rt.log(`waiting for campaign "${name}" (${id}) to finish generating`);
      current = await waitForCampaignReady(rt.http, id, waitOptions(rt));
    }
    if (adopted) {
      step = "updating the adopted campaign";
      const existing = fromApiCampaign(current, inputs);
      const fixed = diffCampaign(existing as unknown as Props, checked).replaces;
      if (fixed.length > 0) {
        rt.log(
          `adopted campaign "${name}" differs in fields that cannot be updated in place (${fixed.join(", ")}); ` +
            "the next `pulumi up` will replace it",
        );
      }
      const body = toUpdateBody(existing, inputs);
      if (body !== undefined) current = await updateCampaign(rt.http, id, body);
      // Record what could not be changed as it really is, so the next preview shows the replacement.
      const topLevel = Array.from(new Set(fixed.map((path) => path.split(".")[0] as string)));
      adoptedDrift = pick(fromApiCampaign(current, inputs) as unknown as Props, topLevel);
    }
    const wantActive = inputs.active !== false;
    const isActive = current.active !== false;
    if (wantActive !== isActive) {
      step = wantActive ? "enabling the campaign" : "disabling the campaign";
      if (wantActive) await enableCampaign(rt.http, id);
      else await disableCampaign(rt.http, id);
      current = { ...current, active: wantActive };
    }
    step = "importing voucher codes";
    const sync = rt.syncCodes || syncVoucherCodes;
    const result = await sync(codeContext(rt, id, inputs.campaignType, !adopted), undefined, checked);
    codeOutputs = result.outputs;
    codeDelta = result.countDelta;
    if (result.failures.length > 0) throw new Error(formatCodeFailures(result.failures));
  } catch (e) {
    throw new CampaignPartialFailureError(
      id,
      stateSoFar(),
      `Campaign "${name}" (${id}) was created, but ${step} failed: ${describeError(e)}. The campaign is ` +
        "recorded in the stack; fix the cause and run `pulumi up` again to finish.",
    );
  }
  rt.log(`campaign "${name}" (${id}) is ready`);
  const outs = {
    ...withoutCodeState(checked),
    ...adoptedDrift,
    ...withCodeDelta(computedOutputs(current) as Props, codeDelta),
    ...(codeOutputs || {}),
  };
  return { id, outs: toPlain(outs) };
}

// ---------------------------------------------------------------------------------------------------------
// read

export async function readCampaignResource(
  rt: Runtime,
  id: string,
  props: Props | undefined,
): Promise<{ id: string; props?: Props; inputs?: Props }> {
  const previousProps = isRecord(props) ? props : {};
  let api: ApiCampaign;
  try {
    api = await getCampaign(rt.http, id);
  } catch (e) {
    if (isNotFound(e)) {
      rt.log(`campaign ${id} no longer exists; removing it from the stack`);
      return { id: "" };
    }
    throw e;
  }
  const previous = previousInputs(previousProps);
  const mapped = omit(fromApiCampaign(api, previous) as Props, VOUCHER_CODE_FIELDS);
  const stored = omit(withoutHidden(previousProps), COMPUTED_OUTPUT_KEYS);
  const hidden = pick(previousProps, [AUTONAMED_KEY]);
  const inputs: Props = { ...stored, ...mapped, ...hidden };
  if (previousProps.verifyVouchersOnRefresh === true && Array.isArray(previousProps.vouchers)) {
    // Opt-in: one request per 100 codes. Declared codes deleted outside the program are dropped from the
    // state, so the next `up` imports them again; changed attributes are reported.
    const declared = previousProps.vouchers as VoucherItem[];
    const listed = await listAllCampaignVouchers(rt.http, id);
    const drift = compareWithListed(declared, listed);
    if (drift.missing.length > 0) {
      const missing = new Set(drift.missing);
      inputs.vouchers = declared.filter((v) => !missing.has(v.code));
      rt.log(
        `campaign ${id}: ${drift.missing.length} declared code(s) no longer exist: ${drift.missing.slice(0, 20).join(", ")}`,
      );
    }
    for (const c of drift.changed.slice(0, 20)) {
      rt.log(`campaign ${id}: code ${c.code} differs from the declaration in ${c.attributes.join(", ")}`);
    }
  }
  const outs: Props = { ...inputs, ...(computedOutputs(api) as Props) };
  return {
    id: typeof api.id === "string" && api.id !== "" ? api.id : id,
    props: toPlain(outs),
    inputs: toPlain(inputs),
  };
}

// ---------------------------------------------------------------------------------------------------------
// update

export async function updateCampaignResource(
  rt: Runtime,
  id: string,
  olds: Props,
  news: Props,
): Promise<{ outs: Props }> {
  const next = parseInputs(news);
  const prev = previousInputs(olds);
  const name = typeof next.name === "string" ? next.name : id;
  const providerField: Props = news[PROVIDER_KEY] === undefined ? {} : { [PROVIDER_KEY]: news[PROVIDER_KEY] };
  const checked: Props = { ...withoutHidden(news), ...pick(news, [AUTONAMED_KEY]) };
  let computed: Props = pick(olds, COMPUTED_OUTPUT_KEYS);

  const body = toUpdateBody(prev, next);
  if (body !== undefined) {
    rt.log(`updating campaign "${name}" (${id})`);
    // Nothing is applied if this fails: a plain error keeps the previous state.
    const api = await updateCampaign(rt.http, id, body);
    computed = { ...computed, ...(computedOutputs(api) as Props) };
  }

  const wasActive = prev.active !== false;
  const wantActive = next.active !== false;
  let active = wasActive;
  let codeOutputs: Props | undefined;
  const applied = (): Props => {
    const codeState = codeOutputs === undefined ? pick(olds, VOUCHER_CODE_FIELDS) : {};
    return {
      ...withoutCodeState(checked),
      ...codeState,
      active,
      ...computed,
      isActive: active,
      ...(codeOutputs || {}),
      ...providerField,
    };
  };
  let step = wantActive ? "enabling the campaign" : "disabling the campaign";
  try {
    if (wantActive !== wasActive) {
      if (wantActive) await enableCampaign(rt.http, id);
      else await disableCampaign(rt.http, id);
      active = wantActive;
      rt.log(`campaign "${name}" (${id}) ${wantActive ? "enabled" : "disabled"}`);
    }
    step = "reconciling voucher codes";
    const sync = rt.syncCodes || syncVoucherCodes;
    const result = await sync(codeContext(rt, id, next.campaignType, false), olds, checked);
    codeOutputs = result.outputs;
    computed = withCodeDelta(computed, result.countDelta);
    if (result.failures.length > 0) throw new Error(formatCodeFailures(result.failures));
  } catch (e) {
    throw new CampaignPartialFailureError(
      id,
      applied(),
      `Campaign "${name}" (${id}) was only partly updated: ${step} failed: ${describeError(e)}. ` +
        "The stack records what was applied; fix the cause and run `pulumi up` again.",
    );
  }
  const outs = { ...withoutCodeState(checked), ...computed, isActive: active, ...(codeOutputs || {}) };
  return { outs: toPlain(outs) };
}

// ---------------------------------------------------------------------------------------------------------
// delete

export async function deleteCampaignResource(
  rt: Runtime,
  id: string,
  props: Props | undefined,
): Promise<void> {
  const policy = isRecord(props) && props.deletePolicy === "bin" ? "bin" : "permanent";
  const force = policy === "permanent";
  let asyncActionId: string;
  try {
    const res = await deleteCampaign(rt.http, id, { force });
    asyncActionId = res.async_action_id;
  } catch (e) {
    if (isNotFound(e)) {
      rt.log(`campaign ${id} was already deleted`);
      return;
    }
    throw e;
  }
  rt.log(`deleting campaign ${id} (${force ? "permanently" : "to the bin"})`);
  await waitForAsyncAction(rt.http, asyncActionId, waitOptions(rt));
}

// ---------------------------------------------------------------------------------------------------------
// Provider entry points used by the shim (connection resolved per call: check/diff never need it)

// Inline codes travel as one JSON string (see codes/encoding.ts): decoded on the way in, encoded on the way out,
// including the state carried by a partial-failure error.

function encodedFailure(e: unknown): unknown {
  return isCampaignPartialFailureError(e)
    ? new CampaignPartialFailureError(e.id, withEncodedVouchers(e.properties), e.message)
    : e;
}

export async function create(inputs: Props): Promise<{ id: string; outs: Props }> {
  try {
    const result = await createCampaignResource(runtimeFromConfig(), withDecodedVouchers(inputs));
    return { id: result.id, outs: withEncodedVouchers(result.outs) };
  } catch (e) {
    throw encodedFailure(e);
  }
}

export async function read(
  id: string,
  props?: Props,
): Promise<{ id: string; props?: Props; inputs?: Props }> {
  const result = await readCampaignResource(runtimeFromConfig(), id, withDecodedVouchers(props));
  if (result.props === undefined) return result; // gone
  return { ...result, props: withEncodedVouchers(result.props), inputs: withEncodedVouchers(result.inputs) };
}

export async function update(id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  try {
    const result = await updateCampaignResource(
      runtimeFromConfig(),
      id,
      withDecodedVouchers(olds),
      withDecodedVouchers(news),
    );
    return { outs: withEncodedVouchers(result.outs) };
  } catch (e) {
    throw encodedFailure(e);
  }
}

/** `delete` is a reserved word for a function declaration; the shim maps its `delete` to this. */
export async function remove(id: string, props: Props): Promise<void> {
  return deleteCampaignResource(runtimeFromConfig(), id, props);
}
