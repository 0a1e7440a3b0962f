import { useEffect, useState } from 'preact/hooks';
import { isFollowsChange } from '@/lib/platform/follows';
import { readSnapshot } from '@/lib/platform/snapshot';
import { onStorageChanged } from '@/lib/platform/storage-events';
import { createRereader, EMPTY_SNAPSHOT, withEntriesByHandle, type Snapshot } from './snapshot-view';
import {
  CACHE_PREFIX,
  cacheItem,
  demoItem,
  keyStateItem,
  pinsItem,
  pollStateItem,
  settingsItem,
} from '@/lib/platform/storage';

/** Everything the options page shows, read from storage at once (no network) and kept current from storage changes. */
export function useSnapshot(): Snapshot {
  const [snapshot, setSnapshot] = useState<Snapshot>(EMPTY_SNAPSHOT);

  useEffect(() => {
    const reader = createRereader(async () => withEntriesByHandle(await readSnapshot()), setSnapshot);
    const load = () => reader.load();
    void load();

    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      // The list and its pins are read whole (pins only count for follows).
      if (isFollowsChange(changes) || (area === 'sync' && pinsItem.key in changes) || reader.reading) return void load();
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
    const stopListening = onStorageChanged(onChanged);
    return () => {
      reader.stop();
      stopListening();
    };
  }, []);

  return snapshot;
}
