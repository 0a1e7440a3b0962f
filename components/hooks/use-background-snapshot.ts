import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send } from '@/lib/platform/send';
import { EMPTY_SNAPSHOT, withEntriesByHandle, type Snapshot } from './snapshot-view';

/** Changes arriving together (a poll cycle answers hundreds in a row) make one read. */
const SETTLE_MS = 150;

/**
 * Everything the popup shows, in one message to the background (which validates what it reads from storage, so the
 * popup carries no schemas), asked again after storage changes. A read that started before a change is asked again
 * rather than shown over it.
 */
export function useBackgroundSnapshot(): Snapshot {
  const [snapshot, setSnapshot] = useState<Snapshot>(EMPTY_SNAPSHOT);

  useEffect(() => {
    let alive = true;
    let reading = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      if (reading) return void (again = true);
      reading = true;
      try {
        do {
          again = false;
          const stored = await send({ type: 'snapshot' });
          if (alive && !again) setSnapshot(withEntriesByHandle(stored));
        } while (again && alive);
      } catch {
        // The background restarting: the next change asks again.
      } finally {
        reading = false;
      }
    };
    void load();
    const onChanged = () => {
      if (reading) again = true;
      clearTimeout(timer);
      timer = setTimeout(() => void load(), SETTLE_MS);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      alive = false;
      clearTimeout(timer);
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  return snapshot;
}
