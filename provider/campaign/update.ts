// `update`: the plan's in-place changes and the codes, run by the executor (./steps.ts) and recorded from its
// record (provider/kit/record.ts). A failed campaign PUT changes nothing, so it is a plain error (the engine keeps
// the previous state); a failure after it is a partial failure carrying exactly what was applied.
import { newRecord, settle } from "../kit/record";
import { describeError } from "./errors";
import type { Apply } from "./fields";
import { parseCheckedInputs } from "./mapping";
import { COMPUTED_OUTPUT_KEYS } from "./outputs";
import { planCampaignChange } from "./plan";
import { type Runtime, redacted } from "./runtime";
import { AUTONAMED_KEY, CAMPAIGN_RECORD, recordedInputs, withoutHidden } from "./state";
import { convergeCampaign } from "./steps";

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
  const name = typeof next.name === "string" ? next.name : id;
  const record = newRecord<Apply>({
    desired: withoutHidden(news),
    before: recordedInputs(olds),
    computed: pick(olds, COMPUTED_OUTPUT_KEYS),
    hidden: news,
    // An update never replaces: the rows that would have are as desired.
    done: ["replace"],
  });
  const plan = planCampaignChange(record.before, record.desired, { autonamed: news[AUTONAMED_KEY] === true });
  if (plan.work.size > 0) rt.log(`updating campaign "${name}" (${id})`);
  await convergeCampaign({
    rt,
    id,
    campaignType: next.campaignType,
    plan,
    record,
    previousCodes: olds,
    codes: (r) => ({
      campaignCodeCount: typeof r.computed.totalVouchers === "number" ? r.computed.totalVouchers : undefined,
    }),
    codesLabel: "reconciling voucher codes",
  });
  // The PUT failed: nothing was applied.
  if (record.failure !== undefined && !record.done.has("campaign")) throw record.failure.error;
  const outs = settle(CAMPAIGN_RECORD, record, {
    id,
    inputs: news,
    message: (f) =>
      redacted(
        rt,
        `Campaign "${name}" (${id}) was only partly updated: ${f.step} failed: ${describeError(f.error)}. ` +
          "The stack records what was applied; fix the cause and run `pulumi up` again.",
      ),
  });
  return { outs };
}
