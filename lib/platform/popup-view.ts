import { browser } from 'wxt/browser';
import type { Snapshot } from '@/lib/platform/snapshot';
import { POPUP_VIEW_KEY as KEY, takeStartedRead } from './popup-view-start';

/**
 * The worker's snapshot, copied to session storage so an opening popup paints from one storage read instead of
 * waking the worker and waiting for its answer; the popup then asks the worker for the current one. Session storage
 * is out of content scripts' reach and only the worker writes this copy, so the popup takes it as it takes the
 * worker's messages: without a schema (the popup ships none). A copy of another shape (an update changed it) is
 * not read.
 */
const VERSION = 2;
/** Changes arriving together (a cycle answers hundreds in a row) make one copy, once they settle. */
const SETTLE_MS = 1000;

/** The snapshot as JSON text: the browser hands one string across far faster than the objects it holds. */
interface StoredView {
  version: number;
  json: string;
}

export async function readPopupView(): Promise<Snapshot | null> {
  // The popup page's start script may have begun this read already.
  const value = (await (takeStartedRead() ?? browser.storage.session.get(KEY)))[KEY] as Partial<StoredView> | undefined;
  return value?.version === VERSION && typeof value.json === 'string' ? (JSON.parse(value.json) as Snapshot) : null;
}

/** Whether a storage change is only this copy being written (nothing the snapshot is built from): the popup ignores it. */
export const isOnlyPopupView = (changes: Record<string, unknown>) => Object.keys(changes).every((key) => key === KEY);

/**
 * The worker's side: `changed()` after anything the snapshot is built from changed, and when a popup asked before
 * this worker wrote a copy. The copy is written once changes settle, from the current snapshot, and only when it
 * differs from the last one written.
 */
export function createPopupViewWriter(read: () => Promise<Snapshot>, settleMs = SETTLE_MS) {
  let written: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function write() {
    const json = JSON.stringify(await read());
    if (json === written) return;
    await browser.storage.session.set({ [KEY]: { version: VERSION, json } satisfies StoredView });
    written = json;
  }

  return {
    changed() {
      clearTimeout(timer);
      timer = setTimeout(() => void write().catch((error: unknown) => console.warn('Live Radar: the popup copy was not written', error)), settleMs);
    },
    /** Whether this worker has written a copy yet (a restarted one has not, though the last one's may be there). */
    get written() {
      return written !== null;
    },
  };
}
