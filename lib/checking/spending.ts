import type { SpendKind } from '@/lib/domain/budget';
import { utcDay } from '@/lib/domain/format';
import { createBatch } from '@/lib/checking/batch';
import { creditLogItem, spendingItem } from '@/lib/platform/storage';
import type { StorageArea } from '@/lib/platform/stored-item';

/**
 * How long charges gather before they are written together: one serialised read-modify-write per answer made a
 * 500-follow cycle queue every answer behind the last. A worker stopped within the batch loses that tally, never a
 * credit.
 */
const WRITE_MS = 500;
/** Days of spending by kind kept: today and the week before it. */
const KEEP_DAYS = 8;

/**
 * Every credit the server says it charged, written in batches: the day's total (the budget and the tally are built
 * on it) and the day's split by kind (what the options page shows).
 */
export function createSpendingLog(local?: StorageArea) {
  const batch = createBatch<{ day: string; credits: number; kind: SpendKind }>(WRITE_MS, async (charges) => {
    await creditLogItem.update((log) => {
      const next = { ...log };
      for (const { day, credits } of charges) next[day] = (next[day] ?? 0) + credits;
      return next;
    }, local);
    await spendingItem.update((log) => {
      const next = { ...log };
      for (const { day, credits, kind } of charges) next[day] = { ...next[day], [kind]: (next[day]?.[kind] ?? 0) + credits };
      return Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? 1 : -1)).slice(0, KEEP_DAYS));
    }, local);
  });
  return {
    add: (at: number, credits: number, kind: SpendKind) => batch.add({ day: utcDay(at), credits, kind }),
    flush: batch.flush,
  };
}
