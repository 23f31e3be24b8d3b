// `read` (refresh): the campaign as the API has it, mapped back onto the inputs the user manages, so an
// out-of-band change shows as a diff to undo; a campaign deleted outside Pulumi reads as gone.
import { getCampaign } from "../client/campaigns";
import { isNotFound } from "../client/errors";
import { readCampaignVouchers } from "../client/vouchers";
import { compareWithListed } from "../codes/verify";
import { isRecord, valueAt } from "../kit/json";
import { newRecord, settle } from "../kit/record";
import type { VoucherItem } from "../schema/vouchers";
import type { ApiCampaign } from "../schema/wire";
import { type Apply, CAMPAIGN_FIELD_RULES } from "./fields";
import { computedOutputs } from "./outputs";
import { fromApiCampaign } from "./read-back";
import { type Runtime, waitOptions } from "./runtime";
import { AUTONAMED_KEY, CAMPAIGN_RECORD, recordedInputs } from "./state";
import { tierIdsByKey, tierKeysById } from "./tiers";

type Props = Record<string, unknown>;

export async function readCampaignResource(
  rt: Runtime,
  id: string,
  props: Props | undefined,
): Promise<{ id: string; props?: Props; inputs?: Props }> {
  const previousProps = isRecord(props) ? props : {};
  let api: ApiCampaign;
  try {
    // Through the process's reader when there is one: a refresh's burst of reads costs the shared list pages.
    api =
      rt.campaigns === undefined
        ? await getCampaign(rt.http, id)
        : await rt.campaigns.getCampaign(id, rt.http);
  } catch (e) {
    if (isNotFound(e)) {
      rt.log(`campaign ${id} no longer exists; removing it from the stack`);
      return { id: "" };
    }
    throw e;
  }
  const previous = recordedInputs(previousProps);
  const knownIds = isRecord(previousProps.tierIds) ? (previousProps.tierIds as Record<string, string>) : {};
  const keysById = tierKeysById(valueAt(api, "promotion.tiers"), knownIds);
  const mapped = fromApiCampaign(api, previous, keysById) as unknown as Props;

  let codes: Props | undefined;
  if (previousProps.verifyVouchersOnRefresh === true && Array.isArray(previousProps.vouchers)) {
    // Opt-in: one request per 100 codes, or one export for a large campaign. Declared codes deleted outside the program are dropped from the
    // state, so the next `up` imports them again; changed attributes are reported.
    const declared = previousProps.vouchers as VoucherItem[];
    const listed = await readCampaignVouchers(rt.http, id, waitOptions(rt));
    const drift = compareWithListed(declared, listed);
    if (drift.missing.length > 0) {
      const missing = new Set(drift.missing);
      codes = { vouchers: declared.filter((v) => !missing.has(v.code)) };
      rt.log(`campaign ${id}: ${drift.missing.length} declared code(s) no longer exist`);
    }
    if (drift.changed.length > 0) {
      rt.log(`campaign ${id}: ${drift.changed.length} declared code(s) differ from the declaration`);
    }
  }
  // Everything read took effect; the code fields stay as recorded unless the opt-in listing dropped some.
  const record = newRecord<Apply>({
    desired: mapped,
    before: previous,
    computed: computedOutputs(api, { tierIds: tierIdsByKey(keysById) }) as Props,
    hidden: previousProps,
    done: CAMPAIGN_FIELD_RULES.map((r) => r.apply).filter((a) => a !== "codes"),
  });
  if (codes !== undefined) record.applied.codes = codes;
  const state = settle(CAMPAIGN_RECORD, record);
  const inputs = recordedInputs(state);
  if (previousProps[AUTONAMED_KEY] === true) inputs[AUTONAMED_KEY] = true;
  return { id: typeof api.id === "string" && api.id !== "" ? api.id : id, props: state, inputs };
}
