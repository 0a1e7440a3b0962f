import { classifyTikTokUrl, type TikTokPage } from './handle';

/**
 * Follows TikTok's single-page navigation. `check(url)` may be called as often as convenient (navigation events,
 * DOM mutations); the page callback runs only when the page's identity (which profile, or none) changes, with an
 * AbortSignal that is aborted as soon as the page changes again, so slow work for the previous page never lands.
 */
export function createPageWatcher(onPage: (page: TikTokPage, signal: AbortSignal) => void) {
  let lastUrl: string | null = null;
  let lastKey: string | null = null;
  let controller: AbortController | null = null;

  const keyOf = (page: TikTokPage) => (page.kind === 'profile' ? `profile:${page.handle}` : 'other');

  return {
    check(url: string) {
      if (url === lastUrl) return;
      lastUrl = url;
      const page = classifyTikTokUrl(url);
      const key = keyOf(page);
      if (key === lastKey) return;
      lastKey = key;
      controller?.abort();
      controller = new AbortController();
      onPage(page, controller.signal);
    },
    stop() {
      controller?.abort();
      controller = null;
    },
  };
}

/** Resolves with the first non-null `find()` result, checking on DOM changes, or null after `timeoutMs` or abort. */
export function waitFor<T>(root: Node, find: () => T | null, signal: AbortSignal, timeoutMs = 5000): Promise<T | null> {
  const found = find();
  if (found || signal.aborted) return Promise.resolve(found);
  return new Promise((resolve) => {
    const done = (value: T | null) => {
      observer.disconnect();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => done(null);
    const observer = new MutationObserver(() => {
      const value = find();
      if (value) done(value);
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    const timer = setTimeout(() => done(find()), timeoutMs);
    signal.addEventListener('abort', onAbort);
  });
}
