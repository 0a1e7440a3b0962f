// `npm run bench`: how soon the badge shows on a profile, uncached and cached, the worker awake and asleep, and after
// TikTok's single-page navigation.
import type { Page } from '@playwright/test';
import { DIRECT_DIR, launch, ms, routeRequests, RUNS, setUpForVisits, stopWorker } from './bench-browser.ts';
import { median } from './bench-popup.ts';
import { readBadge } from '../tests/e2e/content-world.ts';
import type { FakeSocialFetch } from '../tests/fake-socialfetch.ts';

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
/**
 * Badge latency, uncached (API answers in 150 ms) and cached, worker awake and asleep; and SPA navigation → new badge.
 * In the build that reaches the fake API directly: Playwright's interception adds its own time to every request it
 * passes on (the routed cycle below shows how much), which the target's "latency + 50" does not count. TikTok's pages
 * still come through Playwright, routed for the page alone, before the content script starts.
 */
export async function badgeTimes(fake: FakeSocialFetch) {
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
