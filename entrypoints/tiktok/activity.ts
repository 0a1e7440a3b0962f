import { send as sendToBackground } from '@/lib/platform/send';
import type { Request, ResponseOf } from '@/lib/platform/messages';

/**
 * What this content script has under way and has finished: requests the background has not answered yet, and pages
 * handled to the end (a badge shown, or none). Kept in the script's own isolated world, which page scripts cannot
 * read. End-to-end tests wait on it before checking that something did not happen, instead of sleeping.
 */
const activity: { busy: number; pages: number; answered: Record<string, number> } = { busy: 0, pages: 0, answered: {} };
// Set, not merged: whatever the name held before (an element with that id, a copy of this script orphaned by an
// update) is not ours to count with.
(globalThis as { liveRadarActivity?: unknown }).liveRadarActivity = activity;

function tracked<T>(work: Promise<T>, finished: () => void): Promise<T> {
  activity.busy++;
  return work.finally(() => {
    activity.busy--;
    finished();
  });
}

/** `send`, counted: each request is under way until the background's answer (or its failure) is in. */
export function send<R extends Request>(request: R): Promise<ResponseOf<R['type']>> {
  return tracked(sendToBackground(request), () => (activity.answered[request.type] = (activity.answered[request.type] ?? 0) + 1));
}

/** A page's work, counted as under way until it is done (or the user has moved on). */
export function pageHandled(work: Promise<unknown> = Promise.resolve()): void {
  void tracked(work, () => activity.pages++).catch(() => undefined);
}
