// What a lookup returns for one campaign: its settings in the input shape of the `Campaign` resource (as a refresh
// reads them, provider/campaign/read-back.ts) plus the outputs the API computes (provider/campaign/outputs.ts), so a
// looked-up campaign reads like a managed one: `campaignId`, `name`, `totalVouchers`, `metadata`, …
import { type ComputedOutputs, computedOutputs } from "../campaign/outputs";
import { apiCampaignToInputShape } from "../campaign/read-back";
import type { ApiCampaign } from "../schema/wire";

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/**
 * A wire type with camelCase keys, as `fromApiShape` converts values (keys under `metadata` verbatim). The wire
 * schemas' index signatures are dropped: only the fields they name are typed.
 */
export type Camelized<T> = T extends readonly (infer U)[]
  ? Camelized<U>[]
  : T extends Record<string, unknown>
    ? {
        [K in keyof T as K extends string
          ? string extends K
            ? never
            : CamelCase<K>
          : never]: K extends "metadata" ? T[K] : Camelized<T[K]>;
      }
    : T;

/** The wire fields a read maps onto inputs (the field model's `api` paths; `voucher` holds a subset of its fields). */
type SettingsFields =
  | "name"
  | "campaign_type"
  | "type"
  | "description"
  | "category"
  | "category_id"
  | "start_date"
  | "expiration_date"
  | "validity_timeframe"
  | "validity_day_of_week"
  | "validity_hours"
  | "activity_duration_after_publishing"
  | "join_once"
  | "auto_join"
  | "use_voucher_metadata_schema"
  | "metadata"
  | "voucher"
  | "referral_program";

/** A promotion tier in the input shape; `key` is its name. */
export type TierInfo = {
  key: string;
  name?: string | null;
  validationRules?: string[];
} & Record<string, unknown>;

/** A campaign's settings in input shape, as far as the API reports them (`null` where it says null). */
export type CampaignSettings = Partial<Camelized<Pick<ApiCampaign, SettingsFields>>> & {
  /** IDs of the validation rules assigned to the campaign (getCampaign only: list items carry no assignments). */
  validationRules?: string[];
  /** PROMOTION campaigns (getCampaign only: list items carry no tiers). */
  promotion?: { tiers: TierInfo[] };
};

/** A campaign found by `getCampaign` or `listCampaigns`. */
export type CampaignInfo = CampaignSettings & Omit<ComputedOutputs, "tierIds">;

/** The settings `campaignInfo` may set (the unit tests hold every result to these and the computed outputs). */
export const CAMPAIGN_SETTINGS_KEYS = [
  "name",
  "campaignType",
  "type",
  "description",
  "category",
  "categoryId",
  "startDate",
  "expirationDate",
  "validityTimeframe",
  "validityDayOfWeek",
  "validityHours",
  "activityDurationAfterPublishing",
  "joinOnce",
  "autoJoin",
  "useVoucherMetadataSchema",
  "metadata",
  "voucher",
  "referralProgram",
  "validationRules",
  "promotion",
] as const satisfies readonly (keyof CampaignSettings)[];

export function campaignInfo(api: ApiCampaign): CampaignInfo {
  return { ...apiCampaignToInputShape(api), ...computedOutputs(api) } as CampaignInfo;
}
