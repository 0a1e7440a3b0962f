import { describe, expect, it } from 'vitest';
import { EMPTY_BOOK, observe, planFor, rollDay, scheduleAll, withFollows } from '@/lib/domain/schedule/book';
import { nextCheckAt } from '@/lib/domain/schedule/next-check';
import { planChecks, type PlanCreator } from '@/lib/domain/schedule/plan';
import { learnProfile, type CreatorHistory } from '@/lib/domain/schedule/profile';
import { weighSignals } from '@/lib/domain/schedule/weigh';
import { pageAllowance } from '@/lib/domain/budget';
import { confirmCap, decideSignal, isTrusted, recordAgreement, type SignalContext } from '@/lib/domain/schedule/signals';
import { BIN_MS, BINS, binOf, UTC, WEEK_MS } from '@/lib/domain/schedule/week';

const HOUR = 3_600_000;
const DAY_MS = 24 * HOUR;
// A Monday 00:00 UTC.
const MONDAY = Date.UTC(2026, 10, 2);

/** Deterministic pseudo-random numbers for histories. */
function seeded(seed: number) {
  let a = seed;
  return () => ((a = (a * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** Four weeks of go-lives at 20:00 ± 20 min on Tuesdays to Fridays. */
function regular(): CreatorHistory {
  const random = seeded(1);
  const starts: number[] = [];
  for (let week = 0; week < 4; week++) {
    for (const day of [1, 2, 3, 4]) starts.push(MONDAY + week * WEEK_MS + day * DAY_MS + 20 * HOUR + (random() - 0.5) * 40 * 60_000);
  }
  return { since: MONDAY, starts, durations: [] };
}

/** Four weeks of go-lives at any hour. */
function random(seed: number): CreatorHistory {
  const next = seeded(seed);
  const starts = Array.from({ length: 16 }, () => MONDAY + next() * 4 * WEEK_MS).sort((a, b) => a - b);
  return { since: MONDAY, starts, durations: [] };
}

const NOW = MONDAY + 4 * WEEK_MS;

describe('the week', () => {
  it('starts on Monday 00:00 local time, in 15-minute bins', () => {
    expect(binOf(MONDAY, UTC)).toBe(0);
    expect(binOf(MONDAY + 20 * HOUR, UTC)).toBe(80);
    // Two hours ahead of UTC: Monday 00:00 UTC is already 02:00 locally.
    expect(binOf(MONDAY, () => 120)).toBe(8);
  });
});

describe('learning a creator’s week', () => {
  it('finds a habit and expects go-lives at its hour, far more than at others', () => {
    const profile = learnProfile(regular(), NOW, UTC);
    expect(profile.mix.uniform).toBeLessThan(0.5);
    const at20 = profile.rate[binOf(MONDAY + DAY_MS + 20 * HOUR, UTC)]!;
    const at08 = profile.rate[binOf(MONDAY + DAY_MS + 8 * HOUR, UTC)]!;
    expect(at20).toBeGreaterThan(20 * at08);
    expect(profile.perWeek).toBeGreaterThan(3);
  });

  it('buys no schedule with a random history', () => {
    for (const seed of [2, 3, 4, 5]) expect(learnProfile(random(seed), NOW, UTC).mix.uniform).toBe(1);
  });

  it('starts a newcomer from the population’s rate, with no habit', () => {
    const profile = learnProfile({ since: NOW, starts: [], durations: [] }, NOW, UTC, 5);
    expect(profile.perWeek).toBeCloseTo(5);
    expect(profile.mix.uniform).toBe(1);
  });
});

describe('planning one budget', () => {
  const creators = (): PlanCreator[] => [
    { profile: learnProfile(regular(), NOW, UTC), weight: 1 },
    { profile: learnProfile(random(2), NOW, UTC), weight: 1 },
  ];
  const weekly = (rates: Float64Array) => rates.reduce((a, b) => a + b, 0);

  it('spends the daily budget, no more', () => {
    const plan = planChecks(creators(), { checksPerDay: 288, reservedPerDay: 0 });
    const liveShares = creators().map((c) => c.profile.liveShare);
    const spent = plan.rates.reduce((sum, rates, i) => sum + weekly(rates) * (1 - liveShares[i]!), 0) / 7;
    expect(spent).toBeCloseTo(288, 0);
  });

  it('checks a creator with a habit often at its hour and no less than hourly elsewhere', () => {
    const [habit] = planChecks(creators(), { checksPerDay: 288, reservedPerDay: 0 }).rates;
    const at20 = habit![binOf(MONDAY + DAY_MS + 20 * HOUR, UTC)]!;
    const at08 = habit![binOf(MONDAY + DAY_MS + 8 * HOUR, UTC)]!;
    expect(at20).toBeGreaterThan(5 * at08);
    expect(Math.min(...habit!)).toBeGreaterThanOrEqual(15 / 60 - 1e-9);
  });

  it('gives a muted creator the floor only', () => {
    const [habit, muted] = creators();
    const plan = planChecks([habit!, { ...muted!, weight: 0 }], { checksPerDay: 288, reservedPerDay: 0 });
    // Every bin at the floor, and the floor is what half the budget pays spread evenly.
    expect(Math.max(...plan.rates[1]!)).toBeCloseTo(15 / plan.floorGapMinutes);
    expect(Math.min(...plan.rates[1]!)).toBeCloseTo(15 / plan.floorGapMinutes);
    expect(plan.floorGapMinutes).toBeLessThan(60);
  });
});

describe('never dark: spending outside the plan', () => {
  const ten = () => Array.from({ length: 10 }, (_, i): PlanCreator => ({ profile: learnProfile(i % 2 ? regular() : random(i + 3), NOW, UTC), weight: 1 }));
  /** The longest a creator waits for its next check under this plan, in minutes, from any moment of the week. */
  const longestWait = (rates: Float64Array) => Math.max(...Array.from({ length: BINS }, (_, b) => (nextCheckAt(rates, MONDAY + b * BIN_MS, UTC) - (MONDAY + b * BIN_MS)) / 60_000));

  it.each([
    ['144 credits a creator a day, a page spending 10 times it', 1440, 14_400, 20],
    ['12 credits a creator a day, a page spending 10 times it', 120, 1200, 240],
    ['2 credits a creator a day, a day of 150 profile visits', 20, 150, 1440],
  ])('keeps every creator checked at least as often as the budget affords: %s', (_case, checksPerDay, reservedPerDay, gap) => {
    const plan = planChecks(ten(), { checksPerDay, reservedPerDay });
    // Half the budget, spread evenly over the creators' offline time (a little faster than over the whole day).
    expect(plan.floorGapMinutes).toBeLessThanOrEqual(gap);
    expect(plan.floorGapMinutes).toBeGreaterThan(gap * 0.9);
    for (const rates of plan.rates) expect(longestWait(rates)).toBeLessThanOrEqual(plan.floorGapMinutes + 1);
  });

  it('keeps the next checks hours away, not weeks, after a hidden page spent more than the day’s budget', () => {
    // 2 follows, 20 credits a day; yesterday a page spent 29 on visits (reproduced in Chromium: checks 14 days out).
    const yesterday = NOW - DAY_MS;
    let book = withFollows({ ...EMPTY_BOOK, day: new Date(yesterday).toISOString().slice(0, 10), aimedPerDay: 20 }, ['a', 'b'], yesterday - WEEK_MS);
    for (const handle of ['a', 'b']) book = observe(book, handle, { live: false, startedAt: null }, NOW - 60_000);
    for (let day = 0; day < 7; day++) book = rollDay({ ...book, day: 'past' }, NOW, 29);
    const notify = new Map([['a', true], ['b', true]]);
    const { plan } = planFor({ book, notify, creditsPerDay: 20, now: NOW, offset: UTC });
    const scheduled = scheduleAll(book, plan, NOW, UTC, () => 0.5);
    for (const c of scheduled.creators) expect(c.nextDue! - NOW).toBeLessThanOrEqual(plan.floorGapMinutes * 60_000);
    expect(plan.floorGapMinutes).toBeLessThanOrEqual(5 * 60);
  });

  it('takes nothing from the floor for spending within the budget, and gives the learned plan the rest', () => {
    const spare = planChecks(ten(), { checksPerDay: 120, reservedPerDay: 0 });
    const spent = planChecks(ten(), { checksPerDay: 120, reservedPerDay: 60 });
    expect(spent.floorGapMinutes).toBe(spare.floorGapMinutes);
    expect(spare.aimedPerDay).toBeGreaterThan(spent.aimedPerDay);
    expect(spent.aimedPerDay).toBeCloseTo(60, 0);
  });

  it('slows the live pace with the budget: a live costs a small budget no more than an offline creator', () => {
    expect(planChecks(ten(), { checksPerDay: 1440 }).liveGapMinutes).toBe(20);
    expect(planChecks(ten(), { checksPerDay: 120 }).liveGapMinutes).toBe(120);
  });
});

describe('the next check', () => {
  it('comes one gap after the last at a steady rate, and at once on entering a likely hour', () => {
    const rates = new Float64Array(BINS).fill(1);
    expect(nextCheckAt(rates, MONDAY, UTC) - MONDAY).toBe(BIN_MS);
    rates.fill(0.25);
    rates[4] = 15; // 01:00–01:15: a check a minute
    const from = MONDAY + 50 * 60_000;
    const next = nextCheckAt(rates, from, UTC);
    expect(next).toBeGreaterThan(MONDAY + HOUR);
    expect(next).toBeLessThan(MONDAY + HOUR + 60_000);
  });
});

describe('free signals', () => {
  const ctx = (patch: Partial<SignalContext> = {}): SignalContext => ({
    known: 'offline',
    trusted: true,
    lastConfirmAt: null,
    confirmLog: [],
    confirmsPerHour: 20,
    nextDue: NOW + 10 * 60_000,
    held: false,
    gapMs: 10 * 60_000,
    now: NOW,
    random: () => 0.99,
    ...patch,
  });

  it('confirms a claimed go-live with one paid check, at most once per creator per 10 minutes', () => {
    expect(decideSignal({ state: 'live' }, ctx())).toMatchObject({ kind: 'confirm' });
    expect(decideSignal({ state: 'live' }, ctx({ lastConfirmAt: NOW - 5 * 60_000 }))).toEqual({ kind: 'ignore', why: 'recently_confirmed' });
  });

  it('spends at most the global cap, however many creators a page claims are live', () => {
    let log: number[] = [];
    let confirmed = 0;
    for (let i = 0; i < 500; i++) {
      const decision = decideSignal({ state: 'live' }, ctx({ confirmLog: log, now: NOW + i }));
      if (decision.kind === 'confirm') {
        confirmed++;
        log = decision.confirmLog;
      }
    }
    expect(confirmed).toBe(20);
  });

  it('scales the hour’s cap with the budget: a sixth of the pages’ daily share, between 1 and 20', () => {
    expect(confirmCap(pageAllowance(10)).max).toBe(1);
    expect(confirmCap(pageAllowance(110)).max).toBe(5);
    expect(confirmCap(pageAllowance(480)).max).toBe(20);
    expect(confirmCap(pageAllowance(100_000)).max).toBe(20);
  });

  it('lets agreeing signals postpone the next check by one gap at most', () => {
    // Seen offline just before a due check: that check moves to one gap after the sighting.
    expect(decideSignal({ state: 'offline' }, ctx({ nextDue: NOW + 60_000 }))).toEqual({ kind: 'postpone', until: NOW + 10 * 60_000 });
    // A check already overdue moves by one gap at most, not one gap past the sighting.
    expect(decideSignal({ state: 'offline' }, ctx({ nextDue: NOW - 5 * 60_000 }))).toEqual({ kind: 'postpone', until: NOW + 5 * 60_000 });
    expect(decideSignal({ state: 'offline' }, ctx({ trusted: false }))).toEqual({ kind: 'ignore', why: 'untrusted' });
  });

  it('never holds a creator off: a page showing it offline every 10 minutes moves its check once, until it is made', () => {
    const gapMs = 60 * 60_000;
    let book = observe(withFollows(EMPTY_BOOK, ['quiet'], NOW - WEEK_MS), 'quiet', { live: false, startedAt: null }, NOW);
    book = { ...book, creators: book.creators.map((c) => ({ ...c, nextDue: NOW + gapMs })) };
    const input = (now: number) => ({ followed: new Set(['quiet']), known: () => 'offline' as const, gapMs: () => gapMs, now, random: () => 0.99, perDay: 100 });
    const offline = [{ handle: 'quiet', state: 'offline' as const, source: 'list' as const }];
    for (let minute = 50; minute <= 300; minute += 10) book = weighSignals(book, offline, input(NOW + minute * 60_000)).book;
    // Moved once, by one gap after the first sighting; every later sighting left it there.
    expect(book.creators[0]!.nextDue).toBe(NOW + 50 * 60_000 + gapMs);
    // Once that check is made, the next sighting may stand in for one check again.
    const checkedAt = NOW + 110 * 60_000;
    book = observe(book, 'quiet', { live: false, startedAt: null }, checkedAt);
    book = { ...book, creators: book.creators.map((c) => ({ ...c, nextDue: checkedAt + gapMs })) };
    book = weighSignals(book, offline, input(checkedAt + 55 * 60_000)).book;
    expect(book.creators[0]!.nextDue).toBe(checkedAt + 115 * 60_000);
  });

  it('still audits a distrusted source now and then, so that a source telling the truth again earns trust back', () => {
    // 12 forged markers: the source is distrusted.
    let record: boolean[] = [];
    for (let i = 0; i < 12; i++) record = recordAgreement(record, false);
    expect(isTrusted(record)).toBe(false);
    // Its true claims of go-lives are confirmed once in a while (1 in 20 here), never its "offline" claims.
    const random = seeded(7);
    let confirmed = 0;
    for (let claim = 0; claim < 2000 && !isTrusted(record); claim++) {
      const decision = decideSignal({ state: 'live' }, ctx({ trusted: isTrusted(record), random }));
      if (decision.kind === 'confirm') {
        confirmed++;
        record = recordAgreement(record, true);
      }
    }
    expect(isTrusted(record)).toBe(true);
    expect(confirmed).toBeLessThanOrEqual(60);
    expect(decideSignal({ state: 'offline' }, ctx({ trusted: false, known: 'live', random: () => 0 }))).toEqual({ kind: 'ignore', why: 'untrusted' });
  });

  it('stops trusting a source that disagrees with paid answers, and trusts it again once it agrees', () => {
    let record: boolean[] = [];
    for (let i = 0; i < 50; i++) record = recordAgreement(record, i % 10 !== 0);
    expect(isTrusted(record)).toBe(false);
    for (let i = 0; i < 50; i++) record = recordAgreement(record, true);
    expect(isTrusted(record)).toBe(true);
  });
});

describe('the book', () => {
  it('takes only newer answers: a cached one arriving after a fresh one changes nothing', () => {
    let book = withFollows(EMPTY_BOOK, ['sunny'], MONDAY);
    book = observe(book, 'sunny', { live: true, startedAt: MONDAY + HOUR }, MONDAY + 2 * HOUR);
    book = observe(book, 'sunny', { live: false, startedAt: null }, MONDAY + HOUR + 30 * 60_000);
    expect(book.creators[0]).toMatchObject({ known: 'live', lastCheckAt: MONDAY + 2 * HOUR, starts: [MONDAY + HOUR] });
    book = observe(book, 'sunny', { live: false, startedAt: null }, MONDAY + 3 * HOUR);
    expect(book.creators[0]).toMatchObject({ known: 'offline', durations: [2 * HOUR] });
  });
});
