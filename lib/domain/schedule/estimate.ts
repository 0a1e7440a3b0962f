import type { Profile } from './profile';
import { BIN_MINUTES, BINS_PER_DAY } from './week';

/**
 * The mean time from go-live to the check that sees it, over the go-lives the profiles expect: a bin checked r times
 * finds its go-lives after BIN_MINUTES / (2r) on average.
 */
export function meanDelayMinutes(profiles: readonly Profile[], rates: readonly Float64Array[]): number | null {
  let weighted = 0;
  let expected = 0;
  profiles.forEach((profile, i) => {
    profile.rate.forEach((lambda, b) => {
      const r = rates[i]![b]!;
      if (r <= 0 || lambda <= 0) return;
      weighted += (lambda * BIN_MINUTES) / (2 * r);
      expected += lambda;
    });
  });
  return expected > 0 ? weighted / expected : null;
}

/** A habit worth telling the user: the weekdays (0 = Monday) and the time of day (minutes) it goes live around. */
export interface Habit {
  days: number[];
  minuteOfDay: number;
}

/** The creator's habit, once its history shows one (most of its go-lives predicted by the habit). */
export function habitOf(profile: Profile): Habit | null {
  if (profile.mix.uniform > 0.3) return null;
  const byTime = new Float64Array(BINS_PER_DAY);
  const byDay = new Float64Array(7);
  profile.rate.forEach((lambda, b) => {
    byTime[b % BINS_PER_DAY]! += lambda;
    byDay[Math.floor(b / BINS_PER_DAY)]! += lambda;
  });
  const peak = byTime.indexOf(Math.max(...byTime));
  const top = Math.max(...byDay);
  const days = [...byDay.keys()].filter((d) => byDay[d]! >= 0.6 * top);
  return { days, minuteOfDay: peak * BIN_MINUTES };
}
