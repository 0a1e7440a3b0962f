// Shared by the `npm run bench` scripts: where the builds are, and launching them in Chromium with the fake API.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { pollStateItem } from '@/lib/platform/storage';
import { CHROMIUM_FLAGS } from './bench-popup.ts';
import { askOk, cachedAnswer, followWithAnswers, readItem } from '../tests/e2e/extension.ts';
import { VALID_KEY, type FakeSocialFetch } from '../tests/fake-socialfetch.ts';

export const DIR = path.resolve('.output/chrome-mv3');
/** The same build talking to the fake API directly (`npm run build:bench-direct`), without Playwright in between. */
export const DIRECT_DIR = path.resolve('.output/chrome-mv3-e2e');
export const DIRECT_PORT = 47832;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIXTURES = path.resolve('tests/fixtures/tiktok');
export const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** Full 500-follow cycles timed in the direct build (each takes 15 s). */
export const CYCLE_RUNS = 3;
/** Rounds of popup openings before the counted ones (see popupRounds). */
export const POPUP_WARM_UP = 2;
/** Counted rounds of popup openings: more than RUNS, as a popup opening moves by ±15 ms on this machine. */
export const POPUP_RUNS = Number(process.env.BENCH_POPUP_RUNS ?? 15);

export const ms = (value: number) => `${Math.round(value)} ms`;

/**
 * With `intercept` off, the browser resolves no host but loopback, so nothing reaches the network, and no request
 * passes through Playwright: a route on the context pauses every request the browser makes (the worker's included,
 * whether a route matches it or not) while Playwright decides: about 8 ms a request on this machine.
 */
export async function launch(fake: FakeSocialFetch, withExtension = true, dir = DIR, intercept = true): Promise<BrowserContext> {
  const args = [...CHROMIUM_FLAGS];
  if (withExtension) args.push(`--disable-extensions-except=${dir}`, `--load-extension=${dir}`);
  if (!intercept) args.push('--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1');
  const context = await chromium.launchPersistentContext('', { executablePath: CHROMIUM, headless: true, args });
  if (intercept) await routeRequests(context, fake);
  // Let the first-run options tab open before the benchmark opens pages it could take over.
  for (let i = 0; withExtension && dir === DIR && i < 100 && !context.pages().some((p) => p.url().endsWith('/options.html')); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return context;
}
/** Routes the requests of a whole context (the worker's included) or of one page only (TikTok's pages). */
export async function routeRequests(scope: BrowserContext | Page, fake: FakeSocialFetch) {
  // Nothing reaches the network; the direct build's fake API on loopback is let through.
  await scope.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort('blockedbyclient'));
  await scope.route('https://api.socialfetch.dev/**', async (route) => {
    const url = new URL(route.request().url());
    await route.fulfill({ response: await route.fetch({ url: `${fake.origin}${url.pathname}${url.search}`, maxRetries: 0, maxRedirects: 0 }) });
  });
  await scope.route(/^https:\/\/www\.tiktok\.com\//, (route) => {
    const { pathname } = new URL(route.request().url());
    const file = /^\/@[^/]+\/?$/.test(pathname) ? 'profile.html' : pathname === '/churn' ? 'feed-churn.html' : 'feed.html';
    return route.fulfill({ contentType: 'text/html', body: readFileSync(path.join(FIXTURES, file), 'utf8') });
  });
}
export const workerOf = async (context: BrowserContext): Promise<Worker> =>
  context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
export const extensionPage = async (context: BrowserContext, name: string) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL((await workerOf(context)).url()).host}/${name}.html`);
  return page;
};

/** Stops the extension's service worker, as the browser does after 30 s idle; the next message wakes it. */
export async function stopWorker(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  for (const t of targetInfos.filter((t) => t.type === 'service_worker')) await cdp.send('Target.closeTarget', { targetId: t.targetId });
  await cdp.detach();
  await new Promise((r) => setTimeout(r, 300));
}

/** The options page, with a key saved and room for the benchmark's page visits under the per-minute ceiling (set as a user would). */
export async function setUpForVisits(context: BrowserContext): Promise<Page> {
  const options = await extensionPage(context, 'options');
  await askOk(options, { type: 'saveKey', key: VALID_KEY });
  const ceiling = options.getByRole('spinbutton', { name: 'Profile checks a minute at most' });
  await ceiling.fill('120');
  await ceiling.press('Tab');
  await options.waitForTimeout(300);
  return options;
}

/** Follows bench.f0 … bench.f`n - 1`, each with a cached answer (one in ten live), so the popup has something to show. */
export const seedFollows = (page: Page, worker: Worker, n: number) =>
  followWithAnswers(page, worker, Array.from({ length: n }, (_, i) => cachedAnswer(`bench.f${i}`, `Creator ${i}`, i % 10 ? null : { viewers: i * 10 })));

/**
 * When the cycle begun after `after` ended, as the worker recorded it (the moment its success was stored, not when
 * this loop next looked).
 */
export async function waitForCycle(worker: Worker, after: number): Promise<number> {
  for (;;) {
    // A worker that stopped meanwhile is read again at the next turn.
    const state = await readItem(worker, pollStateItem).catch(() => undefined);
    if (state?.lastSuccessAt && state.lastSuccessAt > after) return state.lastSuccessAt;
    await new Promise((r) => setTimeout(r, 50));
  }
}
