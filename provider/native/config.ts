// The provider's own configuration (`voucherify:*`), as the engine checks and compares it: CheckConfig validates it
// offline with the dynamic provider's rules (checkConnection of provider/config.ts, the environment included) and
// marks the secret key secret; DiffConfig says which change moves the stack to other Voucherify objects.
//
// DiffConfig replaces the provider, and with it every resource, only when the old and new values are both known
// and point elsewhere: another `applicationId` (another project), or an `apiUrl` on another host (another cluster).
// Anything else (a rotated secret key, timeouts, retries, the plugin's version, a path prefix) replaces nothing and
// shows no change: the engine still records the new inputs and configures the provider with them. A missing old
// value replaces nothing either: resources moving from the dynamic provider have no old provider inputs, and a
// value that comes from the environment only (VOUCHERIFY_APP_ID, …) is never part of the inputs DiffConfig sees.
import { type CONNECTION_KEYS, checkConnection } from "../config";
import type { DetailedDiff } from "../kit/kind";
import type { CheckFailure } from "../schema/issues";
import { UNKNOWN } from "../schema/unknowns";
import { configSource } from "./provider";
import { conceal, reveal } from "./secrets";

type Props = Record<string, unknown>;

const SECRET_KEYS = ["secretKey"];

/** Checks the provider's inputs; failures name `voucherify:<key>`. Unknown values (preview) are not judged. */
export function checkConfig(news: Props): { inputs: Props; failures: CheckFailure[] } {
  const { plain, secretKeys } = reveal(news);
  const known = Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== UNKNOWN));
  const { problems } = checkConnection(configSource(known, {}), process.env);
  const failures = problems
    .filter((p) => plain[p.key] !== UNKNOWN)
    .map((p) => ({ property: p.key, reason: p.message }));
  return { inputs: conceal(plain, new Set([...secretKeys, ...SECRET_KEYS])), failures };
}

/** A setting's value when it is set and known, else undefined. */
function known(props: Props, key: keyof typeof CONNECTION_KEYS): string | undefined {
  const value = props[key];
  if (value === undefined || value === null || value === "" || value === UNKNOWN) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The API host an `apiUrl` names (the cluster), or the text itself when it is no URL (CheckConfig reports it). */
function cluster(apiUrl: string): string {
  try {
    return new URL(apiUrl).host.toLowerCase();
  } catch {
    return apiUrl;
  }
}

const MOVES: { key: keyof typeof CONNECTION_KEYS; same: (a: string, b: string) => boolean }[] = [
  { key: "applicationId", same: (a, b) => a === b },
  { key: "apiUrl", same: (a, b) => cluster(a) === cluster(b) },
];

export interface ConfigDiff {
  /** Settings whose change replaces the provider (and its resources); empty: no change to show. */
  replaces: string[];
  detailedDiff: DetailedDiff;
}

export function diffConfig(olds: Props, news: Props): ConfigDiff {
  const before = reveal(olds).plain;
  const after = reveal(news).plain;
  const replaces: string[] = [];
  for (const move of MOVES) {
    const a = known(before, move.key);
    const b = known(after, move.key);
    if (a !== undefined && b !== undefined && !move.same(a, b)) replaces.push(move.key);
  }
  return {
    replaces,
    detailedDiff: Object.fromEntries(replaces.map((key) => [key, "update-replace" as const])),
  };
}
