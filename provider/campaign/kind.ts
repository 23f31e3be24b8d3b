// The Campaign as a resource kind of the kit (provider/kit/kind.ts): its methods, by the type token the native
// schema uses, and what the adapters need to know of it generically. Adapters reach it through provider/kinds.ts.
import { isEmptyCodeList, withDecodedVouchers, withEncodedVouchers } from "../codes/encoding";
import { codeRedactorFor } from "../codes/secrecy";
import type { ResourceKind } from "../kit/kind";
import { vouchersAreSecret } from "../schema/vouchers";
import { createCampaignResource } from "./create";
import { deleteCampaignResource } from "./delete";
import { TIERS_PATH, tierDiffRows } from "./detailed-diff";
import { importCampaignResource } from "./import";
import { checkCampaign, diff } from "./offline";
import { COMPUTED_OUTPUT_KEYS } from "./outputs";
import { readCampaignResource } from "./read";
import { updateCampaignResource } from "./update";

export const CAMPAIGN_KIND: ResourceKind = {
  token: "voucherify:index:Campaign",
  secrets: codeRedactorFor,
  // Codes are secret unless declared plain (`vouchersSecret: false`). A known empty list holds no code to hide, and
  // every secret makes each of the engine's checkpoints dearer (bench/results/profile.md, "At 1,000 campaigns");
  // anything else (codes, an unknown value in a preview) stays secret.
  secretOutputs: (props) =>
    vouchersAreSecret(props as { vouchersSecret?: unknown }) && !isEmptyCodeList(props.vouchers)
      ? ["vouchers"]
      : [],
  // An update keeps the campaign's ID and creation time; the rest may change with it.
  computedOutputs: { all: COMPUTED_OUTPUT_KEYS, keptOnUpdate: ["campaignId", "createdAt"] },
  diffElements: { [TIERS_PATH]: tierDiffRows },
  // Codes as one JSON string (deflated when secret) in both the dynamic and the native state: provider/codes/encoding.ts.
  stateCodec: { decode: withDecodedVouchers, encode: withEncodedVouchers },
  check: checkCampaign,
  diff,
  create: createCampaignResource,
  read: readCampaignResource,
  update: updateCampaignResource,
  delete: deleteCampaignResource,
  import: importCampaignResource,
};
