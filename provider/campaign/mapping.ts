// Inputs -> Voucherify create body, and `check`'s validation + normalization of the inputs. The PUT body and the
// read-back follow the field model (./update-body.ts, ./read-back.ts).
import type { CampaignInputs } from "../schema/campaign";
import { campaignInputSchema } from "../schema/campaign";
import { type CheckFailure, toCheckFailures } from "../schema/issues";
import { isUnderUnknown, restoreUnknowns, stripUnknowns } from "../schema/unknowns";
import { NOT_IN_CREATE_BODY } from "./fields";
import { camelToSnake, toApiShape } from "./keys";
import { normalizeCampaignInputs } from "./normalize";

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------------
// check

/**
 * Validates raw inputs and returns the normalized inputs `check` hands to the engine. Values unknown during preview
 * are accepted anywhere: they are removed before validation, issues at or below them are ignored, and they are put
 * back unchanged. Keys starting with `__` (the engine's `__provider`) are not validated and not returned.
 */
export function checkCampaignInputs(raw: Json): { inputs: Json; failures: CheckFailure[] } {
  const own: Json = {};
  for (const key of Object.keys(raw)) {
    if (!key.startsWith("__")) own[key] = raw[key];
  }
  const { value: stripped, unknowns } = stripUnknowns(own);
  const result = campaignInputSchema().safeParse(stripped, { reportInput: true });
  if (result.success) {
    return { inputs: restoreUnknowns(normalizeCampaignInputs(result.data as Json), unknowns), failures: [] };
  }
  const relevant = result.error.issues.filter((issue) => !isUnderUnknown(issue.path, unknowns));
  if (relevant.length > 0) return { inputs: own, failures: toCheckFailures(relevant) };
  // Every problem comes from a value that is not known yet: accept, normalizing what is known.
  return { inputs: restoreUnknowns(normalizeCampaignInputs(stripped), unknowns), failures: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// create / update bodies

/**
 * The POST /v1/campaigns body. Code fields stay out except `vouchersCount` (-> `vouchers_count`); `active` is
 * applied afterwards through enable/disable.
 */
export function toCreateBody(inputs: CampaignInputs, name: string): Json {
  const src = inputs as unknown as Json;
  const body: Json = { name };
  for (const key of Object.keys(src)) {
    const v = src[key];
    if (v === undefined || NOT_IN_CREATE_BODY.has(key) || key.startsWith("__")) continue;
    body[camelToSnake(key)] = key === "metadata" ? v : toApiShape(v);
  }
  // A tier's `key` only identifies it for the provider.
  const promotion = body.promotion as { tiers?: Json[] } | undefined;
  if (promotion !== undefined && Array.isArray(promotion.tiers)) {
    promotion.tiers = promotion.tiers.map(({ key: _key, ...tier }) => tier);
  }
  if (inputs.vouchersCount !== undefined) body.vouchers_count = inputs.vouchersCount;
  return body;
}

/** Checked inputs → typed inputs. Check already validated them, so a failure here is a provider bug. */
export function parseCheckedInputs(raw: Json): CampaignInputs {
  const own: Json = {};
  for (const key of Object.keys(raw)) if (!key.startsWith("__")) own[key] = raw[key];
  const parsed = campaignInputSchema().safeParse(own);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    throw new Error(`Campaign inputs failed validation after check: ${where}`);
  }
  return parsed.data;
}
