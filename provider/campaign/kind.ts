// The Campaign as a resource kind of the kit (provider/kit/kind.ts): its methods, by the type token the native
// schema uses. Adapters reach it through provider/kinds.ts.
import { withDecodedVouchers, withEncodedVouchers } from "../codes/encoding";
import { codeRedactorFor } from "../codes/secrecy";
import type { ResourceKind } from "../kit/kind";
import { createCampaignResource } from "./create";
import { deleteCampaignResource } from "./delete";
import { importCampaignResource } from "./import";
import { checkCampaign, diff } from "./offline";
import { readCampaignResource } from "./read";
import { updateCampaignResource } from "./update";

export const CAMPAIGN_KIND: ResourceKind = {
  token: "voucherify:index:Campaign",
  secrets: codeRedactorFor,
  dynamicCodec: { decode: withDecodedVouchers, encode: withEncodedVouchers },
  check: checkCampaign,
  diff,
  create: createCampaignResource,
  read: readCampaignResource,
  update: updateCampaignResource,
  delete: deleteCampaignResource,
  import: importCampaignResource,
};
