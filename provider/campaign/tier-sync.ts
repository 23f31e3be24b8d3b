// Applies a promotion's tier plan (./tiers.ts) through the tier endpoints, tier by tier, and reports what took
// effect, so a failure halfway is recorded exactly: the tiers applied so far, with their IDs.
import { isNotFound } from "../client/errors";
import type { VoucherifyHttp } from "../client/http";
import { createTier, deleteTier, listTiers, setTierActive, updateTier } from "../client/promotions";
import { syncAssignments } from "./assignments";
import { planTierChanges, tierCreateBody, tiersByKey } from "./tiers";

type Json = Record<string, unknown>;

export interface TierSyncResult {
  /** The tiers in effect afterwards (input shape). */
  tiers: Json[];
  /** Tier IDs by key. */
  tierIds: Record<string, string>;
  /** The failure that stopped the sync, if any (what is in `tiers` did take effect). */
  error?: unknown;
}

/**
 * From `before` (the tiers in effect) to `after` (the declared tiers): deletes removed tiers, changes changed ones
 * (PUT, then rule assignments, then enable/disable), creates new ones. `knownIds` maps keys to tier IDs (state);
 * a key missing there is resolved by listing the campaign's tiers once and matching the tier name.
 */
export async function syncTiers(
  http: VoucherifyHttp,
  campaignId: string,
  before: unknown,
  after: unknown,
  knownIds: Readonly<Record<string, string>>,
): Promise<TierSyncResult> {
  const plan = planTierChanges(before, after);
  const applied = tiersByKey(before);
  const tierIds: Record<string, string> = { ...knownIds };
  let listed: Map<string, string> | undefined;
  const idOf = async (key: string): Promise<string> => {
    const known = tierIds[key];
    if (known !== undefined) return known;
    if (listed === undefined) {
      listed = new Map();
      for (const t of await listTiers(http, campaignId))
        if (typeof t.name === "string") listed.set(t.name, t.id);
    }
    const name = applied.get(key)?.name;
    const id = typeof name === "string" ? listed.get(name) : undefined;
    if (id === undefined) throw new Error(`promotion tier "${key}" was not found in campaign ${campaignId}`);
    tierIds[key] = id;
    return id;
  };
  const result = (error?: unknown): TierSyncResult => {
    const order = tiersByKey(after);
    const tiers = [...order.keys()].filter((k) => applied.has(k)).map((k) => applied.get(k) as Json);
    for (const [k, t] of applied) if (!order.has(k)) tiers.push(t);
    return error === undefined ? { tiers, tierIds } : { tiers, tierIds, error };
  };
  try {
    for (const key of plan.remove) {
      try {
        await deleteTier(http, await idOf(key));
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      applied.delete(key);
      delete tierIds[key];
    }
    for (const change of plan.change) {
      const id = await idOf(change.key);
      const prev = applied.get(change.key) ?? {};
      // Recorded step by step: the PUT's fields, then the rules, then `active`.
      if (change.body !== undefined) await updateTier(http, id, change.body);
      applied.set(change.key, { ...change.tier, active: prev.active, validationRules: prev.validationRules });
      await syncAssignments(
        http,
        { type: "promotion_tier", id },
        prev.validationRules,
        change.tier.validationRules,
      );
      applied.set(change.key, { ...change.tier, active: prev.active });
      if (change.setActive !== undefined) await setTierActive(http, id, change.setActive);
      applied.set(change.key, change.tier);
    }
    for (const tier of plan.create) {
      const key = tier.key as string;
      const created = await createTier(http, campaignId, tierCreateBody(tier));
      tierIds[key] = created.id;
      applied.set(key, { ...tier, active: tier.active === undefined ? undefined : created.active !== false });
      if (tier.active === false && created.active !== false) await setTierActive(http, created.id, false);
      applied.set(key, tier);
    }
  } catch (e) {
    return result(e);
  }
  return result();
}
