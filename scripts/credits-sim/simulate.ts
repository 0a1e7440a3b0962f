import { planChecks, type Plan } from '../../lib/domain/schedule/plan.ts';
import { learnProfile, populationRate, type CreatorHistory } from '../../lib/domain/schedule/profile.ts';
import { gapAt, nextCheckAt } from '../../lib/domain/schedule/next-check.ts';
import { confirmCap, decideSignal, isTrusted, recordAgreement } from '../../lib/domain/schedule/signals.ts';
import { UTC } from '../../lib/domain/schedule/week.ts';
import { pageAllowance } from '../../lib/domain/budget.ts';
import { DAY, MINUTE, PARAMETERS, rng, type Creator, type PageSignal } from './population.ts';

/**
 * Event-driven simulation of one checking strategy over a population, in simulated time. It drives the shipped
 * scheduler modules (lib/domain/schedule) exactly as the background does: learn each day, plan, check when due, weigh
 * free signals. Every paid request is counted; notifications are sent only on a paid "live" answer.
 */

export type Strategy = { kind: 'fixed'; minutes: number; signals: boolean } | { kind: 'smart'; perCreatorPerDay: number; signals: boolean };

export interface Result {
  creditsPerDay: number;
  medianMin: number;
  p90Min: number;
  missedPct: number;
  falseNotifications: number;
  lives: number;
  /** Median delay (min) by creator kind. */
  medianByKind: Record<string, number>;
}

/** A min-heap of timed events. */
class Queue<T> {
  private items: { at: number; value: T }[] = [];
  push(at: number, value: T) {
    const items = this.items;
    items.push({ at, value });
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.at <= items[i]!.at) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }
  pop(): { at: number; value: T } | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length && last) {
      items[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && items[l]!.at < items[m]!.at) m = l;
        if (r < items.length && items[r]!.at < items[m]!.at) m = r;
        if (m === i) break;
        [items[m], items[i]] = [items[i]!, items[m]!];
        i = m;
      }
    }
    return top;
  }
}

type Event = { type: 'check'; creator: number; version: number } | { type: 'signal'; signal: PageSignal } | { type: 'day'; day: number };

interface Watch {
  known: 'live' | 'offline' | 'unknown';
  history: CreatorHistory;
  /** The live being watched (index into lives), its first sighting, whether it was announced. */
  current: { life: number; seenAt: number; notified: boolean } | null;
  lastCheckAt: number;
  nextDue: number;
  version: number;
  lastConfirmAt: number | null;
  /** A signal moved the next check and no check has been made since. */
  held: boolean;
}

export function simulate(creators: Creator[], signals: PageSignal[], strategy: Strategy, seed: number): Result {
  const random = rng(seed);
  const measureFrom = PARAMETERS.learnDays * DAY;
  const end = PARAMETERS.days * DAY;
  const queue = new Queue<Event>();
  const watches: Watch[] = creators.map(() => ({
    known: 'unknown',
    history: { since: 0, starts: [], durations: [] },
    current: null,
    lastCheckAt: 0,
    nextDue: 0,
    version: 0,
    lastConfirmAt: null,
    held: false,
  }));
  const detected = new Map<string, number>();
  let paid = 0;
  let falseNotifications = 0;
  let confirmLog: number[] = [];
  let offPlanToday = 0;
  let onPlanToday = 0;
  let madeShare: number | undefined;
  let reservedPerDay: number | undefined;
  const trust: Record<string, boolean[]> = { list: [], profile: [] };
  let plan: Plan | null = null;

  const fixedGap = strategy.kind === 'fixed' ? strategy.minutes * MINUTE : 0;
  // The day's spending as the background sees it: the confirmations' cap scales with it.
  const perDay = creators.length * (strategy.kind === 'fixed' ? DAY / fixedGap : strategy.perCreatorPerDay);
  const confirmsPerHour = confirmCap(pageAllowance(perDay)).max;
  const schedule = (i: number, at: number) => {
    const w = watches[i]!;
    w.nextDue = at;
    queue.push(at, { type: 'check', creator: i, version: ++w.version });
  };
  const planned = (i: number, from: number) => {
    if (strategy.kind === 'fixed') return from + fixedGap;
    if (watches[i]!.known === 'live') return from + plan!.liveGapMinutes * MINUTE;
    return nextCheckAt(plan!.rates[i]!, from, UTC);
  };

  /** One paid request; answers as the API would (with its faults); returns the state it learnt, if any. */
  function check(i: number, t: number, cause: 'plan' | 'signal'): 'live' | 'offline' | null {
    if (t >= measureFrom) paid++;
    const w = watches[i]!;
    const roll = random();
    if (cause !== 'plan' || w.known === 'live' || roll < 0.03) offPlanToday++;
    else onPlanToday++;
    if (roll < 0.03) {
      if (cause === 'plan') schedule(i, t + (roll < 0.02 ? MINUTE : 30_000));
      return null;
    }
    w.lastCheckAt = t;
    w.held = false;
    const lifeIndex = creators[i]!.lives.findIndex((l) => l.start <= t && t < l.end);
    if (lifeIndex >= 0) {
      const life = creators[i]!.lives[lifeIndex]!;
      if (w.current?.life !== lifeIndex) {
        if (w.current) w.history.durations.push(w.current.seenAt - creators[i]!.lives[w.current.life]!.start);
        w.current = { life: lifeIndex, seenAt: t, notified: false };
        w.history.starts.push(random() < 0.8 ? life.start : t);
      }
      // Announced once per live, and only on this paid answer.
      if (!w.current.notified) {
        w.current.notified = true;
        const key = `${i}:${lifeIndex}`;
        if (detected.has(key)) falseNotifications++;
        else detected.set(key, t);
      }
      w.known = 'live';
      return 'live';
    }
    if (w.current) {
      const life = creators[i]!.lives[w.current.life]!;
      w.history.durations.push(Math.max(w.current.seenAt, life.end) - life.start);
      w.history.durations = w.history.durations.slice(-20);
      w.current = null;
    }
    w.known = 'offline';
    return 'offline';
  }

  function replan(day: number) {
    const now = day * DAY;
    // What was spent outside the offline plan, smoothed over the last days, as the background measures it.
    if (day > 0 && plan) {
      const share = onPlanToday / plan.aimedPerDay;
      reservedPerDay = reservedPerDay === undefined ? offPlanToday : 0.8 * reservedPerDay + 0.2 * offPlanToday;
      madeShare = madeShare === undefined ? share : 0.8 * madeShare + 0.2 * share;
    }
    offPlanToday = 0;
    onPlanToday = 0;
    const prior = populationRate(watches.map((w) => w.history), now);
    plan = planChecks(
      watches.map((w) => ({ profile: learnProfile(w.history, now, UTC, prior), weight: 1 })),
      { checksPerDay: (strategy as { perCreatorPerDay: number }).perCreatorPerDay * creators.length, reservedPerDay, madeShare },
    );
  }

  for (let d = 0; d < PARAMETERS.days; d++) queue.push(d * DAY, { type: 'day', day: d });
  if (strategy.signals) for (const signal of signals) queue.push(signal.at, { type: 'signal', signal });
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
      const state = check(e.creator, t, 'plan');
      if (state) schedule(e.creator, planned(e.creator, t));
    } else {
      const { creator: i, state, source } = e.signal;
      const w = watches[i]!;
      const gap = strategy.kind === 'fixed' ? fixedGap : w.known === 'live' ? plan!.liveGapMinutes * MINUTE : gapAt(plan!.rates[i]!, t, UTC);
      const decision = decideSignal({ state }, {
        known: w.known,
        trusted: isTrusted(trust[source]!),
        lastConfirmAt: w.lastConfirmAt,
        confirmLog,
        confirmsPerHour,
        nextDue: w.nextDue,
        held: w.held,
        gapMs: gap,
        now: t,
        random,
      });
      if (decision.kind === 'confirm') {
        confirmLog = decision.confirmLog;
        w.lastConfirmAt = t;
        const answer = check(i, t, 'signal');
        if (answer) {
          trust[source] = recordAgreement(trust[source]!, answer === state);
          schedule(i, planned(i, t));
        }
      } else if (decision.kind === 'postpone' && strategy.kind === 'smart') {
        w.held = true;
        schedule(i, decision.until);
      }
    }
  }

  const delays: number[] = [];
  const byKind: Record<string, number[]> = {};
  let missed = 0;
  let lives = 0;
  creators.forEach((c, i) =>
    c.lives.forEach((life, k) => {
      if (life.start < measureFrom || life.end > end) return;
      lives++;
      const at = detected.get(`${i}:${k}`);
      if (at === undefined) missed++;
      else {
        delays.push((at - life.start) / MINUTE);
        (byKind[c.kind] ??= []).push((at - life.start) / MINUTE);
      }
    }),
  );
  delays.sort((a, b) => a - b);
  const quantile = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))] ?? NaN;
  return {
    creditsPerDay: paid / (PARAMETERS.days - PARAMETERS.learnDays) / creators.length,
    medianMin: quantile(0.5),
    p90Min: quantile(0.9),
    missedPct: (100 * missed) / lives,
    falseNotifications,
    lives,
    medianByKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!])),
  };
}
