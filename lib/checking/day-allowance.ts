import { admitCheck, dayLeft, type CheckClass, type DayChecks } from '@/lib/domain/budget';
import { utcDay } from '@/lib/domain/format';
import { dayChecksItem } from '@/lib/platform/storage';
import type { StorageArea } from '@/lib/platform/stored-item';

/**
 * The day's budget, check by check (`admitCheck`): each admitted check is counted at once (this worker alone writes
 * the count: read once per wake, counted in memory, stored behind), so checks admitted together cannot pass it; a
 * check that then costs nothing still counts, erring on the side of less.
 */
export function createDayAllowance(deps: {
  now: () => number;
  /** This browser's share of the day's budget, and whether a budget is in force (smart checking). */
  budget: () => Promise<{ perDay: number; smart: boolean }>;
  local?: StorageArea;
}) {
  let count: DayChecks | null = null;

  return async function admit(kind: CheckClass): Promise<boolean> {
    const [stored, budget] = await Promise.all([count ? null : dayChecksItem.get(deps.local), deps.budget()]);
    // From here to the count, nothing awaits: concurrent checks are counted one after the other.
    const now = deps.now();
    const day = utcDay(now);
    count ??= stored!;
    if (count.day !== day) count = { day, all: 0, page: 0 };
    if (!admitCheck(count, kind, { ...budget, dayLeft: dayLeft(now) })) return false;
    count = { day, all: count.all + 1, page: count.page + (kind === 'page' ? 1 : 0) };
    void dayChecksItem.set(count, deps.local).catch((error: unknown) => console.warn('Live Radar: the day’s checks were not stored', error));
    return true;
  };
}
