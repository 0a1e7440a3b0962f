import type { BrowserContext, Page, Worker } from '@playwright/test';
import { expect, saveKey, test } from './fixtures';

/** Stop the extension's service worker the way the browser does when it is idle. */
async function stopServiceWorker(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (!worker) throw new Error('no extension service worker');
  await cdp.send('Target.closeTarget', { targetId: worker.targetId });
}

const follow = (page: Page, handle: string) =>
  page.evaluate((h) => chrome.runtime.sendMessage({ type: 'follow', handle: h, follow: true }), handle);

/** Fire the poll now, as the alarm would. */
const firePoll = (worker: Worker) => worker.evaluate(() => chrome.alarms.create('poll-retry', { when: Date.now() }));

const pollState = (worker: Worker) =>
  worker.evaluate(async () => ((await chrome.storage.local.get('poll')) as { poll?: { data: { lastSuccessAt: number | null; pending: string[] } } }).poll?.data);

test('a poll counts live follows on the toolbar and notifies once', async ({ worker, fake, openExtensionPage }) => {
  fake.setProfile('sunny.cooks', { kind: 'live', displayName: 'Sunny', title: 'Dumplings', roomId: 'room-42' });
  fake.setProfile('quiet_maker', { kind: 'offline' });
  const page = await openExtensionPage('options');
  await saveKey(page);
  await follow(page, 'sunny.cooks');
  await follow(page, 'quiet_maker');
  await firePoll(worker);
  await expect.poll(() => fake.lookups()).toBe(2);

  await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
  expect(await worker.evaluate(() => chrome.action.getTitle({}))).toContain('Sunny');
  const notifications = await worker.evaluate(() => chrome.notifications.getAll());
  expect(Object.keys(notifications)).toEqual(['live:sunny.cooks:room-42']);

  // A later cycle (past the freshness window) with the same room: checked again, not announced again.
  await worker.evaluate(async () => {
    await chrome.notifications.clear('live:sunny.cooks:room-42');
    const all = await chrome.storage.local.get(null);
    // Age the cache so the next cycle calls the API.
    for (const [key, value] of Object.entries(all)) {
      if (key.startsWith('live:')) {
        const v = value as { v: number; data: { fetchedAt: number } };
        v.data.fetchedAt -= 3_600_000;
        await chrome.storage.local.set({ [key]: v });
      }
    }
  });
  await firePoll(worker);
  await expect.poll(() => fake.lookups()).toBe(4);
  await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
  expect(Object.keys(await worker.evaluate(() => chrome.notifications.getAll()))).toEqual([]);
});

test('a refused key shows on the toolbar and in the key state', async ({ worker, fake, openExtensionPage }) => {
  const page = await openExtensionPage('options');
  expect(await saveKey(page, 'sfk_unknown_key')).toMatchObject({ ok: false });
  await saveKey(page);
  await follow(page, 'sunny.cooks');
  fake.validKeys.clear();
  await worker.evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    await chrome.storage.local.remove(Object.keys(all).filter((k) => k.startsWith('live:')));
  });
  await firePoll(worker);
  await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('!');
  await expect(page.getByTestId('key-status')).toHaveAttribute('data-state', 'invalid');
});

test('polling resumes after the worker is stopped mid-cycle, without re-checking finished handles', async ({ context, worker, fake, openExtensionPage }) => {
  const page = await openExtensionPage('options');
  await saveKey(page);
  for (const h of ['fast.one', 'fast.two', 'slow.one', 'slow.two']) {
    fake.setProfile(h, { kind: 'offline' });
  }
  // The slow ones are still in flight when the worker dies; their answers are lost with it.
  fake.fault({ kind: 'slow', ms: 4000 }, { handle: 'slow.one' });
  fake.fault({ kind: 'slow', ms: 4000 }, { handle: 'slow.two' });
  await page.evaluate(async () => {
    const stored = ['fast.one', 'fast.two', 'slow.one', 'slow.two'].map((h, i) => [h, i, 1]);
    await chrome.storage.sync.set({ follows: { v: 1, chunks: 1 }, 'follows.0': stored });
  });
  await firePoll(worker);
  await expect.poll(() => fake.lookups('fast.two') + fake.lookups('fast.one')).toBe(2);
  await expect.poll(() => pollState(worker).then((s) => s?.pending.length)).toBe(2);
  // An alarm due shortly after the worker dies is what wakes it again.
  await worker.evaluate(() => chrome.alarms.create('poll-retry', { when: Date.now() + 5000 }));
  await stopServiceWorker(context, page);

  // The woken worker finishes the interrupted cycle: only the unanswered handles are asked again.
  await expect.poll(() => fake.lookups('slow.one') + fake.lookups('slow.two'), { timeout: 30_000 }).toBe(4);
  // Read once the cycle has finished, and the state must exist: a missing one would hide an unfinished cycle.
  await expect.poll(() => pollState(context.serviceWorkers()[0]!).then((s) => s?.lastSuccessAt ?? null)).not.toBeNull();
  const state = await pollState(context.serviceWorkers()[0]!);
  expect(state).toMatchObject({ pending: [] });
  expect(fake.lookups('fast.one')).toBe(1);
  expect(fake.lookups('fast.two')).toBe(1);
});
