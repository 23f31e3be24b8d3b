// `create`: a new campaign (or, with `adopt`, an existing one taken over), then everything a create body cannot
// carry: enable/disable, and the codes. Once the campaign exists, any failure is reported with its ID and the
// state that was applied (recorded by ./state.ts), so the next `up` continues instead of orphaning it.
import { isDone, waitForCampaignReady } from "../client/async-actions";
import { createCampaign, findCampaignByName } from "../client/campaigns";
import {
  isAsyncActionFailedError,
  isNetworkError,
  isTimeoutError,
  isVoucherifyApiError,
} from "../client/errors";
import { syncVoucherCodes } from "../codes/sync";
import { formatCodeFailures } from "../codes/verify";
import type { ApiCampaign } from "../schema/wire";
import { applyInPlace, type Progress } from "./apply";
import { CampaignNameTakenError, CampaignPartialFailureError, describeError } from "./errors";
import { parseCheckedInputs, toCreateBody } from "./mapping";
import { computedOutputs, tierIdsOf, withCodeOutcome, withTierIds } from "./outputs";
import { planCampaignChange } from "./plan";
import { fromApiCampaign } from "./read-back";
import { codeContext, type Runtime, redacted, waitOptions } from "./runtime";
import { recordState, withoutHidden, withProvider } from "./state";
import { setCampaignActive } from "./toggle";

type Props = Record<string, unknown>;

function isRecord(v: unknown): v is Props {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

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

/** POSTs the campaign; after an ambiguous failure, looks it up by its unique name instead of posting again. */
async function postCampaign(rt: Runtime, body: Props, name: string): Promise<ApiCampaign> {
  rt.log(`creating campaign "${name}"`);
  try {
    return await createCampaign(rt.http, body);
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
    return found;
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
  const adopted = api !== undefined;
  if (api === undefined) api = await postCampaign(rt, toCreateBody(inputs, name), name);
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
      ? { freshCampaign: false, campaignCodeCount: held }
      : {
          freshCampaign: true,
          campaignCodeCount: held,
          generatedBefore: Math.min(inputs.vouchersCount ?? 0, held),
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
