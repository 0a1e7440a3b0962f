import type { Browser } from 'wxt/browser';

/** The session-storage key of the worker's copy for the popup (`popup-view.ts`). */
export const POPUP_VIEW_KEY = 'popupView';

/** Where the start script leaves its read for the popup's module: a property of the popup page's own window. */
interface Handoff {
  read?: Promise<Record<string, unknown>>;
  /** The module looked first: the start script, arriving late, reads nothing. */
  taken?: boolean;
}
const handoff = () => ((globalThis as { __liveRadarPopupView?: Handoff }).__liveRadarPopupView ??= {});

/**
 * Run by `entrypoints/popup-start.ts`, a classic script of under 1 kB that the popup page runs first, while its
 * module (about 45 kB) is still on the way: the copy has usually been read by the time the module asks for it, rather
 * than a few milliseconds after, when the page has loaded and Chrome has shown the popup empty. It uses the browser's
 * own promise-based API, not the polyfill, which would make it as heavy as the module.
 */
export function startPopupViewRead(): void {
  const slot = handoff();
  if (slot.taken || slot.read) return;
  const page = globalThis as { browser?: typeof Browser; chrome?: typeof Browser };
  const read = (page.browser ?? page.chrome)?.storage.session.get(POPUP_VIEW_KEY);
  if (!read) return;
  // A failure is the module's to handle; until it takes the read, it is no unhandled rejection.
  read.catch(() => undefined);
  slot.read = read;
}

/** The module's side: the read the start script began, once; afterwards (or if it has not run) nothing. */
export function takeStartedRead(): Promise<Record<string, unknown>> | undefined {
  const slot = handoff();
  slot.taken = true;
  const read = slot.read;
  slot.read = undefined;
  return read;
}
