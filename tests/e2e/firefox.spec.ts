import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ALARMS } from '@/lib/platform/alarms';
import { settingsItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import { ask, fireAlarm, writeItem } from './extension';
import { startFakeSocialFetch, VALID_KEY, type FakeSocialFetch } from '../fake-socialfetch';

/**
 * Firefox ESR driven by puppeteer-core over WebDriver BiDi (Playwright cannot drive Debian's Firefox). It loads the
 * Firefox *test* build (`npm run build:e2e-firefox`): the API origin points at the fake on a fixed port and the popup
 * can be framed by a page, because Firefox's driver may not open moz-extension:// pages itself.
 */

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const BUILD = path.resolve('.output/firefox-mv2-e2e');
export const FIREFOX_FAKE_PORT = 47831;

let fake: FakeSocialFetch;
let browser: Browser;

test.beforeAll(async () => {
  fake = await startFakeSocialFetch({ port: FIREFOX_FAKE_PORT });
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, dumpio: !!process.env.DEBUG_FIREFOX });
  await browser.installExtension(BUILD);
});
test.afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

async function tiktokPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  // A request may be gone by the time it is answered (the test-build popup hop leaves the page at once): ignore that.
  const settle = (done: Promise<void>) => void done.catch(() => undefined);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'moz-extension:') return settle(request.continue());
    if (url.hostname !== 'www.tiktok.com') return settle(request.abort());
    const file = url.pathname.startsWith('/@') ? 'profile.html' : 'feed.html';
    settle(request.respond({ status: 200, contentType: 'text/html', body: readFileSync(`tests/fixtures/tiktok/${file}`, 'utf8') }));
  });
  return page;
}

/** An extension page, opened in a tab the way Firefox's driver allows: a test-build page sends the tab there. */
async function openPopup(name: 'popup' | 'options' = 'popup', ready = '[data-testid="last-checked"]'): Promise<Page> {
  // A query that meets the tab mid-hop fails inside Firefox's driver (a protocol error about the realm that went
  // away), and may go on failing for that tab: the query is asked again for a few seconds, and a fresh tab hops again
  // when that is not enough.
  for (let attempt = 1; ; attempt++) {
    const page = await tiktokPage();
    // The page leaves for the extension before it finishes loading, so its own navigation may never complete.
    void page.goto(`https://www.tiktok.com/__e2e__/${name}`).catch(() => undefined);
    const deadline = Date.now() + 10_000;
    try {
      for (;;) {
        try {
          await page.waitForSelector(ready, { timeout: Math.max(1, deadline - Date.now()) });
          return page;
        } catch (error) {
          if (Date.now() >= deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } catch (error) {
      await page.close().catch(() => undefined);
      if (attempt === 3) throw error;
    }
  }
}

/**
 * Runs `fn` on the badge's closed shadow root. Page scripts cannot reach it; WebDriver BiDi can, when asked to
 * serialise closed shadow trees too (`includeShadowTree: 'all'`): the test reads what the user sees, from outside.
 */
async function inBadge<T>(page: Page, fn: string): Promise<T | null> {
  const connection = (browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: BidiResult }> } }).connection;
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  const host = await connection.send('script.evaluate', {
    expression: "document.querySelector('live-radar-badge')",
    target: { context },
    awaitPromise: false,
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  });
  const root = host.result.result?.value?.shadowRoot?.sharedId;
  if (!root) return null;
  const answer = await connection.send('script.callFunction', {
    functionDeclaration: `(root) => JSON.stringify((${fn})(root))`,
    arguments: [{ sharedId: root }],
    target: { context },
    awaitPromise: true,
  });
  return JSON.parse(String(answer.result.result?.value)) as T;
}
interface BidiResult {
  result?: { value?: { shadowRoot?: { sharedId?: string } } & string };
}
const badgeState = (page: Page) =>
  inBadge<{ state: string; pressed: string; box: { x: number; y: number } }>(
    page,
    `(root) => {
      const toggle = root.querySelector('[data-action="toggle"]');
      const r = toggle.getBoundingClientRect();
      return { state: root.querySelector('[data-testid="live-badge"]').getAttribute('data-state'), pressed: toggle.getAttribute('aria-pressed'), box: { x: r.x + r.width / 2, y: r.y + r.height / 2 } };
    }`,
  ).catch(() => null);

test('Firefox: key, follows, a poll with a notification, the popup list and the badge', async () => {
  test.setTimeout(90_000);
  fake.setProfile('sunny.cooks', { kind: 'live', displayName: 'Sunny', roomId: 'room-ff', viewerCount: 4210 });
  fake.setProfile('quiet_maker', { kind: 'offline' });

  const page = await tiktokPage();
  const popup = await openPopup();
  // The poll below is a full cycle over every follow: fixed-interval checking (smart checking is tested in Chromium).
  await writeItem(popup, settingsItem, { ...DEFAULT_SETTINGS, checkMode: 'fixed' });
  expect(await ask(popup, { type: 'saveKey', key: VALID_KEY })).toMatchObject({ ok: true, data: { keyState: { state: 'valid' } } });
  expect(await ask(popup, { type: 'follow', handle: 'sunny.cooks', follow: true })).toMatchObject({ ok: true, data: { followed: true } });
  expect(await ask(popup, { type: 'follow', handle: 'quiet_maker', follow: true })).toMatchObject({ ok: true, data: { followed: true } });

  // Headless Firefox shows no notification to observe (no alert service: `getAll` stays empty, `onShown` never
  // fires). The popup reaches the background page (Firefox MV2) and records each `notifications.create` the browser
  // accepted: the proof is the browser's own answer, not the extension's bookkeeping.
  await popup.evaluate(() => {
    type Api = { create(id: string, options: { title: string }): Promise<string> };
    const bg = (globalThis as unknown as { browser: { extension: { getBackgroundPage(): Window & { browser: { notifications: Api } } } } }).browser.extension.getBackgroundPage();
    const api = bg.browser.notifications;
    const create = api.create.bind(api);
    const shown: string[][] = [];
    Object.assign(bg, { __shown: shown });
    Object.defineProperty(api, 'create', {
      configurable: true,
      value: async (id: string, options: { title: string }) => {
        const accepted = await create(id, options);
        shown.push([accepted, options.title]);
        return accepted;
      },
    });
  });
  // The alarm path, as in real use: the background polls both and announces the live one.
  await fireAlarm(popup, ALARMS.retry);
  await expect.poll(() => fake.lookups(), { timeout: 20_000 }).toBe(2);
  await expect
    .poll(() =>
      popup.evaluate(() => {
        const bg = (globalThis as unknown as { browser: { extension: { getBackgroundPage(): { __shown?: string[][] } } } }).browser.extension.getBackgroundPage();
        return bg.__shown;
      }),
    )
    .toEqual([[expect.stringContaining('sunny.cooks'), expect.stringContaining('Sunny')]]);

  // The open popup follows the background's results without a reload.
  await popup.waitForSelector('[data-testid="creator-row"][data-status="live"]');
  const rows = await popup.$$eval('[data-testid="creator-row"]', (els) => els.map((e) => [e.getAttribute('data-handle'), e.getAttribute('data-status')]));
  expect(rows).toEqual([
    ['sunny.cooks', 'live'],
    ['quiet_maker', 'offline'],
  ]);

  // The popup's tab is in front: a TikTok tab in the background checks nobody until the user looks at it.
  fake.setProfile('in.background', { kind: 'offline' });
  await page.goto('https://www.tiktok.com/@in.background');
  expect(await page.evaluate(() => document.visibilityState)).toBe('hidden');
  // "Checking…" shows only while the visit waits to be asked: one asked at once is answered before the badge appears.
  await expect.poll(async () => (await badgeState(page))?.state).toBe('checking');
  expect(fake.lookups('in.background')).toBe(0);
  await page.bringToFront();
  await expect.poll(async () => (await badgeState(page))?.state).toBe('offline');
  expect(fake.lookups('in.background')).toBe(1);

  await page.goto('https://www.tiktok.com/@sunny.cooks');
  await expect.poll(async () => (await badgeState(page))?.state).toBe('live');
  // Served from the poll's cache: the visit cost nothing.
  expect(fake.lookups('sunny.cooks')).toBe(1);
  // Closed to the page, as in Chromium; a page script's click does nothing, the user's real click does.
  expect(await page.evaluate(() => document.querySelector('live-radar-badge')?.shadowRoot)).toBeNull();
  const { box } = (await badgeState(page))!;
  await page.evaluate(() => (document.querySelector('live-radar-badge') as HTMLElement).click());
  expect((await badgeState(page))?.pressed).toBe('true');
  await page.mouse.click(box.x, box.y);
  await expect.poll(async () => (await badgeState(page))?.pressed).toBe('false');
  await expect.poll(() => popup.$$eval('[data-testid="creator-row"]', (els) => els.map((e) => e.getAttribute('data-handle')))).toEqual(['quiet_maker']);
});

test('Firefox: the welcome, the budget set from the balance, and what another budget buys', async () => {
  // The first test saved the key (the fake's balance: 10,000), left a follow and chose fixed checking: the budget was
  // set from the balance all the same, and shows once the user picks smart checking.
  const options = await openPopup('options', '[data-testid="checking-mode"]');
  await options.click('input[name="check-mode"]');
  await options.waitForSelector('[data-testid="budget"]');
  const text = (selector: string) => options.$eval(selector, (el) => el.textContent ?? '');
  expect(await text('[data-testid="welcome"] li[data-step="key"]')).toContain('Social Fetch');
  expect(await options.$eval('[data-testid="welcome"] li[data-step="key"]', (el) => el.getAttribute('data-done'))).toBe('true');
  expect(await text('[data-testid="welcome"] li[data-step="toolbar"]')).toContain('Pin to Toolbar');
  expect(await text('[data-testid="budget-per-day"]')).toContain('About 110 credits a day');
  expect(await text('[data-testid="budget-default"]')).toMatch(/set this budget from your balance \(now [\d,]+ credits\), to make it last 90 days/);
  await options.click('[data-testid="budget-default"] button');
  await options.waitForFunction(() => !document.querySelector('[data-testid="budget-default"]'));
  await options.click('button[aria-label="Use 6,600 credits a month"]');
  await options.waitForFunction(() => document.querySelector('[data-testid="budget-per-day"]')?.textContent?.includes('About 220 credits a day'));
  expect(await ask(options, { type: 'followEffect', adding: 1 })).toMatchObject({ ok: true, data: { mode: 'smart', creditsPerDay: 220 } });
});
