import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { budgetChoices, dailyBudget, defaultMonthlyBudget, deviceShare, legacyPerDay, runwayDays, spendKind, spendPerDay, spentByKind } from '@/lib/domain/budget';
import { chooseBudget, ensureBudget, readDailyBudget, readDeviceBudget, shareSpending } from '@/lib/platform/budget-store';
import { budgetItem, creditLogItem, deviceItem, MAX_TALLY_DEVICES, settingsItem, tallyItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';

beforeEach(() => fakeBrowser.reset());

describe('one budget for the account', () => {
  it('defaults to the balance spread over 90 days, in whole hundreds a month, and to a modest month without one', () => {
    expect(defaultMonthlyBudget(25_000)).toBe(8300);
    expect(defaultMonthlyBudget(100)).toBe(300);
    expect(defaultMonthlyBudget(null)).toBe(3000);
  });

  it('does not grow with the follows: 1 creator or 200 share the same daily budget', () => {
    const budget = { creditsPerMonth: 3000, chosen: 'user' } as const;
    const settings = { creditsPerDay: legacyPerDay(3000) };
    expect(dailyBudget(budget, settings)).toBe(100);
    expect(spendPerDay({ checkMode: 'smart', pollMinutes: 10 }, 1, 100)).toBe(spendPerDay({ checkMode: 'smart', pollMinutes: 10 }, 200, 100));
    // Fixed checking costs what it checks: every follow every interval.
    expect(spendPerDay({ checkMode: 'fixed', pollMinutes: 10 }, 2, 100)).toBe(288);
  });

  it('lets a daily budget set by a 0.2.0 build in another browser win over the month, as the user’s last word', () => {
    const budget = { creditsPerMonth: 3000, chosen: 'user' } as const;
    expect(dailyBudget(budget, { creditsPerDay: 500 })).toBe(500);
    expect(dailyBudget(null, { creditsPerDay: null })).toBe(100);
  });

  it('writes for 0.2.0 a daily figure it reads as a choice: never under 10, never past its bound', () => {
    expect(legacyPerDay(300)).toBe(10);
    expect(legacyPerDay(200_000_000)).toBe(1_000_000);
  });

  it('says how long the balance lasts, and weighs budgets around the chosen one', () => {
    expect(runwayDays(1000, 100)).toBe(10);
    expect(runwayDays(null, 100)).toBeNull();
    expect(budgetChoices(3000)).toEqual([1500, 3000, 6000, 12_000]);
    expect(budgetChoices(300)).toEqual([300, 600, 1200]);
  });
});

describe('the stored budget', () => {
  it('keeps a daily budget the user chose before months existed, as a month of it, and marks a default as such', async () => {
    await settingsItem.set({ ...DEFAULT_SETTINGS, creditsPerDay: 200 });
    expect(await ensureBudget(9000)).toEqual({ creditsPerMonth: 6000, chosen: 'user' });
    fakeBrowser.reset();
    expect(await ensureBudget(9000)).toEqual({ creditsPerMonth: 3000, chosen: 'default' });
    // 0.2.0 in another browser reads the same budget, not its automatic 144 a follow.
    expect((await settingsItem.get()).creditsPerDay).toBe(100);
    expect(await readDailyBudget()).toBe(100);
    // Once there, a later balance changes nothing: the user was told this budget.
    expect(await ensureBudget(90_000)).toEqual({ creditsPerMonth: 3000, chosen: 'default' });
  });

  it('stores the user’s choice and its daily mirror, and refuses one out of bounds with the bounds', async () => {
    await ensureBudget(9000);
    expect(await chooseBudget(1500)).toEqual({ creditsPerMonth: 1500, chosen: 'user' });
    expect(await budgetItem.get()).toEqual({ creditsPerMonth: 1500, chosen: 'user' });
    expect((await settingsItem.get()).creditsPerDay).toBe(50);
    await expect(chooseBudget(10)).rejects.toThrow(/from 300 to/);
    await expect(chooseBudget(1500.5)).rejects.toThrow(/whole number/);
    expect(await readDailyBudget()).toBe(50);
  });
});

describe('the budget across browsers', () => {
  const NOW = Date.parse('2026-12-07T12:00:00Z');
  const spend = (at: number) => ({ day: '2026-12-07', credits: 5, at });

  it('is shared by the browsers that checked with the account lately; one silent for two days no longer counts', () => {
    expect(deviceShare(100, {}, 'me', NOW)).toBe(100);
    expect(deviceShare(100, { me: spend(NOW), other: spend(NOW - 3600_000) }, 'me', NOW)).toBe(50);
    expect(deviceShare(100, { other: spend(NOW - 3 * 86_400_000) }, 'me', NOW)).toBe(100);
  });

  it('tells the other browsers what this one spent today, at most every 15 minutes, and never a day of nothing', async () => {
    await chooseBudget(3000);
    await shareSpending(NOW);
    expect(await tallyItem.get()).toEqual({});
    // A browser that spent nothing has not even a name yet: erasing the data leaves none behind.
    expect(await deviceItem.get()).toBeNull();
    await creditLogItem.set({ '2026-12-07': 12 });
    await shareSpending(NOW);
    const [device] = Object.keys(await tallyItem.get());
    expect((await tallyItem.get())[device!]).toEqual({ day: '2026-12-07', credits: 12, at: NOW });
    await creditLogItem.set({ '2026-12-07': 20 });
    await shareSpending(NOW + 60_000);
    expect((await tallyItem.get())[device!]!.credits).toBe(12);
    await shareSpending(NOW + 16 * 60_000);
    expect((await tallyItem.get())[device!]!.credits).toBe(20);

    // Another browser on the account: each plans half the budget.
    expect(await readDeviceBudget(NOW)).toBe(100);
    await tallyItem.update((tally) => ({ ...tally, laptop: spend(NOW) }));
    expect(await readDeviceBudget(NOW)).toBe(50);
    // The account's budget is unchanged (the balance's runway is the account's).
    expect(await readDailyBudget()).toBe(100);
  });

  it('keeps the browsers heard from last when more than the cap have written', async () => {
    await tallyItem.set(Object.fromEntries(Array.from({ length: MAX_TALLY_DEVICES }, (_, i) => [`old${i}`, spend(NOW - 1000 - i)])));
    await creditLogItem.set({ '2026-12-07': 3 });
    await shareSpending(NOW);
    const tally = await tallyItem.get();
    expect(Object.keys(tally)).toHaveLength(MAX_TALLY_DEVICES);
    expect(tally[`old${MAX_TALLY_DEVICES - 1}`]).toBeUndefined();
  });
});

describe('spending by kind', () => {
  it('names each paid check by why it was made, and sums the days asked for', () => {
    expect(spendKind('poll', false)).toBe('planned');
    expect(spendKind('poll', true)).toBe('live');
    expect(spendKind('visit', false)).toBe('visits');
    expect(spendKind('retry', true)).toBe('visits');
    expect(spendKind('signal', false)).toBe('signals');
    expect(spendKind('refresh', false)).toBe('refreshes');
    const log = { '2026-12-07': { planned: 3, visits: 2 }, '2026-12-01': { planned: 10 }, '2026-11-30': { planned: 100 } };
    expect(spentByKind(log, 1, '2026-12-07')).toEqual({ planned: 3, live: 0, signals: 0, visits: 2, refreshes: 0 });
    expect(spentByKind(log, 7, '2026-12-07').planned).toBe(13);
  });
});
