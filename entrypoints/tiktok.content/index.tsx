import { render } from 'preact';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { badgeView, LiveBadge, type LiveBadgeProps } from '@/components/LiveBadge';
import { isFollowsChange, readFollows } from '@/lib/follows';
import { liveUrl } from '@/lib/handle';
import { send, type ResponseOf } from '@/lib/messages';
import { createPageWatcher, waitFor } from '@/lib/page-watch';
import { CACHE_PREFIX, cacheItem, settingsItem } from '@/lib/storage';
import { findBadgeAnchor, isDarkPage } from '@/lib/tiktok-page';
import './style.css';

export default defineContentScript({
  matches: ['https://www.tiktok.com/*', 'https://m.tiktok.com/*'],
  cssInjectionMode: 'ui',
  // At DOMContentLoaded rather than idle: the badge's lookup starts as early as the page allows.
  runAt: 'document_end',
  main(ctx) {
    // Test builds only (WXT_E2E at build time): Firefox's driver cannot open extension pages, so a page leads there.
    if (import.meta.env.WXT_E2E && location.pathname === '/__e2e__/popup') return location.assign(browser.runtime.getURL('/popup.html'));
    const badge = createBadgeController(ctx);
    const watcher = createPageWatcher((page, signal) => {
      badge.clear();
      if (page.kind === 'profile') void badge.show(page.handle, signal);
    });
    const check = () => watcher.check(location.href);

    // Chromium announces SPA navigation at once (Navigation API), but `location` may still be the old URL there.
    ctx.addEventListener(window, 'wxt:locationchange', (event) => watcher.check(event.newUrl.href));
    ctx.addEventListener(window, 'popstate', check);
    // Firefox may lack the Navigation API (WXT then polls once a second); the page's own pushState is invisible to an
    // isolated world, but TikTok re-renders on every navigation, so a DOM change is the earliest sign in any browser.
    const observer = new MutationObserver(check);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    ctx.onInvalidated(() => {
      observer.disconnect();
      watcher.stop();
      badge.clear();
    });
    check();
  },
});

function createBadgeController(ctx: ContentScriptContext) {
  let ui: ShadowRootContentScriptUi<HTMLElement> | null = null;
  let props: LiveBadgeProps | null = null;
  let stopListening: (() => void) | null = null;

  function update(change: Partial<LiveBadgeProps>) {
    if (!props || !ui?.mounted) return;
    props = { ...props, ...change, now: Date.now() };
    render(<LiveBadge {...props} />, ui.mounted);
  }

  async function lookup(handle: string, reason: 'visit' | 'refresh', signal: AbortSignal) {
    await apply(send({ type: 'lookup', handle, reason }), signal);
  }

  async function apply(answer: Promise<ResponseOf<'lookup'>>, signal: AbortSignal) {
    try {
      const { entry, blocked, followed, demo } = await answer;
      if (!signal.aborted) update({ view: badgeView({ entry, blocked }), followed, demo });
    } catch (error) {
      if (!signal.aborted) update({ view: { kind: 'error', message: error instanceof Error ? error.message : String(error) } });
    }
  }

  async function show(handle: string, signal: AbortSignal) {
    const [settings, follows] = await Promise.all([settingsItem.get(), readFollows()]);
    const followed = follows.some((f) => f.handle === handle);
    // With "check profiles I visit" off, only followed creators get a badge (from the poller's results).
    if (signal.aborted || (!settings.checkVisitedProfiles && !followed)) return;

    // Ask while the header renders: the answer is usually ready by the time the badge is mounted.
    const answer = send({ type: 'lookup', handle, reason: 'visit' });
    answer.catch(() => undefined);
    const found = await waitFor(document.body, () => findBadgeAnchor(document), signal);
    if (signal.aborted) return;

    props = {
      handle,
      view: { kind: 'checking' },
      followed,
      liveUrl: liveUrl(handle),
      optionsUrl: browser.runtime.getURL('/options.html'),
      theme: isDarkPage(document) ? 'dark' : 'light',
      now: Date.now(),
      onToggleFollow: () => {
        const next = !props?.followed;
        update({ followed: next });
        send({ type: 'follow', handle, follow: next }).catch(() => update({ followed: !next }));
      },
      onRetry: () => {
        update({ view: { kind: 'checking' } });
        void lookup(handle, 'refresh', signal);
      },
    };
    ui = await createShadowRootUi(ctx, {
      name: 'live-radar-badge',
      position: 'inline',
      anchor: found?.element ?? document.body,
      append: found ? 'after' : 'first',
      onMount(container, _shadow, host) {
        if (!found) host.classList.add('lr-fixed');
        const root = document.createElement('div');
        container.append(root);
        render(<LiveBadge {...props!} />, root);
        return root;
      },
      onRemove(root) {
        if (root) render(null, root);
      },
    });
    if (signal.aborted) return ui.remove();
    ui.mount();

    // The popup, the poller and other tabs write here: follow their results and follow-list changes live.
    const onChanged = (changes: Record<string, { newValue?: unknown }>) => {
      const entryChange = changes[`${CACHE_PREFIX}${handle}`];
      if (entryChange) {
        const entry = cacheItem(handle).parse(entryChange.newValue);
        if (entry) update({ view: badgeView({ entry }) });
      }
      if (isFollowsChange(changes)) {
        void readFollows().then((list) => update({ followed: list.some((f) => f.handle === handle) }));
      }
    };
    browser.storage.onChanged.addListener(onChanged);
    stopListening = () => browser.storage.onChanged.removeListener(onChanged);

    await apply(answer, signal);
  }

  return {
    show,
    clear() {
      stopListening?.();
      stopListening = null;
      ui?.remove();
      ui = null;
      props = null;
    },
  };
}
