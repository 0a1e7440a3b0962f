import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { isFollowListLocal, isFollowsChange, readFollows, setAsideCount, type Follow } from '@/lib/platform/follows';
import {
  CACHE_PREFIX,
  cacheItem,
  demoItem,
  keyStateItem,
  pollStateItem,
  readCacheEntries,
  settingsItem,
  DEFAULT_SETTINGS,
  EMPTY_POLL_STATE,
  type CacheEntry,
  type KeyState,
  type PollState,
  type Settings,
} from '@/lib/platform/storage';

export interface Snapshot {
  loaded: boolean;
  follows: Follow[];
  entries: ReadonlyMap<string, CacheEntry>;
  keyState: KeyState;
  poll: PollState;
  settings: Settings;
  demo: boolean;
  followsInLocal: boolean;
  /** Stored pieces of the follow list this build could not read, kept aside. */
  followsSetAside: number;
}

const EMPTY: Snapshot = {
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

/** Everything the popup shows, read from storage at once (no network) and kept current from storage changes. */
export function useSnapshot(): Snapshot {
  const [snapshot, setSnapshot] = useState<Snapshot>(EMPTY);

  useEffect(() => {
    let alive = true;
    // A full read that started before a change may finish after it: a change during a read makes it read again
    // (once, however many changes came) before anything is shown.
    let reading = false;
    let again = false;
    const load = async () => {
      if (reading) return void (again = true);
      reading = true;
      try {
        do {
          again = false;
          const [follows, keyState, poll, settings, demo, followsInLocal, followsSetAside] = await Promise.all([
            readFollows(),
            keyStateItem.get(),
            pollStateItem.get(),
            settingsItem.get(),
            demoItem.get(),
            isFollowListLocal(),
            setAsideCount(),
          ]);
          const entries = await readCacheEntries(follows.map((f) => f.handle));
          if (alive && !again) setSnapshot({ loaded: true, follows, entries, keyState, poll, settings, demo, followsInLocal, followsSetAside });
        } while (again && alive);
      } finally {
        reading = false;
      }
    };
    void load();

    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (isFollowsChange(changes) || reading) return void load();
      const patch: Partial<Snapshot> = {};
      if (area === 'local') {
        if (changes[keyStateItem.key]) patch.keyState = keyStateItem.parse(changes[keyStateItem.key]?.newValue);
        if (changes[pollStateItem.key]) patch.poll = pollStateItem.parse(changes[pollStateItem.key]?.newValue);
        if (changes[demoItem.key]) patch.demo = demoItem.parse(changes[demoItem.key]?.newValue);
      }
      if (area === 'sync' && changes[settingsItem.key]) patch.settings = settingsItem.parse(changes[settingsItem.key]?.newValue);
      const cacheKeys = Object.keys(changes).filter((k) => k.startsWith(CACHE_PREFIX));
      setSnapshot((s) => {
        if (!cacheKeys.length) return { ...s, ...patch };
        const entries = new Map(s.entries);
        for (const key of cacheKeys) {
          const handle = key.slice(CACHE_PREFIX.length);
          const entry = cacheItem(handle).parse(changes[key]?.newValue);
          if (entry) entries.set(handle, entry);
          else entries.delete(handle);
        }
        return { ...s, ...patch, entries };
      });
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  return snapshot;
}
