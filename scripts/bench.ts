// `npm run bench`: measures the production build in real headless Chromium against the fake API and writes
// BENCHMARKS.md. A script, not a test: it reports figures next to their targets and never fails on a timing.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { ALARMS } from '@/lib/platform/alarms';
import { POLL_CONCURRENCY } from '@/lib/checking/poller';
import { pollStateItem, settingsItem } from '@/lib/platform/storage';
import { START as CREDITS_START } from './bench-credits.ts';
import { CHROMIUM_FLAGS, FLOOR_PAGE, median, popupPaints, writeFloorPage } from './bench-popup.ts';
import { readBadge } from '../tests/e2e/content-world.ts';
import { askOk, cachedAnswer, clearLookupCache, fireAlarm, followWithAnswers, readItem, writeItem } from '../tests/e2e/extension.ts';
import { startFakeSocialFetch, VALID_KEY, type FakeSocialFetch } from '../tests/fake-socialfetch.ts';

const DIR = path.resolve('.output/chrome-mv3');
/** The same build talking to the fake API directly (`npm run build:bench-direct`), without Playwright in between. */
const DIRECT_DIR = path.resolve('.output/chrome-mv3-e2e');
const DIRECT_PORT = 47832;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIXTURES = path.resolve('tests/fixtures/tiktok');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** Full 500-follow cycles timed in the direct build (each takes 15 s). */
const CYCLE_RUNS = 3;
/** Rounds of popup openings before the counted ones (see popupRounds). */
const POPUP_WARM_UP = 2;
/** Counted rounds of popup openings: more than RUNS, as a popup opening moves by ±15 ms on this machine. */
const POPUP_RUNS = Number(process.env.BENCH_POPUP_RUNS ?? 15);
const CYCLE_TARGET_MS = (1.2 * 500 * 100) / POLL_CONCURRENCY;

const ms = (value: number) => `${Math.round(value)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

// ---- bundle sizes ----
function entrySize(files: string[]) {
  const buffers = files.map((f) => readFileSync(path.join(DIR, f)));
  return {
    raw: buffers.reduce((n, b) => n + b.length, 0),
    gz: buffers.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
  };
}
function contentScriptFiles(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as { content_scripts: { js?: string[]; css?: string[] }[] };
  return manifest.content_scripts.flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]);
}
function htmlAssets(html: string): string[] {
  const text = readFileSync(path.join(DIR, html), 'utf8');
  return [...text.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
}
const bundles = [
  { name: 'content script (every file it injects)', files: contentScriptFiles(), target: 10 * 1024 },
  { name: 'popup', files: htmlAssets('popup.html'), target: 25 * 1024 },
  { name: 'options', files: htmlAssets('options.html'), target: 30 * 1024 },
  { name: 'background', files: ['background.js'], target: null },
].map((b) => ({ ...b, ...entrySize(b.files) }));

// ---- browser helpers ----
/**
 * With `intercept` off, the browser resolves no host but loopback, so nothing reaches the network, and no request
 * passes through Playwright: a route on the context pauses every request the browser makes (the worker's included,
 * whether a route matches it or not) while Playwright decides: about 8 ms a request on this machine.
 */
async function launch(fake: FakeSocialFetch, withExtension = true, dir = DIR, intercept = true): Promise<BrowserContext> {
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
async function routeRequests(scope: BrowserContext | Page, fake: FakeSocialFetch) {
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
const workerOf = async (context: BrowserContext): Promise<Worker> =>
  context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionPage = async (context: BrowserContext, name: string) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL((await workerOf(context)).url()).host}/${name}.html`);
  return page;
};

/**
 * The badge's root is closed, so the page world sees only its host: the probe records when the host is inserted and
 * every time its size changes (a new state re-lays it out). Once the content script's world reports the settled state
 * for the wanted handle, the last of those times is when the badge showed it.
 */
const BADGE_PROBE = `
  window.__badgeTimes = [];
  const sizes = new ResizeObserver(() => window.__badgeTimes.push(performance.now()));
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) {
      if (node.nodeName === 'LIVE-RADAR-BADGE') { window.__badgeTimes.push(performance.now()); sizes.observe(node); }
    }
  }).observe(document, { childList: true, subtree: true });
`;
async function badgeSettled(page: Page, handle: string): Promise<number> {
  for (let i = 0; i < 500; i++) {
    const badge = await readBadge(page);
    if (badge && badge.handle === handle && badge.state !== 'checking') {
      return page.evaluate(() => Math.max(...(window as unknown as { __badgeTimes: number[] }).__badgeTimes));
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no settled badge for ${handle}`);
}
async function badgeLatency(page: Page, handle: string): Promise<number> {
  await page.goto(`https://www.tiktok.com/@${handle}`, { waitUntil: 'commit' });
  const shown = await badgeSettled(page, handle);
  const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart);
  return shown - dcl;
}
/** Stops the extension's service worker, as the browser does after 30 s idle; the next message wakes it. */
async function stopWorker(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  for (const t of targetInfos.filter((t) => t.type === 'service_worker')) await cdp.send('Target.closeTarget', { targetId: t.targetId });
  await cdp.detach();
  await new Promise((r) => setTimeout(r, 300));
}

async function main() {
  writeFileSync(path.join(DIR, 'bench-blank.html'), '<!DOCTYPE html><html><head><meta charset="utf-8"><title>blank</title></head><body><div>blank</div></body></html>');
  writeFloorPage(DIR);
  const fake = await startFakeSocialFetch({ port: DIRECT_PORT });
  const results: Record<string, string> = await badgeTimes(fake);
  const context = await launch(fake);
  const options = await setUpForVisits(context);
  // The cycle figures are full cycles over every follow: fixed-interval checking (smart checking: npm run bench:credits).
  await writeItem(options, settingsItem, { ...(await readItem(options, settingsItem)), checkMode: 'fixed' });

  // Credits: 5 tabs on one profile + popup + alarm tick, all at once.
  fake.latencyMs = 150;
  fake.setProfile('bench.shared', { kind: 'live' });
  await askOk(options, { type: 'follow', handle: 'bench.shared', follow: true });
  const before = fake.lookups('bench.shared');
  const tabs = await Promise.all(Array.from({ length: 5 }, () => context.newPage()));
  const worker = await workerOf(context);
  await Promise.all([
    ...tabs.map((t) => t.goto('https://www.tiktok.com/@bench.shared')),
    askOk(options, { type: 'lookup', handle: 'bench.shared', reason: 'popup' }),
    fireAlarm(worker, ALARMS.retry),
  ]);
  await new Promise((r) => setTimeout(r, 2000));
  results.creditsShared = String(fake.lookups('bench.shared') - before);
  const revisitBefore = fake.lookups();
  for (const t of tabs) await t.reload();
  await new Promise((r) => setTimeout(r, 1000));
  results.creditsRevisit = String(fake.lookups() - revisitBefore);
  await Promise.all(tabs.map((t) => t.close()));

  // A full poll cycle of N follows at API latency 100 ms: exactly N calls. 50 follows, then the popup with 200, then
  // 500: the list only grows, through the import a user has, so the bench never writes the list's storage itself.
  await askOk(options, { type: 'follow', handle: 'bench.shared', follow: false });
  const cycle = async (n: number) => {
    await seedFollows(options, worker, n);
    for (let i = 0; i < n; i++) fake.setProfile(`bench.f${i}`, { kind: i % 10 ? 'offline' : 'live' });
    const calls = fake.lookups();
    await clearLookupCache(worker);
    const started = Date.now();
    await fireAlarm(worker, ALARMS.retry);
    const ended = await waitForCycle(worker, started);
    results[`cycle${n}Calls`] = String(fake.lookups() - calls);
    results[`cycle${n}Time`] = ms(ended - started);
  };
  fake.latencyMs = 100;
  await cycle(50);

  await cycle(500);

  // What the harness alone takes for the same 500 requests from the worker, 4 at a time, doing nothing with the
  // answers (the route through Playwright costs time the ideal does not count).
  results.cycle500Harness = ms(await worker.evaluate(async ({ n, key, concurrency }) => {
    const started = performance.now();
    let next = 0;
    const slot = async () => {
      while (next < n) {
        const url = `https://api.socialfetch.dev/v1/tiktok/profiles/bench.f${next++}/live`;
        await (await fetch(url, { headers: { 'x-api-key': key }, redirect: 'error' })).text();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, slot));
    return performance.now() - started;
  }, { n: 500, key: VALID_KEY, concurrency: POLL_CONCURRENCY }));

  // Worker stopped mid-cycle (500 follows): calls lost / doubled.
  await clearLookupCache(worker);
  const killCalls = fake.lookups();
  const killStart = Date.now();
  await fireAlarm(worker, ALARMS.retry);
  while (fake.lookups() - killCalls < 150) await new Promise((r) => setTimeout(r, 20));
  await fireAlarm(worker, ALARMS.retry, Date.now() + 3000);
  const cdp = await context.newCDPSession(options);
  const { targetInfos } = await cdp.send('Target.getTargets');
  await cdp.send('Target.closeTarget', { targetId: targetInfos.find((t) => t.type === 'service_worker')!.targetId });
  await waitForCycle(await workerOf(context), killStart);
  const perHandle = new Map<string, number>();
  for (const r of fake.requests.slice(0)) {
    if (r.method === 'GET' && r.handle?.startsWith('bench.f') && r.at >= killStart) perHandle.set(r.handle, (perHandle.get(r.handle) ?? 0) + 1);
  }
  const lost = Array.from({ length: 500 }, (_, i) => `bench.f${i}`).filter((h) => !perHandle.has(h)).length;
  const doubled = [...perHandle.values()].filter((n) => n > 1).length;
  results.killLostDoubled = `${lost} / ${doubled}`;
  await context.close();

  for (const [name, value] of Object.entries(await popupPaints(CHROMIUM, DIR, POPUP_RUNS, POPUP_WARM_UP))) results[name] = ms(value);
  Object.assign(results, await popupTimes(fake));
  const direct = await directCycle(fake);
  results.cycle500Direct = ms(direct.time);
  results.cycle500DirectFloor = ms(direct.floor);
  results.cycle500DirectCalls = String(direct.calls);

  // Content script cost on a non-profile page: script time with and without the extension.
  results.scriptCost = await scriptCost(fake);
  results.churnCost = await churnCost(fake);
  await fake.close();

  writeReport(results);
}

/** The options page, with a key saved and room for the benchmark's page visits under the per-minute ceiling (set as a user would). */
async function setUpForVisits(context: BrowserContext): Promise<Page> {
  const options = await extensionPage(context, 'options');
  await askOk(options, { type: 'saveKey', key: VALID_KEY });
  const ceiling = options.getByRole('spinbutton', { name: 'Profile checks a minute at most' });
  await ceiling.fill('120');
  await ceiling.press('Tab');
  await options.waitForTimeout(300);
  return options;
}

/**
 * Badge latency, uncached (API answers in 150 ms) and cached, worker awake and asleep; and SPA navigation → new badge.
 * In the build that reaches the fake API directly: Playwright's interception adds its own time to every request it
 * passes on (the routed cycle below shows how much), which the target's "latency + 50" does not count. TikTok's pages
 * still come through Playwright, routed for the page alone, before the content script starts.
 */
async function badgeTimes(fake: FakeSocialFetch) {
  const results: Record<string, string> = {};
  const context = await launch(fake, true, DIRECT_DIR, false);
  await context.addInitScript(BADGE_PROBE);
  await setUpForVisits(context);

  fake.latencyMs = 150;
  const page = await context.newPage();
  await routeRequests(page, fake);
  const latency = { uncached: [] as number[], cached: [] as number[], uncachedAsleep: [] as number[], cachedAsleep: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    for (const asleep of [false, true]) {
      const handle = `bench.visit${i}${asleep ? 'z' : ''}`;
      fake.setProfile(handle, { kind: 'live' });
      if (asleep) await stopWorker(context, page);
      latency[asleep ? 'uncachedAsleep' : 'uncached'].push(await badgeLatency(page, handle));
      if (asleep) await stopWorker(context, page);
      latency[asleep ? 'cachedAsleep' : 'cached'].push(await badgeLatency(page, handle));
    }
  }
  results.badgeUncached = ms(median(latency.uncached));
  results.badgeCached = ms(median(latency.cached));
  results.badgeUncachedAsleep = ms(median(latency.uncachedAsleep));
  results.badgeCachedAsleep = ms(median(latency.cachedAsleep));

  // SPA navigation → new badge (API latency 0: what the extension itself adds).
  fake.latencyMs = 0;
  const spa: number[] = [];
  await page.goto('https://www.tiktok.com/@bench.start');
  for (let i = 0; i < RUNS; i++) {
    const handle = `bench.spa${i}`;
    fake.setProfile(handle, { kind: 'offline' });
    const start = await page.evaluate((h) => {
      const started = performance.now();
      (window as unknown as { __spaNavigate(p: string): void }).__spaNavigate(`/@${h}`);
      return started;
    }, handle);
    spa.push((await badgeSettled(page, handle)) - start);
  }
  results.spa = ms(median(spa));
  await context.close();
  return results;
}

/**
 * A full cycle of 500 follows in the build that reaches the fake API directly: the time, its floor (the same requests
 * from the worker, answers unused) and the calls made.
 */
async function directCycle(fake: FakeSocialFetch) {
  const context = await launch(fake, true, DIRECT_DIR, false);
  const worker = await workerOf(context);
  const page = await extensionPage(context, 'options');
  await askOk(page, { type: 'saveKey', key: VALID_KEY });
  await writeItem(page, settingsItem, { ...(await readItem(page, settingsItem)), checkMode: 'fixed' });
  await seedFollows(page, worker, 500);
  await page.waitForTimeout(2000);
  fake.latencyMs = 100;
  // Three cycles, each followed by its floor: the machine's pace drifts by half a second between minutes.
  const times: number[] = [];
  const floors: number[] = [];
  let made = 0;
  for (let i = 0; i < CYCLE_RUNS; i++) {
    const calls = fake.lookups();
    await clearLookupCache(worker);
    const started = Date.now();
    await fireAlarm(worker, ALARMS.retry);
    times.push((await waitForCycle(worker, started)) - started);
    if (i === 0) made = fake.lookups() - calls;
    floors.push(await worker.evaluate(async ({ n, key, concurrency, origin }) => {
      const begun = performance.now();
      let next = 0;
      const slot = async () => {
        while (next < n) {
          const url = `${origin}/v1/tiktok/profiles/bench.f${next++}/live`;
          await (await fetch(url, { headers: { 'x-api-key': key }, redirect: 'error' })).text();
        }
      };
      await Promise.all(Array.from({ length: concurrency }, slot));
      return performance.now() - begun;
    }, { n: 500, key: VALID_KEY, concurrency: POLL_CONCURRENCY, origin: fake.origin }));
  }
  await context.close();
  return { time: median(times), floor: median(floors), calls: made };
}

/**
 * The popup with 200 follows, then 500: open → first screenful, and → every row, worker awake and asleep; and empty
 * extension pages opened the same way, with and without a script: what this harness and machine take before, and
 * until, any code of ours runs. In a browser of its own that intercepts nothing (the popup makes no request).
 */
async function popupTimes(fake: FakeSocialFetch) {
  const context = await launch(fake, true, DIR, false);
  const worker = await workerOf(context);
  const page = await extensionPage(context, 'options');
  const results: Record<string, string> = {};
  results.blankPage = ms(median((await popupRounds(context, worker, [{ page: 'bench-blank', rows: 0, asleep: false }]))[0]!.first));
  for (const n of [200, 500]) {
    // The list only grows, through the import a user has, so the bench never writes the list's storage itself.
    await seedFollows(page, await workerOf(context), n);
    // A user opens the popup after the import has settled, not within the second.
    await page.waitForTimeout(2000);
    const [floor, awake, asleep] = await popupRounds(context, worker, [
      { page: FLOOR_PAGE, rows: 8, asleep: false },
      { page: 'popup', rows: n, asleep: false },
      { page: 'popup', rows: n, asleep: true },
    ]);
    if (n === 200) results.scriptPage = ms(median(floor!.first));
    for (const [suffix, t] of [['', awake!], ['Asleep', asleep!]] as const) {
      results[`popupFirst${n}${suffix}`] = ms(median(t.first));
      results[`popup${n}${suffix}`] = ms(median(t.all));
      // The same round's floor page taken away: what is left is ours, whatever pace the machine had that minute.
      results[`popupOwn${n}${suffix}`] = ms(median(t.first.map((time, i) => time - floor!.first[i]!)));
    }
  }
  await context.close();
  return results;
}

interface Opening {
  page: string;
  rows: number;
  /** The worker is stopped before each opening. */
  asleep: boolean;
}

/**
 * Times from opening each page (an extension page) to its first screenful (8 rows, what a 600 px popup shows) and to
 * all its rows in the page, POPUP_RUNS rounds of one opening of each page in turn: the machine's pace drifts over a
 * minute, and pages measured in blocks one after the other would each get a different share of it.
 */
async function popupRounds(context: BrowserContext, worker: Worker, openings: Opening[]) {
  const times = openings.map(() => ({ first: [] as number[], all: [] as number[] }));
  // The first rounds are not counted: Chrome keeps a script's compiled code from its second load on, as it does for a
  // user's popup from their second opening.
  for (let round = -POPUP_WARM_UP; round < POPUP_RUNS; round++) {
    for (const [k, { page, rows, asleep }] of openings.entries()) {
      const popup = await context.newPage();
      // Opened on an idle browser: the worker stopped (and waited for), or the last opening's work over.
      if (asleep) await stopWorker(context, popup);
      else await popup.waitForTimeout(300);
      await popup.addInitScript(`
        new MutationObserver(() => {
          const rows = document.querySelectorAll('[data-testid="creator-row"]').length;
          if (!window.__first && rows >= ${Math.min(8, rows)} && document.body) window.__first = performance.now();
          if (!window.__painted && rows >= ${rows} && document.body) window.__painted = performance.now();
        }).observe(document, { childList: true, subtree: true });
      `);
      await popup.goto(`chrome-extension://${new URL(worker.url()).host}/${page}.html`);
      await popup.waitForFunction(() => (window as unknown as { __painted?: number }).__painted !== undefined);
      const t = await popup.evaluate(() => {
        const w = window as unknown as { __first: number; __painted: number };
        return { first: w.__first, all: w.__painted };
      });
      if (round >= 0) {
        times[k]!.first.push(t.first);
        times[k]!.all.push(t.all);
      }
      await popup.close();
    }
  }
  return times;
}

/** Follows bench.f0 … bench.f`n - 1`, each with a cached answer (one in ten live), so the popup has something to show. */
const seedFollows = (page: Page, worker: Worker, n: number) =>
  followWithAnswers(page, worker, Array.from({ length: n }, (_, i) => cachedAnswer(`bench.f${i}`, `Creator ${i}`, i % 10 ? null : { viewers: i * 10 })));

/**
 * When the cycle begun after `after` ended, as the worker recorded it (the moment its success was stored, not when
 * this loop next looked).
 */
async function waitForCycle(worker: Worker, after: number): Promise<number> {
  for (;;) {
    // A worker that stopped meanwhile is read again at the next turn.
    const state = await readItem(worker, pollStateItem).catch(() => undefined);
    if (state?.lastSuccessAt && state.lastSuccessAt > after) return state.lastSuccessAt;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Median page script time (the renderer's ScriptDuration, content scripts included) over `runs` loads of `path`,
 * without and with the extension, each read once the page has settled (`settle`).
 */
async function scriptTime(fake: FakeSocialFetch, path: string, runs: number, settle: (page: Page) => Promise<unknown>) {
  const measure = async (withExtension: boolean) => {
    const context = await launch(fake, withExtension);
    if (withExtension) await workerOf(context);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const values: number[] = [];
    for (let i = 0; i < runs; i++) {
      // The renderer's metrics start again with each document.
      await page.goto(`https://www.tiktok.com${path}?run=${i}`, { waitUntil: 'load' });
      await settle(page);
      const metrics = (await cdp.send('Performance.getMetrics')).metrics;
      values.push((metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000);
    }
    await context.close();
    return median(values);
  };
  const without = await measure(false);
  const withExt = await measure(true);
  return { without, withExt, added: Math.max(0, withExt - without) };
}

async function scriptCost(fake: FakeSocialFetch): Promise<string> {
  const { without, withExt, added } = await scriptTime(fake, '/foryou', 21, (page) => page.waitForTimeout(300));
  return `${added.toFixed(1)} ms (page script time ${withExt.toFixed(1)} ms with the extension, ${without.toFixed(1)} ms without)`;
}

/** Script time the extension adds on a feed that appends and removes 50 nodes a second for 10 s, as a share of it. */
async function churnCost(fake: FakeSocialFetch): Promise<string> {
  const done = (page: Page) => page.waitForFunction(() => (window as unknown as { __churnDone?: boolean }).__churnDone === true, null, { timeout: 20_000 });
  const { without, withExt, added } = await scriptTime(fake, '/churn', 3, done);
  return `${((added / 10_000) * 100).toFixed(2)} % (${added.toFixed(1)} ms over 10 s; page script time ${withExt.toFixed(1)} ms with the extension, ${without.toFixed(1)} ms without)`;
}

/** Each speed figure next to its target; the measured text starts with the number compared. */
function speedRows(r: Record<string, string>): string {
  const rows: [string, string, string, number | null][] = [
    ['badge visible after DOMContentLoaded, uncached (API latency 150 ms), worker awake', r.badgeUncached!, '≤ 200 ms (latency + 50)', 200],
    ['the same, worker asleep', r.badgeUncachedAsleep!, '≤ 200 ms (latency + 50)', 200],
    ['badge visible after DOMContentLoaded, cached, worker awake', r.badgeCached!, '≤ 50 ms', 50],
    ['the same, worker asleep', r.badgeCachedAsleep!, '≤ 50 ms', 50],
    ['SPA navigation → new badge visible (API latency 0)', r.spa!, '≤ 150 ms', 150],
    ['popup opened from the toolbar → first screenful painted (its first contentful paint), 200 follows, worker awake', r.paint200!, '≤ 100 ms', 100],
    ['the same, worker asleep', r.paint200Asleep!, '≤ 100 ms', 100],
    ['popup opened from the toolbar → first screenful painted, 500 follows, worker awake', r.paint500!, '≤ 150 ms', 150],
    ['the same, worker asleep', r.paint500Asleep!, '≤ 150 ms', 150],
    ['a popup whose one module script adds 8 rows, opened the same way → its first paint (the floor), in the 200 / 500 rounds', `${r.paintFloor200} / ${r.paintFloor500}`, '—', null],
    ['the popup\'s first screen as a page with no script (its HTML as the first render left it), opened the same way → its first paint, 200 / 500 follows', `${r.paintStill200} / ${r.paintStill500}`, '—', null],
    ['first paint minus the floor popup opened in the same round, 200 follows, worker awake / asleep (our share)', `${r.paintOwn200} / ${r.paintOwn200Asleep}`, '—', null],
    ['the same, 500 follows', `${r.paintOwn500} / ${r.paintOwn500Asleep}`, '—', null],
    ['popup opened in a tab (Playwright) → first screenful (8 rows) in the page, before it is painted, 200 follows, worker awake / asleep', `${r.popupFirst200} / ${r.popupFirst200Asleep}`, '—', null],
    ['the same, 500 follows', `${r.popupFirst500} / ${r.popupFirst500Asleep}`, '—', null],
    ['popup opened in a tab → all 200 rows in the page, worker awake / asleep', `${r.popup200} / ${r.popup200Asleep}`, '—', null],
    ['popup opened in a tab → all 500 rows in the page, worker awake / asleep', `${r.popup500} / ${r.popup500Asleep}`, '—', null],
    ['in a tab: an empty extension page → its text in the page; the floor page (one module script) → the 8 rows it adds', `${r.blankPage} / ${r.scriptPage}`, '—', null],
    ['in a tab: first screenful in the page minus the floor page opened in the same round, 200 / 500 follows, worker awake (our share)', `${r.popupOwn200} / ${r.popupOwn500}`, '—', null],
    ['poll cycle, 500 follows, API latency 100 ms, concurrency 4, the API reached directly (median of 3)', r.cycle500Direct!, `≤ ${CYCLE_TARGET_MS} ms (1.2 × 500 × 100 / 4)`, CYCLE_TARGET_MS],
    ['the same 500 requests from the worker, answers unused (the floor; median of 3, each right after a cycle)', r.cycle500DirectFloor!, '—', null],
    ['the same cycle with every request routed through Playwright (the other figures\' harness)', r.cycle500Time!, '—', null],
    ['those 500 routed requests from the worker, answers unused', r.cycle500Harness!, '—', null],
    ['script time the content script adds to a non-profile page', r.scriptCost!, '≤ 2 ms', 2],
    ['script time it adds on a feed appending and removing 50 nodes/s for 10 s', r.churnCost!, '≤ 1 % of wall time', 1],
  ];
  return rows
    .map(([name, value, target, limit]) => `| ${name} | ${value} | ${target} | ${limit === null ? '' : parseFloat(value) <= limit ? 'met' : '**missed**'} |`)
    .join('\n');
}

function writeReport(r: Record<string, string>) {
  const browser = execSync(`${CHROMIUM} --version 2>/dev/null`).toString().trim();
  const sizeRows = bundles
    .map((b) => `| ${b.name} | ${kb(b.raw)} | ${kb(b.gz)} | ${b.target ? `≤ ${kb(b.target)} gz` : '—'} | ${b.target ? (b.gz <= b.target ? 'met' : '**missed**') : ''} |`)
    .join('\n');
  const report = `# Benchmarks

Measured by \`npm run bench\` (\`scripts/bench.ts\`) on ${new Date().toISOString().slice(0, 10)}: the production build in
headless ${browser}, against the fake Social Fetch API on loopback, median of ${RUNS} runs where repeated.
Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}.
Timings on a shared 2-core machine move by tens of milliseconds between runs; the call counts are exact.
The badge figures and the direct cycle come from a build that reaches the fake API directly (Playwright's interception
adds its own time to every request it passes on; TikTok's pages still come through it).
The popup's targets are judged on the popup as a user gets it (\`scripts/bench-popup.ts\`): opened from the toolbar by
\`action.openPopup()\` in a browser driven over a bare DevTools pipe, with nothing attached to the popup until it has
painted, timed from its navigation to its first contentful paint as Chrome reports it (the frame on screen; Chrome
shows a popup only once its page has loaded, and a paint lands on one of the screen's frames, about 17 ms apart). The popup
renders nothing until its list is read (or 100 ms after its script starts), so that paint is the first screenful
with data. Median of ${POPUP_RUNS} rounds, each opening in turn the floor popup, the popup's first screen with no script, the
popup with the worker awake and the popup with it asleep, each on an idle browser, after ${POPUP_WARM_UP} rounds that are not
counted (Chrome keeps a script's compiled code from its second load on).
The rows marked "in a tab" open the popup's page in a tab through Playwright, the same way, and time the moment its
rows are in the page (a DOM mutation, not a paint): they show what the page's own code takes, and the whole list.

## Bundle sizes

| entrypoint | raw | gzip | target | |
|---|---|---|---|---|
${sizeRows}

## Speed

| scenario | measured | target | |
|---|---|---|---|
${speedRows(r)}

## Credits (API calls)

| scenario | calls | target |
|---|---|---|
| 5 tabs on one profile + popup + alarm tick, at once | ${r.creditsShared} | 1 |
| the same 5 tabs reloaded within the freshness window | ${r.creditsRevisit} | 0 |
| full poll cycle, 50 follows | ${r.cycle50Calls} | 50 |
| full poll cycle, 500 follows | ${r.cycle500Calls} (routed), ${r.cycle500DirectCalls} (direct) | 500 |
| worker stopped mid-cycle (500 follows): handles lost / checked twice | ${r.killLostDoubled} | 0 / 0 |

A handle whose call was in flight when the worker died is asked again after the restart (its answer died with the
worker); every handle answered before is not.
`;
  // The credits simulation (`npm run bench:credits`) keeps its own section.
  const existing = existsSync('BENCHMARKS.md') ? readFileSync('BENCHMARKS.md', 'utf8') : '';
  const kept = existing.includes(CREDITS_START) ? existing.slice(existing.indexOf(CREDITS_START)) : '';
  writeFileSync('BENCHMARKS.md', kept ? `${report}\n${kept}` : report);
  console.log(report);
}

await main();
