import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { BadgePush } from '@/lib/domain/badge-view';
import { createPageWatcher, watchNavigation } from '@/lib/tiktok/page-watch';
import { extensionAlive, extensionUrl, fromThisExtension, onRuntimeMessage } from '@/lib/platform/runtime';
import { pageHandled, send } from './activity';
import { createBadgeController } from './badge-controller';
import { createSignalReporter, SCAN_EVERY_MS } from './signal-reporter';
import { createListOffers } from './list-offers';

/**
 * The content script on TikTok, declared in the manifest by wxt.config.ts. It is an unlisted script rather than a WXT
 * content script on purpose: WXT's content-script context costs about 2 ms on every TikTok page and announces itself
 * to the page with a `postMessage` whose type carries the extension's id. Here nothing is posted to the page.
 */
export default defineUnlistedScript(() => {
  // Test builds only (`--mode e2e`): Firefox's driver cannot open extension pages, so a page leads there.
  if (import.meta.env.MODE === 'e2e' && location.pathname === '/__e2e__/popup') return location.assign(extensionUrl('/popup.html'));
  if (import.meta.env.MODE === 'e2e' && location.pathname === '/__e2e__/options') return location.assign(extensionUrl('/options.html'));
  const alive = new AbortController();
  const badge = createBadgeController(document);
  // The background pushes fresh answers to the tabs that show a handle; only the extension can send these.
  const onPush = (message: unknown, sender: { id?: string }) => {
    if (fromThisExtension(sender)) badge.receive(message as BadgePush);
  };
  const signals = createSignalReporter(document, (found) => send({ type: 'signals', signals: found }));
  const offers = createListOffers(document, (source, handles, unreadable) => send({ type: 'offerFollows', source, handles, unreadable }));
  // After an update or removal of the extension this copy is orphaned: at its next look, click or page it takes its
  // badge and buttons away rather than leave stale answers and buttons that can only fail.
  const orphaned = () => !extensionAlive() && (alive.abort(), true);
  const scan = () => {
    if (orphaned()) return;
    signals.lists();
    offers.scan();
  };
  const scanTimer = setInterval(scan, SCAN_EVERY_MS);
  // TikTok opens its Following dialog on a click: look for it shortly after the user clicks, not only on the timer.
  let afterClick: ReturnType<typeof setTimeout> | undefined;
  const onClick = (event: MouseEvent) => {
    if (!event.isTrusted || orphaned()) return;
    clearTimeout(afterClick);
    afterClick = setTimeout(() => orphaned() || offers.scan(), 800);
  };
  document.addEventListener('click', onClick, { capture: true, passive: true });
  let stopListening: (() => void) | undefined;
  let pagesSeen = 0;
  const watcher = createPageWatcher((page, signal) => {
    badge.clear();
    // The page as first loaded is the only one TikTok's embedded state describes.
    const firstLoad = ++pagesSeen === 1;
    // Lists and headers render after navigation: look once they are there (lists again on the timer), unless the
    // user has moved on meanwhile.
    const look = setTimeout(() => {
      if (orphaned()) return;
      scan();
      if (page.kind === 'profile') signals.profile(page.handle, firstLoad);
    }, 2000);
    signal.addEventListener('abort', () => clearTimeout(look));
    // Other pages cost nothing more until they show a LIVE marker: the badge's work is for profiles.
    if (page.kind !== 'profile' || orphaned()) return pageHandled();
    stopListening ??= onRuntimeMessage(onPush);
    pageHandled(badge.show(page.handle, signal));
  });
  watchNavigation(window, (url) => watcher.check(url), alive.signal);
  alive.signal.addEventListener('abort', () => {
    stopListening?.();
    watcher.stop();
    clearInterval(scanTimer);
    clearTimeout(afterClick);
    document.removeEventListener('click', onClick, { capture: true });
    badge.clear();
    offers.clear();
  });
  watcher.check(location.href);
});
