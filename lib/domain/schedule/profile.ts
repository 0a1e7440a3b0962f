import { BIN_MINUTES, BINS, BINS_PER_DAY, binOf, dayDistance, weekDistance, WEEK_MS, type LocalOffset } from './week';

/** What the extension has observed of one creator: the raw material of its schedule. */
export interface CreatorHistory {
  /** When observing began (the follow, or the first check). */
  since: number;
  /** Go-live times (the API's `startedAt`, else when first seen live), oldest first. */
  starts: number[];
  /** How long recent lives lasted (ms), oldest first. */
  durations: number[];
}

/** A creator's learned week: expected go-lives per bin, and how sure the shape is. */
export interface Profile {
  /** Expected go-lives in each bin of the week. */
  rate: Float64Array;
  perWeek: number;
  /** The share of the week the creator is live. */
  liveShare: number;
  /** The mixture chosen: how much of the shape is uniform (1 = no habit trusted), a daily hour, a weekly slot. */
  mix: { uniform: number; daily: number; weekly: number };
}

const HISTORY_WEEKS = 8;
export const MAX_STARTS = 120;
export const MAX_DURATIONS = 20;
/** Recent weeks weigh more: an observation's weight halves every three weeks. */
const HALF_LIFE_MS = 3 * 7 * 86_400_000;
/** The population's rate counts as one week of this creator's own observation. */
const PRIOR_WEEKS = 1;
/**
 * A habit must beat chance: the shape is fitted as if one more go-live had been seen at a random hour, so a thin or
 * random history stays near uniform (a plain square-root allocation over a raw histogram chases noise there).
 */
const PRIOR_STARTS = 1;
/**
 * Nats of leave-one-out evidence a habit needs over none. Three kernel widths and a grid of mixtures fit chance
 * coincidences a little; a random creator's history must not buy a schedule.
 */
const HABIT_EVIDENCE = 3;
const DEFAULT_PER_WEEK = 3;
const DEFAULT_DURATION_MS = 2.5 * 3_600_000;

/** A smoothing kernel of one width, over the week and over the day. */
interface Kernel {
  reach: number;
  week: Float64Array;
  day: Float64Array;
  weekZ: number;
  dayZ: number;
}
function kernel(sigmaMinutes: number): Kernel {
  const sigma = sigmaMinutes / BIN_MINUTES;
  const reach = Math.ceil(4 * sigma);
  const g = (d: number) => (d <= reach ? Math.exp(-(d * d) / (2 * sigma * sigma)) : 0);
  const week = Float64Array.from({ length: BINS / 2 + 1 }, (_, d) => g(d));
  const day = Float64Array.from({ length: BINS_PER_DAY / 2 + 1 }, (_, d) => g(d));
  // Each start's kernel summed over the whole week, to make each shape a distribution.
  const weekZ = Array.from({ length: BINS }, (_, b) => week[weekDistance(0, b)]!).reduce((a, b) => a + b, 0);
  const dayZ = Array.from({ length: BINS }, (_, b) => day[dayDistance(0, b)]!).reduce((a, b) => a + b, 0);
  return { reach, week, day, weekZ, dayZ };
}
/**
 * How sharp a habit may be: to the quarter hour, about an hour, or a loose evening. Each creator's is chosen. Built on
 * first use, not when the worker starts: most wakes (a badge, a message) fit no habit, and building them costs a wake
 * about 2 ms.
 */
let kernels: Kernel[] | undefined;
const habitKernels = () => (kernels ??= [20, 45, 100].map(kernel));

const UNIFORM_SHARES = [1, 0.5, 0.3, 0.2, 0.1, 0.05];
const DAILY_SHARES = [0, 0.5, 1];
/** The chance term samples every third bin: the shapes are smooth at that scale. */
const CHANCE_STEP = 3;

const weightAt = (age: number) => 0.5 ** (age / HALF_LIFE_MS);

/**
 * The mean go-lives per week across creators observed for at least two weeks: the prior for newcomers. To two
 * significant digits: it moves a little with every go-live, and every creator's profile is learnt with it.
 */
export function populationRate(histories: readonly CreatorHistory[], now: number): number {
  let starts = 0;
  let weeks = 0;
  for (const h of histories) {
    const span = Math.min(now - h.since, HISTORY_WEEKS * WEEK_MS);
    if (span < 2 * WEEK_MS) continue;
    starts += h.starts.filter((s) => s > now - span && s <= now).length;
    weeks += span / WEEK_MS;
  }
  return weeks > 0 ? Math.max(0.1, Number((starts / weeks).toPrecision(2))) : DEFAULT_PER_WEEK;
}

interface Point {
  bin: number;
  w: number;
}

/** The daily-hour and weekly-slot shapes of the points under one kernel, each a distribution over the week. */
function shapes(points: Point[], total: number, k: Kernel) {
  const dayShape = new Float64Array(BINS_PER_DAY);
  const weekly = new Float64Array(BINS);
  for (const p of points) {
    const hour = p.bin % BINS_PER_DAY;
    for (let b = 0; b < BINS_PER_DAY; b++) dayShape[b]! += p.w * k.day[dayDistance(b, hour)]!;
    for (let d = -k.reach; d <= k.reach; d++) weekly[(((p.bin + d) % BINS) + BINS) % BINS]! += p.w * k.week[Math.abs(d)]!;
  }
  const daily = new Float64Array(BINS);
  for (let b = 0; b < BINS; b++) {
    daily[b] = dayShape[b % BINS_PER_DAY]! / (k.dayZ * total);
    weekly[b]! /= k.weekZ * total;
  }
  return { daily, weekly };
}

/** Learns a creator's week from its history, pulled toward the population's rate and toward no habit at all. */
export function learnProfile(history: CreatorHistory, now: number, offset: LocalOffset, priorPerWeek = DEFAULT_PER_WEEK): Profile {
  const from = Math.max(history.since, now - HISTORY_WEEKS * WEEK_MS);
  const points = history.starts.filter((s) => s >= from && s <= now).map((s) => ({ bin: binOf(s, offset), w: weightAt(now - s) }));
  const total = points.reduce((sum, p) => sum + p.w, 0);
  // Recency-weighted weeks of observation.
  const exposure = now > from ? ((HALF_LIFE_MS / Math.LN2) * (1 - weightAt(now - from))) / WEEK_MS : 0;
  const perWeek = (total + PRIOR_WEEKS * priorPerWeek) / (exposure + PRIOR_WEEKS);

  // No habit scores the observed go-lives at 1/BINS each; a habit must beat that by HABIT_EVIDENCE.
  const none: Fit = { score: total * Math.log(1 / BINS) + PRIOR_STARTS * Math.log(1 / BINS), mix: { uniform: 1, daily: 0, weekly: 0 }, daily: null, weekly: null };
  let best: Fit = { ...none, score: -Infinity };
  if (points.length >= 2) for (const k of habitKernels()) best = fitMix(points, total, k, best);
  if (best.score < none.score + HABIT_EVIDENCE) best = none;
  const rate = new Float64Array(BINS);
  const { mix } = best;
  for (let b = 0; b < BINS; b++) {
    rate[b] = perWeek * (mix.uniform / BINS + mix.daily * (best.daily?.[b] ?? 0) + mix.weekly * (best.weekly?.[b] ?? 0));
  }
  const recent = history.durations.slice(-MAX_DURATIONS);
  const duration = recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : DEFAULT_DURATION_MS;
  return { rate, perWeek, liveShare: Math.min(0.9, (perWeek * duration) / WEEK_MS), mix };
}

interface Fit {
  score: number;
  mix: Profile['mix'];
  daily: Float64Array | null;
  weekly: Float64Array | null;
}

/**
 * The mixture of no habit, a daily hour and a weekly slot that best predicts each observed go-live from the others
 * (leave-one-out), with the chance-level prior: a habit is trusted only as far as it has predicted.
 */
function fitMix(points: Point[], total: number, k: Kernel, best: Fit): Fit {
  const { daily, weekly } = shapes(points, total, k);
  // Each point's density under the others alone.
  const loo = points.map((p) => {
    const rest = total - p.w;
    if (rest <= 1e-9) return { w: p.w, d: 0, k: 0 };
    return {
      w: p.w,
      d: Math.max(0, (daily[p.bin]! * total - (p.w * k.day[0]!) / k.dayZ) / rest),
      k: Math.max(0, (weekly[p.bin]! * total - (p.w * k.week[0]!) / k.weekZ) / rest),
    };
  });
  for (const u of UNIFORM_SHARES.slice(1)) {
    for (const share of DAILY_SHARES) {
      const dw = (1 - u) * share;
      const kw = (1 - u) * (1 - share);
      let score = 0;
      for (const p of loo) score += p.w * Math.log(u / BINS + dw * p.d + kw * p.k);
      // The prior's random go-live: the expected log-density of a uniformly drawn bin.
      let chance = 0;
      for (let b = 0; b < BINS; b += CHANCE_STEP) chance += Math.log(u / BINS + dw * daily[b]! + kw * weekly[b]!);
      score += (PRIOR_STARTS * chance * CHANCE_STEP) / BINS;
      if (score > best.score) best = { score, mix: { uniform: u, daily: dw, weekly: kw }, daily, weekly };
    }
  }
  return best;
}
