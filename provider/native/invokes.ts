// The provider functions (Invoke), by token: the same read-only lookups the TypeScript functions call. A new
// function is one line in INVOKES, built with `lookupOne` or `listing`.
import type { VoucherifyHttp } from "../client/http";
import type { Props } from "../kit/state";
import { toPlain } from "../kit/state";
import { lookupCampaign, lookupCampaigns } from "../lookups/core";
import { listCampaignsArgsSchema } from "../lookups/filters";
import { lookupCategory, lookupValidationRule } from "../lookups/referenced";
import { GET_CATEGORY_TOKEN, GET_VALIDATION_RULE_TOKEN } from "../resources/native-schema";
import { GET_CAMPAIGN_TOKEN, LIST_CAMPAIGNS_TOKEN } from "./schema";

/** One provider function: its plain arguments (secrets revealed) to its plain result. */
export type Invoke = (http: VoucherifyHttp, args: Props) => Promise<Props>;

/** A lookup of one object by the string argument `arg`: `{ [result]: object }`, or `{}` when there is none. */
export function lookupOne(
  arg: string,
  result: string,
  lookup: (http: VoucherifyHttp, key: string) => Promise<unknown>,
): Invoke {
  return async (http, args) => {
    const found = await lookup(http, String(args[arg] ?? ""));
    return found === undefined ? {} : toPlain({ [result]: found });
  };
}

interface ArgsSchema<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/**
 * A listing whose arguments a zod schema checks (built at the first call, not at the plugin's start):
 * `{ [result]: objects }`; arguments the schema refuses fail with each issue by path.
 */
export function listing<T>(
  name: string,
  result: string,
  schema: () => ArgsSchema<T>,
  list: (http: VoucherifyHttp, args: T) => Promise<unknown[]>,
): Invoke {
  return async (http, args) => {
    const parsed = schema().safeParse(args);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.map(String).join(".")}: ${i.message}`);
      throw new Error(`${name}: ${issues.join("; ")}`);
    }
    return toPlain({ [result]: await list(http, parsed.data) });
  };
}

export const INVOKES: Readonly<Record<string, Invoke>> = {
  [GET_CAMPAIGN_TOKEN]: lookupOne("nameOrId", "campaign", lookupCampaign),
  [LIST_CAMPAIGNS_TOKEN]: listing("listCampaigns", "campaigns", listCampaignsArgsSchema, lookupCampaigns),
  [GET_VALIDATION_RULE_TOKEN]: lookupOne("nameOrId", "validationRule", lookupValidationRule),
  [GET_CATEGORY_TOKEN]: lookupOne("nameOrId", "category", lookupCategory),
};
