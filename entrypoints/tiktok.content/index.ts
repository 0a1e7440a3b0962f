import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { BadgePush } from '@/lib/badge-view';
import { createPageWatcher, watchNavigation } from '@/lib/page-watch';
import { createBadgeController } from './badge-controller';

export default defineContentScript({
  matches: ['https://www.tiktok.com/*', 'https://m.tiktok.com/*'],
  // At DOMContentLoaded rather than idle: the badge's lookup starts as early as the page allows.
  runAt: 'document_end',
  main(ctx) {
    // Test builds only (WXT_E2E at build time): Firefox's driver cannot open extension pages, so a page leads there.
    if (import.meta.env.WXT_E2E && location.pathname === '/__e2e__/popup') return location.assign(browser.runtime.getURL('/popup.html'));
    const badge = createBadgeController(document);
    const watcher = createPageWatcher((page, signal) => {
      badge.clear();
      if (page.kind === 'profile') void badge.show(page.handle, signal);
    });
    watchNavigation(window, (url) => watcher.check(url), ctx.signal);

    // The background pushes fresh answers to the tabs that show a handle; only the extension can send these.
    const onPush = (message: unknown, sender: { id?: string }) => {
      if (sender.id === browser.runtime.id) badge.receive(message as BadgePush);
    };
    browser.runtime.onMessage.addListener(onPush);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onPush);
      watcher.stop();
      badge.clear();
    });
    watcher.check(location.href);
  },
});
