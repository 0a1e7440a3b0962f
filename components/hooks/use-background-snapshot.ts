import { useEffect, useState } from 'preact/hooks';
import { send } from '@/lib/platform/send';
import { onStorageChanged } from '@/lib/platform/storage-events';
import { isOnlyPopupView, readPopupView } from '@/lib/platform/popup-view';
import type { Snapshot as Stored } from '@/lib/platform/snapshot';
import { firstPaint } from './first-paint';
import { createRereader, EMPTY_SNAPSHOT, withEntriesByHandle, type Snapshot } from './snapshot-view';

/** Changes arriving together (a poll cycle answers hundreds in a row) make one read. */
const SETTLE_MS = 150;

let early: Promise<Stored | null> | null = null;
/** The copy, once read: a render after that starts from it. */
let earlyCopy: Stored | null = null;

/** Reads the worker's copy before the first render, so it travels while the page builds; the hook takes it. */
export function readSnapshotEarly(): Promise<unknown> {
  early = readPopupView()
    .catch(() => null)
    .then((copy) => (earlyCopy = copy));
  return early;
}

/**
 * Everything the popup shows: first the worker's last copy in session storage (one read, no waiting for a worker
 * that may be asleep), then, once that is painted, one message to the background (which validates what it reads
 * from storage, so the popup carries no schemas), asked again after storage changes. A read that a change overtook is
 * shown, then asked again; an answer equal to what is shown renders nothing.
 */
export function useBackgroundSnapshot(): Snapshot {
  const [snapshot, setSnapshot] = useState<Snapshot>(() => (earlyCopy ? withEntriesByHandle(earlyCopy) : EMPTY_SNAPSHOT));

  useEffect(() => {
    let shown = earlyCopy ? JSON.stringify(earlyCopy) : '';
    const show = (stored: Stored) => {
      const json = JSON.stringify(stored);
      if (json === shown) return;
      shown = json;
      setSnapshot(withEntriesByHandle(stored));
    };
    const reader = createRereader(() => send({ type: 'snapshot' }), show, { showEach: true });
    // A read that fails (the background restarting) is asked again at the next change.
    const load = () => reader.load().catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    void (early ?? Promise.resolve(null)).then(async (copy) => {
      early = null;
      earlyCopy = null;
      if (!copy) return void load();
      if (!shown) show(copy);
      // The worker's answer after the copy is on screen: a worker woken from sleep would compete with that frame.
      await firstPaint();
      if (!stopped) void load();
    });
    const onChanged = (changes: Record<string, unknown>) => {
      if (isOnlyPopupView(changes)) return;
      if (reader.reading) void load();
      clearTimeout(timer);
      timer = setTimeout(() => void load(), SETTLE_MS);
    };
    const stopListening = onStorageChanged(onChanged);
    return () => {
      stopped = true;
      reader.stop();
      clearTimeout(timer);
      stopListening();
    };
  }, []);

  return snapshot;
}
