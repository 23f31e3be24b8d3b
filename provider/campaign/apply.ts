// The in-place part of a change, shared by `update` and by `create` when it adopts an existing campaign: from
// `before` to `desired`, in a fixed order — campaign PUT, promotion tiers, validation-rule assignments,
// enable/disable — noting in `progress` what took effect, for the state recorder.
import { updateCampaign } from "../client/campaigns";
import { type Rewritten, rewrittenBy } from "../codes/reapply";
import { syncAssignments } from "./assignments";
import type { Apply } from "./fields";
import { computedOutputs } from "./outputs";
import type { CampaignPlan } from "./plan";
import type { Runtime } from "./runtime";
import { syncTiers } from "./tier-sync";
import { setCampaignActive } from "./toggle";
import { toUpdateBody } from "./update-body";

type Props = Record<string, unknown>;

export interface Progress {
  /** Kinds of change that took effect in full. */
  done: Set<Apply>;
  /** Values that took effect partly (the tiers applied before a tier call failed). */
  partial: Props;
  tierIds: Record<string, string>;
  /** Computed outputs as last known. */
  computed: Props;
  /** What is being done now (for the failure message). */
  step: string;
  /** What the campaign PUT rewrote on the campaign's codes (their declared values are put back). */
  rewritten?: Rewritten;
}

function tiersOf(props: Props): unknown {
  const promotion = props.promotion;
  return typeof promotion === "object" && promotion !== null ? (promotion as Props).tiers : undefined;
}

/** Applies the plan's in-place work; throws at the first failure, with `progress` telling what was applied. */
export async function applyInPlace(
  rt: Runtime,
  id: string,
  plan: CampaignPlan,
  before: Props,
  desired: Props,
  progress: Progress,
): Promise<void> {
  const body = toUpdateBody(before, desired);
  if (body !== undefined) {
    progress.step = "updating the campaign";
    const api = await updateCampaign(rt.http, id, body);
    progress.computed = { ...progress.computed, ...(computedOutputs(api) as Props) };
    // What the API reports, not what the program declares: the schema is on unless turned off
    // (snippets/metadata-campaign.mdx, "By default, the campaign uses Voucher metadata schema").
    progress.rewritten = rewrittenBy(body, api.use_voucher_metadata_schema !== false);
  }
  progress.done.add("campaign");
  if (plan.work.has("tiers")) {
    progress.step = "updating the promotion tiers";
    const result = await syncTiers(rt.http, id, tiersOf(before), tiersOf(desired), progress.tierIds);
    progress.tierIds = result.tierIds;
    if (result.error !== undefined) {
      progress.partial.promotion = { ...(desired.promotion as Props), tiers: result.tiers };
      throw result.error;
    }
  }
  progress.done.add("tiers");
  if (plan.work.has("assignments")) {
    progress.step = "changing the validation rules";
    await syncAssignments(rt.http, { type: "campaign", id }, before.validationRules, desired.validationRules);
  }
  progress.done.add("assignments");
  const active = desired.active !== false;
  if ((before.active !== false) !== active) {
    progress.step = active ? "enabling the campaign" : "disabling the campaign";
    await setCampaignActive(rt, id, active);
    rt.log(`campaign ${id} ${active ? "enabled" : "disabled"}`);
  }
  progress.computed = { ...progress.computed, isActive: active };
  progress.done.add("enable");
}
