// Campaign lookups for Pulumi programs. Dynamic providers have no invokes, so these run in the program's own process
// and call the API themselves, with the provider's connection settings: `opts.connection` where given, then stack
// config `voucherify:*` read through `pulumi.Config`, then the `VOUCHERIFY_*` environment (provider/config.ts).
//
// Like Pulumi's own `get*` functions, `getCampaign` and `listCampaigns` return Promises of plain values and their
// `*Output` variants take Inputs and return Outputs (unknown during a preview while an Input is unknown).
//
// The secret key is read with `Config.get`: the program receives stack config decrypted anyway, and `getSecret`
// would only wrap it in an Output to unwrap again. It goes into the X-App-Token header and nowhere else: not into a
// result (so results are not secret), not into a log line or an error (the HTTP client removes it from both).
import * as pulumi from "@pulumi/pulumi";
import { realClock } from "../client/clock";
import { createHttpClient, type VoucherifyHttp } from "../client/http";
import { waitingWhileBusy } from "../client/readiness";
import { CONNECTION_KEYS, type ConfigSource, resolveConnection } from "../config";
import { waitOptions } from "../kit/runtime";
import type { Inputify } from "../resource";
import { lookupCampaign, lookupCampaigns } from "./core";
import type { ListCampaignsArgs } from "./filters";
import { lookupCategory, lookupValidationRule, type ReferencedInfo } from "./referenced";
import type { CampaignInfo } from "./result";

type ConnectionKey = keyof typeof CONNECTION_KEYS;

/** Connection settings that take precedence over stack config and environment, e.g. another team's project. */
export type ConnectionOverrides = {
  [K in ConnectionKey]?: K extends "applicationId" | "secretKey" | "apiUrl" ? string : number;
};

export interface LookupOptions {
  connection?: ConnectionOverrides;
}

export interface LookupOutputOptions {
  /** Inputs, e.g. `{ secretKey: config.requireSecret("otherProjectKey") }`; their secrecy does not reach the result. */
  connection?: Inputify<ConnectionOverrides>;
}

/** `overrides`, then the program's stack config (`voucherify:<key>`). */
function connectionSource(overrides: ConnectionOverrides = {}): ConfigSource {
  const stack = new pulumi.Config("voucherify");
  const byConfigKey = new Map<string, string>();
  for (const [name, value] of Object.entries(overrides)) {
    const setting = CONNECTION_KEYS[name as ConnectionKey];
    if (setting !== undefined && value !== undefined) byConfigKey.set(setting.config, String(value));
  }
  return {
    get: (key) => byConfigKey.get(key) ?? stack.get(key.slice("voucherify:".length)),
  };
}

/** The client a lookup uses: retries as the provider's, and waiting while a campaign is busy with its codes. */
function lookupClient(opts: LookupOptions): VoucherifyHttp {
  const settings = resolveConnection(connectionSource(opts.connection), process.env);
  const clock = realClock();
  const log = (message: string) => pulumi.log.info(`voucherify: ${message}`);
  const http = createHttpClient(settings, {
    clock,
    onRetry: (e) => log(`retrying ${e.method} ${e.path} in ${Math.round(e.delayMs)} ms (${e.reason})`),
  });
  const timing = {
    http,
    clock,
    log,
    asyncTimeoutMs: settings.asyncTimeoutMs,
    timeUnitMs: settings.timeUnitMs ?? 1000,
  };
  return waitingWhileBusy(http, {
    ...waitOptions(timing),
    onWait: (r) => log(`the campaign is busy with its codes; ${r.method} ${r.path} waits until it is done`),
  });
}

/**
 * The campaign with this name or ID, or `undefined` when there is none. One `GET /v1/campaigns/{nameOrId}`.
 *
 *   const club = await getCampaign("members-club");
 *   if (club === undefined) throw new Error("the loyalty team's campaign members-club is missing");
 */
export async function getCampaign(
  nameOrId: string,
  opts: LookupOptions = {},
): Promise<CampaignInfo | undefined> {
  return lookupCampaign(lookupClient(opts), nameOrId);
}

/**
 * Every campaign matching `args` (all of them without), oldest first unless `order` says otherwise, every page read:
 * ⌈matches / 100⌉ requests of `GET /v1/campaigns`. More than 10,000 matches (the API's last page) throw
 * CampaignListIncompleteError after the first request.
 *
 *   const growth = await listCampaigns({ filters: { "metadata.team": { conditions: { $is: "growth" } } } });
 */
export async function listCampaigns(
  args: ListCampaignsArgs = {},
  opts: LookupOptions = {},
): Promise<CampaignInfo[]> {
  return lookupCampaigns(lookupClient(opts), args);
}

/** `connection` unwrapped, not secret: it only ever reaches request headers. */
function connectionOutput(opts: LookupOutputOptions): pulumi.Output<ConnectionOverrides> {
  return pulumi.unsecret(pulumi.output(opts.connection ?? {})) as pulumi.Output<ConnectionOverrides>;
}

/** `getCampaign` for Inputs: runs once `nameOrId` is known (after the campaign it names exists, for an Output). */
export function getCampaignOutput(
  nameOrId: pulumi.Input<string>,
  opts: LookupOutputOptions = {},
): pulumi.Output<CampaignInfo | undefined> {
  return pulumi
    .all([nameOrId, connectionOutput(opts)])
    .apply(([name, connection]) => getCampaign(name, { connection }));
}

/** `listCampaigns` for Inputs (at any depth of `args`): runs once every one of them is known. */
export function listCampaignsOutput(
  args: Inputify<ListCampaignsArgs> = {},
  opts: LookupOutputOptions = {},
): pulumi.Output<CampaignInfo[]> {
  return pulumi
    .all([pulumi.output(args), connectionOutput(opts)])
    .apply(([a, connection]) => listCampaigns(a as ListCampaignsArgs, { connection }));
}

/** A validation rule by its `val_…` ID or its (unique) name, or undefined when there is none. */
export async function getValidationRule(
  nameOrId: string,
  opts: LookupOptions = {},
): Promise<ReferencedInfo | undefined> {
  return lookupValidationRule(lookupClient(opts), nameOrId);
}

/** A category by its `cat_…` ID or its name, or undefined when there is none (a name several share throws). */
export async function getCategory(
  nameOrId: string,
  opts: LookupOptions = {},
): Promise<ReferencedInfo | undefined> {
  return lookupCategory(lookupClient(opts), nameOrId);
}

/** `getValidationRule` for Inputs. */
export function getValidationRuleOutput(
  nameOrId: pulumi.Input<string>,
  opts: LookupOutputOptions = {},
): pulumi.Output<ReferencedInfo | undefined> {
  return pulumi
    .all([nameOrId, connectionOutput(opts)])
    .apply(([name, connection]) => getValidationRule(name, { connection }));
}

/** `getCategory` for Inputs. */
export function getCategoryOutput(
  nameOrId: pulumi.Input<string>,
  opts: LookupOutputOptions = {},
): pulumi.Output<ReferencedInfo | undefined> {
  return pulumi
    .all([nameOrId, connectionOutput(opts)])
    .apply(([name, connection]) => getCategory(name, { connection }));
}
