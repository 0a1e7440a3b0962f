import type { Follow } from '@/lib/domain/model';
import { createDemoSource, DEMO_CREATORS } from '@/lib/socialfetch/demo-source';

/**
 * The list as demo mode shows it: the user's own follows and the sample creators. These are never stored: stored, they
 * would sync to the user's other browsers, which would pay to check them, and go out in exports.
 */
export function withDemoCreators(list: Follow[]): Follow[] {
  const missing = DEMO_CREATORS.filter((c) => !list.some((f) => f.handle === c.handle));
  return [...list, ...missing.map((c) => ({ handle: c.handle, addedAt: 0, notify: true }))];
}

/**
 * Demo mode: sample creators answered by a built-in source, with no key and no credit spent. Switching it on checks
 * them at once; switching it off takes them out of the schedule and the toolbar's count.
 */
export function createDemoMode(deps: {
  now: () => number;
  /** The stored switch. */
  item: { get(): Promise<boolean>; set(on: boolean): Promise<void> };
  /** Takes out sample creators an earlier build stored in the follow list. */
  dropStored: () => Promise<void>;
  /** The schedule and checking brought in line with the list as it now is. */
  reschedule: () => Promise<void>;
  refresh: () => Promise<unknown>;
  updateToolbar: () => Promise<void>;
}) {
  return {
    /** Answers for the sample creators (and "not found" for anyone else). */
    source: createDemoSource(deps.now),
    async set(on: boolean) {
      await deps.item.set(on);
      if (!on) await deps.dropStored();
      await deps.reschedule();
      if (on) void deps.refresh();
      else await deps.updateToolbar();
      return { demo: on };
    },
  };
}
