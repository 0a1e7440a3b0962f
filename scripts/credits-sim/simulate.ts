import { planChecks, type Plan } from '../../lib/domain/schedule/plan.ts';
import { learnProfile, populationRate, type CreatorHistory } from '../../lib/domain/schedule/profile.ts';
import { gapAt, nextCheckAt } from '../../lib/domain/schedule/next-check.ts';
import { confirmCap, decideSignal, isTrusted, recordAgreement } from '../../lib/domain/schedule/signals.ts';
import { UTC } from '../../lib/domain/schedule/week.ts';
import { floorRate, restOfDay } from '../../lib/domain/schedule/book.ts';
import { admitCheck, dayLeft, dayPace, nextUtcDay, pageAllowance, type CheckClass, type DayChecks } from '../../lib/domain/budget.ts';
import { DAY, MINUTE, PARAMETERS, rng, type Creator, type PageSignal, type UseEvent } from './population.ts';
import { Queue } from './queue.ts';
import { summarise, type Result } from './results.ts';

/**
 * Event-driven simulation of one checking strategy over a population, in simulated time. It drives the shipped
 * modules as the background does: learn each day and plan (lib/domain/schedule), admit every paid check against the
 * day's budget (`admitCheck`), make the checks due within an alarm's slack together, weigh free signals, and learn a
 * live's duration from what it saw. Every paid request is counted; notifications come only from a paid "live" answer.
 */

export type Strategy = { kind: 'fixed'; minutes: number; signals: boolean } | { kind: 'smart'; perCreatorPerDay: number; signals: boolean };
export interface Scenario {
  strategy: Strategy;
  /** The API's faults (PARAMETERS.apiFaults), with the poller's answer to them (PARAMETERS.faults). */
  faults: boolean;
  /** Visits and refreshes besides the plan, spending from the same budget. */
  use: UseEvent[];
}
export type { Result };

/** Checks due this soon are made with the alarm that fires now (DUE_SLACK_MS in lib/checking/smart-schedule.ts). */
const ALARM_SLACK_MS = 30_000;
/** A visit within this long of the last answer is served from the cache (the freshness window's default). */
const FRESH_MS = 60_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 30 * MINUTE;

type Event =
  | { type: 'check'; creator: number; version: number }
  | { type: 'signal'; signal: PageSignal }
  | { type: 'use'; use: UseEvent }
  | { type: 'day'; day: number };

interface Watch {
  known: 'live' | 'offline' | 'unknown';
  history: CreatorHistory;
  /** The live being watched (index into lives) and whether it was announced. */
  current: { life: number; notified: boolean } | null;
  /** The start the app counts for the current live (the API's, else when first seen). */
  liveStartedAt: number | null;
  lastCheckAt: number;
  nextDue: number;
  version: number;
  lastConfirmAt: number | null;
  /** A signal moved the next check and no check has been made since. */
  held: boolean;
}

export function simulate(creators: Creator[], signals: PageSignal[], scenario: Scenario, seed: number): Result {
  const { strategy } = scenario;
  const random = rng(seed);
  const measureFrom = PARAMETERS.learnDays * DAY;
  const end = PARAMETERS.days * DAY;
  const queue = new Queue<Event>();
  const watches: Watch[] = creators.map(() => ({
    known: 'unknown',
    history: { since: 0, starts: [], durations: [] },
    current: null,
    liveStartedAt: null,
    lastCheckAt: 0,
    nextDue: 0,
    version: 0,
    lastConfirmAt: null,
    held: false,
  }));
  const stats = { detected: new Map<string, number>(), falseNotifications: 0, paid: 0, spentByDay: new Map<number, number>(), plannedDays: new Set<number>(), longestGap: 0, capReached: new Map<number, number>() };
  let confirmLog: number[] = [];
  let offPlanToday = 0;
  let onPlanToday = 0;
  let madeShare: number | undefined;
  let reservedPerDay: number | undefined;
  const trust: Record<string, boolean[]> = { list: [], profile: [] };
  let plan: Plan | null = null;
  // The poller's state: calls paused until, service errors in a row, the backoff's step.
  const poller = { pausedUntil: 0, strikes: 0, attempt: 0 };

  const fixedGap = strategy.kind === 'fixed' ? strategy.minutes * MINUTE : 0;
  // The day's budget as the background sees it (fixed checking: what its interval costs).
  const perDay = creators.length * (strategy.kind === 'fixed' ? DAY / fixedGap : strategy.perCreatorPerDay);
  const confirmsPerHour = confirmCap(pageAllowance(perDay)).max;
  let dayCount: DayChecks = { day: '0', all: 0, page: 0 };

  const schedule = (i: number, at: number) => {
    const w = watches[i]!;
    w.nextDue = at;
    queue.push(at, { type: 'check', creator: i, version: ++w.version });
  };
  const planned = (i: number, from: number) => {
    if (strategy.kind === 'fixed') return from + fixedGap;
    if (watches[i]!.known === 'live') return from + plan!.liveGapMinutes * MINUTE;
    return nextCheckAt(plan!.rates[i]!, from, UTC, { factor: pace, floor: floorRate(plan!) });
  };

  /** One more paid request, if the day's budget admits it (`admitCheck`, as the lookup service asks it). */
  function pay(t: number, kind: CheckClass): boolean {
    const day = String(Math.floor(t / DAY));
    if (dayCount.day !== day) dayCount = { day, all: 0, page: 0 };
    if (!admitCheck(dayCount, kind, { perDay, smart: strategy.kind === 'smart', dayLeft: dayLeft(t) })) return false;
    dayCount = { day, all: dayCount.all + 1, page: dayCount.page + (kind === 'page' ? 1 : 0) };
    if (t >= measureFrom) {
      stats.paid++;
      stats.spentByDay.set(Math.floor(t / DAY), (stats.spentByDay.get(Math.floor(t / DAY)) ?? 0) + 1);
    }
    return true;
  }

  /** The API's answer to a paid request: a fault (and the poller's response to it), or what is true at `t`. */
  function answer(i: number, t: number, cause: 'plan' | 'other'): 'live' | 'offline' | 'fault' {
    const w = watches[i]!;
    const roll = scenario.faults ? random() : 1;
    if (cause !== 'plan' || w.known === 'live' || roll < 0.03) offPlanToday++;
    else onPlanToday++;
    if (roll < 0.02) {
      if (++poller.strikes >= 3) {
        poller.pausedUntil = t + Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** poller.attempt++);
        poller.strikes = 0;
      }
      return 'fault';
    }
    if (roll < 0.03) {
      poller.pausedUntil = Math.max(poller.pausedUntil, t + 30_000);
      return 'fault';
    }
    poller.strikes = 0;
    poller.attempt = 0;
    if (t >= measureFrom) stats.longestGap = Math.max(stats.longestGap, t - Math.max(w.lastCheckAt, measureFrom));
    w.lastCheckAt = t;
    w.held = false;
    return observe(i, t);
  }

  /** What the app learns from a true answer: go-lives (announced once), and a live's duration when it is seen over. */
  function observe(i: number, t: number): 'live' | 'offline' {
    const w = watches[i]!;
    const lifeIndex = creators[i]!.lives.findIndex((l) => l.start <= t && t < l.end);
    if (lifeIndex >= 0) {
      const life = creators[i]!.lives[lifeIndex]!;
      if (w.current?.life !== lifeIndex) {
        // A new live (the last one may have ended unseen): counted from the API's start, or from now.
        w.current = { life: lifeIndex, notified: false };
        w.liveStartedAt = random() < 0.8 ? life.start : t;
        w.history.starts.push(w.liveStartedAt);
      }
      if (!w.current.notified) {
        w.current.notified = true;
        const key = `${i}:${lifeIndex}`;
        if (stats.detected.has(key)) stats.falseNotifications++;
        else stats.detected.set(key, t);
      }
      w.known = 'live';
      return 'live';
    }
    if (w.known === 'live' && w.liveStartedAt !== null) w.history.durations = [...w.history.durations, t - w.liveStartedAt].slice(-20);
    w.current = null;
    w.liveStartedAt = null;
    w.known = 'offline';
    return 'offline';
  }

  let pace = 1;

  /** A new day: what was spent outside the plan folds into the running numbers, the profiles are learnt, and planned. */
  function replan(day: number) {
    const now = day * DAY;
    if (day > 0 && plan) {
      const share = onPlanToday / Math.max(1, plan.aimedPerDay);
      reservedPerDay = reservedPerDay === undefined ? offPlanToday : 0.8 * reservedPerDay + 0.2 * offPlanToday;
      madeShare = madeShare === undefined ? share : 0.8 * madeShare + 0.2 * share;
    }
    offPlanToday = 0;
    onPlanToday = 0;
    const prior = populationRate(
      watches.map((w) => w.history),
      now,
    );
    plan = planChecks(
      watches.map((w) => ({ profile: learnProfile(w.history, now, UTC, prior), weight: 1 })),
      { checksPerDay: perDay, reservedPerDay, madeShare },
    );
    pace = 1;
  }

  /** After a wake, as the background plans after each cycle: at the day's pace (`dayPace`), every next check follows. */
  function repace(t: number) {
    const spentToday = dayCount.day === String(Math.floor(t / DAY)) ? dayCount.all : 0;
    const next = dayPace({ perDay, spentToday, rest: restOfDay(plan!, t, UTC), reserved: reservedPerDay ?? 0, dayLeft: dayLeft(t) });
    if (next === pace) return;
    pace = next;
    watches.forEach((w, i) => w.known !== 'live' && schedule(i, Math.max(t, planned(i, w.lastCheckAt))));
  }

  /** A planned check of creator `i` at `t`, made with the alarm that fired then. */
  function planCheck(i: number, t: number) {
    if (t < poller.pausedUntil) return schedule(i, poller.pausedUntil);
    // The day's budget spent: the plan waits for the next UTC day.
    if (!pay(t, 'plan')) {
      const day = Math.floor(t / DAY);
      if (t >= measureFrom && !stats.capReached.has(day)) stats.capReached.set(day, t);
      return schedule(i, nextUtcDay(t));
    }
    if (t >= measureFrom) stats.plannedDays.add(Math.floor(t / DAY));
    const state = answer(i, t, 'plan');
    schedule(i, state === 'fault' ? Math.max(t + ALARM_SLACK_MS, poller.pausedUntil) : planned(i, t));
  }

  function onSignal({ creator: i, state, source }: PageSignal, t: number) {
    const w = watches[i]!;
    const gap = strategy.kind === 'fixed' ? fixedGap : w.known === 'live' ? plan!.liveGapMinutes * MINUTE : gapAt(plan!.rates[i]!, t, UTC);
    const decision = decideSignal(
      { state },
      { known: w.known, trusted: isTrusted(trust[source]!), lastConfirmAt: w.lastConfirmAt, confirmLog, confirmsPerHour, nextDue: w.nextDue, held: w.held, gapMs: gap, now: t, random },
    );
    if (decision.kind === 'confirm') {
      if (t < poller.pausedUntil || !pay(t, 'page')) return;
      confirmLog = decision.confirmLog;
      w.lastConfirmAt = t;
      const seen = answer(i, t, 'other');
      if (seen === 'fault') return;
      trust[source] = recordAgreement(trust[source]!, seen === state);
      schedule(i, planned(i, t));
    } else if (decision.kind === 'postpone' && strategy.kind === 'smart') {
      w.held = true;
      schedule(i, decision.until);
    }
  }

  function onUse(use: UseEvent, t: number) {
    if (t < poller.pausedUntil) return;
    if (use.type === 'refresh') {
      // Everyone, until the budget (or a fault) stops the cycle.
      for (let i = 0; i < creators.length; i++) {
        if (!pay(t, 'user') || answer(i, t, 'other') === 'fault') return;
        schedule(i, planned(i, t));
      }
      return;
    }
    // A stranger's profile teaches nothing; a followed one's is answered from the cache when fresh.
    if (use.creator === null) return void pay(t, 'page');
    if (t - watches[use.creator]!.lastCheckAt < FRESH_MS || !pay(t, 'page')) return;
    if (answer(use.creator, t, 'other') !== 'fault') schedule(use.creator, planned(use.creator, t));
  }

  for (let d = 0; d < PARAMETERS.days; d++) queue.push(d * DAY, { type: 'day', day: d });
  if (strategy.signals) for (const signal of signals) queue.push(signal.at, { type: 'signal', signal });
  for (const use of scenario.use) queue.push(use.at, { type: 'use', use });
  if (strategy.kind === 'smart') replan(0);
  creators.forEach((_, i) => schedule(i, random() * (strategy.kind === 'fixed' ? fixedGap : 10 * MINUTE)));

  for (let event = queue.pop(); event && event.at < end; event = queue.pop()) {
    const t = event.at;
    const e = event.value;
    if (e.type === 'day') {
      if (strategy.kind === 'smart' && e.day > 0) {
        replan(e.day);
        watches.forEach((w, i) => schedule(i, Math.max(t, planned(i, w.lastCheckAt))));
      }
    } else if (e.type === 'check') {
      if (e.version !== watches[e.creator]!.version) continue;
      // The alarm's slack: whoever else is due within it is checked now too.
      const due = [e.creator];
      while (queue.peek()?.value.type === 'check' && queue.peek()!.at <= t + ALARM_SLACK_MS) {
        const next = queue.pop()!.value as Extract<Event, { type: 'check' }>;
        if (next.version === watches[next.creator]!.version) due.push(next.creator);
      }
      for (const i of due) planCheck(i, t);
      // After the wake's checks, as the background refreshes the plan after each cycle.
      if (strategy.kind === 'smart') repace(t);
    } else if (e.type === 'signal') onSignal(e.signal, t);
    else onUse(e.use, t);
  }

  return summarise({ creators, stats, measureFrom, end, perDay: strategy.kind === 'smart' ? perDay : null });
}
