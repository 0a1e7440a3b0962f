import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send } from '@/lib/platform/send';
import { createRereader, EMPTY_SNAPSHOT, withEntriesByHandle, type Snapshot } from './snapshot-view';

/** Changes arriving together (a poll cycle answers hundreds in a row) make one read. */
const SETTLE_MS = 150;

const ask = async () => withEntriesByHandle(await send({ type: 'snapshot' }));
let early: Promise<Snapshot> | null = null;

/** Asks before the first render, so the answer travels while the page builds; the hook's first read takes it. */
export function askSnapshotEarly() {
  early = ask();
  early.catch(() => undefined);
}

/**
 * Everything the popup shows, in one message to the background (which validates what it reads from storage, so the
 * popup carries no schemas), asked again after storage changes. A read that started before a change is asked again
 * rather than shown over it.
 */
export function useBackgroundSnapshot(): Snapshot {
  const [snapshot, setSnapshot] = useState<Snapshot>(EMPTY_SNAPSHOT);

  useEffect(() => {
    const reader = createRereader(() => {
      const answer = early ?? ask();
      early = null;
      return answer;
    }, setSnapshot);
    // A read that fails (the background restarting) is asked again at the next change.
    const load = () => reader.load().catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    void load();
    const onChanged = () => {
      if (reader.reading) void load();
      clearTimeout(timer);
      timer = setTimeout(() => void load(), SETTLE_MS);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      reader.stop();
      clearTimeout(timer);
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  return snapshot;
}
