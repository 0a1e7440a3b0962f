import type { Profile } from './profile';
import { BIN_MINUTES, BINS } from './week';

/** One creator as the plan sees it. */
export interface PlanCreator {
  profile: Profile;
  /** How much an early alert for this creator is worth: 1 normally, more for a favourite, 0 when muted. */
  weight: number;
}

interface PlanOptions {
  /** Paid checks per day for all creators together. */
  checksPerDay: number;
  /**
   * Checks per day spent outside this plan (while creators are live, confirming free signals, retries), as measured
   * lately: taken off the budget. Without a measurement the live checks are estimated from the profiles.
   */
  reservedPerDay?: number;
  /**
   * The share of lately planned offline checks that were really made. Go-lives cluster where checks are planned, and
   * the checks planned for the rest of a live then go unmade: the plan aims that much higher to spend the budget.
   */
  madeShare?: number;
  /**
   * The fastest pace while a creator is live (only its end and viewer count are news); slower when the budget is small:
   * a live creator is checked no more often than an even spread of the budget would check it offline.
   */
  liveGapMinutes?: number;
  /** No creator is checked more often than this (the browser's alarms fire at most every 30 s). */
  minGapMinutes?: number;
}

export interface Plan {
  /** Per creator, in the order given: paid checks per bin while offline. */
  rates: Float64Array[];
  liveGapMinutes: number;
  /** Every creator is checked at least this often while offline, whatever else was spent. */
  floorGapMinutes: number;
  /** The offline checks per day this plan aims at (the share lately made is known to fall short: see madeShare). */
  aimedPerDay: number;
}

const DEFAULT_LIVE_GAP_MINUTES = 20;
const DEFAULT_MIN_GAP_MINUTES = 1;
const SHAPE_SHARPENING = 0.5;
/**
 * The share of the budget the floor may take. It comes first: spending outside the plan (visits, signals, refreshes)
 * shrinks only what the plan spends above it, so no amount of it leaves a creator unchecked for days.
 */
export const FLOOR_SHARE = 0.5;

/**
 * Spends one daily budget where go-lives are likely, over a floor every creator gets first. Checking a bin at rate r
 * finds a go-live there after 1/(2r) on average, so the mean delay over all go-lives, Σ λ/(2r), is least under a fixed
 * total when r ∝ √λ (the classic result for monitoring Poisson changes). Each rate is then held between the floor and
 * the fastest pace.
 */
export function planChecks(creators: readonly PlanCreator[], options: PlanOptions): Plan {
  const evenGap = creators.length > 0 && options.checksPerDay > 0 ? (24 * 60 * creators.length) / options.checksPerDay : 0;
  const liveGap = Math.max(options.liveGapMinutes ?? DEFAULT_LIVE_GAP_MINUTES, evenGap);
  const cap = BIN_MINUTES / (options.minGapMinutes ?? DEFAULT_MIN_GAP_MINUTES);
  const estimated = () => creators.reduce((sum, c) => sum + c.profile.liveShare * BINS * (BIN_MINUTES / liveGap), 0) / 7;
  const madeShare = Math.min(1, Math.max(0.5, options.madeShare ?? 1));
  // Offline time is what the rates are spent over.
  const offlineShare = creators.map((c) => 1 - c.profile.liveShare);
  const totalOffline = offlineShare.reduce((a, b) => a + b, 0) * BINS;
  // The floor: the floor's share of the budget, spread evenly over everyone's offline time. It scales with the budget,
  // so an off-habit go-live (a habit that moved, a creator back from a break) is found within the gap the budget pays.
  const floor = totalOffline > 0 ? Math.min(cap, (FLOOR_SHARE * options.checksPerDay * 7) / totalOffline) : 0;
  const offlinePerDay = Math.max(0, options.checksPerDay - (options.reservedPerDay ?? estimated()));
  const offlineBudget = Math.max(floor * totalOffline, (offlinePerDay * 7) / madeShare);

  const scores = creators.map((c) => {
    // Across creators the square root of their rates; within a creator's week a sharper exponent (see SHAPE_EXPONENT).
    const exponent = 0.5 + SHAPE_SHARPENING * (1 - c.profile.mix.uniform);
    const shaped = c.profile.rate.map((r) => r ** exponent);
    const mean = shaped.reduce((a, b) => a + b, 0) / shaped.length;
    const level = Math.sqrt(c.profile.perWeek) * c.weight;
    return mean > 0 ? shaped.map((x) => (level * x) / mean) : shaped;
  });
  const scale = solveScale(scores, offlineShare, floor, cap, offlineBudget);
  return {
    rates: scores.map((row) => row.map((s) => Math.min(cap, Math.max(floor, s * scale)))),
    liveGapMinutes: liveGap,
    floorGapMinutes: floor > 0 ? BIN_MINUTES / floor : Infinity,
    aimedPerDay: offlineBudget / 7,
  };
}

/** The factor c with Σ share·clamp(c·s, floor, cap) = budget, by bisection (spend grows with c). */
function solveScale(scores: Float64Array[], shares: number[], floor: number, cap: number, budget: number): number {
  const spend = (c: number) => {
    let total = 0;
    scores.forEach((row, i) => {
      let sum = 0;
      for (let b = 0; b < row.length; b++) sum += Math.min(cap, Math.max(floor, c * row[b]!));
      total += sum * shares[i]!;
    });
    return total;
  };
  if (spend(0) >= budget) return 0;
  let lo = 0;
  let hi = 1;
  while (spend(hi) < budget && hi < 1e12) hi *= 2;
  for (let k = 0; k < 30; k++) {
    const mid = (lo + hi) / 2;
    if (spend(mid) < budget) lo = mid;
    else hi = mid;
  }
  return hi;
}
