// What the kit's state recorder (provider/kit/record.ts) knows of a Campaign: its field rows, its computed
// outputs, and the code fields recorded by reference. The hidden state keys are the kit's, shared by every kind.
import type { ConvergeRecord, RecordedKind } from "../kit/record";
import { recordedInputs as recordedInputsOf } from "../kit/record";
import type { Props } from "../kit/state";
import { VOUCHER_CODE_FIELDS } from "../schema/vouchers";
import { type Apply, CAMPAIGN_FIELD_RULES } from "./fields";
import { COMPUTED_OUTPUT_KEYS } from "./outputs";

export {
  AUTONAMED_KEY,
  PROVIDER_KEY,
  RESOURCE_NAME_KEY,
  STACK_KEY,
  toPlain,
  withoutHidden,
  withProvider,
} from "../kit/state";

export const CAMPAIGN_RECORD: RecordedKind<Apply> = {
  rows: CAMPAIGN_FIELD_RULES,
  alwaysDesired: new Set<Apply>(["provider"]),
  computedKeys: COMPUTED_OUTPUT_KEYS,
  byReference: new Set<string>(VOUCHER_CODE_FIELDS),
};

export type CampaignRecord = ConvergeRecord<Apply>;

/** Previous outputs without hidden keys and computed outputs: the inputs they were recorded for. */
export function recordedInputs(props: Props | undefined): Props {
  return recordedInputsOf(CAMPAIGN_RECORD, props);
}
