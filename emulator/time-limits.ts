// Combinations of recurring time limits (documentation/optimize/time-limits.mdx, "Add valid hours per day"): "You
// can add multiple hour limitations, but they can't overlap", and "This limitation can't be combined with the
// other recurring limitations" (the duration-and-interval time frame and the valid days of the week). The rules are
// documented; the answer is not: 400 with the object's own invalid-parameters key is assumed.
import type { Json } from "./validate";

interface Daily {
  start_time?: string;
  expiration_time?: string;
  days_of_week?: number[];
}

const END_OF_DAY = 24 * 60;

function minutes(time: string | undefined): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(time ?? "");
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

function dailyOf(hours: unknown): Daily[] {
  const daily = (hours as Json | null | undefined)?.daily;
  return Array.isArray(daily) ? (daily as Daily[]) : [];
}

/** What is wrong with these time limits taken together (the values an object ends up with), or undefined. */
export function timeLimitProblem(limits: {
  validity_timeframe?: unknown;
  validity_day_of_week?: unknown;
  validity_hours?: unknown;
}): string | undefined {
  const daily = dailyOf(limits.validity_hours);
  if (daily.length === 0) return undefined;
  const other = [
    limits.validity_timeframe != null ? "validity_timeframe" : undefined,
    Array.isArray(limits.validity_day_of_week) && limits.validity_day_of_week.length > 0
      ? "validity_day_of_week"
      : undefined,
  ].filter((f) => f !== undefined);
  if (other.length > 0) {
    return `validity_hours cannot be combined with the other recurring limitations (${other.join(", ")})`;
  }
  for (let i = 0; i < daily.length; i++) {
    for (let j = i + 1; j < daily.length; j++) {
      const a = daily[i]!;
      const b = daily[j]!;
      const sharedDay = (a.days_of_week ?? []).some((d) => (b.days_of_week ?? []).includes(d));
      // An empty expiration time lasts "until the end of the day" (changelog, 7 July 2026).
      const [as, ae, bs, be] = [
        minutes(a.start_time),
        a.expiration_time ? minutes(a.expiration_time) : END_OF_DAY,
        minutes(b.start_time),
        b.expiration_time ? minutes(b.expiration_time) : END_OF_DAY,
      ];
      if (!sharedDay || as === undefined || ae === undefined || bs === undefined || be === undefined)
        continue;
      if (as < be && bs < ae) return `validity_hours.daily periods ${i} and ${j} overlap; they can't overlap`;
    }
  }
  return undefined;
}
