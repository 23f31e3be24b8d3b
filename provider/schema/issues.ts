// zod issues -> Pulumi CheckFailures. One place decides how a validation problem is shown in `pulumi preview`:
// `property` is the dotted input path (array positions as `[i]`, e.g. `promotion.tiers[0].name`), `reason` a
// sentence that says what is wrong and, where possible, what would be accepted.
import type { z } from "zod";

export interface CheckFailure {
  property: string;
  reason: string;
}

/** `["voucher", "discount", "percentOff"]` -> `voucher.discount.percentOff`; indexes as `[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (Array.isArray(value)) return "an array";
  return "an object";
}

function listAllowed(options: readonly unknown[]): string {
  const named = options.filter((o) => o !== undefined && o !== null).map((o) => String(o));
  const optional = options.some((o) => o === undefined);
  return `${named.join(", ")}${optional ? " (or omit it)" : ""}`;
}

function hasInput(issue: z.core.$ZodIssue): issue is z.core.$ZodIssue & { input: unknown } {
  return "input" in issue;
}

const EXPECTED_NAMES: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "a boolean",
  array: "an array",
  object: "an object",
  record: "an object",
  null: "null",
};

function reasonFor(issue: z.core.$ZodIssue): string {
  const input = hasInput(issue) ? issue.input : undefined;
  switch (issue.code) {
    case "invalid_type": {
      if (!issue.message.startsWith("Invalid input")) return issue.message; // a schema-specific message
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      if (hasInput(issue) && input === undefined) return `required (expected ${expected})`;
      if (!hasInput(issue)) return issue.message;
      return `must be ${expected} (got ${describeValue(input)})`;
    }
    case "invalid_value": {
      if (!issue.message.startsWith("Invalid")) return issue.message; // a schema-specific message
      if (issue.values.length === 1)
        return `must be ${describeValue(issue.values[0])} (got ${describeValue(input)})`;
      return `must be one of ${issue.values.map((v) => String(v)).join(", ")} (got ${describeValue(input)})`;
    }
    default:
      return issue.message;
  }
}

/**
 * Maps zod issues to check failures. `unrecognized_keys` yields one failure per key; an unknown discriminator value
 * (e.g. `campaignType: "LUCKY_DRAW"`) yields one failure at the discriminator listing the allowed values; other
 * unions are reported through their closest-matching branch.
 */
export function toCheckFailures(issues: readonly z.core.$ZodIssue[]): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const issue of issues) collect(issue, [], failures);
  return dedupe(failures);
}

function collect(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[], out: CheckFailure[]): void {
  const path = [...prefix, ...issue.path];
  if (issue.code === "unrecognized_keys") {
    for (const key of issue.keys) {
      out.push({
        property: formatPath([...path, key]),
        reason: `unknown property "${key}" (check the spelling)`,
      });
    }
    return;
  }
  if (issue.code === "invalid_union") {
    const disc = issue as unknown as { note?: string; discriminator?: string; options?: unknown[] };
    if (disc.note === "No matching discriminator" || (issue.errors.length === 0 && disc.options)) {
      // The issue's input is the whole object; the offending value is its discriminator property.
      const container = hasInput(issue) ? issue.input : undefined;
      const value =
        typeof container === "object" && container !== null && disc.discriminator !== undefined
          ? (container as Record<string, unknown>)[disc.discriminator]
          : undefined;
      const options = disc.options ?? [];
      const reason =
        value === undefined
          ? `required: one of ${listAllowed(options)}`
          : `must be one of ${listAllowed(options)} (got ${describeValue(value)})`;
      out.push({ property: formatPath(path), reason });
      return;
    }
    // A plain union: report the branch with the fewest issues (the one the user most likely meant).
    let best: readonly z.core.$ZodIssue[] | undefined;
    for (const branch of issue.errors) {
      if (best === undefined || branch.length < best.length) best = branch;
    }
    if (best === undefined || best.length === 0) {
      out.push({ property: formatPath(path), reason: issue.message });
      return;
    }
    for (const inner of best) collect(inner, path, out);
    return;
  }
  out.push({ property: formatPath(path), reason: reasonFor(issue) });
}

function dedupe(failures: CheckFailure[]): CheckFailure[] {
  const seen = new Set<string>();
  const out: CheckFailure[] = [];
  for (const f of failures) {
    const key = `${f.property}\u0000${f.reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}
