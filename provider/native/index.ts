/**
 * pulumi-voucherify/native: the native Campaign, served by the `pulumi-resource-voucherify` plugin.
 *
 *   import { Campaign } from "pulumi-voucherify/native";
 *
 * Same arguments and outputs as the dynamic `Campaign` of "pulumi-voucherify"; see the README for when to choose
 * which and how a stack moves from one to the other.
 */
export type { CampaignArgs, CampaignOutputs } from "../resource";
export { Campaign } from "./resource";
export { CAMPAIGN_TOKEN } from "./schema";
