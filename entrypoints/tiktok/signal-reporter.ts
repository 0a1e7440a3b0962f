import { readLiveMarkers } from '@/lib/tiktok/page';

/** How often an open, visible TikTok tab looks at its lists. */
export const SCAN_EVERY_MS = 15_000;
/** An account already reported is reported again only after this long (the background confirms it at most as often). */
const REPORT_AGAIN_AFTER_MS = 10 * 60_000;

/**
 * Tells the background which accounts the page's lists mark LIVE: free hints that can make an alert come within
 * seconds of the user's tab seeing it. Reads only what the page has rendered, sends nothing when it shows no marker,
 * and nothing when the tab is hidden.
 */
export function createSignalReporter(doc: Document, report: (handles: string[]) => Promise<unknown>) {
  const reported = new Map<string, number>();
  return function scan(now = Date.now()) {
    if (doc.visibilityState !== 'visible') return;
    const fresh = readLiveMarkers(doc).filter((handle) => now - (reported.get(handle) ?? -Infinity) >= REPORT_AGAIN_AFTER_MS);
    if (!fresh.length) return;
    for (const handle of fresh) reported.set(handle, now);
    void report(fresh).catch(() => undefined);
  };
}
