// `update`: the in-place changes of the plan (./plan.ts, applied by ./apply.ts), then the codes, each recorded as
// it takes effect (./state.ts). A failed campaign PUT changes nothing, so it is a plain error (the engine keeps
// the previous state); a failure after it is a partial failure carrying exactly what was applied.
import { syncVoucherCodes } from "../codes/sync";
import { formatCodeFailures } from "../codes/verify";
import { applyInPlace, type Progress } from "./apply";
import { CampaignPartialFailureError, describeError } from "./errors";
import { parseCheckedInputs } from "./mapping";
import { COMPUTED_OUTPUT_KEYS, withCodeOutcome, withTierIds } from "./outputs";
import { planCampaignChange } from "./plan";
import { codeContext, type Runtime, redacted } from "./runtime";
import { AUTONAMED_KEY, recordedInputs, recordState, withoutHidden, withProvider } from "./state";

type Props = Record<string, unknown>;

function pick(props: Props, keys: readonly string[]): Props {
  const out: Props = {};
  for (const k of keys) if (props[k] !== undefined) out[k] = props[k];
  return out;
}

export async function updateCampaignResource(
  rt: Runtime,
  id: string,
  olds: Props,
  news: Props,
): Promise<{ outs: Props }> {
  const next = parseCheckedInputs(news);
  const desired = withoutHidden(news);
  const before = recordedInputs(olds);
  const name = typeof next.name === "string" ? next.name : id;
  const plan = planCampaignChange(before, desired, { autonamed: news[AUTONAMED_KEY] === true });
  const computed = pick(olds, COMPUTED_OUTPUT_KEYS);
  const progress: Progress = {
    done: new Set(["replace"]),
    partial: {},
    tierIds: (computed.tierIds ?? {}) as Record<string, string>,
    computed,
    step: "updating the campaign",
  };
  let codes: Props | undefined;
  const state = (): Props =>
    recordState({
      desired,
      before,
      done: progress.done,
      partial: progress.partial,
      codes,
      computed: withTierIds(progress.computed, progress.tierIds),
      hidden: news,
    });
  try {
    if (plan.work.size > 0) rt.log(`updating campaign "${name}" (${id})`);
    await applyInPlace(rt, id, plan, before, desired, progress);
    progress.step = "reconciling voucher codes";
    const sync = rt.syncCodes || syncVoucherCodes;
    const count = progress.computed.totalVouchers;
    const result = await sync(
      codeContext(rt, id, next.campaignType, {
        campaignCodeCount: typeof count === "number" ? count : undefined,
        rewritten: progress.rewritten,
      }),
      olds,
      desired,
    );
    codes = result.outputs;
    progress.computed = withCodeOutcome(progress.computed, result);
    if (result.failures.length > 0) throw new Error(formatCodeFailures(result.failures));
  } catch (e) {
    if (!progress.done.has("campaign")) throw e; // the PUT failed: nothing was applied
    throw new CampaignPartialFailureError(
      id,
      withProvider(state(), news),
      redacted(
        rt,
        `Campaign "${name}" (${id}) was only partly updated: ${progress.step} failed: ${describeError(e)}. ` +
          "The stack records what was applied; fix the cause and run `pulumi up` again.",
      ),
    );
  }
  return { outs: state() };
}
