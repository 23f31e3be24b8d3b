// `pulumi import` (and a program's `Campaign.get`): a campaign Pulumi never managed, read from the API and mapped
// onto inputs that a program declaring the campaign the way it was created previews clean against.
//
// Refresh (./read.ts) projects the API campaign onto the inputs the previous state manages, so server defaults
// never show. An import has no previous state: every field the API reports is read back (./read-back.ts), and the
// values the API fills in when the create body leaves a field out are dropped, since a program that never set them
// would otherwise see them as removals, and some (`useVoucherMetadataSchema`, the code config) replace. Sources:
// the campaign object of openapi.json (`CampaignVoucher`: the server fills `code_config.length`, `charset` and
// `pattern`; `redemption.quantity` null is unlimited; the charset is kept, as its default is a project setting), and
// what the API returns for a minimal create body of each campaign type (the create-campaign examples of
// documentation/openapi/campaigns.json, test/fixtures/campaigns/api).
//
// Codes are not read back: `vouchersCount` records how many codes the campaign holds (so declaring that count, or
// more to grow, is no change), while inline `vouchers` and `vouchersCsv` cannot be recovered from the API.
import { getCampaign } from "../client/campaigns";
import { isNotFound } from "../client/errors";
import { isRecord, valueAt } from "../kit/json";
import { newRecord, settle } from "../kit/record";
import { type Runtime, runtimeFromConfig } from "../kit/runtime";
import type { ApiCampaign } from "../schema/wire";
import { type Apply, CAMPAIGN_FIELD_RULES } from "./fields";
import { normalizeCampaignInputs } from "./normalize";
import { computedOutputs } from "./outputs";
import { apiCampaignToInputShape } from "./read-back";
import { CAMPAIGN_RECORD, recordedInputs } from "./state";
import { tierIdsByKey, tierKeysById } from "./tiers";

type Json = Record<string, unknown>;

/** Length of generated codes when the create body gives neither `length` nor `pattern`. */
const DEFAULT_CODE_LENGTH = 8;

function isEmpty(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (isRecord(value) && Object.keys(value).length === 0) ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * `codeConfig` without what the server derives: a pattern of only `#`, a derived length. The charset is kept as the
 * API reports it: its default is a project setting (manage/project-settings.mdx), not necessarily alphanumeric, and
 * leaving it out of a program is no change (its field rule is `serverDefault`).
 */
function declaredCodeConfig(config: Json): Json {
  const out: Json = { ...config };
  if (typeof out.pattern === "string" && /^#+$/.test(out.pattern)) {
    // A pattern of placeholders only is what the server writes for a `length` (or for nothing at all).
    delete out.pattern;
    if (out.length === DEFAULT_CODE_LENGTH) delete out.length;
  } else if (typeof out.pattern === "string") {
    delete out.length; // the number of `#` in the pattern; check refuses a length that disagrees with it
  }
  for (const key of Object.keys(out)) if (isEmpty(out[key])) delete out[key];
  return out;
}

function declaredVoucher(voucher: Json, campaignType: unknown): Json {
  const out: Json = { ...voucher };
  if (isRecord(out.codeConfig)) out.codeConfig = declaredCodeConfig(out.codeConfig);
  if (isRecord(out.redemption) && out.redemption.quantity === null) delete out.redemption.quantity;
  if (isRecord(out.gift) && out.gift.effect === "APPLY_TO_ORDER") {
    out.gift = { ...out.gift };
    delete (out.gift as Json).effect;
  }
  // Only a referral program's codes are referral codes; the other voucher inputs do not have the field.
  if (campaignType !== "REFERRAL_PROGRAM") delete out.isReferralCode;
  for (const key of Object.keys(out)) if (isEmpty(out[key])) delete out[key];
  return out;
}

/** A tier without the server's defaults: no metadata, active, its position as hierarchy. */
function declaredTier(tier: Json, position: number): Json {
  const out: Json = { ...tier };
  if (out.active === true) delete out.active;
  if (out.hierarchy === position + 1) delete out.hierarchy;
  for (const key of Object.keys(out)) if (isEmpty(out[key])) delete out[key];
  return out;
}

/** Inputs the provider owns: nothing to read, so an import records their defaults (normalize fills them). */
const PROVIDER_OWNED: ReadonlySet<string> = new Set(
  CAMPAIGN_FIELD_RULES.filter((r) => r.apply === "provider" || r.apply === "codes").map((r) => r.path),
);

/** The inputs an import records for `api`: what a program creating this campaign would have declared. */
export function importedInputs(api: ApiCampaign): Json {
  const read = apiCampaignToInputShape(api);
  const out: Json = {};
  for (const [key, value] of Object.entries(read)) {
    if (!PROVIDER_OWNED.has(key) && !isEmpty(value)) out[key] = value;
  }
  // The category is given by name or by ID; the API reports both once it is set. Keep the name.
  if (out.category !== undefined) delete out.categoryId;
  // join_once is false unless declared, and always true for a loyalty program (the API forces it).
  if (out.joinOnce === (out.campaignType === "LOYALTY_PROGRAM")) delete out.joinOnce;
  if (out.autoJoin === false) delete out.autoJoin;
  // The schema is on unless the create body turns it off (snippets/metadata-campaign.mdx, "By default, the campaign
  // uses Voucher metadata schema"; the responses of guides/give-item-for-free-unit-discount.mdx show true).
  if (out.useVoucherMetadataSchema === true) delete out.useVoucherMetadataSchema;
  if (isRecord(out.voucher)) out.voucher = declaredVoucher(out.voucher, out.campaignType);
  if (isRecord(out.promotion) && Array.isArray(out.promotion.tiers)) {
    out.promotion = { tiers: out.promotion.tiers.map((t, i) => (isRecord(t) ? declaredTier(t, i) : t)) };
  }
  if (typeof api.active === "boolean") out.active = api.active;
  const codes = typeof api.vouchers_count === "number" ? api.vouchers_count : 0;
  if (codes > 0 && out.campaignType !== "PROMOTION") out.vouchersCount = codes;
  return normalizeCampaignInputs(out);
}

/**
 * Reads campaign `id` for an import: the state to record and the inputs, or an empty id when there is no such
 * campaign. Connection settings come from `configure` and the environment, as for every other operation.
 */
export async function importCampaignResource(
  rt: Runtime,
  id: string,
): Promise<{ id: string; props?: Json; inputs?: Json }> {
  let api: ApiCampaign;
  try {
    api = await getCampaign(rt.http, id);
  } catch (e) {
    if (isNotFound(e)) return { id: "" };
    throw e;
  }
  const inputs = importedInputs(api);
  const record = newRecord<Apply>({
    desired: inputs,
    before: inputs,
    computed: computedOutputs(api, {
      tierIds: tierIdsByKey(tierKeysById(valueAt(api, "promotion.tiers"))),
    }) as Json,
    done: CAMPAIGN_FIELD_RULES.map((r) => r.apply),
  });
  const state = settle(CAMPAIGN_RECORD, record);
  const campaignId = typeof api.id === "string" && api.id !== "" ? api.id : id;
  return {
    id: campaignId,
    props: state,
    inputs: recordedInputs(state),
  };
}

/** The import with the runtime built from `configure` and the environment (the native provider's entry). */
export function importCampaign(id: string): Promise<{ id: string; props?: Json; inputs?: Json }> {
  return importCampaignResource(runtimeFromConfig(), id);
}
