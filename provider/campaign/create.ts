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
import { syncVoucherCodes } from "../codes/sync";
import { formatCodeFailures } from "../codes/verify";
import { isRecord } from "../kit/json";
import type { CampaignInputs } from "../schema/campaign";
import type { ApiCampaign } from "../schema/wire";
import { applyInPlace, type Progress } from "./apply";
import { CampaignNameTakenError, CampaignPartialFailureError, describeError } from "./errors";
import { parseCheckedInputs, toCreateBody } from "./mapping";
import { randomSuffix } from "./offline";
import { computedOutputs, tierIdsOf, withCodeOutcome, withTierIds } from "./outputs";
import { planCampaignChange } from "./plan";
import { fromApiCampaign } from "./read-back";
import { codeContext, type Runtime, redacted, waitOptions } from "./runtime";
import { AUTONAMED_KEY, recordState, withoutHidden, withProvider } from "./state";
import { setCampaignActive } from "./toggle";

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
  const progress: Progress = {
    done: new Set(adopted ? [] : ["campaign", "replace", "tiers", "assignments"]),
    partial: {},
    tierIds: {},
    computed: {},
    step: "waiting for the campaign to be ready",
  };
  let before: Props = {};
  let codes: Props | undefined;
  let outcome: { countDelta: number; generated: number; uncertain: boolean } | undefined;
  // Before the code sync ran: the codes the create body generated (all of an adopted campaign's, counted as
  // generated so that growth never generates what may be there).
  const generatedSoFar = () =>
    adopted
      ? (current.vouchers_count ?? 0)
      : Math.min(inputs.vouchersCount ?? 0, current.vouchers_count ?? 0);
  const readBack = () => {
    progress.tierIds = { ...tierIdsOf(current, desired), ...progress.tierIds };
    const keysById = new Map(Object.entries(progress.tierIds).map(([key, tierId]) => [tierId, key]));
    before = fromApiCampaign(current, desired, keysById) as unknown as Props;
    progress.computed = computedOutputs(current) as Props;
  };
  const state = (): Props =>
    recordState({
      desired,
      before,
      done: progress.done,
      partial: progress.partial,
      codes: codes ?? {
        ...NOTHING_IMPORTED,
        vouchersCount:
          inputs.vouchersCount === undefined ? undefined : Math.min(inputs.vouchersCount, generatedSoFar()),
      },
      computed: withTierIds(
        withCodeOutcome(
          progress.computed,
          outcome ?? { countDelta: 0, generated: generatedSoFar(), uncertain: false },
        ),
        progress.tierIds,
      ),
      hidden: raw,
    });
  readBack();
  try {
    if (!isDone(current.creation_status) || !isDone(current.vouchers_generation_status)) {
      rt.log(`waiting for campaign "${name}" (${id}) to finish generating`);
      current = await waitForCampaignReady(rt.http, id, waitOptions(rt));
      readBack();
    }
    if (adopted) {
      const plan = planCampaignChange(before, desired);
      if (plan.replaces.length > 0) {
        rt.log(
          `adopted campaign "${name}" differs in fields that cannot be updated in place ` +
            `(${plan.replacePaths.join(", ")}); the next \`pulumi up\` will replace it`,
        );
      }
      await applyInPlace(rt, id, plan, before, desired, progress);
    } else {
      const active = inputs.active !== false;
      if (active !== (current.active !== false)) {
        progress.step = active ? "enabling the campaign" : "disabling the campaign";
        await setCampaignActive(rt, id, active);
        progress.computed = { ...progress.computed, isActive: active };
      }
      progress.done.add("enable");
    }
    progress.step = "importing voucher codes";
    const sync = rt.syncCodes || syncVoucherCodes;
    // A created campaign's codes so far are the ones its create body generated.
    const held = current.vouchers_count ?? 0;
    const known = adopted
      ? { freshCampaign: false, campaignCodeCount: held, rewritten: progress.rewritten }
      : {
          freshCampaign: true,
          campaignCodeCount: held,
          generatedBefore: generatedSoFar(),
        };
    const result = await sync(codeContext(rt, id, inputs.campaignType, known), undefined, desired);
    codes = result.outputs;
    outcome = result;
    if (result.failures.length > 0) throw new Error(formatCodeFailures(result.failures));
  } catch (e) {
    // A campaign whose generation failed reports how many codes it holds: record that, not the declaration.
    if (isAsyncActionFailedError(e) && isRecord(e.result) && e.result.id === id) {
      current = e.result as ApiCampaign;
      readBack();
    }
    throw new CampaignPartialFailureError(
      id,
      withProvider(state(), raw),
      redacted(
        rt,
        `Campaign "${name}" (${id}) was ${adopted ? "adopted" : "created"}, but ${progress.step} failed: ` +
          `${describeError(e)}. The campaign is recorded in the stack; fix the cause and run \`pulumi up\` again to finish.`,
      ),
    );
  }
  rt.log(`campaign "${name}" (${id}) is ready`);
  return { id, outs: state() };
}
