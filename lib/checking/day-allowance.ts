import { admitCheck, dayLeft, type CheckClass, type DayChecks } from '@/lib/domain/budget';
import { utcDay } from '@/lib/domain/format';
import { dayChecksItem } from '@/lib/platform/storage';
import type { StorageArea } from '@/lib/platform/stored-item';

/**
 * The day's budget, check by check (`admitCheck`): each admitted check is counted at once (this worker alone writes
 * the count: read once per wake, counted in memory, stored behind), so checks admitted together cannot pass it. The
 * admission answers a refund, for a check that was then not made or charged nothing (a cancelled wait, an outage).
 */
export function createDayAllowance(deps: {
  now: () => number;
  /** This browser's share of the day's budget, and whether a budget is in force (smart checking). */
  budget: () => Promise<{ perDay: number; smart: boolean }>;
  local?: StorageArea;
}) {
  let count: DayChecks | null = null;

  const store = () => void dayChecksItem.set(count!, deps.local).catch((error: unknown) => console.warn('Live Radar: the day’s checks were not stored', error));

  return async function admit(kind: CheckClass): Promise<(() => void) | null> {
    const [stored, budget] = await Promise.all([count ? null : dayChecksItem.get(deps.local), deps.budget()]);
    // From here to the count, nothing awaits: concurrent checks are counted one after the other.
    const now = deps.now();
    const day = utcDay(now);
    count ??= stored!;
    if (count.day !== day) count = { day, all: 0, page: 0 };
    if (!admitCheck(count, kind, { ...budget, dayLeft: dayLeft(now) })) return null;
    const page = kind === 'page' ? 1 : 0;
    count = { day, all: count.all + 1, page: count.page + page };
    store();
    let refunded = false;
    return () => {
      if (refunded || count?.day !== day) return;
      refunded = true;
      count = { day, all: Math.max(0, count.all - 1), page: Math.max(0, count.page - page) };
      store();
    };
  };
}
