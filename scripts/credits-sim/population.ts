/**
 * The synthetic world of the credits benchmark: creators with habits (or none), their lives, and a user whose TikTok
 * tabs show some of them. Every parameter is here, named, and listed in BENCHMARKS.md by `bench-credits.ts`.
 */

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** Deterministic PRNG (mulberry32): the same seed gives the same world. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const normal = (random: () => number) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const between = (random: () => number, lo: number, hi: number) => lo + random() * (hi - lo);
const intBetween = (random: () => number, lo: number, hi: number) => Math.floor(between(random, lo, hi + 1));

/** A smaller world (`CREDITS_SIM_CREATORS`, `CREDITS_SIM_DAYS`) serves the suite's quick run of the command only. */
const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
export const PARAMETERS = {
  creators: size('CREDITS_SIM_CREATORS', 200),
  days: size('CREDITS_SIM_DAYS', 42),
  learnDays: 14,
  regular: 'a personal hour (uniform over the day) on a personal set of 3–6 weekdays, each used with probability 0.9; start within ±30 min (uniform) of the hour',
  loose: 'a personal window of 2–4 h (start uniform over the day); each day live with probability (2–6)/7; start uniform in the window',
  random: 'Poisson, 1–6 lives a week, any hour',
  durations: '10 % short lives of 5–15 min (uniform); otherwise log-normal, median 2.5 h, σ 0.6, clamped to 20 min–8 h',
  userSessions: 'TikTok open on 85 % of days: one or two sessions of 20–90 min, starting around 20:00 (σ 2 h)',
  listViews: 'every 2 min of a session a list (sidebar, feed) shows each live followed creator marked LIVE with probability 0.35',
  profileVisits: 'every 10 min of a session one followed creator’s profile is opened (its header shows live or offline)',
  wrongMarkers: 'per list view, probability 0.02 that one offline creator is marked LIVE; a profile header shows the wrong state with probability 0.03',
  apiFaults: 'each request fails with a 5xx with probability 0.02 (retried after 1 min) or answers 429 with probability 0.01 (retried after 30 s); every request is charged, failures included',
  startedAt: 'the API gives the live’s start time 80 % of the time; otherwise the first time it was seen live counts',
  shiftingHabits: 'from day 28 each regular creator’s hour moves 3–9 h and its weekdays are drawn again; each loose creator’s window moves 3–9 h',
  holidays: 'each creator takes one break of 7–14 days, starting on a day drawn from days 14–35: no lives then',
  clockChange: 'from day 28 every habit comes an hour earlier in UTC (a summer-time change where the creators live)',
  shortLives: 'every live lasts 5–30 min (uniform)',
  appDriving: 'checks due within 30 s of an alarm are made with it (the alarm slack); a live’s duration is learnt as the app sees it: from the start it knows to the first offline answer',
  faults: 'a 5xx leaves the creator due (asked again at the next alarm, 30 s on); three in a row back every check off (30 s, doubling); a 429 pauses every check for its Retry-After (30 s)',
  heavyUse: 'the user opens 150 followed profiles a day during their sessions (each a paid check unless answered within the last minute) and refreshes the popup twice a day',
  hostilePage: 'a page visits strangers’ profiles at the visit ceiling (10 a minute) for 3 h a day',
} as const;

/** From this day the shifting-habits and clock-change populations change. */
const CHANGE_DAY = 28;
export type Variant = 'shift' | 'holidays' | 'clock' | 'short';

export type Kind = 'regular' | 'loose' | 'random';
export interface Life {
  start: number;
  end: number;
}
export interface Creator {
  kind: Kind;
  lives: Life[];
}

function duration(random: () => number, variant?: Variant): number {
  if (variant === 'short') return between(random, 5, 30) * MINUTE;
  if (random() < 0.1) return between(random, 5, 15) * MINUTE;
  return Math.min(8 * HOUR, Math.max(20 * MINUTE, 2.5 * HOUR * Math.exp(0.6 * normal(random))));
}

function weekdaySet(random: () => number): Set<number> {
  const weekdays = new Set<number>();
  const count = intBetween(random, 3, 6);
  while (weekdays.size < count) weekdays.add(intBetween(random, 0, 6));
  return weekdays;
}

/** How a habit's hour moves on `day`: the shift (its own draw) or the clock change, from CHANGE_DAY. */
function moved(variant: Variant | undefined, random: () => number): (day: number) => number {
  const shift = variant === 'shift' ? between(random, 3, 9) : variant === 'clock' ? -1 : 0;
  return (day) => (day >= CHANGE_DAY ? shift : 0);
}

function starts(kind: Kind, random: () => number, days: number, variant?: Variant): number[] {
  const out: number[] = [];
  if (kind === 'regular') {
    const hour = between(random, 0, 24);
    const weekdays = weekdaySet(random);
    const later = variant === 'shift' ? weekdaySet(random) : weekdays;
    const by = moved(variant, random);
    for (let d = 0; d < days; d++) {
      const on = d >= CHANGE_DAY ? later : weekdays;
      if (on.has(d % 7) && random() < 0.9) out.push(d * DAY + (hour + by(d)) * HOUR + between(random, -30, 30) * MINUTE);
    }
  } else if (kind === 'loose') {
    const from = between(random, 0, 24);
    const width = between(random, 2, 4);
    const perWeek = between(random, 2, 6);
    const by = moved(variant, random);
    for (let d = 0; d < days; d++) if (random() < perWeek / 7) out.push(d * DAY + (from + by(d) + random() * width) * HOUR);
  } else {
    const perMs = between(random, 1, 6) / (7 * DAY);
    for (let t = -Math.log(1 - random()) / perMs; t < days * DAY; t += -Math.log(1 - random()) / perMs) out.push(t);
  }
  return out.filter((t) => t > 0 && t < days * DAY).sort((a, b) => a - b);
}

/** Shares of regular, loose and random creators. */
export type Mix = [number, number, number];
export interface Population {
  mix: Mix;
  variant?: Variant;
}
const MAIN: Mix = [0.5, 1 / 3, 1 / 6];
export const POPULATIONS: Record<string, Population> = {
  main: { mix: MAIN },
  'all random': { mix: [0, 0, 1] },
  'mostly random': { mix: [0.1, 0.1, 0.8] },
  'realistic mix': { mix: [1 / 3, 1 / 3, 1 / 3] },
  'habits that shift': { mix: MAIN, variant: 'shift' },
  holidays: { mix: MAIN, variant: 'holidays' },
  'clock change': { mix: MAIN, variant: 'clock' },
  'short lives only': { mix: MAIN, variant: 'short' },
};

export function makeCreators({ mix, variant }: Population, seed: number): Creator[] {
  const random = rng(seed);
  return Array.from({ length: PARAMETERS.creators }, (_, i) => {
    const share = i / PARAMETERS.creators;
    const kind: Kind = share < mix[0] ? 'regular' : share < mix[0] + mix[1] ? 'loose' : 'random';
    const away = variant === 'holidays' ? intBetween(random, 14, 35) * DAY : 0;
    const awayUntil = variant === 'holidays' ? away + intBetween(random, 7, 14) * DAY : 0;
    const lives: Life[] = [];
    for (const start of starts(kind, random, PARAMETERS.days, variant)) {
      // A go-live while still live is no go-live.
      if (lives.length && lives[lives.length - 1]!.end > start) continue;
      if (variant === 'holidays' && start >= away && start < awayUntil) continue;
      lives.push({ start, end: start + duration(random, variant) });
    }
    return { kind, lives };
  });
}

export interface PageSignal {
  at: number;
  creator: number;
  state: 'live' | 'offline';
  source: 'list' | 'profile';
}

/** What the user's TikTok tabs show over the whole run, in time order. */
export function makeSignals(creators: Creator[], seed: number): PageSignal[] {
  const random = rng(seed);
  const liveAt = (c: Creator, t: number) => c.lives.some((l) => l.start <= t && t < l.end);
  const out: PageSignal[] = [];
  for (let d = 0; d < PARAMETERS.days; d++) {
    if (random() >= 0.85) continue;
    const sessions = random() < 0.5 ? 1 : 2;
    for (let s = 0; s < sessions; s++) {
      const begin = d * DAY + Math.min(23.5, Math.max(0, 20 + 2 * normal(random))) * HOUR;
      const end = begin + between(random, 20, 90) * MINUTE;
      for (let t = begin; t < end; t += 2 * MINUTE) {
        creators.forEach((c, i) => {
          if (liveAt(c, t) && random() < 0.35) out.push({ at: t, creator: i, state: 'live', source: 'list' });
        });
        if (random() < 0.02) {
          const i = intBetween(random, 0, creators.length - 1);
          if (!liveAt(creators[i]!, t)) out.push({ at: t, creator: i, state: 'live', source: 'list' });
        }
      }
      for (let t = begin; t < end; t += 10 * MINUTE) {
        const i = intBetween(random, 0, creators.length - 1);
        const truth = liveAt(creators[i]!, t);
        const shown = random() < 0.03 ? !truth : truth;
        out.push({ at: t, creator: i, state: shown ? 'live' : 'offline', source: 'profile' });
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** What the user (or a page) sets off besides the plan: profile visits and popup refreshes. */
export type UseEvent = { type: 'visit'; at: number; creator: number | null } | { type: 'refresh'; at: number };
export type Use = 'normal' | 'heavy' | 'hostile';

/**
 * Heavy use: 150 visits of followed profiles a day between 10:00 and 23:00 and two refreshes of everyone. A hostile
 * page: strangers' profiles (`creator` null) at the visit ceiling, 10 a minute, for 3 h a day at a random hour.
 */
export function makeUse(creators: Creator[], use: Use, seed: number): UseEvent[] {
  const random = rng(seed);
  const out: UseEvent[] = [];
  for (let d = 0; d < PARAMETERS.days && use !== 'normal'; d++) {
    if (use === 'heavy') {
      for (let v = 0; v < 150; v++) out.push({ type: 'visit', at: d * DAY + between(random, 10, 23) * HOUR, creator: intBetween(random, 0, creators.length - 1) });
      out.push({ type: 'refresh', at: d * DAY + 12 * HOUR }, { type: 'refresh', at: d * DAY + 21 * HOUR });
    } else {
      const from = d * DAY + between(random, 0, 21) * HOUR;
      for (let t = from; t < from + 3 * HOUR; t += 6000) out.push({ type: 'visit', at: t, creator: null });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}
