import type { Budget, Settings } from '@/lib/domain/model';
import { creditsPerDay as fixedCost } from '@/lib/domain/format';
import { BUDGET_RANGE, SETTING_RANGES } from '@/lib/domain/ranges';
import { FLOOR_SHARE } from '@/lib/domain/schedule/plan';

/**
 * The account's one budget for smart checking, chosen per month and spent per day: every paid check of this browser
 * counts against it (the schedule plans what the visits, refreshes and confirmations leave).
 */

/** A month, for the budget: 30 days (what "per day" is shown as). */
export const DAYS_PER_MONTH = 30;
/** Without a balance to go by (no key yet, demo mode): a modest month. */
export const FALLBACK_MONTHLY_BUDGET = 3000;
/** The default budget spreads the balance over this many days: it never spends it down in days. */
export const DEFAULT_SPREAD_DAYS = 90;
/** The popup shows how long the balance lasts under this many days, and warns under `RUNWAY_WARN_DAYS`. */
export const RUNWAY_SHOW_DAYS = 14;
export const RUNWAY_WARN_DAYS = 7;

/** The default for a balance: spread over `DEFAULT_SPREAD_DAYS`, in whole hundreds, never under the fallback's tenth. */
export function defaultMonthlyBudget(balance: number | null): number {
  if (balance === null) return FALLBACK_MONTHLY_BUDGET;
  const month = (balance / DEFAULT_SPREAD_DAYS) * DAYS_PER_MONTH;
  return Math.max(FALLBACK_MONTHLY_BUDGET / 10, Math.floor(month / 100) * 100);
}

/**
 * What `settings.creditsPerDay` says of a budget, for a 0.2.0 build on the same synced data: within the setting's
 * bounds (0.2.0 turns anything under 10 into "automatic", 144 a follow).
 */
export function legacyPerDay(creditsPerMonth: number): number {
  const [min, max] = SETTING_RANGES.creditsPerDay;
  return Math.min(max, Math.max(min, Math.round(creditsPerMonth / DAYS_PER_MONTH)));
}

/**
 * Credits a day smart checking may spend. The budget item rules, unless `creditsPerDay` no longer mirrors it: then an
 * older build in another browser set it, a choice of the user's that wins. With neither, the fallback.
 */
export function dailyBudget(budget: Budget | null, settings: Pick<Settings, 'creditsPerDay'>): number {
  if (budget && (settings.creditsPerDay === null || settings.creditsPerDay === legacyPerDay(budget.creditsPerMonth))) {
    return budget.creditsPerMonth / DAYS_PER_MONTH;
  }
  return settings.creditsPerDay ?? FALLBACK_MONTHLY_BUDGET / DAYS_PER_MONTH;
}

/** Whole days the balance lasts at `perDay`, or null when unknown or nothing is spent. */
export function runwayDays(balance: number | null, perDay: number): number | null {
  return balance === null || perDay <= 0 ? null : Math.floor(balance / perDay);
}

/** Budgets to weigh against the current one: half, the same, twice and four times it (in whole hundreds, in bounds). */
export function budgetChoices(creditsPerMonth: number): number[] {
  const [min, max] = BUDGET_RANGE;
  const round = (n: number) => Math.min(max, Math.max(min, Math.round(n / 100) * 100));
  return [...new Set([round(creditsPerMonth / 2), creditsPerMonth, round(creditsPerMonth * 2), round(creditsPerMonth * 4)])];
}

/** What checking spends a day: the daily budget in smart mode, every follow every interval in fixed mode. */
export function spendPerDay(settings: Pick<Settings, 'checkMode' | 'pollMinutes'>, follows: number, creditsPerDay: number): number {
  return settings.checkMode === 'smart' ? creditsPerDay : fixedCost(follows, settings.pollMinutes);
}

/** The share of the daily budget that checks set off by pages (visits, signal confirmations) may spend. */
export const PAGE_SHARE = 0.25;

/** Page-driven checks a day: a quarter of the budget, and always one (a visit is the user's own look). */
export function pageAllowance(perDay: number): number {
  return Math.max(1, Math.floor(perDay * PAGE_SHARE));
}

/** Who a paid check is for: the plan (the floor, lives in progress, the learned plan), the user (popup), or a page. */
export type CheckClass = 'plan' | 'user' | 'page';

export function checkClass(reason: 'visit' | 'retry' | 'popup' | 'refresh' | 'poll' | 'signal'): CheckClass {
  if (reason === 'poll') return 'plan';
  return reason === 'popup' || reason === 'refresh' ? 'user' : 'page';
}

/** Paid checks admitted today (UTC day): all of them, and those a page set off. */
export interface DayChecks {
  day: string;
  all: number;
  page: number;
}

/**
 * Whether one more paid check fits today. Pages have their allowance in any mode. With a budget (smart checking) the
 * day's share is never exceeded, and the floor comes first: only the plan may spend what the floor still needs for
 * the rest of the day (its share of the budget, for the part of the day left), so no refresh or page leaves a
 * creator unchecked until tomorrow. Fixed checking spends what its interval costs, as the user chose.
 */
export function admitCheck(count: DayChecks, kind: CheckClass, input: { perDay: number; smart: boolean; dayLeft: number }): boolean {
  if (kind === 'page' && count.page >= pageAllowance(input.perDay)) return false;
  if (!input.smart) return true;
  if (count.all + 1 > input.perDay) return false;
  return kind === 'plan' || count.all + 1 + FLOOR_SHARE * input.perDay * input.dayLeft <= input.perDay;
}

/**
 * How fast the plan spends above its floor for the rest of the day, as a share of what it planned: what is left of the
 * day's budget, once the floor and the usual spending outside the plan (`reserved`, for the part of the day left) are
 * kept, over what the plan would still spend above the floor today. So it neither reaches the budget before midnight
 * (and waits, unchecked, for the next day) nor leaves it unspent. In tenths, so next checks move now and then rather
 * than at every check, and at most twice the plan (a quiet morning is not spent in one burst at night).
 */
export function dayPace(input: { perDay: number; spentToday: number; rest: { floor: number; above: number }; reserved: number; dayLeft: number }): number {
  const left = input.perDay - input.spentToday - input.rest.floor - input.reserved * input.dayLeft;
  if (input.rest.above <= 0) return 1;
  return Math.min(2, Math.max(0, Math.round((left / input.rest.above) * 10) / 10));
}

/** The share of the UTC day still to come at `now` (1 at midnight, near 0 just before the next). */
export function dayLeft(now: number): number {
  return 1 - (now % 86_400_000) / 86_400_000;
}

/** The next UTC midnight after `now`: when a new day's budget starts. */
export function nextUtcDay(now: number): number {
  return now - (now % 86_400_000) + 86_400_000;
}

/** What one browser spent today, as it tells the others through sync. */
export interface DeviceSpend {
  day: string;
  credits: number;
  at: number;
}

/** A browser that spent within this long shares the budget; one silent longer (closed, uninstalled) does not. */
export const ACTIVE_DEVICE_MS = 2 * 86_400_000;

/**
 * This browser's part of the daily budget: the budget is the account's, so the browsers that check with it share it
 * (each spends its own plan). This one always counts; another counts while it has spent lately.
 */
export function deviceShare(perDay: number, tally: Readonly<Record<string, DeviceSpend>>, device: string, now: number): number {
  return perDay / (1 + otherDevices(tally, device, now));
}

/** The other browsers that checked with the account lately. */
export function otherDevices(tally: Readonly<Record<string, DeviceSpend>>, device: string, now: number): number {
  return Object.entries(tally).filter(([id, spend]) => id !== device && now - spend.at < ACTIVE_DEVICE_MS).length;
}

/** What a credit was spent on, as the options page breaks the spending down. */
export type SpendKind = 'planned' | 'live' | 'signals' | 'visits' | 'refreshes';
export const SPEND_KINDS: readonly SpendKind[] = ['planned', 'live', 'signals', 'visits', 'refreshes'];

/** The kind of a paid check, from why it was asked and whether the creator was live (then it watches the live). */
export function spendKind(reason: 'visit' | 'retry' | 'popup' | 'refresh' | 'poll' | 'signal', wasLive: boolean): SpendKind {
  if (reason === 'visit' || reason === 'retry') return 'visits';
  if (reason === 'signal') return 'signals';
  if (reason === 'popup' || reason === 'refresh') return 'refreshes';
  return wasLive ? 'live' : 'planned';
}

/** Credits by kind over the last `days` UTC days (today included), from a log of days. */
export function spentByKind(log: Readonly<Record<string, Partial<Record<SpendKind, number>>>>, days: number, today: string): Record<SpendKind, number> {
  const from = new Date(Date.parse(today) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const sums = Object.fromEntries(SPEND_KINDS.map((k) => [k, 0])) as Record<SpendKind, number>;
  for (const [day, kinds] of Object.entries(log)) {
    if (day < from || day > today) continue;
    for (const kind of SPEND_KINDS) sums[kind] += kinds[kind] ?? 0;
  }
  return sums;
}
