import { DAY, MINUTE, PARAMETERS, type Creator } from './population.ts';

export interface Result {
  creditsPerDay: number;
  /** Delays from go-live to the paid answer that announced it (min); a missed live counts as found at its end. */
  medianMin: number;
  p90Min: number;
  missedPct: number;
  falseNotifications: number;
  lives: number;
  /** Median delay (min) by creator kind. */
  medianByKind: Record<string, number>;
  /** The most a measured day spent, as a share of the day's budget (smart checking; null for fixed). */
  maxDayShare: number | null;
  /** Measured days on which the plan made no check at all. */
  darkDays: number;
  /** The longest any creator went without an answer in the measured days (h). */
  longestGapH: number;
  /** Hours a day, on average, the plan waited for the next day's budget after spending the day's. */
  capWaitH: number;
}

export interface RunStats {
  detected: Map<string, number>;
  falseNotifications: number;
  paid: number;
  spentByDay: Map<number, number>;
  plannedDays: Set<number>;
  longestGap: number;
  /** Per day, when the plan first found the day's budget spent. */
  capReached: Map<number, number>;
}

/** The figures of one run: every live that started and ended in the measured days counts, found or not. */
export function summarise(run: { creators: Creator[]; stats: RunStats; measureFrom: number; end: number; perDay: number | null }): Result {
  const { creators, stats, measureFrom, end } = run;
  const delays: number[] = [];
  const byKind: Record<string, number[]> = {};
  let missed = 0;
  creators.forEach((c, i) =>
    c.lives.forEach((life, k) => {
      if (life.start < measureFrom || life.end > end) return;
      const at = stats.detected.get(`${i}:${k}`);
      if (at === undefined) missed++;
      const delay = ((at ?? life.end) - life.start) / MINUTE;
      delays.push(delay);
      (byKind[c.kind] ??= []).push(delay);
    }),
  );
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const quantile = (values: number[], q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
  const all = sorted(delays);
  const measuredDays = PARAMETERS.days - PARAMETERS.learnDays;
  const spent = [...stats.spentByDay.values()];
  return {
    creditsPerDay: stats.paid / measuredDays / creators.length,
    medianMin: quantile(all, 0.5),
    p90Min: quantile(all, 0.9),
    missedPct: (100 * missed) / delays.length,
    falseNotifications: stats.falseNotifications,
    lives: delays.length,
    medianByKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, quantile(sorted(v), 0.5)])),
    maxDayShare: run.perDay === null ? null : Math.max(0, ...spent) / run.perDay,
    darkDays: measuredDays - stats.plannedDays.size,
    longestGapH: stats.longestGap / (DAY / 24),
    capWaitH: [...stats.capReached].reduce((sum, [day, at]) => sum + ((day + 1) * DAY - at), 0) / measuredDays / (DAY / 24),
  };
}
