import { createProfileMemo, dueHandles, earliestDue, restOfDay, observe, planFor, planOver, rollDay, scheduleAll, withFollows, type Book } from '@/lib/domain/schedule/book';
import type { Plan } from '@/lib/domain/schedule/plan';
import type { Profile } from '@/lib/domain/schedule/profile';
import { utcDay } from '@/lib/domain/format';
import { habitOf, meanDelayMinutes } from '@/lib/domain/schedule/estimate';
import { budgetChoices, dayLeft, dayPace, DAYS_PER_MONTH } from '@/lib/domain/budget';
import { gapAt } from '@/lib/domain/schedule/next-check';
import { isTrusted, type Signal, type SignalSource } from '@/lib/domain/schedule/signals';
import { recordTrust, weighSignals, type WeighInput } from '@/lib/domain/schedule/weigh';
import type { LocalOffset } from '@/lib/domain/schedule/week';
import { errorConcerns } from '@/lib/socialfetch/model';
import { MAX_SCHEDULED, scheduleItem } from '@/lib/platform/schedule-store';
import { createBatch } from '@/lib/checking/batch';
import { creditLogItem } from '@/lib/platform/storage';
import type { CacheEntry, Follow, ScheduleSummary, Settings } from '@/lib/domain/model';
import type { StorageArea } from '@/lib/platform/stored-item';

/** How long answers gather before they are written to the book together. */
const OBSERVE_FLUSH_MS = 500;

/** Checks due within this much of now are made in the same wake: alarms fire at most every 30 s anyway. */
export const DUE_SLACK_MS = 30_000;

interface SmartScheduleDeps {
  now: () => number;
  random: () => number;
  /** The user's clock: habits are learnt in local time. */
  offset: LocalOffset;
  /** Credits a day smart checking may spend (lib/domain/budget.ts). */
  dailyBudget: () => Promise<number>;
  local?: StorageArea;
}

/**
 * Smart checking in the background: keeps the book (lib/domain/schedule/book) in step with the follows, the day and
 * every paid answer, and says who is due. The plan is recomputed only when what it depends on changed.
 */
export function createSmartSchedule(deps: SmartScheduleDeps) {
  const learn = createProfileMemo();
  let memo: { key: string; planned: { plan: Plan; profiles: Profile[] } } | null = null;
  // The answers observed since the last write of the book; everything that reads the book flushes them first.
  const observed = createBatch<{ handle: string; answer: Parameters<typeof observe>[2]; at: number }>(OBSERVE_FLUSH_MS, (batch) =>
    scheduleItem.update(
      (book) => batch.reduce((b, o) => (b.creators.some((c) => c.handle === o.handle) ? observe(b, o.handle, o.answer, o.at) : b), book),
      deps.local,
    ),
  );
  const flush = observed.flush;

  /** The plan for this book and budget: a creator's profile is learnt again only when its history (or the day) changed. */
  function planned(book: Book, follows: readonly Follow[], creditsPerDay: number) {
    const notify = new Map(follows.map((f) => [f.handle, f.notify]));
    const { profiles, generation } = learn(book, deps.now(), deps.offset);
    // The plan's rates follow the book's order: the key names each creator in it.
    const key = [generation, creditsPerDay, book.reservedPerDay, book.madeShare, ...book.creators.map((c) => `${c.handle}:${notify.get(c.handle)}`)].join('|');
    if (memo?.key !== key) memo = { key, planned: { plan: planOver(profiles, { book, notify, creditsPerDay }), profiles } };
    return memo.planned;
  }



  return {
    /** The book for these follows and today, every creator with its next check. */
    async refresh(all: readonly Follow[]): Promise<Book> {
      // A list past the cap (two browsers' lists merged, or one an earlier build stored) has its first creators
      // scheduled: a book of them all could not be stored, and every later follow change failed with it.
      const follows = all.slice(0, MAX_SCHEDULED);
      await flush();
      const [log, perDay] = await Promise.all([creditLogItem.get(deps.local), deps.dailyBudget()]);
      return scheduleItem.update((stored) => {
        const now = deps.now();
        const yesterday = log[utcDay(now - 86_400_000)] ?? 0;
        const book = rollDay(withFollows(stored, follows.map((f) => f.handle), now), now, yesterday);
        const { plan } = planned(book, follows, perDay);
        // The day's pace, from what this browser spent today: the budget is neither spent before midnight nor left.
        const rest = restOfDay(plan, now, deps.offset);
        const pace = dayPace({ perDay, spentToday: log[utcDay(now)] ?? 0, rest, reserved: book.reservedPerDay ?? 0, dayLeft: dayLeft(now) });
        return scheduleAll(book, plan, now, deps.offset, deps.random, pace);
      }, deps.local);
    },

    /**
     * An answer, from any source (plan, popup, a visited profile, a signal's confirmation, or the cache standing in for
     * a check). Written in batches: a 500-follow cycle must not rewrite the book 500 times. A batch a dying worker did
     * not write costs nothing: the same answers come back from the cache.
     */
    observe(entry: CacheEntry): void {
      const { handle, lookup, error } = entry;
      if (error) {
        // A check that failed for this creator (a handle the API refuses, a lookup that fails) was made all the same:
        // left uncounted, the creator would stay due and be paid for at every wake. The account's and the service's
        // errors stop every check until they clear, and the creator is due again then.
        if (entry.errorAt !== null && errorConcerns(error.kind) === 'profile') observed.add({ handle, answer: null, at: entry.errorAt });
        return;
      }
      if (!lookup || entry.fetchedAt === null) return;
      // An account that does not exist (or no longer) is not live: it is checked at an offline creator's pace.
      const answer = { live: lookup.status === 'live', startedAt: lookup.status === 'live' ? lookup.live.startedAt : null };
      observed.add({ handle, answer, at: entry.fetchedAt });
    },

    /** The creators due now (or within the slack), and which of them the plan checks while they are offline. */
    async due(): Promise<{ handles: string[]; offline: Set<string> }> {
      await flush();
      const book = await scheduleItem.get(deps.local);
      const handles = dueHandles(book, deps.now() + DUE_SLACK_MS);
      const offline = new Set(book.creators.filter((c) => handles.includes(c.handle) && c.known !== 'live').map((c) => c.handle));
      return { handles, offline };
    },

    /** Counts the plan's checks of offline creators answered since `since`, for the budget's running numbers. */
    async countOnPlan(offline: ReadonlySet<string>, since: number): Promise<void> {
      await flush();
      await scheduleItem.update((book) => {
        const made = book.creators.filter((c) => offline.has(c.handle) && c.lastCheckAt !== null && c.lastCheckAt >= since).length;
        return made ? { ...book, onPlan: book.onPlan + made } : book;
      }, deps.local);
    },

    /** What the budget buys: the expected mean delay to notice a go-live, and each creator's habit where known. */
    async summary(follows: readonly Follow[]): Promise<ScheduleSummary> {
      await flush();
      const perDay = await deps.dailyBudget();
      const book = withFollows(await scheduleItem.get(deps.local), follows.map((f) => f.handle), deps.now());
      const { plan, profiles } = planned(book, follows, perDay);
      const sources = (Object.entries(book.trust) as [SignalSource, boolean[]][]).map(([source, record]) => ({
        source,
        trusted: isTrusted(record),
        agreed: record.filter(Boolean).length,
        compared: record.length,
      }));
      const notify = new Map(follows.map((f) => [f.handle, f.notify]));
      const tradeoffs = budgetChoices(Math.round(perDay * DAYS_PER_MONTH)).map((creditsPerMonth) => ({
        creditsPerMonth,
        meanDelayMinutes: meanDelayMinutes(profiles, planOver(profiles, { book, notify, creditsPerDay: creditsPerMonth / DAYS_PER_MONTH }).rates),
      }));
      return {
        sources,
        creditsPerDay: perDay,
        meanDelayMinutes: meanDelayMinutes(profiles, plan.rates),
        tradeoffs,
        floorGapMinutes: Number.isFinite(plan.floorGapMinutes) && book.creators.length ? plan.floorGapMinutes : null,
        habits: book.creators.flatMap((c, i) => {
          const habit = habitOf(profiles[i]!);
          return habit ? [{ handle: c.handle, ...habit }] : [];
        }),
      };
    },

    /**
     * The typical delay for the list now and with `adding` creators more, who start with what the others taught
     * (the population's prior): the same budget spread over more creators.
     */
    async preview(follows: readonly Follow[], adding: number): Promise<{ before: number | null; after: number | null; perDay: number }> {
      await flush();
      const perDay = await deps.dailyBudget();
      const handles = follows.map((f) => f.handle);
      const stored = await scheduleItem.get(deps.local);
      const now = deps.now();
      const book = withFollows(stored, handles, now);
      const before = planned(book, follows, perDay);
      // Placeholder creators, never stored: names no handle can have.
      const newcomers = Array.from({ length: adding }, (_, i) => ` new ${i}`);
      const grown = withFollows(stored, [...handles, ...newcomers], now);
      const notify = new Map([...follows.map((f) => [f.handle, f.notify] as const), ...newcomers.map((h) => [h, true] as const)]);
      const after = planFor({ book: grown, notify, creditsPerDay: perDay, now, offset: deps.offset });
      return { before: meanDelayMinutes(before.profiles, before.plan.rates), after: meanDelayMinutes(after.profiles, after.plan.rates), perDay };
    },

    /**
     * Weighs free signals (any checking mode): returns the claims that buy a confirming paid check; in smart mode an
     * agreeing signal also moves the creator's next check later.
     */
    async weigh(signals: readonly Signal[], follows: readonly Follow[], settings: Settings, known: WeighInput['known']): Promise<Signal[]> {
      await flush();
      const perDay = await deps.dailyBudget();
      let confirm: Signal[] = [];
      await scheduleItem.update((stored) => {
        const now = deps.now();
        const smart = settings.checkMode === 'smart';
        const book = smart ? withFollows(stored, follows.map((f) => f.handle), now) : stored;
        const rates = smart ? planned(book, follows, perDay).plan.rates : null;
        const index = new Map(book.creators.map((c, i) => [c.handle, i]));
        const weighed = weighSignals(book, signals, {
          followed: new Set(follows.map((f) => f.handle)),
          known,
          gapMs: (handle) => {
            // A live creator keeps the live pace, which watches for the end and for a new live after a drop: a page
            // still showing it live stands in for none of those checks.
            if (known(handle) === 'live') return null;
            const i = index.get(handle);
            return rates && i !== undefined ? gapAt(rates[i]!, now, deps.offset) : null;
          },
          now,
          random: deps.random,
          perDay,
        });
        confirm = weighed.confirm;
        return weighed.book;
      }, deps.local);
      return confirm;
    },

    /** Whether a signal's source told the truth, by the paid answer that confirmed it. */
    async trust(source: SignalSource, agreed: boolean): Promise<void> {
      await scheduleItem.update((book) => recordTrust(book, source, agreed), deps.local);
    },

    async earliest(): Promise<number | null> {
      await flush();
      return earliestDue(await scheduleItem.get(deps.local));
    },
  };
}

export type SmartSchedule = ReturnType<typeof createSmartSchedule>;
