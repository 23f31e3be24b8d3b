// Code generation from a campaign's code_config (CodeConfig in the spec): `pattern` with '#'
// placeholders overrides `length`; `charset` is a literal set of characters, or one of the
// dashboard's named sets; `prefix`/`postfix` wrap the generated part. Codes are unique across the
// project, so the generator asks the caller whether a candidate is taken.
import { ALPHANUMERIC, type Random } from "./ids";

export const DEFAULT_CODE_LENGTH = 8;

const NAMED_CHARSETS: Record<string, string> = {
  alphanumeric: ALPHANUMERIC,
  alphabetic: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
  alphabetic_lowercase: "abcdefghijklmnopqrstuvwxyz",
  alphabetic_uppercase: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  lowercase: "abcdefghijklmnopqrstuvwxyz",
  uppercase: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  numbers: "0123456789",
  numeric: "0123456789",
};

export interface CodeConfigInput {
  length?: number | null;
  charset?: string | null;
  prefix?: string | null;
  postfix?: string | null;
  pattern?: string | null;
}

/** The form the API returns: length, charset and pattern always filled (API-NOTES §14.13). */
export interface CodeConfig {
  length: number;
  charset: string;
  pattern: string;
  prefix?: string;
  postfix?: string;
}

export function expandCharset(charset: string): string {
  const named =
    NAMED_CHARSETS[
      charset
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, "_")
    ];
  if (named) return named;
  return [...new Set(charset)].join("");
}

/** Normalizes a code_config the way the API echoes it; returns an error text for impossible configs. */
export function normalizeCodeConfig(
  input: CodeConfigInput | undefined,
  defaultCharset: string = ALPHANUMERIC,
): CodeConfig | string {
  const charset = expandCharset(input?.charset ?? defaultCharset);
  if (charset.length === 0) return "code_config.charset must not be empty";
  let pattern: string;
  if (typeof input?.pattern === "string" && input.pattern.length > 0) {
    pattern = input.pattern;
  } else {
    const length = input?.length ?? DEFAULT_CODE_LENGTH;
    if (!Number.isInteger(length) || length < 1 || length > 100) {
      return "code_config.length must be an integer between 1 and 100";
    }
    pattern = "#".repeat(length);
  }
  const length = countHashes(pattern);
  const config: CodeConfig = { length, charset, pattern };
  if (input?.prefix) config.prefix = input.prefix;
  if (input?.postfix) config.postfix = input.postfix;
  return config;
}

function countHashes(pattern: string): number {
  let n = 0;
  for (const ch of pattern) if (ch === "#") n++;
  return n;
}

/** How many distinct codes the config can produce (capped, to stay a safe number). */
export function capacity(config: CodeConfig): number {
  const cap = 1e12;
  let total = 1;
  for (let i = 0; i < config.length; i++) {
    total *= config.charset.length;
    if (total >= cap) return cap;
  }
  return total;
}

export function generateCode(
  config: CodeConfig,
  random: Random,
  taken: (code: string) => boolean,
): string | undefined {
  // With a sparse space this finds a free code at once; with a nearly full one it gives up rather
  // than spin: the caller reports the shortfall.
  for (let attempt = 0; attempt < 50; attempt++) {
    let body = "";
    for (const ch of config.pattern) body += ch === "#" ? config.charset[random(config.charset.length)] : ch;
    const code = `${config.prefix ?? ""}${body}${config.postfix ?? ""}`;
    if (!taken(code)) return code;
  }
  return undefined;
}
