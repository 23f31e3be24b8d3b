// Voucherify's filter conditions (`{"conditions": {"$in": ["a", "b"]}}`, FiltersCondition in the spec) turned
// into predicates. A condition the emulator does not implement is refused (400), never ignored: a silently
// unfiltered result is the kind of forgiveness that hides client bugs.
import { invalidPayload } from "./errors";
import { isPlainObject } from "./validate";

export type Predicate = (value: unknown) => boolean;

function values(argument: unknown): unknown[] {
  return Array.isArray(argument) ? argument : [argument];
}

function equals(value: unknown, expected: unknown): boolean {
  if (typeof value === "boolean") return value === (expected === true || expected === "true");
  if (typeof value === "number") return value === Number(expected);
  return value !== undefined && value !== null && String(value) === String(expected);
}

function isUnknown(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function time(value: unknown): number {
  return typeof value === "string" ? Date.parse(value) : Number.NaN;
}

type Condition = (value: unknown, argument: unknown[]) => boolean;

const CONDITIONS: Record<string, Condition> = {
  $is: (v, args) => args.some((a) => equals(v, a)),
  $is_not: (v, args) => !args.some((a) => equals(v, a)),
  $in: (v, args) => args.some((a) => equals(v, a)),
  $not_in: (v, args) => !args.some((a) => equals(v, a)),
  $has_value: (v) => !isUnknown(v),
  $is_unknown: (v) => isUnknown(v),
  $starts_with: (v, args) => args.some((a) => text(v)?.startsWith(String(a)) === true),
  $ends_with: (v, args) => args.some((a) => text(v)?.endsWith(String(a)) === true),
  $contains: (v, args) => args.some((a) => text(v)?.includes(String(a)) === true),
  $not_contain: (v, args) => !args.some((a) => text(v)?.includes(String(a)) === true),
  $before: (v, args) => args.every((a) => time(v) < time(a)),
  $after: (v, args) => args.every((a) => time(v) > time(a)),
  $more_than: (v, args) => args.every((a) => typeof v === "number" && v > Number(a)),
  $less_than: (v, args) => args.every((a) => typeof v === "number" && v < Number(a)),
};

/** `{"conditions": {...}}` of one filter field; every condition must hold. `path` names it in errors. */
export function compileConditions(filter: unknown, path: string): Predicate {
  if (!isPlainObject(filter) || !isPlainObject(filter.conditions)) {
    throw invalidPayload(`Property ${path} should have required property 'conditions'`);
  }
  const checks: Predicate[] = [];
  for (const [name, argument] of Object.entries(filter.conditions)) {
    const condition = CONDITIONS[name];
    if (!condition) {
      throw invalidPayload(
        `Condition ${path}.conditions.${name} is not supported by the emulator; supported: ${Object.keys(CONDITIONS).join(", ")}`,
      );
    }
    const args = values(argument);
    checks.push((value) => condition(value, args));
  }
  return (value) => checks.every((check) => check(value));
}
