import { useEffect, useState } from 'preact/hooks';
import { isFollowsChange } from '@/lib/platform/follows';
import { readSnapshot } from '@/lib/platform/snapshot';
import { onStorageChanged } from '@/lib/platform/storage-events';
import { createRereader, EMPTY_SNAPSHOT, withEntriesByHandle, type Snapshot } from './snapshot-view';
import { dailyBudget } from '@/lib/domain/budget';
import {
  balanceItem,
  budgetItem,
  cacheItem,
  tallyItem,
  changedCacheHandles,
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
      // The list and its pins are read whole, and the budget and balance with what they derive.
      const whole = [pinsItem, budgetItem, balanceItem, tallyItem].some((item) => item.changedIn(changes, area));
      if (isFollowsChange(changes) || whole || reader.reading) return void load();
      const patch: Partial<Snapshot> = {};
      const keyState = keyStateItem.newValueIn(changes, area);
      const poll = pollStateItem.newValueIn(changes, area);
      const demo = demoItem.newValueIn(changes, area);
      const settings = settingsItem.newValueIn(changes, area);
      if (keyState) patch.keyState = keyState;
      if (poll) patch.poll = poll;
      if (demo !== undefined) patch.demo = demo;
      const cacheHandles = changedCacheHandles(changes, area);
      setSnapshot((current) => {
        const s = settings ? { ...current, settings, creditsPerDay: dailyBudget(current.budget, settings) } : current;
        if (!cacheHandles.length) return { ...s, ...patch };
        const entries = new Map(s.entries);
        for (const handle of cacheHandles) {
          const entry = cacheItem(handle).newValueIn(changes, area) ?? null;
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
