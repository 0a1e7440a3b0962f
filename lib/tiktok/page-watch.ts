import { classifyTikTokUrl, type TikTokPage } from '@/lib/domain/handle';

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

/**
 * Resolves once the tab is shown (at once if it is), or on abort. A tab the user is not looking at checks nobody: a
 * page moving itself from profile to profile in a background tab would spend a credit a visit, all day. The state is
 * read from the document, which a page script cannot fake for this world; its own events only make it look again.
 */
export function whenVisible(doc: Document, signal: AbortSignal): Promise<void> {
  if (doc.visibilityState === 'visible' || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      doc.removeEventListener('visibilitychange', check);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const check = () => doc.visibilityState === 'visible' && done();
    doc.addEventListener('visibilitychange', check);
    signal.addEventListener('abort', done);
  });
}

interface NavigationLike extends EventTarget {
  currentEntry: { url: string | null } | null;
}
type NavigateEventLike = Event & { destination?: { url: string; sameDocument?: boolean }; navigationType?: string };

/**
 * Calls `onUrl` with every URL the tab's document moves to without reloading (TikTok is a single-page app). The
 * Navigation API announces a `pushState` or `replaceState` before `location` changes, and the tab's address is the
 * destination as soon as the event is handled (its destination is used then); a move through history (Back) is taken
 * once it has happened (`currententrychange`, `popstate`), when the browser reports the tab at its new address: the
 * background answers only for the profile the tab shows. Without the API, `location` is compared once a second. No
 * DOM observer: TikTok's feed changes constantly, and reacting to that would cost time on every page. Events a page
 * script dispatches itself (`isTrusted` false) are ignored; a page can still navigate for real, which is only ever a
 * visit.
 */
export function watchNavigation(win: Window, onUrl: (url: string) => void, signal: AbortSignal) {
  const navigation = (win as Window & { navigation?: NavigationLike }).navigation;
  const fromLocation = () => onUrl(win.location.href);
  win.addEventListener('popstate', fromLocation, { signal });
  if (navigation) {
    navigation.addEventListener(
      'navigate',
      (event) => {
        const { destination, navigationType } = event as NavigateEventLike;
        if (event.isTrusted && destination?.url && destination.sameDocument && navigationType !== 'traverse') onUrl(destination.url);
      },
      { signal },
    );
    // A navigation that was redirected, cancelled or failed leaves `location` elsewhere than announced: a cancelled one
    // changes no entry, and only `navigateerror` says so.
    for (const type of ['currententrychange', 'navigateerror']) navigation.addEventListener(type, (event) => event.isTrusted && fromLocation(), { signal });
  } else {
    const timer = win.setInterval(fromLocation, 1000);
    signal.addEventListener('abort', () => win.clearInterval(timer));
  }
}
