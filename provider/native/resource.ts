// The native `Campaign` for TypeScript programs: the same arguments and outputs as the dynamic Campaign
// (provider/resource.ts), registered as `voucherify:index:Campaign` and served by the `pulumi-resource-voucherify`
// plugin instead of a provider serialized into the stack.
//
// Moving a stack from the dynamic Campaign to this one is a change of import: every native Campaign carries an
// alias to the dynamic type token, so the engine finds the campaign's state under its old type and, the provider
// having changed, asks the new provider (DiffConfig, unimplemented: no replacement) and then diffs the old state
// (`__provider`, codes as one JSON string) against the new inputs, which the shared core finds equal.
import * as pulumi from "@pulumi/pulumi";
import {
  CAMPAIGN_TYPE,
  type CampaignArgs,
  type CampaignOutputs,
  campaignRegistration,
  withoutStackTraces,
  withReadableVouchers,
} from "../resource";
import { CAMPAIGN_TOKEN } from "./schema";

// The engine sets every output property of the resource (see the class below).
export interface Campaign extends CampaignOutputs {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: outputs declared once, in the interface above
export class Campaign extends pulumi.CustomResource {
  constructor(name: string, args: CampaignArgs, opts: pulumi.CustomResourceOptions = {}) {
    const registration = campaignRegistration(name, args, opts, { secretOutputsByValue: true });
    // No stack traces for the registration's promises: see `withoutStackTraces` (../resource.ts).
    const limit = withoutStackTraces();
    try {
      super(CAMPAIGN_TOKEN, name, registration.props, {
        ...registration.opts,
        aliases: [...(opts.aliases ?? []), { type: CAMPAIGN_TYPE }],
      });
    } finally {
      Error.stackTraceLimit = limit;
    }
    withReadableVouchers(this);
  }
}
