import { withDemoCreators } from '@/lib/checking/demo';
import { isFollowsChange, readFollows } from '@/lib/platform/follows';
import { kept } from '@/lib/domain/kept';
import { keptItem } from '@/lib/platform/stored-item';
import { createPopupViewWriter } from '@/lib/platform/popup-view';
import { isSnapshotChange, readSnapshot } from '@/lib/platform/snapshot';
import type { StorageChanges } from '@/lib/platform/storage-events';
import { demoItem, pinsItem, settingsItem } from '@/lib/platform/storage';
import type { Follow } from '@/lib/domain/model';

/**
 * What the worker keeps in memory while awake: read on every badge's critical path and by every answer of a cycle
 * (a follow-list read is five storage reads and a check of every entry). This worker's own writes set the copies;
 * any change it hears of drops the ones it touches.
 */
export function createWorkerState() {
  const followList = kept(readFollows);
  const items = { settings: keptItem(settingsItem), pins: keptItem(pinsItem), demo: keptItem(demoItem) };
  /** The follow list as the extension shows and checks it: demo mode's sample creators included. */
  const follows = async (): Promise<Follow[]> => {
    const [list, demo] = await Promise.all([followList.get(), items.demo.get()]);
    return demo ? withDemoCreators(list) : list;
  };
  // What the popup and options show, kept between popups and copied for the next popup to paint at once.
  const snapshots = kept(() => readSnapshot(follows));
  const popupView = createPopupViewWriter(() => snapshots.get());

  return {
    follows,
    followedHandles: async () => (await follows()).map((f) => f.handle),
    settings: () => items.settings.get(),
    pins: () => items.pins.get(),
    demo: items.demo,
    /** The follow list this worker just stored. */
    followsStored: (list: Follow[]) => followList.set(list),
    followsErased: () => followList.drop(),
    snapshot() {
      // The first popup after a restart finds the last worker's copy, or none: this worker writes its own.
      if (!popupView.written) popupView.changed();
      return snapshots.get();
    },
    /** Drops what a storage change made stale (the popup copy's own write is none of what the snapshot is built from). */
    changed(changes: StorageChanges, areaName: string): void {
      if (isFollowsChange(changes)) followList.drop();
      for (const item of Object.values(items)) item.changed(changes, areaName);
      if (isSnapshotChange(changes, areaName)) {
        snapshots.drop();
        popupView.changed();
      }
    },
  };
}

export type WorkerState = ReturnType<typeof createWorkerState>;
