// The native provider's operations on plain JavaScript properties, as ./server.ts hands them over from gRPC: every
// one calls the core the dynamic provider calls (provider/campaign/lifecycle.ts), so both resources behave alike.
// What is native-only: the connection arrives through Configure, secrets are sentinel-wrapped (./secrets.ts), the
// resource name comes from the URN, and a Read without state is an import (provider/campaign/import.ts).
import { CampaignPartialFailureError, isCampaignPartialFailureError } from "../campaign/errors";
import { importCampaign } from "../campaign/import";
import * as lifecycle from "../campaign/lifecycle";
import { COMPUTED_OUTPUT_KEYS } from "../campaign/outputs";
import { runtimeFromConfig } from "../campaign/runtime";
import { RESOURCE_NAME_KEY, toPlain } from "../campaign/state";
import { CONNECTION_KEYS, type ConfigSource } from "../config";
import type { DiffResult } from "../kit/kind";
import { lookupCampaign, lookupCampaigns } from "../lookups/core";
import { listCampaignsArgsSchema } from "../lookups/filters";
import type { CheckFailure } from "../schema/issues";
import { UNKNOWN } from "../schema/unknowns";
import { vouchersAreSecret } from "../schema/vouchers";
import { type DetailedDiff, detailedDiff } from "./detailed-diff";
import { CAMPAIGN_TOKEN, GET_CAMPAIGN_TOKEN, LIST_CAMPAIGNS_TOKEN, PACKAGE_NAME } from "./schema";
import { conceal, reveal } from "./secrets";

type Props = Record<string, unknown>;

/**
 * The stack config `voucherify:*` as the core's config source, from a Configure request: its `args` (the
 * provider's inputs, by bare key, secrets wrapped) or, from older engines, its `variables`
 * (`voucherify:config:<key>`, plain strings).
 */
export function configSource(args: Props, variables: Readonly<Record<string, string>>): ConfigSource {
  const plain = reveal(args).plain;
  const values = new Map<string, string>();
  for (const [key, setting] of Object.entries(CONNECTION_KEYS)) {
    const value = plain[key] ?? variables[`${PACKAGE_NAME}:config:${key}`];
    if (value === undefined || value === null) continue;
    values.set(setting.config, typeof value === "string" ? value : JSON.stringify(value));
  }
  return { get: (key) => values.get(key) };
}

/** The resource's name: the last part of its URN (`urn:pulumi:stack::project::type::name`). */
export function resourceName(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** `<project>/<stack>` of a URN (`urn:pulumi:stack::project::…`), as the dynamic Campaign reads them in the program. */
export function stackOf(urn: string): string {
  const [head = "", project = ""] = urn.split("::");
  return `${project}/${head.slice("urn:pulumi:".length)}`;
}

/**
 * The hidden input naming the stack, which generated names derive from on main (`STACK_KEY` of
 * provider/campaign/state.ts there); ignored by a core that does not read it yet.
 */
const STACK_INPUT = "__stack";

function requireCampaign(urn: string): void {
  const type = urn.split("::")[2]?.split("$").pop();
  if (type !== CAMPAIGN_TOKEN) throw new Error(`unknown resource type ${type ?? urn}`);
}

/** Top-level properties to return as secrets: those that came in secret, and the codes unless declared plain. */
function secretOutputKeys(inputs: Props, secretKeys: Set<string>): Set<string> {
  const keys = new Set(secretKeys);
  if (vouchersAreSecret(inputs as { vouchersSecret?: unknown })) keys.add("vouchers");
  return keys;
}

export async function configure(args: Props, variables: Readonly<Record<string, string>>): Promise<void> {
  await lifecycle.configure({ config: configSource(args, variables) });
}

export async function check(
  urn: string,
  olds: Props,
  news: Props,
): Promise<{ inputs: Props; failures: CheckFailure[] }> {
  requireCampaign(urn);
  const before = reveal(olds);
  const after = reveal(news);
  // The dynamic Campaign passes its resource name (and stack) as hidden inputs; here the URN carries them.
  const named = { ...after.plain, [RESOURCE_NAME_KEY]: resourceName(urn), [STACK_INPUT]: stackOf(urn) };
  const outcome = await lifecycle.check(Object.keys(olds).length === 0 ? undefined : before.plain, named);
  return {
    inputs: conceal(outcome.inputs, secretOutputKeys(outcome.inputs, after.secretKeys)),
    failures: outcome.failures,
  };
}

export async function diff(
  id: string,
  urn: string,
  olds: Props,
  news: Props,
): Promise<DiffResult & { detailedDiff: DetailedDiff }> {
  requireCampaign(urn);
  const before = reveal(olds).plain;
  const after = reveal(news).plain;
  const outcome = await lifecycle.diff(id, before, after);
  return { ...outcome, detailedDiff: detailedDiff(outcome, before, after) };
}

/**
 * What a Create or Update called during a preview answers (the plugin supports previews): the checked inputs as
 * they are (secrets still wrapped), the computed outputs an update keeps, the others not known yet. No request.
 */
function previewOutputs(inputs: Props, olds: Props): Props {
  const outs: Props = { ...inputs };
  for (const key of COMPUTED_OUTPUT_KEYS)
    outs[key] = KEPT_ON_UPDATE.has(key) && key in olds ? olds[key] : UNKNOWN;
  return outs;
}

const KEPT_ON_UPDATE = new Set<string>(["campaignId", "createdAt"]);

/** A partial failure's state concealed like a result, so the codes it carries stay secret in the error too. */
async function concealingFailures<T>(
  secretKeys: Set<string>,
  inputs: Props,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isCampaignPartialFailureError(e)) {
      const keys = secretOutputKeys(inputs, secretKeys);
      throw new CampaignPartialFailureError(e.id, conceal(e.properties, keys), e.message);
    }
    throw e;
  }
}

export async function create(
  urn: string,
  inputs: Props,
  preview = false,
): Promise<{ id: string; outs: Props }> {
  requireCampaign(urn);
  if (preview) return { id: "", outs: previewOutputs(inputs, {}) };
  const { plain, secretKeys } = reveal(inputs);
  return concealingFailures(secretKeys, plain, async () => {
    const result = await lifecycle.create(plain);
    return { id: result.id, outs: conceal(result.outs, secretOutputKeys(plain, secretKeys)) };
  });
}

export async function read(
  id: string,
  urn: string,
  props: Props,
  inputs: Props,
): Promise<{ id: string; props?: Props; inputs?: Props }> {
  requireCampaign(urn);
  const state = reveal(props);
  const declared = reveal(inputs);
  // No state: `pulumi import`, or `Campaign.get` in a program. Nothing to project the campaign onto.
  const result =
    Object.keys(state.plain).length === 0 ? await importCampaign(id) : await lifecycle.read(id, state.plain);
  if (result.props === undefined) return { id: result.id };
  const keys = secretOutputKeys(result.props, new Set([...state.secretKeys, ...declared.secretKeys]));
  return {
    id: result.id,
    props: conceal(result.props, keys),
    inputs: result.inputs === undefined ? undefined : conceal(result.inputs, keys),
  };
}

export async function update(
  id: string,
  urn: string,
  olds: Props,
  news: Props,
  preview = false,
): Promise<{ outs: Props }> {
  requireCampaign(urn);
  if (preview) return { outs: previewOutputs(news, olds) };
  const before = reveal(olds);
  const after = reveal(news);
  return concealingFailures(after.secretKeys, after.plain, async () => {
    const result = await lifecycle.update(id, before.plain, after.plain);
    return { outs: conceal(result.outs, secretOutputKeys(after.plain, after.secretKeys)) };
  });
}

export async function remove(id: string, urn: string, props: Props): Promise<void> {
  requireCampaign(urn);
  await lifecycle.remove(id, reveal(props).plain);
}

/** The lookups as provider functions: the same read-only core the TypeScript functions call. */
export async function invoke(token: string, args: Props): Promise<Props> {
  const { plain } = reveal(args);
  const http = runtimeFromConfig().http;
  if (token === GET_CAMPAIGN_TOKEN) {
    const campaign = await lookupCampaign(http, String(plain.nameOrId ?? ""));
    return campaign === undefined ? {} : toPlain({ campaign });
  }
  if (token === LIST_CAMPAIGNS_TOKEN) {
    const parsed = listCampaignsArgsSchema().safeParse(plain);
    if (!parsed.success) {
      throw new Error(
        `listCampaigns: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    }
    return toPlain({ campaigns: await lookupCampaigns(http, parsed.data) });
  }
  throw new Error(`unknown function ${token}`);
}
