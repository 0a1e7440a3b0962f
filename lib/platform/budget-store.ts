import { DAYS_PER_MONTH, dailyBudget, defaultMonthlyBudget, legacyPerDay } from '@/lib/domain/budget';
import type { Budget } from '@/lib/domain/model';
import { BUDGET_RANGE } from '@/lib/domain/ranges';
import { t } from '@/lib/platform/i18n';
import { budgetItem, settingsItem } from '@/lib/platform/storage';

/** Credits a day smart checking may spend now. */
export async function readDailyBudget(): Promise<number> {
  const [budget, settings] = await Promise.all([budgetItem.get(), settingsItem.get()]);
  return dailyBudget(budget, settings);
}

/** Writes `creditsPerDay` as 0.2.0 reads the budget, so a browser still on it spends the same. */
async function mirror(creditsPerMonth: number): Promise<void> {
  await settingsItem.update((settings) => ({ ...settings, creditsPerDay: legacyPerDay(creditsPerMonth) }));
}

/** The user's choice of a monthly budget; a number out of bounds is refused with the bounds. */
export async function chooseBudget(creditsPerMonth: number): Promise<Budget> {
  const [min, max] = BUDGET_RANGE;
  if (!Number.isInteger(creditsPerMonth) || creditsPerMonth < min || creditsPerMonth > max) {
    throw new Error(t('budgetOutOfRange', min.toLocaleString(), max.toLocaleString()));
  }
  const budget: Budget = { creditsPerMonth, chosen: 'user' };
  await budgetItem.set(budget);
  await mirror(creditsPerMonth);
  return budget;
}

/**
 * Gives an install without a budget one: a daily budget the user chose before months existed is kept (as a month of
 * it); otherwise the default for `balance`, marked so the user is told and asked. Answers the budget in force.
 */
export async function ensureBudget(balance: number | null): Promise<Budget> {
  // Read first: most calls find one, and a synced write is rationed (sync allows 120 a minute).
  const stored = await budgetItem.get();
  if (stored) return stored;
  const settings = await settingsItem.get();
  let created = false;
  const budget = await budgetItem.update((current) => {
    if (current) return current;
    created = true;
    return settings.creditsPerDay !== null
      ? { creditsPerMonth: settings.creditsPerDay * DAYS_PER_MONTH, chosen: 'user' }
      : { creditsPerMonth: defaultMonthlyBudget(balance), chosen: 'default' };
  });
  if (created && settings.creditsPerDay === null) await mirror(budget!.creditsPerMonth);
  return budget!;
}
