// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { TikTokPage } from '@/lib/domain/handle';
import { createPageWatcher, waitFor, watchNavigation, whenVisible } from '@/lib/tiktok/page-watch';

function record() {
  const pages: { page: TikTokPage; signal: AbortSignal }[] = [];
  const watcher = createPageWatcher((page, signal) => pages.push({ page, signal }));
  return { pages, watcher };
}

describe('page watcher', () => {
  it('reports each profile once through SPA navigation and back, aborting the previous page', () => {
    const { pages, watcher } = record();
    watcher.check('https://www.tiktok.com/@alpha');
    watcher.check('https://www.tiktok.com/@alpha?lang=en'); // same profile: nothing to redo
    watcher.check('https://www.tiktok.com/@beta');
    watcher.check('https://www.tiktok.com/@beta/video/123');
    watcher.check('https://www.tiktok.com/@alpha');
    expect(pages.map((p) => p.page)).toEqual([
      { kind: 'profile', handle: 'alpha', live: false },
      { kind: 'profile', handle: 'beta', live: false },
      { kind: 'other' },
      { kind: 'profile', handle: 'alpha', live: false },
    ]);
    expect(pages.slice(0, 3).every((p) => p.signal.aborted)).toBe(true);
    expect(pages[3]?.signal.aborted).toBe(false);
  });

  it('does nothing on repeated checks of non-profile pages', () => {
    const { pages, watcher } = record();
    watcher.check('https://www.tiktok.com/foryou');
    watcher.check('https://www.tiktok.com/live');
    watcher.check('https://www.tiktok.com/@MS4wLjABAAAAxyz');
    expect(pages).toHaveLength(1);
    expect(pages[0]?.page).toEqual({ kind: 'other' });
  });

  it('treats /@x and /@x/live as the same profile', () => {
    const { pages, watcher } = record();
    watcher.check('https://www.tiktok.com/@alpha');
    watcher.check('https://www.tiktok.com/@alpha/live');
    expect(pages).toHaveLength(1);
  });

  it('aborts on stop', () => {
    const { pages, watcher } = record();
    watcher.check('https://www.tiktok.com/@alpha');
    watcher.stop();
    expect(pages[0]?.signal.aborted).toBe(true);
  });
});

describe('waitFor', () => {
  it('resolves when the element appears, and null when aborted', async () => {
    document.body.innerHTML = '<main></main>';
    const controller = new AbortController();
    const pending = waitFor(document.body, () => document.querySelector('h1'), controller.signal);
    document.querySelector('main')!.append(Object.assign(document.createElement('h1'), { textContent: 'alpha' }));
    expect((await pending)?.textContent).toBe('alpha');

    const aborted = waitFor(document.body, () => document.querySelector('h2'), controller.signal);
    controller.abort();
    expect(await aborted).toBeNull();
  });
});

describe('watchNavigation', () => {
  function fakeWindow(withNavigationApi: boolean) {
    const target = new EventTarget();
    const win = Object.assign(target, {
      location: { href: 'https://www.tiktok.com/foryou' },
      navigation: withNavigationApi ? new EventTarget() : undefined,
      setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
      clearInterval: (id: ReturnType<typeof setInterval>) => clearInterval(id),
    });
    return win as unknown as Window & { location: { href: string }; navigation?: EventTarget };
  }

  it('ignores navigation events a page script dispatched itself', () => {
    const win = fakeWindow(true);
    const urls: string[] = [];
    const controller = new AbortController();
    watchNavigation(win, (url) => urls.push(url), controller.signal);
    win.navigation!.dispatchEvent(Object.assign(new Event('navigate'), { destination: { url: 'https://www.tiktok.com/@victim' } }));
    win.navigation!.dispatchEvent(new Event('currententrychange'));
    expect(urls).toEqual([]);
    // popstate carries no URL: the real location is read, whoever fired it.
    win.location.href = 'https://www.tiktok.com/@real';
    win.dispatchEvent(new Event('popstate'));
    expect(urls).toEqual(['https://www.tiktok.com/@real']);
    controller.abort();
  });

  it('goes back to the real location when an announced navigation is cancelled (no entry changes)', () => {
    const win = fakeWindow(true);
    const urls: string[] = [];
    const controller = new AbortController();
    watchNavigation(win, (url) => urls.push(url), controller.signal);
    // The browser's own events: trusted.
    const trusted = (event: Event) => Object.defineProperty(event, 'isTrusted', { value: true });
    win.navigation!.dispatchEvent(trusted(Object.assign(new Event('navigate'), { destination: { url: 'https://www.tiktok.com/@next', sameDocument: true }, navigationType: 'push' })));
    win.navigation!.dispatchEvent(trusted(new Event('navigateerror')));
    expect(urls).toEqual(['https://www.tiktok.com/@next', 'https://www.tiktok.com/foryou']);
    // One the page fired itself changes nothing.
    win.navigation!.dispatchEvent(new Event('navigateerror'));
    expect(urls).toHaveLength(2);
    controller.abort();
  });

  it('takes a move through history and a new document once they happen, not when announced', () => {
    const win = fakeWindow(true);
    const urls: string[] = [];
    const controller = new AbortController();
    watchNavigation(win, (url) => urls.push(url), controller.signal);
    const trusted = (event: Event) => Object.defineProperty(event, 'isTrusted', { value: true });
    win.navigation!.dispatchEvent(trusted(Object.assign(new Event('navigate'), { destination: { url: 'https://www.tiktok.com/@back', sameDocument: true }, navigationType: 'traverse' })));
    win.navigation!.dispatchEvent(trusted(Object.assign(new Event('navigate'), { destination: { url: 'https://www.tiktok.com/@elsewhere', sameDocument: false }, navigationType: 'push' })));
    expect(urls).toEqual([]);
    win.location.href = 'https://www.tiktok.com/@back';
    win.navigation!.dispatchEvent(trusted(new Event('currententrychange')));
    expect(urls).toEqual(['https://www.tiktok.com/@back']);
    controller.abort();
  });

  it('without the Navigation API, compares the location once a second until stopped', () => {
    vi.useFakeTimers();
    const win = fakeWindow(false);
    const urls: string[] = [];
    const controller = new AbortController();
    watchNavigation(win, (url) => urls.push(url), controller.signal);
    win.location.href = 'https://www.tiktok.com/@a';
    vi.advanceTimersByTime(1000);
    controller.abort();
    vi.advanceTimersByTime(3000);
    expect(urls).toEqual(['https://www.tiktok.com/@a']);
    vi.useRealTimers();
  });
});

describe('a tab in the background', () => {
  /** A document whose visibility the test sets, as the browser would. */
  function tab(state: DocumentVisibilityState) {
    const doc = new EventTarget() as Document & { state: DocumentVisibilityState };
    doc.state = state;
    Object.defineProperty(doc, 'visibilityState', { get: () => doc.state });
    return doc;
  }

  it('waits to be shown, and a page’s own "visibilitychange" does not fool it', async () => {
    const doc = tab('hidden');
    let shown = false;
    void whenVisible(doc, new AbortController().signal).then(() => (shown = true));
    doc.dispatchEvent(new Event('visibilitychange'));
    await Promise.resolve();
    expect(shown).toBe(false);
    doc.state = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(shown).toBe(true));
  });

  it('goes on at once when shown, and when the page is left', async () => {
    await whenVisible(tab('visible'), new AbortController().signal);
    const left = new AbortController();
    const waiting = whenVisible(tab('hidden'), left.signal);
    left.abort();
    await waiting;
  });
});
