// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { TikTokPage } from '@/lib/handle';
import { createPageWatcher, waitFor } from '@/lib/page-watch';

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
