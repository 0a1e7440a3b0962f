import { DEFAULT_SETTINGS, EMPTY_POLL_STATE } from '@/lib/domain/defaults';
import type { Snapshot as Stored } from '@/lib/platform/snapshot';
import type { CacheEntry } from '@/lib/domain/model';

/** What the UIs render: the stored snapshot with its answers by handle, and whether it has been read yet. */
export interface Snapshot extends Omit<Stored, 'entries'> {
  loaded: boolean;
  entries: ReadonlyMap<string, CacheEntry>;
}

export const withEntriesByHandle = (stored: Stored): Snapshot => ({
  ...stored,
  loaded: true,
  entries: new Map(stored.entries.map((e) => [e.handle, e])),
});

export const EMPTY_SNAPSHOT: Snapshot = {
  loaded: false,
  follows: [],
  entries: new Map(),
  keyState: { state: 'missing' },
  poll: EMPTY_POLL_STATE,
  settings: DEFAULT_SETTINGS,
  demo: false,
  followsInLocal: false,
  followsSetAside: 0,
  recentLives: [],
  pins: [],
  syncShare: 0,
  budget: null,
  creditsPerDay: 0,
  balance: null,
  otherBrowsers: 0,
};

/**
 * A full read that is asked again when a change arrives while it runs: a read that started before a change may finish
 * after it. However many changes come during one read, one more read follows. That read is not shown where changes
 * are also patched into the view (it would undo a newer patch); with `showEach`, for a view made of whole reads only,
 * it is shown first: reads run one at a time, so it is never older than what is on screen, and during a poll cycle,
 * whose answers come faster than a read, the view does not wait for the cycle to end.
 */
export function createRereader<T>(read: () => Promise<T>, show: (snapshot: T) => void, { showEach = false } = {}) {
  let reading = false;
  let again = false;
  let alive = true;
  return {
    get reading() {
      return reading;
    },
    async load(): Promise<void> {
      if (reading) return void (again = true);
      reading = true;
      try {
        do {
          again = false;
          const snapshot = await read();
          if (alive && (!again || showEach)) show(snapshot);
        } while (again && alive);
      } finally {
        reading = false;
      }
    },
    stop() {
      alive = false;
    },
  };
}
