/** The bounds of the numbers the user sets: for the schemas, and for the pages' fields and messages (zod-free). */

const MIN_POLL_MINUTES = 0.5; // browsers clamp alarms to 30 s
export const SETTING_RANGES = {
  pollMinutes: [MIN_POLL_MINUTES, 1440],
  freshnessSeconds: [10, 3600],
  visitLookupsPerMinute: [1, 120],
  creditsPerDay: [10, 1_000_000],
} as const;

/** The monthly budget: 300 (10 a day) up to what checking 5,000 creators every minute for a month costs. */
export const BUDGET_RANGE = [300, 216_000_000] as const;
