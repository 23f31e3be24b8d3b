// Whether a campaign whose codes are still being generated or rewritten can be used. The create operation's
// description says a new campaign "can't be read or modified until the code generation is completed"; what
// the API answers meanwhile is undocumented, so both readings are offered (--readiness):
// - lenient (default): reads answer and show the status; PUT, adding and importing codes are refused while
//   creation_status is IN_PROGRESS or MODIFYING (400 invalid_campaign): integrations/contentful.mdx says of a
//   campaign rewriting its codes "During that time, the campaign will not allow any changes". Enable, disable
//   and delete stay allowed (assumed).
// - strict: every request on the campaign (read, PUT, enable/disable, delete, codes) and the voucher list
//   filtered by it answer 400 `multiple_requests` while either status is IN_PROGRESS or MODIFYING. The
//   campaign list still answers: its documented `campaign_status` filter offers both values.
import type { Core } from "./core";
import { campaignBusy, campaignNotReady } from "./errors";
import type { CampaignRec } from "./store";

/** read: GET; modify: PUT, add or import codes; control: enable, disable, delete. */
export type CampaignAccess = "read" | "modify" | "control";

const BUSY = ["IN_PROGRESS", "MODIFYING"];

/** The status that makes the campaign busy, if any. */
export function busyStatus(rec: CampaignRec): string | undefined {
  for (const status of [rec.data.creation_status, rec.data.vouchers_generation_status]) {
    if (typeof status === "string" && BUSY.includes(status)) return status;
  }
  return undefined;
}

/** Throws the configured answer when the campaign cannot serve this access yet. */
export function checkReadiness(core: Core, rec: CampaignRec, access: CampaignAccess): void {
  const id = String(rec.data.id);
  if (core.config.readiness === "strict") {
    const status = busyStatus(rec);
    if (status) throw campaignBusy(id, status);
    return;
  }
  const status = busyStatus(rec);
  if (access === "modify" && status) throw campaignNotReady(id, status);
}
