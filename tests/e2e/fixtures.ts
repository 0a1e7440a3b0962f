import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { ask } from './extension';
import { startFakeSocialFetch, VALID_KEY, type FakeSocialFetch } from '../fake-socialfetch';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
const FIXTURES = path.resolve('tests/fixtures/tiktok');

/** Which fixture page answers a tiktok.com path. Tests may override it per path prefix. */
export type TikTokPages = Record<string, string>;
const DEFAULT_PAGES: TikTokPages = { '/': 'feed.html' };

function pageFor(pathname: string, pages: TikTokPages): string {
  if (/^\/@[^/]+\/(video|photo)\//.test(pathname)) return 'video.html';
  if (/^\/@[^/]+\/?(live\/?)?$/.test(pathname)) {
    const override = Object.entries(pages).find(([prefix]) => prefix !== '/' && pathname.startsWith(prefix));
    return override?.[1] ?? 'profile.html';
  }
  return pages['/'] ?? 'feed.html';
}

/** Answers the two hosts the extension talks to from the fake API and the fixture pages; every other request fails. */
export async function routeFixtures(context: BrowserContext, fake: FakeSocialFetch, pages: TikTokPages = DEFAULT_PAGES) {
  // Last registered route wins: first refuse everything, then answer the two hosts the extension talks to.
  await context.route(/^https?:\/\//, (route) => route.abort('blockedbyclient'));
  await context.route('https://api.socialfetch.dev/**', async (route) => {
    const url = new URL(route.request().url());
    // A redirect from the fake is handed to the browser as it is (the extension must refuse it), never followed here.
    const response = await route.fetch({ url: `${fake.origin}${url.pathname}${url.search}`, maxRetries: 0, maxRedirects: 0 });
    await route.fulfill({ response });
  });
  await context.route(/^https:\/\/(www|m)\.tiktok\.com\//, async (route) => {
    const { pathname } = new URL(route.request().url());
    await route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: readFileSync(path.join(FIXTURES, pageFor(pathname, pages)), 'utf8'),
    });
  });
}

export async function launchWithExtension(fake: FakeSocialFetch, pages: TikTokPages = DEFAULT_PAGES) {
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  await routeFixtures(context, fake, pages);
  // The first-run options tab opens by itself; let it, before a test opens pages it could take over.
  await expect.poll(() => context.pages().some((p) => p.url().endsWith('/options.html'))).toBe(true);
  return context;
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/** Opens one of the extension's pages in a new tab of `context`. */
export async function openExtensionPageIn(context: BrowserContext, name: 'popup' | 'options'): Promise<Page> {
  const id = new URL((await serviceWorkerOf(context)).url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/${name}.html`);
  return page;
}

export const test = base.extend<{
  fake: FakeSocialFetch;
  tiktokPages: TikTokPages;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  openExtensionPage: (name: 'popup' | 'options') => Promise<Page>;
}>({
  fake: async ({}, use) => {
    const fake = await startFakeSocialFetch();
    await use(fake);
    await fake.close();
  },
  tiktokPages: [DEFAULT_PAGES, { option: true }],
  context: async ({ fake, tiktokPages }, use) => {
    const context = await launchWithExtension(fake, tiktokPages);
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => {
    await use(await serviceWorkerOf(context));
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
  openExtensionPage: async ({ context }, use) => {
    await use((name) => openExtensionPageIn(context, name));
  },
});

/** Save a key through the background, as the options page does (the fake's valid key unless told otherwise). */
export function saveKey(page: Page, key = VALID_KEY) {
  return ask(page, { type: 'saveKey', key });
}

export { expect };
