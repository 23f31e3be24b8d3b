// The Campaign's steps, in the order the executor (provider/kit/converge.ts) runs them: campaign PUT, promotion
// tiers, validation-rule assignments, enable/disable, then the voucher codes. Each reads the plan computed once for
// the engine call and notes in the record what took effect; none builds state.
import { updateCampaign } from "../client/campaigns";
import type { CodeSyncContext } from "../codes/context";
import { type Rewritten, rewrittenBy } from "../codes/reapply";
import { syncVoucherCodes } from "../codes/sync";
import { formatCodeFailures } from "../codes/verify";
import { converge, type Step } from "../kit/converge";
import { valueAt } from "../kit/json";
import { type Runtime, waitOptions } from "../kit/runtime";
import type { Props } from "../kit/state";
import { syncAssignments } from "./assignments";
import type { Apply } from "./fields";
import { computedOutputs, withCodeOutcome, withTierIds } from "./outputs";
import type { CampaignPlan } from "./plan";
import type { CampaignRecord } from "./state";
import { syncTiers } from "./tier-sync";
import { setCampaignActive } from "./toggle";
import { updateBodyOf } from "./update-body";

type CodeKnowledge = Pick<CodeSyncContext, "freshCampaign" | "campaignCodeCount" | "generatedBefore">;

/** One Campaign convergence: what the steps read and write. */
export interface CampaignConvergence {
  rt: Runtime;
  id: string;
  campaignType: string;
  /** The plan from `record.before` to `record.desired`, computed once for this engine call. */
  plan: CampaignPlan;
  record: CampaignRecord;
  /** The previous outputs the code sync plans against (none on create). */
  previousCodes: Props | undefined;
  /** What is known of the campaign's codes when the code sync starts. */
  codes: (record: CampaignRecord) => CodeKnowledge;
  /** The code step's name in a failure message. */
  codesLabel: string;
  /** What the campaign PUT rewrote on the campaign's codes (their declared values are put back). */
  rewritten?: Rewritten;
}

/** The code sync's context for one campaign; `known` says what the caller knows of its codes. */
export function codeContext(
  rt: Runtime,
  campaignId: string,
  campaignType: string,
  known: Pick<CodeSyncContext, "freshCampaign" | "campaignCodeCount" | "generatedBefore" | "rewritten">,
): CodeSyncContext {
  const w = waitOptions(rt);
  return {
    http: rt.http,
    clock: rt.clock,
    campaignId,
    campaignType,
    log: rt.log,
    asyncTimeoutMs: rt.asyncTimeoutMs,
    wait: { initialDelayMs: w.initialDelayMs, maxDelayMs: w.maxDelayMs },
    secrets: rt.secrets,
    ...known,
  };
}

type CampaignStep = Step<Apply, CampaignConvergence>;

const desiredActive = (c: CampaignConvergence) => c.record.desired.active !== false;

const CAMPAIGN_STEPS: readonly CampaignStep[] = [
  {
    marks: "campaign",
    label: () => "updating the campaign",
    wanted: (c) => c.plan.bodyRows.length > 0,
    run: async (c) => {
      const { before, desired } = c.record;
      const body = updateBodyOf(c.plan, before, desired);
      if (body === undefined) return;
      const api = await updateCampaign(c.rt.http, c.id, body);
      c.record.computed = { ...c.record.computed, ...(computedOutputs(api) as Props) };
      // What the API reports, not what the program declares: the schema is on unless turned off
      // (snippets/metadata-campaign.mdx, "By default, the campaign uses Voucher metadata schema").
      c.rewritten = rewrittenBy(body, api.use_voucher_metadata_schema !== false);
    },
  },
  {
    marks: "tiers",
    label: () => "updating the promotion tiers",
    wanted: (c) => c.plan.work.has("tiers"),
    run: async (c) => {
      const { before, desired, computed } = c.record;
      const known = (computed.tierIds ?? {}) as Record<string, string>;
      const tiersOf = (props: Props) => valueAt(props, "promotion.tiers");
      const result = await syncTiers(c.rt.http, c.id, tiersOf(before), tiersOf(desired), known);
      c.record.computed = withTierIds(c.record.computed, result.tierIds);
      if (result.error !== undefined) {
        c.record.applied.tiers = { "promotion.tiers": result.tiers };
        throw result.error;
      }
    },
  },
  {
    marks: "assignments",
    label: () => "changing the validation rules",
    wanted: (c) => c.plan.work.has("assignments"),
    run: async (c) => {
      const { before, desired } = c.record;
      const related = { type: "campaign", id: c.id } as const;
      await syncAssignments(c.rt.http, related, before.validationRules, desired.validationRules);
    },
  },
  {
    marks: "enable",
    label: (c) => (desiredActive(c) ? "enabling the campaign" : "disabling the campaign"),
    run: async (c) => {
      const active = desiredActive(c);
      if (c.plan.inPlace.has("enable")) {
        await setCampaignActive(c.rt, c.id, active);
        c.rt.log(`campaign ${c.id} ${active ? "enabled" : "disabled"}`);
      }
      c.record.computed = { ...c.record.computed, isActive: active };
    },
  },
  {
    marks: "codes",
    label: (c) => c.codesLabel,
    run: async (c) => {
      const known = { ...c.codes(c.record), rewritten: c.rewritten };
      const ctx = codeContext(c.rt, c.id, c.campaignType, known);
      const result = await syncVoucherCodes(ctx, c.previousCodes, c.record.desired);
      c.record.applied.codes = result.outputs;
      c.record.computed = withCodeOutcome(c.record.computed, result);
      if (result.failures.length > 0) throw new Error(formatCodeFailures(result.failures));
    },
  },
];

/** Runs the Campaign's steps; the record says what took effect (and which step failed, if one did). */
export function convergeCampaign(c: CampaignConvergence): Promise<CampaignRecord> {
  return converge(CAMPAIGN_STEPS, c);
}
