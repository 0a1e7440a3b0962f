// `npm run bench`: credits spent in shared and repeated visits, full poll cycles, and a worker stopped mid-cycle.
import type { Worker } from '@playwright/test';
import { ALARMS } from '@/lib/platform/alarms';
import { POLL_CONCURRENCY } from '@/lib/checking/poller';
import { settingsItem } from '@/lib/platform/storage';
import { CYCLE_RUNS, DIRECT_DIR, extensionPage, launch, ms, seedFollows, setUpForVisits, waitForCycle, workerOf } from './bench-browser.ts';
import { median } from './bench-popup.ts';
import { askOk, clearLookupCache, fireAlarm, readItem, writeItem } from '../tests/e2e/extension.ts';
import { VALID_KEY, type FakeSocialFetch } from '../tests/fake-socialfetch.ts';

/**
 * Credits and cycles in the build whose calls pass through Playwright: 5 tabs on one profile with the popup and an
 * alarm at once, their reloads, full cycles of 50 and 500 follows, and a worker stopped mid-cycle.
 */
export async function creditsAndCycles(fake: FakeSocialFetch): Promise<Record<string, string>> {
  const results: Record<string, string> = {};
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
  results.cycle500Harness = ms(await requestFloor(worker, 'https://api.socialfetch.dev'));

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

  return results;
}

/**
 * A full cycle of 500 follows in the build that reaches the fake API directly: the time, its floor (the same requests
 * from the worker, answers unused) and the calls made.
 */
export async function directCycle(fake: FakeSocialFetch) {
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
    floors.push(await requestFloor(worker, fake.origin));
  }
  await context.close();
  return { time: median(times), floor: median(floors), calls: made };
}

/** The worker's own time for a cycle's 500 requests to `origin`, POLL_CONCURRENCY at a time, the answers unused. */
function requestFloor(worker: Worker, origin: string): Promise<number> {
  return worker.evaluate(
    async ({ n, key, concurrency, origin }) => {
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
    },
    { n: 500, key: VALID_KEY, concurrency: POLL_CONCURRENCY, origin },
  );
}
