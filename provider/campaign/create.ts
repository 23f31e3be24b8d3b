// `create`: a new campaign (or, with `adopt`, an existing one taken over), then everything a create body cannot
// carry: enable/disable, and the codes. Once the campaign exists, any failure is reported with its ID and the
// state that was applied (recorded by ./state.ts), so the next `up` continues instead of orphaning it.
import { isDone, waitForCampaignReady } from "../client/async-actions";
import { campaignHasHistory, createCampaign, findCampaignByName } from "../client/campaigns";
import {
  isAsyncActionFailedError,
  isNetworkError,
  isTimeoutError,
  isVoucherifyApiError,
} from "../client/errors";
import { isRecord, valueAt } from "../kit/json";
import { newRecord, settle } from "../kit/record";
import type { CampaignInputs } from "../schema/campaign";
import type { ApiCampaign } from "../schema/wire";
import { CampaignNameTakenError, describeError } from "./errors";
import type { Apply } from "./fields";
import { parseCheckedInputs, toCreateBody } from "./mapping";
import { randomSuffix } from "./offline";
import { computedOutputs, withCodeOutcome, withTierIds } from "./outputs";
import { planCampaignChange } from "./plan";
import { fromApiCampaign } from "./read-back";
import { type Runtime, redacted, waitOptions } from "./runtime";
import { AUTONAMED_KEY, CAMPAIGN_RECORD, withoutHidden } from "./state";
import { convergeCampaign } from "./steps";
import { tierIdsByKey, tierKeysById } from "./tiers";

type Props = Record<string, unknown>;

/** After a 5xx, a network error or a timeout, a POST may have created the campaign anyway. */
function mayHaveReachedServer(e: unknown): boolean {
  if (isNetworkError(e) || isTimeoutError(e)) return true;
  return isVoucherifyApiError(e) && e.status >= 500;
}

/** Code state before any code was imported: only the generated count came with the create body. */
const NOTHING_IMPORTED: Props = {
  vouchers: undefined,
  vouchersCsv: undefined,
  vouchersCsvDigest: undefined,
  vouchersCsvRows: undefined,
};

/** How long after its creation a campaign may still be recognised as one an interrupted run created. */
export const INTERRUPTED_CREATE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Whether `found`, which holds this resource's name, is the campaign an interrupted earlier run of this resource
 * created (Voucherify answered the POST, the engine never recorded it): created in the last 24 hours, the same in
 * every field a create fixes (the field model's "replace" rows), and nothing redeemed or published yet. Such a
 * campaign is continued with; any other is refused with the adopt hint.
 */
async function whyNotOurs(rt: Runtime, found: ApiCampaign, desired: Props): Promise<string | undefined> {
  const created = Date.parse(found.created_at ?? "");
  if (!Number.isFinite(created) || rt.clock.now() - created > INTERRUPTED_CREATE_WINDOW_MS) {
    return "it was created more than 24 hours ago, so it is not one an interrupted run of this program created";
  }
  const plan = planCampaignChange(fromApiCampaign(found, desired) as unknown as Props, desired);
  if (plan.replaces.length > 0) {
    return `it differs in fields a campaign keeps from its creation (${plan.replacePaths.join(", ")})`;
  }
  if (await campaignHasHistory(rt.http, String(found.name))) {
    return "it holds redemptions or publications";
  }
  return undefined;
}

interface Posted {
  api: ApiCampaign;
  /** The campaign existed already: an interrupted earlier run created it. */
  recovered: boolean;
}

/** POSTs the campaign; after an ambiguous failure, looks it up by its unique name instead of posting again. */
async function postCampaign(
  rt: Runtime,
  inputs: CampaignInputs,
  name: string,
  desired: Props,
  autonamed: boolean,
): Promise<Posted> {
  rt.log(`creating campaign "${name}"`);
  try {
    return { api: await createCampaign(rt.http, toCreateBody(inputs, name)), recovered: false };
  } catch (e) {
    if (isVoucherifyApiError(e) && e.status === 409) {
      const found = await findCampaignByName(rt.http, name);
      if (found === undefined) {
        // The name is held by a campaign in the bin (it keeps its name reserved); a generated name moves on.
        if (autonamed) return postCampaign(rt, inputs, `${name}-${randomSuffix(4)}`, desired, false);
        throw new CampaignNameTakenError(name, e, "it is in Voucherify's bin, which keeps its name reserved");
      }
      const why = await whyNotOurs(rt, found, desired);
      if (why !== undefined) throw new CampaignNameTakenError(name, e, why);
      rt.log(
        `campaign "${name}" (${found.id}) was created by an interrupted earlier run; continuing with it`,
      );
      return { api: found, recovered: true };
    }
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
    return { api: found, recovered: false };
  }
}

export async function createCampaignResource(rt: Runtime, raw: Props): Promise<{ id: string; outs: Props }> {
  const inputs = parseCheckedInputs(raw);
  const desired = withoutHidden(raw);
  const name = inputs.name;
  if (typeof name !== "string" || name === "") {
    throw new Error("Campaign name is missing after check (a provider bug): set `name` explicitly");
  }

  let api: ApiCampaign | undefined;
  if (inputs.adopt === true) {
    api = await findCampaignByName(rt.http, name);
    if (api) rt.log(`adopting existing campaign "${name}" (${api.id})`);
  }
  let adopted = api !== undefined;
  if (api === undefined) {
    const posted = await postCampaign(rt, inputs, name, desired, raw[AUTONAMED_KEY] === true);
    api = posted.api;
    // A generated name that had to move on (the bin held it) is recorded as the campaign's name.
    if (typeof api.name === "string" && api.name !== name) desired.name = api.name;
    // A campaign an interrupted run created is continued like an adopted one: brought in line, codes read first.
    adopted = posted.recovered;
  }
  const id = api.id;
  if (typeof id !== "string" || id === "")
    throw new Error(`Voucherify returned no id for campaign "${name}"`);

  // From here on the campaign exists: any failure is reported with its id and the state applied so far.
  let current: ApiCampaign = api;
  // A created campaign holds every field of the create body; an adopted one holds what it held.
  const record = newRecord<Apply>({
    desired,
    before: {},
    computed: {},
    hidden: raw,
    done: adopted ? [] : ["campaign", "replace", "tiers", "assignments"],
  });
  // Before the code sync ran: the codes the create body generated (all of an adopted campaign's, counted as
  // generated so that growth never generates what may be there).
  const generatedSoFar = () =>
    adopted
      ? (current.vouchers_count ?? 0)
      : Math.min(inputs.vouchersCount ?? 0, current.vouchers_count ?? 0);
  const readBack = () => {
    const known = (record.computed.tierIds ?? {}) as Record<string, string>;
    const declared = valueAt(desired, "promotion.tiers");
    const keysById = tierKeysById(valueAt(current, "promotion.tiers"), known, declared);
    const tierIds = tierIdsByKey(keysById);
    record.before = fromApiCampaign(current, desired, keysById) as unknown as Props;
    const outcome = { countDelta: 0, generated: generatedSoFar(), uncertain: false };
    record.computed = withTierIds(withCodeOutcome(computedOutputs(current) as Props, outcome), tierIds);
    // Only the generated count came with the create body; no code is imported yet.
    const count =
      inputs.vouchersCount === undefined ? undefined : Math.min(inputs.vouchersCount, generatedSoFar());
    record.applied.codes = { ...NOTHING_IMPORTED, vouchersCount: count };
  };
  readBack();
  const step = "waiting for the campaign to be ready";
  try {
    if (!isDone(current.creation_status) || !isDone(current.vouchers_generation_status)) {
      rt.log(`waiting for campaign "${name}" (${id}) to finish generating`);
      current = await waitForCampaignReady(rt.http, id, waitOptions(rt));
      readBack();
    }
  } catch (error) {
    // A campaign whose generation failed reports how many codes it holds: record that, not the declaration.
    if (isAsyncActionFailedError(error) && isRecord(error.result) && error.result.id === id) {
      current = error.result as ApiCampaign;
      readBack();
    }
    record.failure = { step, error };
  }
  if (record.failure === undefined) {
    const plan = planCampaignChange(record.before, desired);
    if (adopted && plan.replaces.length > 0) {
      rt.log(
        `adopted campaign "${name}" differs in fields that cannot be updated in place ` +
          `(${plan.replacePaths.join(", ")}); the next \`pulumi up\` will replace it`,
      );
    }
    // A created campaign's codes so far are the ones its create body generated.
    const held = current.vouchers_count ?? 0;
    await convergeCampaign({
      rt,
      id,
      campaignType: inputs.campaignType,
      plan,
      record,
      previousCodes: undefined,
      codes: () =>
        adopted
          ? { freshCampaign: false, campaignCodeCount: held }
          : { freshCampaign: true, campaignCodeCount: held, generatedBefore: generatedSoFar() },
      codesLabel: "importing voucher codes",
    });
  }
  const outs = settle(CAMPAIGN_RECORD, record, {
    id,
    inputs: raw,
    message: (f) =>
      redacted(
        rt,
        `Campaign "${name}" (${id}) was ${adopted ? "adopted" : "created"}, but ${f.step} failed: ` +
          `${describeError(f.error)}. The campaign is recorded in the stack; fix the cause and run \`pulumi up\` again to finish.`,
      ),
  });
  rt.log(`campaign "${name}" (${id}) is ready`);
  return { id, outs };
}
