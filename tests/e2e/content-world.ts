import { expect, type Page } from '@playwright/test';

/**
 * The badge lives in a closed shadow root: page scripts and Playwright's locators cannot enter it. Tests read it the
 * way only the extension can, from the content script's isolated world (reached over CDP), where
 * `chrome.dom.openOrClosedShadowRoot` opens it, and click it with real (trusted) mouse input at its position.
 */

/** Evaluates `expression` in the extension's isolated world of the page's main frame. */
export async function inContentWorld<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    // Enabling replays the contexts that exist now.
    await cdp.send('Runtime.enable');
    const world = contexts.filter((c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://')).at(-1);
    if (!world) throw new Error('no content script world in this page');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export interface BadgeSnapshot {
  state: string;
  handle: string;
  theme: 'light' | 'dark';
  text: string;
  announced: string;
  pressed: string | null;
  /** The toggle's state: off (not followed), on (notifying) or muted (followed, notifications off). */
  follow: string | null;
  /** The pin button's aria-pressed. */
  pinned: string | null;
  toggleLabel: string | null;
  link: { href: string; title: string | null } | null;
  fontSize: string;
  injected: number;
}

const SNAPSHOT = `(() => {
  const host = document.querySelector('live-radar-badge');
  if (!host) return null;
  const root = chrome.dom.openOrClosedShadowRoot(host);
  const badge = root.querySelector('[data-testid="live-badge"]');
  const toggle = root.querySelector('[data-testid="follow-toggle"]');
  const link = root.querySelector('a');
  return {
    state: badge.getAttribute('data-state'),
    handle: badge.getAttribute('data-handle'),
    theme: badge.classList.contains('lr-dark') ? 'dark' : 'light',
    text: badge.textContent,
    announced: root.querySelector('[aria-live]').textContent,
    pressed: toggle.getAttribute('aria-pressed'),
    follow: toggle.getAttribute('data-follow'),
    pinned: root.querySelector('[data-testid="pin-toggle"]').getAttribute('aria-pressed'),
    toggleLabel: toggle.getAttribute('aria-label'),
    link: link ? { href: link.getAttribute('href'), title: link.getAttribute('title') } : null,
    fontSize: getComputedStyle(badge).fontSize,
    injected: root.querySelectorAll('img, script, [onerror], a[href^="javascript"]').length,
  };
})()`;

/** What the badge shows, or null when the page has none. */
export async function readBadge(page: Page): Promise<BadgeSnapshot | null> {
  return inContentWorld<BadgeSnapshot | null>(page, SNAPSHOT).catch(() => null);
}

/** A real click (trusted input) in the middle of the badge element matching `selector`. */
export function clickInBadge(page: Page, selector: string): Promise<void> {
  return clickInClosedRoot(page, 'live-radar-badge', selector);
}

/** A real click (trusted input) in the middle of the element matching `selector` inside the first `host`'s closed root. */
export async function clickInClosedRoot(page: Page, host: string, selector: string): Promise<void> {
  const box = await inContentWorld<{ x: number; y: number } | null>(
    page,
    `(() => {
      const host = document.querySelector(${JSON.stringify(host)});
      const el = host && chrome.dom.openOrClosedShadowRoot(host).querySelector(${JSON.stringify(selector)});
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    })()`,
  );
  if (!box) throw new Error(`nothing matches ${selector} in ${host}`);
  await page.mouse.click(box.x, box.y);
}

interface Activity {
  busy: number;
  pages: number;
  answered: Record<string, number>;
}

/**
 * Waits until the content script of this document is idle: at least `pages` pages handled to the end (a badge shown
 * or not; in-app navigations count), each request in `answered` answered that many times, and nothing under way. The
 * script keeps these counts in its own world (`entrypoints/tiktok/activity.ts`): what a test then finds missing did
 * not happen, rather than not yet.
 */
export async function contentSettled(page: Page, { pages = 1, answered = {} }: { pages?: number; answered?: Record<string, number> } = {}) {
  const read = () => inContentWorld<Activity | null>(page, 'globalThis.liveRadarActivity ?? null').catch(() => null);
  const settled = (a: Activity | null) => !!a && a.busy === 0 && a.pages >= pages && Object.entries(answered).every(([type, n]) => (a.answered[type] ?? 0) >= n);
  await expect.poll(async () => settled(await read()), { timeout: 15_000 }).toBe(true);
}
