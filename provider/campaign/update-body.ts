// The PUT /v1/campaigns/{id} body, written by the senders of the plan's changed "campaign" rows: the plan compared
// the rows once (./plan.ts); this only writes what it found.
import type { CampaignInputs } from "../schema/campaign";
import type { Sender } from "./fields";
import { normalizeCampaignInputs } from "./normalize";
import { type CampaignPlan, planCampaignChange } from "./plan";

type Json = Record<string, unknown>;

/**
 * The body for the plan's in-place campaign changes from `olds` to `news` (inputs, normalized here), e.g.
 * `discount`/`gift` at top level, changed metadata keys in `metadata` and removed ones in `unset_metadata_fields`.
 * `undefined` when nothing needs a PUT. Fields whose change replaces the campaign are never sent.
 */
export function updateBodyOf(plan: Pick<CampaignPlan, "bodyRows">, olds: Json, news: Json): Json | undefined {
  if (plan.bodyRows.length === 0) return undefined;
  const o = normalizeCampaignInputs(olds);
  const n = normalizeCampaignInputs(news);
  const body: Json = {};
  const sent = new Set<Sender>();
  for (const rule of plan.bodyRows) {
    // Rows sharing a sender (`category`, `categoryId`) are written once.
    if (rule.send === undefined || sent.has(rule.send)) continue;
    sent.add(rule.send);
    rule.send(o, n, body);
  }
  return Object.keys(body).length === 0 ? undefined : body;
}

/** The body between two sets of inputs (plans them first); for callers without an engine call's plan. */
export function toUpdateBody(olds: CampaignInputs | Json, news: CampaignInputs | Json): Json | undefined {
  return updateBodyOf(planCampaignChange(olds as Json, news as Json), olds as Json, news as Json);
}
