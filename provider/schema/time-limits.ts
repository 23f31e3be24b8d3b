// Recurring time limits taken together (documentation/optimize/time-limits.mdx, "Add valid hours per day"): valid
// hours "can't be combined with the other recurring limitations" (the interval-and-duration time frame and the valid
// days of the week), and "You can add multiple hour limitations, but they can't overlap". Checked offline, so a
// program that breaks them fails at preview instead of at the API's 400.

interface Daily {
  startTime: string;
  daysOfWeek: number[];
  expirationTime: string;
}

interface RecurringLimits {
  validityTimeframe?: unknown;
  validityDayOfWeek?: readonly number[];
  validityHours?: { daily: readonly Daily[] };
}

function minutes(time: string): number {
  const [h = "0", m = "0"] = time.split(":");
  return Number(h) * 60 + Number(m);
}

/** Each problem with its path below the object that holds the limits. */
export function recurringLimitProblems(limits: RecurringLimits): { path: PropertyKey[]; message: string }[] {
  const daily = limits.validityHours?.daily ?? [];
  if (daily.length === 0) return [];
  const others = [
    limits.validityTimeframe !== undefined ? "validityTimeframe" : undefined,
    (limits.validityDayOfWeek?.length ?? 0) > 0 ? "validityDayOfWeek" : undefined,
  ].filter((f) => f !== undefined);
  if (others.length > 0) {
    return [
      {
        path: ["validityHours"],
        message: `cannot be combined with the other recurring limits (${others.join(", ")}): keep one kind`,
      },
    ];
  }
  const problems: { path: PropertyKey[]; message: string }[] = [];
  daily.forEach((a, i) => {
    daily.slice(0, i).forEach((b, j) => {
      const sharedDay = a.daysOfWeek.some((d) => b.daysOfWeek.includes(d));
      const overlap =
        minutes(a.startTime) < minutes(b.expirationTime) && minutes(b.startTime) < minutes(a.expirationTime);
      if (sharedDay && overlap) {
        problems.push({
          path: ["validityHours", "daily", i],
          message: `overlaps daily window ${j} on a shared day; valid hours can't overlap`,
        });
      }
    });
  });
  return problems;
}
