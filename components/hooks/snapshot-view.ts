import { DEFAULT_SETTINGS, EMPTY_POLL_STATE } from '@/lib/platform/defaults';
import type { Snapshot as Stored } from '@/lib/platform/snapshot';
import type { CacheEntry } from '@/lib/platform/storage';

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
};
