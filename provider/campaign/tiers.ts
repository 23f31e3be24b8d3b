// Promotion tiers, matched by key (never by position): a tier's `key` is its name unless the program sets one, so
// a keyed tier can be renamed in place. Pure and offline: comparing, planning and the bodies of the tier calls.
// The calls themselves are made by ./tier-sync.ts.

import { deepEqual, isRecord } from "../kit/json";
import { camelToSnake, toApiShape } from "./keys";

type Json = Record<string, unknown>;

/** A tier's identity: its `key`, or its name (check fills `key` in; old state may lack it). */
export function tierKey(tier: Json): string {
  if (typeof tier.key === "string") return tier.key;
  return typeof tier.name === "string" ? tier.name : "";
}

/** Tiers by key (a non-array or a non-object element yields nothing). */
export function tiersByKey(tiers: unknown): Map<string, Json> {
  const out = new Map<string, Json>();
  if (!Array.isArray(tiers)) return out;
  for (const t of tiers) if (isRecord(t)) out.set(tierKey(t), { ...t, key: tierKey(t) });
  return out;
}

/**
 * THE match of the API's tiers to their keys, by tier ID: the key `known` (state's tier IDs by key) gives the ID,
 * else the key of the `declared` tier of the same name, else the tier's name (else its ID).
 */
export function tierKeysById(
  apiTiers: unknown,
  known: Readonly<Record<string, string>> = {},
  declared?: unknown,
): Map<string, string> {
  const byId = new Map(Object.entries(known).map(([key, id]) => [id, key]));
  const byName = new Map<string, string>();
  if (Array.isArray(declared)) {
    for (const t of declared) if (isRecord(t) && typeof t.name === "string") byName.set(t.name, tierKey(t));
  }
  const out = new Map<string, string>();
  if (!Array.isArray(apiTiers)) return out;
  for (const t of apiTiers) {
    if (!isRecord(t) || typeof t.id !== "string") continue;
    const name = typeof t.name === "string" ? t.name : undefined;
    out.set(t.id, byId.get(t.id) ?? (name === undefined ? undefined : byName.get(name)) ?? name ?? t.id);
  }
  return out;
}

/** Tier IDs by key (the `tierIds` output), from the match above. */
export function tierIdsByKey(keysById: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, key] of keysById) out[key] = id;
  return out;
}

/** Same tiers, key by key, in any order. */
export function tiersEqual(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  const before = tiersByKey(a);
  const after = tiersByKey(b);
  if (before.size !== after.size) return false;
  for (const [key, tier] of after) if (!deepEqual(before.get(key), tier)) return false;
  return true;
}

/** Tier fields that change through their own calls, not the tier PUT. */
const NOT_IN_PUT = new Set(["key", "active", "validationRules"]);

/** The tier's create body (`POST /v1/promotions/{campaignId}/tiers`, or an element of the campaign create). */
export function tierCreateBody(tier: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(tier)) if (k !== "key" && v !== undefined) out[k] = v;
  return toApiShape(out) as Json;
}

/**
 * The `PUT /v1/promotions/tiers/{id}` body for the fields that differ, or undefined. A removed field is cleared with
 * `null`, except `metadata`, which becomes `{}`.
 */
export function tierUpdateBody(before: Json, after: Json): Json | undefined {
  const body: Json = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const k of keys) {
    if (NOT_IN_PUT.has(k) || deepEqual(before[k], after[k])) continue;
    const value = after[k];
    body[camelToSnake(k)] =
      value === undefined ? (k === "metadata" ? {} : null) : k === "metadata" ? value : toApiShape(value);
  }
  return Object.keys(body).length === 0 ? undefined : body;
}

function ruleIds(tier: Json | undefined): string[] {
  return tier !== undefined && Array.isArray(tier.validationRules) ? (tier.validationRules as string[]) : [];
}

export interface TierChange {
  key: string;
  /** The tier as declared now. */
  tier: Json;
  /** PUT body, when fields other than `active` and `validationRules` changed. */
  body?: Json;
  /** Desired `active`, when it changed. */
  setActive?: boolean;
  /** Validation rules to assign and to unassign. */
  assign: string[];
  unassign: string[];
}

export interface TierPlan {
  create: Json[];
  change: TierChange[];
  /** Keys of tiers to delete. */
  remove: string[];
}

/** Tier by tier, by key: what to create, change (and how) and delete. */
export function planTierChanges(before: unknown, after: unknown): TierPlan {
  const old = tiersByKey(before);
  const now = tiersByKey(after);
  const plan: TierPlan = { create: [], change: [], remove: [] };
  for (const [key, tier] of now) {
    const prev = old.get(key);
    if (prev === undefined) {
      plan.create.push(tier);
      continue;
    }
    if (deepEqual(prev, tier)) continue;
    const change: TierChange = { key, tier, assign: [], unassign: [] };
    const body = tierUpdateBody(prev, tier);
    if (body !== undefined) change.body = body;
    if (tier.active !== undefined && tier.active !== prev.active) change.setActive = tier.active === true;
    const was = ruleIds(prev);
    const wants = ruleIds(tier);
    change.assign = wants.filter((r) => !was.includes(r));
    change.unassign = tier.validationRules === undefined ? [] : was.filter((r) => !wants.includes(r));
    plan.change.push(change);
  }
  for (const key of old.keys()) if (!now.has(key)) plan.remove.push(key);
  return plan;
}
