import type { Signal } from '@/lib/domain/schedule/signals';
import { readEmbeddedState, readLiveMarkers, readProfileHeader } from '@/lib/tiktok/page';

/** How often an open, visible TikTok tab looks at its lists. */
export const SCAN_EVERY_MS = 15_000;
/** An account already reported is reported again only after this long (the background confirms it at most as often). */
const REPORT_AGAIN_AFTER_MS = 10 * 60_000;

/**
 * Tells the background what the page shows of live states: free hints that can make an alert come within seconds of
 * the user's tab seeing it, and a check later when a profile plainly shows no live. Reads only what the page has
 * rendered, sends nothing when it shows nothing, and looks at lists only while the tab is visible.
 */
export function createSignalReporter(doc: Document, report: (signals: Signal[]) => Promise<unknown>) {
  const reported = new Map<string, number>();
  const fresh = (key: string, now: number) => now - (reported.get(key) ?? -Infinity) >= REPORT_AGAIN_AFTER_MS;
  const send = (signals: Signal[], now: number) => {
    if (!signals.length) return;
    const keys = signals.map((s) => `${s.handle}:${s.state}`);
    for (const key of keys) reported.set(key, now);
    // Refused (too many from TikTok's tabs this minute) or lost: reported again at the next look, not in ten minutes.
    void report(signals).catch(() => {
      for (const key of keys) if (reported.get(key) === now) reported.delete(key);
    });
  };
  return {
    /** The accounts the page's lists mark LIVE. */
    lists(now = Date.now()) {
      if (doc.visibilityState !== 'visible') return;
      send(
        readLiveMarkers(doc)
          .filter((handle) => fresh(`${handle}:live`, now))
          .map((handle) => ({ handle, state: 'live', source: 'list' })),
        now,
      );
    },
    /**
     * A profile's own state: TikTok's embedded data when it is about this profile and the page is still the one first
     * loaded (it is not updated by in-app navigation), else what its header shows.
     */
    profile(handle: string, firstLoad: boolean, now = Date.now()) {
      const embedded = firstLoad ? readEmbeddedState(doc, handle) : null;
      const header = embedded ? null : readProfileHeader(doc, handle);
      const state = embedded ?? header;
      if (!state || !fresh(`${handle}:${state}`, now)) return;
      send([{ handle, state, source: embedded ? 'page-state' : 'profile' }], now);
    },
  };
}
