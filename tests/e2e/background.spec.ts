import type { BrowserContext, Page } from '@playwright/test';
import { ALARMS } from '@/lib/platform/alarms';
import { notificationId } from '@/lib/platform/notify';
import { scheduleItem } from '@/lib/platform/schedule-store';
import { cacheItem, creditLogItem, pollStateItem, settingsItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS, EMPTY_POLL_STATE } from '@/lib/domain/defaults';
import { askOk, clearLookupCache, fireAlarm, readAlarm, readItem, writeItem } from './extension';
import { expect, saveKey, serviceWorkerOf, test } from './fixtures';

/** Stop the extension's service worker the way the browser does when it is idle. */
async function stopServiceWorker(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (!worker) throw new Error('no extension service worker');
  await cdp.send('Target.closeTarget', { targetId: worker.targetId });
}

const follow = (page: Page, handle: string) => askOk(page, { type: 'follow', handle, follow: true });

test.describe('fixed-interval checking', () => {
  // Each of these is about a full cycle over every follow; smart checking has its own test below.
  test.beforeEach(async ({ worker }) => writeItem(worker, settingsItem, { ...DEFAULT_SETTINGS, checkMode: 'fixed' }));

test('a poll counts live follows on the toolbar and notifies once', async ({ worker, fake, openExtensionPage }) => {
  fake.setProfile('sunny.cooks', { kind: 'live', displayName: 'Sunny', title: 'Dumplings', roomId: 'room-42' });
  fake.setProfile('quiet_maker', { kind: 'offline' });
  const page = await openExtensionPage('options');
  await saveKey(page);
  await follow(page, 'sunny.cooks');
  await follow(page, 'quiet_maker');
  await fireAlarm(worker, ALARMS.retry);
  await expect.poll(() => fake.lookups()).toBe(2);

  await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
  expect(await worker.evaluate(() => chrome.action.getTitle({}))).toContain('Sunny');
  const announced = notificationId('sunny.cooks', 'room-42');
  await expect.poll(async () => Object.keys(await worker.evaluate(() => chrome.notifications.getAll()))).toEqual([announced]);

  // A later cycle (past the freshness window) with the same room: checked again, not announced again.
  await worker.evaluate((id) => chrome.notifications.clear(id), announced);
  // Age the cached answers so the next cycle calls the API.
  for (const handle of ['sunny.cooks', 'quiet_maker']) {
    const entry = await readItem(worker, cacheItem(handle));
    expect(entry?.fetchedAt).toEqual(expect.any(Number));
    await writeItem(worker, cacheItem(handle), { ...entry!, fetchedAt: entry!.fetchedAt! - 3_600_000 });
  }
  await fireAlarm(worker, ALARMS.retry);
  await expect.poll(() => fake.lookups()).toBe(4);
  await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
  expect(Object.keys(await worker.evaluate(() => chrome.notifications.getAll()))).toEqual([]);
});

test('several go-lives in one cycle make one notification, and the popup keeps a live that ended under "Recently live"', async ({ worker, fake, openExtensionPage }) => {
  const handles = ['sunny.cooks', 'night.owl', 'chef.amy'];
  for (const [i, handle] of handles.entries()) fake.setProfile(handle, { kind: 'live', displayName: `Creator ${i}`, roomId: `room-${i}` });
  const popup = await openExtensionPage('popup');
  await saveKey(popup);
  for (const handle of handles) await follow(popup, handle);
  await fireAlarm(worker, ALARMS.retry);
  await expect.poll(() => fake.lookups()).toBe(3);
  await expect.poll(async () => Object.keys(await worker.evaluate(() => chrome.notifications.getAll()))).toHaveLength(1);
  const [id] = Object.keys(await worker.evaluate(() => chrome.notifications.getAll()));
  expect(id).toMatch(/^live:[a-z.]+:room-\d:group$/);

  // All three are live: they are in the list, not yet under "Recently live".
  await expect(popup.locator('.live-pill')).toHaveCount(3);
  await expect(popup.getByTestId('recent-lives')).toHaveCount(0);
  // One ends; the next cycle, its answer aged past the freshness window, finds it offline.
  fake.setProfile('night.owl', { kind: 'offline' });
  const entry = (await readItem(worker, cacheItem('night.owl')))!;
  await writeItem(worker, cacheItem('night.owl'), { ...entry, fetchedAt: entry.fetchedAt! - 3_600_000 });
  await fireAlarm(worker, ALARMS.retry);
  await expect.poll(() => fake.lookups('night.owl')).toBe(2);
  const recent = popup.getByTestId('recent-lives');
  await expect(recent).toContainText('Recently live (1)');
  await recent.locator('summary').click();
  await expect(recent.getByTestId('recent-live')).toHaveCount(1);
  await expect(recent.getByTestId('recent-live')).toContainText('Creator 1');
  await expect(recent.getByTestId('recent-live')).toContainText(' · for ');
});

test('a refused key shows on the toolbar and in the key state', async ({ worker, fake, openExtensionPage }) => {
  const page = await openExtensionPage('options');
  expect(await saveKey(page, 'sfk_unknown_key')).toMatchObject({ ok: false });
  await saveKey(page);
  await follow(page, 'sunny.cooks');
  fake.validKeys.clear();
  await clearLookupCache(worker);
  await fireAlarm(worker, ALARMS.retry);
  await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('!');
  await expect(page.getByTestId('key-status')).toHaveAttribute('data-state', 'invalid');
});

test('polling resumes after the worker is stopped mid-cycle, without re-checking finished handles', async ({ context, worker, fake, openExtensionPage }) => {
  const page = await openExtensionPage('options');
  await saveKey(page);
  const handles = ['fast.one', 'fast.two', 'slow.one', 'slow.two'];
  for (const h of handles) fake.setProfile(h, { kind: 'offline' });
  // The slow ones are still in flight when the worker dies; their answers are lost with it.
  fake.fault({ kind: 'slow', ms: 4000 }, { handle: 'slow.one' });
  fake.fault({ kind: 'slow', ms: 4000 }, { handle: 'slow.two' });
  expect((await askOk(page, { type: 'importFollows', entries: handles.map((handle) => ({ handle })) })).added).toEqual(handles);
  await fireAlarm(worker, ALARMS.retry);
  await expect.poll(() => fake.lookups('fast.two') + fake.lookups('fast.one')).toBe(2);
  // The fallback state has nothing pending, so this waits for the cycle's own saved progress.
  await expect.poll(async () => (await readItem(worker, pollStateItem)).pending).toEqual(['slow.one', 'slow.two']);
  // An alarm due shortly after the worker dies is what wakes it again.
  await fireAlarm(worker, ALARMS.retry, Date.now() + 5000);
  const stoppedAt = Date.now();
  await stopServiceWorker(context, page);

  // The woken worker finishes the interrupted cycle: only the unanswered handles are asked again.
  await expect.poll(() => fake.lookups('slow.one') + fake.lookups('slow.two'), { timeout: 30_000 }).toBe(4);
  // The cycle is over only once its success is saved; an earlier success (the key's first poll) does not count.
  const woken = await serviceWorkerOf(context);
  await expect.poll(async () => (await readItem(woken, pollStateItem)).lastSuccessAt ?? 0, { timeout: 15_000 }).toBeGreaterThan(stoppedAt);
  // Nothing pending, no pause, no backoff, no error: the empty state but for the times.
  expect(await readItem(woken, pollStateItem)).toEqual({ ...EMPTY_POLL_STATE, lastSuccessAt: expect.any(Number), lastAttemptAt: expect.any(Number) });
  expect(fake.lookups('fast.one')).toBe(1);
  expect(fake.lookups('fast.two')).toBe(1);
});
});

test('smart checking: one alarm at the earliest due check, only due creators checked, nothing charged twice after a restart', async ({ context, worker, fake, openExtensionPage }) => {
  fake.setProfile('due.now', { kind: 'offline' });
  fake.setProfile('due.later', { kind: 'offline' });
  const page = await openExtensionPage('options');
  await saveKey(page);
  // A fresh install checks smartly.
  expect((await readItem(worker, settingsItem)).checkMode).toBe('smart');
  await follow(page, 'due.now');
  await follow(page, 'due.later');
  // Newcomers join the schedule spread over the next ten minutes, under one alarm (no period).
  await expect.poll(async () => (await readItem(worker, scheduleItem)).creators.map((c) => c.handle).sort()).toEqual(['due.later', 'due.now']);
  const alarm = await readAlarm(worker, ALARMS.poll);
  expect(alarm?.periodInMinutes).toBeUndefined();
  const book = await readItem(worker, scheduleItem);
  const earliest = Math.min(...book.creators.map((c) => c.nextDue!));
  expect(earliest).toBeLessThanOrEqual(Date.now() + 10 * 60_000);
  // The browser's alarms fire at most every 30 s: the earliest due check, or 30 s from when it was set.
  expect(alarm!.scheduledTime).toBeGreaterThanOrEqual(earliest);
  expect(alarm!.scheduledTime).toBeLessThanOrEqual(Math.max(earliest, Date.now() + 30_000));

  // Make one of them due now, as time would: the poll checks it and only it.
  const before = fake.lookups();
  await writeItem(worker, scheduleItem, {
    ...book,
    creators: book.creators.map((c) => (c.handle === 'due.now' ? { ...c, nextDue: Date.now() - 1000 } : { ...c, nextDue: Date.now() + 3_600_000 })),
  });
  await fireAlarm(worker, ALARMS.poll);
  await expect.poll(() => fake.lookups('due.now')).toBe(1);
  expect(fake.lookups() - before).toBe(1);
  // Once the cycle is over, the checked creator's next check is planned after this one.
  const bookedAfterCheck = async () => (await readItem(worker, scheduleItem)).creators.find((c) => c.handle === 'due.now')!;
  await expect.poll(async () => {
    const c = await bookedAfterCheck();
    return c.lastCheckAt !== null && c.nextDue! > c.lastCheckAt;
  }).toBe(true);
  const checked = await bookedAfterCheck();
  expect(checked.known).toBe('offline');

  // A restarted worker keeps the book and charges nothing that is not due.
  await fireAlarm(worker, ALARMS.poll, Date.now() + 3000);
  await stopServiceWorker(context, page);
  // The alarm wakes a new worker, which runs its cycle: nobody is due, so nothing is asked.
  const lastAttempt = async () => {
    try {
      return (await readItem(await serviceWorkerOf(context), pollStateItem)).lastAttemptAt ?? 0;
    } catch {
      return 0; // the old worker, gone meanwhile
    }
  };
  await expect.poll(lastAttempt, { timeout: 20_000 }).toBeGreaterThan(checked.lastCheckAt!);
  expect(fake.lookups() - before).toBe(1);
  const woken = await serviceWorkerOf(context);
  expect((await readItem(woken, scheduleItem)).creators.find((c) => c.handle === 'due.now')).toMatchObject({ lastCheckAt: checked.lastCheckAt });
});

test('smart checking never goes dark: after a day spent past the budget, every creator is still checked within hours', async ({ worker, fake, openExtensionPage }) => {
  fake.setProfile('kept.one', { kind: 'offline' });
  fake.setProfile('kept.two', { kind: 'offline' });
  const options = await openExtensionPage('options');
  await saveKey(options);
  await writeItem(worker, settingsItem, { ...DEFAULT_SETTINGS, checkMode: 'smart', creditsPerDay: 20 });
  await follow(options, 'kept.one');
  await follow(options, 'kept.two');
  await expect.poll(async () => (await readItem(worker, scheduleItem)).creators.length).toBe(2);

  // Yesterday a hidden page spent 29 credits on visits, more than the day's 20, and both were checked a minute ago.
  const now = Date.now();
  const yesterday = new Date(now - 86_400_000).toISOString().slice(0, 10);
  await writeItem(worker, creditLogItem, { [yesterday]: 29 });
  const book = await readItem(worker, scheduleItem);
  await writeItem(worker, scheduleItem, {
    ...book,
    day: yesterday,
    onPlan: 0,
    aimedPerDay: 20,
    creators: book.creators.map((c) => ({ ...c, known: 'offline' as const, lastCheckAt: now - 60_000, nextDue: now + 3_600_000 })),
  });
  await fireAlarm(worker, ALARMS.poll);

  // The new day's plan still checks both within the floor the options page states (half the budget, evenly: 4.8 h).
  await expect.poll(async () => (await readItem(worker, scheduleItem)).day).toBe(new Date(now).toISOString().slice(0, 10));
  const planned = await readItem(worker, scheduleItem);
  for (const c of planned.creators) expect(c.nextDue! - now).toBeLessThanOrEqual(5 * 3_600_000);
  // The alarm that fired is set again once the cycle it started is over: at the earliest of those checks.
  await expect.poll(async () => (await readAlarm(worker, ALARMS.poll))?.scheduledTime ?? Infinity).toBeLessThanOrEqual(now + 5 * 3_600_000);
  await options.reload();
  await expect(options.getByTestId('smart-floor')).toContainText(/at least every 4\.\d h/);
});
