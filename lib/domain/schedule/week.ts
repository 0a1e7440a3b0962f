/**
 * The week as the scheduler sees it: 672 bins of 15 minutes, Monday 00:00 first, in the user's local time (creators'
 * habits follow a clock; the user's is the one we have, and it moves with daylight-saving changes as theirs usually do).
 */

export const BIN_MINUTES = 15;
export const BIN_MS = BIN_MINUTES * 60_000;
export const BINS_PER_DAY = (24 * 60) / BIN_MINUTES;
export const BINS = 7 * BINS_PER_DAY;
const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** Minutes to add to UTC for local time at `t` (what `-new Date(t).getTimezoneOffset()` says; 0 in tests). */
export type LocalOffset = (t: number) => number;
export const UTC: LocalOffset = () => 0;

// 1970-01-01 was a Thursday: three days after a Monday.
const EPOCH_SHIFT_MS = 3 * DAY_MS;

function localWeekMs(t: number, offset: LocalOffset): number {
  const local = t + offset(t) * 60_000 + EPOCH_SHIFT_MS;
  return ((local % WEEK_MS) + WEEK_MS) % WEEK_MS;
}

/** The bin `t` falls in. */
export function binOf(t: number, offset: LocalOffset): number {
  return Math.floor(localWeekMs(t, offset) / BIN_MS);
}

/** When the bin holding `t` ends (the next bin's start). */
export function binEnd(t: number, offset: LocalOffset): number {
  return t + (BIN_MS - (localWeekMs(t, offset) % BIN_MS));
}

/** Distance between two bins around the week, in bins. */
export function weekDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % BINS;
  return Math.min(d, BINS - d);
}

/** Distance between two bins' times of day, whatever the day, in bins. */
export function dayDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % BINS_PER_DAY;
  return Math.min(d, BINS_PER_DAY - d);
}
