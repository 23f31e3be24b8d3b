// The PUT /v1/campaigns/{id} body, written by the senders of the field model's "campaign" rows that changed.
import type { CampaignInputs } from "../schema/campaign";
import { CAMPAIGN_FIELD_RULES, type Sender } from "./fields";
import { normalizeCampaignInputs } from "./normalize";
import { compareRow } from "./plan";

type Json = Record<string, unknown>;

/**
 * The body for the in-place changes between `olds` and `news` (inputs, normalized here), e.g. `discount`/`gift` at
 * top level, changed metadata keys in `metadata` and removed ones in `unset_metadata_fields`. `undefined` when
 * nothing needs a PUT. Fields whose change replaces the campaign are never sent.
 */
export function toUpdateBody(olds: CampaignInputs | Json, news: CampaignInputs | Json): Json | undefined {
  const o = normalizeCampaignInputs(olds as Json);
  const n = normalizeCampaignInputs(news as Json);
  const body: Json = {};
  const sent = new Set<Sender>();
  for (const rule of CAMPAIGN_FIELD_RULES) {
    if (rule.apply !== "campaign" || rule.send === undefined || sent.has(rule.send)) continue;
    const { changed, replaces } = compareRow(rule, o, n);
    if (!changed || replaces) continue;
    sent.add(rule.send);
    rule.send(o, n, body);
  }
  return Object.keys(body).length === 0 ? undefined : body;
}
