import { utcDay } from '@/lib/domain/format';
import { pageCreditsItem } from '@/lib/platform/storage';
import type { StorageArea } from '@/lib/platform/stored-item';

/**
 * The day's allowance for checks a page sets off (profiles visited, confirmations of free signals): a share of the
 * budget, so that no page, hostile or just busy, spends the budget the planned checks need. Each admitted check is
 * counted at once (this worker alone writes the count: read once per wake, counted in memory, stored behind), so
 * checks admitted together cannot pass it; a check that then costs nothing still counts, erring on the side of less.
 */
export function createPageAllowance(deps: { now: () => number; allowance: () => Promise<number>; local?: StorageArea }) {
  let counts: Record<string, number> | null = null;

  return async function admit(): Promise<boolean> {
    const [stored, allowance] = await Promise.all([counts ? null : pageCreditsItem.get(deps.local), deps.allowance()]);
    // From here to the count, nothing awaits: concurrent checks are counted one after the other.
    counts ??= stored ?? {};
    const day = utcDay(deps.now());
    const spent = counts[day] ?? 0;
    if (spent >= allowance) return false;
    // Today's count only: yesterday's allowance is spent or gone.
    counts = { [day]: spent + 1 };
    void pageCreditsItem.set(counts, deps.local).catch((error: unknown) => console.warn('Live Radar: the page allowance was not stored', error));
    return true;
  };
}
