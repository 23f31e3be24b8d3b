// Enable/disable: the campaign's `active` state has its own endpoints.
import { disableCampaign, enableCampaign } from "../client/campaigns";
import type { Runtime } from "./runtime";

export async function setCampaignActive(rt: Runtime, id: string, active: boolean): Promise<void> {
  if (active) await enableCampaign(rt.http, id);
  else await disableCampaign(rt.http, id);
}
