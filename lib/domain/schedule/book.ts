import { utcDay } from '@/lib/domain/format';
import { learnProfile, MAX_DURATIONS, MAX_STARTS, populationRate, type CreatorHistory, type Profile } from './profile';
import { planChecks, type Plan } from './plan';
import { nextCheckAt } from './next-check';
import { BIN_MINUTES, BIN_MS, binOf } from './week';
import type { SignalSource } from './signals';
import type { LocalOffset } from './week';

/**
 * The schedule's book: what the background keeps per followed creator between wakes (its history and next check)
 * and the few numbers the daily budget needs. Pure: the background stores it and calls these in turn.
 */
interface CreatorBook extends CreatorHistory {
  handle: string;
  known: 'live' | 'offline' | 'unknown';
  /** The current live's start, to tell a new live from the one already counted. */
  liveStartedAt: number | null;
  lastCheckAt: number | null;
  nextDue: number | null;
  /** A page's signal agreed with what is known: the next check waits until then (cleared by the next check). */
  heldTo?: number;
}

export interface Book {
  creators: CreatorBook[];
  /** Paid checks today (UTC day), made by the plan while the creator was offline, and the plan's aim for the day. */
  day: string;
  onPlan: number;
  aimedPerDay: number | null;
  /** Smoothed over the last days: checks spent outside the offline plan, and the share of the aim really made. */
  reservedPerDay: number | null;
  madeShare: number | null;
  /** Checks made to confirm free signals, as [handle, when], for the per-creator and global caps (the last hour). */
  confirms: [string, number][];
  /** Per signal source, whether its recent signals agreed with the paid answers that followed. */
  trust: Record<SignalSource, boolean[]>;
  /** When the next checks were last set (`scheduleAll`): a creator checked since has a next check still to be set. */
  plannedAt?: number;
}

export const EMPTY_BOOK: Book = {
  creators: [],
  day: '',
  onPlan: 0,
  aimedPerDay: null,
  reservedPerDay: null,
  madeShare: null,
  confirms: [],
  trust: { list: [], profile: [], 'page-state': [] },
};

function blank(handle: string, now: number): CreatorBook {
  return { handle, since: now, starts: [], durations: [], known: 'unknown', liveStartedAt: null, lastCheckAt: null, nextDue: null };
}

/** The book for exactly these follows: newcomers added, unfollowed creators dropped. */
export function withFollows(book: Book, handles: readonly string[], now: number): Book {
  const byHandle = new Map(book.creators.map((c) => [c.handle, c]));
  return { ...book, creators: handles.map((h) => byHandle.get(h) ?? blank(h, now)) };
}

/**
 * A paid answer about `handle` at `at`: a new live's start, a live's end, and when it was last checked. `null` is a
 * check that failed for this creator: it counts as made (the next one comes at the plan's pace, not at every wake) and
 * says nothing about being live.
 */
export function observe(book: Book, handle: string, answer: { live: boolean; startedAt: number | null } | null, at: number): Book {
  return {
    ...book,
    creators: book.creators.map((c) => {
      // Answers arrive out of order (a cached one after a fresh one): only a newer one is news.
      if (c.handle !== handle || (c.lastCheckAt !== null && at <= c.lastCheckAt)) return c;
      const { heldTo: _done, ...rest } = c;
      const next: CreatorBook = { ...rest, lastCheckAt: at };
      if (!answer) return next;
      if (answer.live) {
        const start = answer.startedAt ?? c.liveStartedAt ?? at;
        // A start more than a minute from the counted one is a new live (the API's startedAt is to the second).
        if (c.known !== 'live' || c.liveStartedAt === null || Math.abs(start - c.liveStartedAt) > 60_000) {
          next.starts = [...c.starts, Math.min(start, at)].slice(-MAX_STARTS);
        }
        next.liveStartedAt = start;
        next.known = 'live';
      } else {
        if (c.known === 'live' && c.liveStartedAt !== null) next.durations = [...c.durations, at - c.liveStartedAt].slice(-MAX_DURATIONS);
        next.known = 'offline';
        next.liveStartedAt = null;
      }
      return next;
    }),
  };
}

/** A new UTC day: yesterday's spending folds into the smoothed numbers the budget needs. */
export function rollDay(book: Book, now: number, spentYesterday: number): Book {
  const day = utcDay(now);
  if (book.day === day) return book;
  if (!book.day || book.aimedPerDay === null) return { ...book, day, onPlan: 0 };
  const offPlan = Math.max(0, spentYesterday - book.onPlan);
  const made = book.aimedPerDay > 0 ? book.onPlan / book.aimedPerDay : 1;
  const smooth = (old: number | null, value: number) => (old === null ? value : 0.8 * old + 0.2 * value);
  return { ...book, day, onPlan: 0, reservedPerDay: smooth(book.reservedPerDay, offPlan), madeShare: smooth(book.madeShare, made) };
}

interface ScheduleInput {
  book: Book;
  /** Notify on or off per creator: a muted creator needs no speed. */
  notify: ReadonlyMap<string, boolean>;
  /** The daily budget (lib/domain/budget.ts). */
  creditsPerDay: number;
  now: number;
  offset: LocalOffset;
}

/** Today's plan for the book's creators (same order), and the profiles it was made from. */
export function planFor(input: ScheduleInput): { plan: Plan; profiles: Profile[] } {
  const { profiles } = createProfileMemo()(input.book, input.now, input.offset);
  return { plan: planOver(profiles, input), profiles };
}

/**
 * Every creator's learned week, in the book's order, learning again only the creators whose history changed (or all of them on a new day, or when the
 * population's rate moved): one go-live costs one profile, not the whole list's. `generation` moves when any did.
 */
export function createProfileMemo() {
  let learnt = new Map<string, { key: string; profile: Profile }>();
  let generation = 0;
  return function learn(book: Book, now: number, offset: LocalOffset): { profiles: Profile[]; generation: number } {
    const prior = populationRate(book.creators, now);
    const next = new Map<string, { key: string; profile: Profile }>();
    const profiles = book.creators.map((c) => {
      const key = `${book.day}|${prior}|${c.since}|${c.starts.length}|${c.starts.at(-1)}|${c.durations.length}|${c.durations.at(-1)}`;
      const known = learnt.get(c.handle);
      const entry = known?.key === key ? known : { key, profile: learnProfile(c, now, offset, prior) };
      next.set(c.handle, entry);
      return entry.profile;
    });
    if (next.size !== learnt.size || [...next].some(([handle, entry]) => learnt.get(handle) !== entry)) generation++;
    learnt = next;
    return { profiles, generation };
  };
}

/** The plan for profiles already learnt (what another budget would buy, without learning them again). */
export function planOver(profiles: readonly Profile[], input: Pick<ScheduleInput, 'book' | 'notify' | 'creditsPerDay'>): Plan {
  const { book } = input;
  return planChecks(
    profiles.map((profile, i) => ({ profile, weight: input.notify.get(book.creators[i]!.handle) === false ? 0 : 1 })),
    {
      checksPerDay: input.creditsPerDay,
      reservedPerDay: book.reservedPerDay ?? undefined,
      madeShare: book.madeShare ?? undefined,
    },
  );
}

/**
 * Every creator's next check under `plan`: one live-pace gap after the last check while live, the plan's rate
 * otherwise. A creator never checked yet is spread over the next ten minutes rather than all at once.
 */
export function scheduleAll(book: Book, plan: Plan, now: number, offset: LocalOffset, random: () => number, factor = 1): Book {
  const pace = { factor, floor: floorRate(plan) };
  return {
    ...book,
    plannedAt: now,
    aimedPerDay: plan.aimedPerDay,
    creators: book.creators.map((c, i) => {
      if (c.lastCheckAt === null) return { ...c, nextDue: c.nextDue ?? now + Math.round(random() * 10 * 60_000) };
      const due = c.known === 'live' ? c.lastCheckAt + plan.liveGapMinutes * 60_000 : nextCheckAt(plan.rates[i]!, c.lastCheckAt, offset, pace);
      return { ...c, nextDue: Math.max(due, c.heldTo ?? 0) };
    }),
  };
}

/**
 * The creators whose check is due by `now`. One checked since the plan (a visit, a confirmed signal) is not: its next
 * check counts from that answer, and is set with everyone's once the cycle's answers are in.
 */
export function dueHandles(book: Book, now: number): string[] {
  const checkedSincePlan = (lastCheckAt: number | null) => book.plannedAt !== undefined && lastCheckAt !== null && lastCheckAt > book.plannedAt;
  return book.creators.filter((c) => c.nextDue !== null && c.nextDue <= now && !checkedSincePlan(c.lastCheckAt)).map((c) => c.handle);
}

/** The earliest planned check, if any. */
export function earliestDue(book: Book): number | null {
  const dues = book.creators.flatMap((c) => (c.nextDue === null ? [] : [c.nextDue]));
  return dues.length ? Math.min(...dues) : null;
}

/** The plan's floor as a rate, checks per bin (0 without one). */
export function floorRate(plan: Pick<Plan, 'floorGapMinutes'>): number {
  return Number.isFinite(plan.floorGapMinutes) && plan.floorGapMinutes > 0 ? BIN_MINUTES / plan.floorGapMinutes : 0;
}

/**
 * What the plan still spends today (until the next UTC midnight) while everyone stays offline: on its floor, and above
 * it. A day's pace compares this with what is left of the day's budget (`dayPace`).
 */
export function restOfDay(plan: Pick<Plan, 'rates' | 'floorGapMinutes'>, now: number, offset: LocalOffset): { floor: number; above: number } {
  const floor = floorRate(plan);
  const bins: number[] = [];
  for (let t = now; t < now - (now % 86_400_000) + 86_400_000; t += BIN_MS) bins.push(binOf(t, offset));
  let onFloor = 0;
  let above = 0;
  for (const rates of plan.rates) {
    for (const b of bins) {
      onFloor += Math.min(rates[b]!, floor);
      above += Math.max(0, rates[b]! - floor);
    }
  }
  return { floor: onFloor, above };
}
