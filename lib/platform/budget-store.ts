import { DAYS_PER_MONTH, dailyBudget, defaultMonthlyBudget, deviceShare, legacyPerDay } from '@/lib/domain/budget';
import { utcDay } from '@/lib/domain/format';
import type { Budget } from '@/lib/domain/model';
import { BUDGET_RANGE } from '@/lib/domain/ranges';
import { t } from '@/lib/platform/i18n';
import { budgetItem, creditLogItem, deviceItem, MAX_TALLY_DEVICES, settingsItem, tallyItem } from '@/lib/platform/storage';

/** Credits a day smart checking may spend now, for the account. */
export async function readDailyBudget(): Promise<number> {
  const [budget, settings] = await Promise.all([budgetItem.get(), settingsItem.get()]);
  return dailyBudget(budget, settings);
}

/** This browser's name in the tally, made on first use. */
async function thisDevice(): Promise<string> {
  return (await deviceItem.get()) ?? (await deviceItem.update((id) => id ?? crypto.randomUUID()))!;
}

/** This browser's part of the day's budget: the browsers checking with the account share it. */
export async function readDeviceBudget(now: number): Promise<number> {
  // Read, not made: a browser gets its name when it first tells what it spent (erasing the data leaves none behind).
  const [perDay, tally, device] = await Promise.all([readDailyBudget(), tallyItem.get(), deviceItem.get()]);
  return deviceShare(perDay, tally, device ?? '', now);
}

/** Sync's writes are rationed: this browser's figure is written at most this often. */
const TALLY_EVERY_MS = 15 * 60_000;

/**
 * Tells the other browsers what this one spent today (written at most every 15 minutes, and only when it changed).
 * Past the cap, the browsers silent longest are dropped.
 */
export async function shareSpending(now: number): Promise<void> {
  const day = utcDay(now);
  const spentToday = (await creditLogItem.get())[day] ?? 0;
  // Nothing spent today says nothing new: a browser counts as sharing while it has spent lately, and gets its name then.
  if (spentToday === 0) return;
  const [tally, device] = await Promise.all([tallyItem.get(), thisDevice()]);
  const mine = tally[device];
  if (mine && mine.day === day && (mine.credits === spentToday || now - mine.at < TALLY_EVERY_MS)) return;
  await tallyItem.update((current) => {
    const entries = Object.entries({ ...current, [device]: { day, credits: spentToday, at: now } });
    return Object.fromEntries(entries.sort(([, a], [, b]) => b.at - a.at).slice(0, MAX_TALLY_DEVICES));
  });
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
