import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { budgetChoices, dailyBudget, defaultMonthlyBudget, legacyPerDay, runwayDays, spendPerDay } from '@/lib/domain/budget';
import { chooseBudget, ensureBudget, readDailyBudget } from '@/lib/platform/budget-store';
import { budgetItem, settingsItem } from '@/lib/platform/storage';
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
