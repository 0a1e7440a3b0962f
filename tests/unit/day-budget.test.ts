import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { admitCheck, dayPace, type DayChecks } from '@/lib/domain/budget';
import { planChecks, type PlanCreator } from '@/lib/domain/schedule/plan';
import { floorRate, restOfDay } from '@/lib/domain/schedule/book';
import { nextCheckAt } from '@/lib/domain/schedule/next-check';
import { learnProfile } from '@/lib/domain/schedule/profile';
import { UTC } from '@/lib/domain/schedule/week';
import { checkingStatus } from '@/lib/domain/checking-status';
import { utcDay } from '@/lib/domain/format';
import { ALARMS } from '@/lib/platform/alarms';
import { chooseBudget } from '@/lib/platform/budget-store';
import { dayChecksItem, keyStateItem, pollStateItem, settingsItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import { startFakeSocialFetch, type FakeSocialFetch } from '../fake-socialfetch';
import { contentScriptOn, engineWith, resetWorld } from './engine-harness';
import { createDayAllowance } from '@/lib/checking/day-allowance';

describe('the day’s budget, check by check', () => {
  const count = (all: number, page = 0): DayChecks => ({ day: '2026-11-24', all, page });
  const smart = (perDay: number, dayLeft: number) => ({ perDay, smart: true, dayLeft });

  it('lets the plan spend the whole day’s share and nothing past it', () => {
    expect(admitCheck(count(9), 'plan', smart(10, 0.5))).toBe(true);
    expect(admitCheck(count(10), 'plan', smart(10, 0.5))).toBe(false);
    expect(admitCheck(count(10), 'user', smart(10, 0))).toBe(false);
  });

  it('keeps what the floor needs for the rest of the day from refreshes and pages', () => {
    // At midnight the floor's half of the budget is kept; by the end of the day, none of it.
    expect(admitCheck(count(49), 'user', smart(100, 1))).toBe(true);
    expect(admitCheck(count(50), 'user', smart(100, 1))).toBe(false);
    expect(admitCheck(count(50), 'user', smart(100, 0.5))).toBe(true);
    expect(admitCheck(count(75), 'user', smart(100, 0.5))).toBe(false);
    expect(admitCheck(count(98), 'user', smart(100, 0.01))).toBe(true);
  });

  it('holds pages to their quarter in any mode; fixed checking spends what its interval costs', () => {
    expect(admitCheck(count(30, 25), 'page', smart(100, 0.1))).toBe(false);
    expect(admitCheck(count(30, 24), 'page', smart(100, 0.1))).toBe(true);
    const fixed = { perDay: 100, smart: false, dayLeft: 1 };
    expect(admitCheck(count(5000, 25), 'page', fixed)).toBe(false);
    expect(admitCheck(count(5000, 0), 'plan', fixed)).toBe(true);
    expect(admitCheck(count(5000, 0), 'user', fixed)).toBe(true);
  });
});

describe('the day’s pace', () => {
  const NOW = Date.parse('2026-11-23T06:00:00Z');
  // Ten creators who go live at 20:00 on weekdays: the plan spends most of its budget in the evening.
  const evening = (): PlanCreator => ({
    profile: learnProfile({ since: NOW - 28 * 86_400_000, starts: Array.from({ length: 20 }, (_, d) => NOW - (d + 1) * 86_400_000 + 14 * 3_600_000), durations: [] }, NOW, UTC),
    weight: 1,
  });
  const plan = planChecks(Array.from({ length: 10 }, evening), { checksPerDay: 120, reservedPerDay: 0 });
  const rest = restOfDay(plan, NOW, UTC);

  it('knows what the plan still spends today, on its floor and above it', () => {
    // 18 of the day's 24 hours are left: the floor's part of them, and most of the rest (the evening is still to come).
    expect(rest.floor).toBeCloseTo((0.5 * 120 * 18) / 24, -1);
    expect(rest.above).toBeGreaterThan(0.4 * 60);
  });

  it('keeps to the plan on budget, slows when the day ran ahead, and never slows the floor', () => {
    const onPlan = 120 - rest.floor - rest.above;
    expect(dayPace({ perDay: 120, spentToday: onPlan, rest, reserved: 0, dayLeft: 0.75 })).toBe(1);
    const ahead = dayPace({ perDay: 120, spentToday: onPlan + rest.above / 2, rest, reserved: 0, dayLeft: 0.75 });
    expect(ahead).toBe(0.5);
    // Spent all but the floor's part: nothing above it, the floor as planned.
    expect(dayPace({ perDay: 120, spentToday: 120 - rest.floor, rest, reserved: 0, dayLeft: 0.75 })).toBe(0);
    // A quiet morning is spent faster, within twice the plan.
    expect(dayPace({ perDay: 120, spentToday: 0, rest, reserved: 0, dayLeft: 0.75 })).toBeLessThanOrEqual(2);
    const rates = plan.rates[0]!;
    const floorGap = plan.floorGapMinutes * 60_000;
    const next = nextCheckAt(rates, NOW, UTC, { factor: 0, floor: floorRate(plan) });
    expect(next - NOW).toBeLessThanOrEqual(floorGap + 60_000);
    expect(nextCheckAt(rates, NOW, UTC, { factor: 0.5, floor: floorRate(plan) })).toBeGreaterThanOrEqual(nextCheckAt(rates, NOW, UTC));
  });
});

describe('the day’s count', () => {
  beforeEach(async () => {
    await dayChecksItem.set({ day: '', all: 0, page: 0 });
  });

  it('gives back a check that was then not made or charged nothing, once', async () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    const admit = createDayAllowance({ now: () => now, budget: async () => ({ perDay: 2, smart: true }) });
    const first = await admit('plan');
    const second = await admit('plan');
    expect(first && second).toBeTruthy();
    expect(await admit('plan')).toBeNull();
    // The second waited for a call slot and its cycle stopped: it was never made.
    second!();
    second!();
    expect(await admit('plan')).toBeTruthy();
    expect(await admit('plan')).toBeNull();
    await expect.poll(async () => (await dayChecksItem.get()).all).toBe(2);
  });
});

describe('smart checking never spends past the day’s budget', () => {
  let fake: FakeSocialFetch;
  beforeAll(async () => {
    fake = await startFakeSocialFetch();
  });
  afterAll(() => fake.close());

  const handles = Array.from({ length: 6 }, (_, i) => `creator.${i}`);
  beforeEach(async () => {
    await resetWorld(fake);
    await settingsItem.set({ ...DEFAULT_SETTINGS, checkMode: 'smart' });
    await keyStateItem.set({ state: 'valid' });
    // 10 credits a day.
    await chooseBudget(300);
    for (const handle of handles) fake.setProfile(handle, { kind: 'offline' });
  });

  it('stops the plan at the day’s share, says so, and starts again the next UTC day', async () => {
    const { engine, ask, clock } = engineWith(fake);
    for (const handle of handles) await ask({ type: 'follow', handle, follow: true });
    const today = utcDay(clock.t);
    // Nine checks made today already (by this worker before a restart): one is left.
    await dayChecksItem.set({ day: today, all: 9, page: 0 });

    // It is 20:00 UTC: a refresh may not spend what the floor needs until midnight.
    expect(await ask({ type: 'refreshAll' })).toEqual({ ok: true, data: { result: 'stopped', why: 'budget' } });
    expect(fake.lookups()).toBe(0);
    // The refresh stopped short; the plan keeps its own pace (its alarm is not put off to the next day).
    const midnightUtc = Date.parse(`${today}T00:00:00Z`) + 86_400_000;
    expect((await browser.alarms.get(ALARMS.poll))!.scheduledTime).toBeLessThan(midnightUtc);
    // The page's visit is held to the same budget.
    expect(await ask({ type: 'visit', handle: 'stranger' }, contentScriptOn('stranger'))).toMatchObject({ ok: true, data: { view: { kind: 'paused' } } });
    expect(fake.lookups()).toBe(0);

    // The plan spends the rest, then stops until the next UTC day.
    clock.t += 15 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(fake.lookups()).toBe(1);
    const midnight = Date.parse(`${today}T00:00:00Z`) + 86_400_000;
    const poll = await pollStateItem.get();
    expect(poll.budgetSpentUntil).toBe(midnight);
    expect(checkingStatus({ keyState: { state: 'valid' }, poll, settings: DEFAULT_SETTINGS, demo: false, followCount: 6, lastAnswerAt: clock.t, now: clock.t })).toEqual({
      kind: 'budget_spent',
      until: midnight,
    });
    expect((await browser.alarms.get(ALARMS.poll))!.scheduledTime).toBeGreaterThanOrEqual(midnight);

    // An alarm before then spends nothing; the first one of the new day checks again.
    await engine.onAlarm({ name: ALARMS.poll });
    expect(fake.lookups()).toBe(1);
    clock.t = midnight + 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(fake.lookups()).toBeGreaterThan(1);
    expect((await dayChecksItem.get()).day).toBe(utcDay(clock.t));
  });
});
