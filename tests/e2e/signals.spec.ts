import { ALARMS } from '@/lib/platform/alarms';
import { scheduleItem } from '@/lib/platform/schedule-store';
import { DEFAULT_SETTINGS, settingsItem } from '@/lib/platform/storage';
import { askOk, readAlarm, readItem, writeItem } from './extension';
import { expect, saveKey, test } from './fixtures';

/**
 * Free signals in Chromium with the production build: the user's own TikTok tab shows a followed creator LIVE in its
 * sidebar (tests/fixtures/tiktok/feed-live-sidebar.html), and the alert follows within seconds for one paid check.
 */
test.use({ tiktokPages: { '/': 'feed-live-sidebar.html' } });

test('a sidebar marking a followed creator LIVE leads to exactly one lookup and one notification within seconds', async ({ context, worker, fake, openExtensionPage }) => {
  fake.setProfile('sunny.cooks', { kind: 'live', displayName: 'Sunny', roomId: 'room-sidebar' });
  fake.setProfile('quiet_maker', { kind: 'offline' });
  const options = await openExtensionPage('options');
  await saveKey(options);
  await askOk(options, { type: 'follow', handle: 'sunny.cooks', follow: true });
  await askOk(options, { type: 'follow', handle: 'quiet_maker', follow: true });
  // Smart checking has scheduled both minutes away: only the tab's signal can make this fast.
  await expect.poll(async () => (await readItem(worker, scheduleItem)).creators.length).toBe(2);
  expect((await readAlarm(worker, ALARMS.poll))!.scheduledTime).toBeGreaterThan(Date.now() + 20_000);
  const before = fake.lookups();

  const tab = await context.newPage();
  await tab.goto('https://www.tiktok.com/foryou');
  await expect.poll(() => fake.lookups('sunny.cooks'), { timeout: 10_000 }).toBe(1);
  await expect.poll(() => worker.evaluate(() => chrome.notifications.getAll()).then(Object.keys)).toEqual([expect.stringContaining('sunny.cooks')]);
  // night_owl is marked too but not followed; quiet_maker is followed but not marked: neither costs a credit.
  await tab.waitForTimeout(3000);
  expect(fake.lookups() - before).toBe(1);
  expect(fake.lookups('night_owl')).toBe(0);
  // The source agreed with the paid answer.
  expect((await readItem(worker, scheduleItem)).trust.list).toEqual([true]);
});

test.describe('a followed creator’s own profile', () => {
  test.use({ tiktokPages: { '/': 'feed.html' } });

  test('without a live marker costs no credit and moves that creator’s next check later', async ({ worker, context, fake, openExtensionPage }) => {
    fake.setProfile('quiet_maker', { kind: 'offline' });
    const options = await openExtensionPage('options');
    // Visits off: opening the profile spends nothing by itself.
    await writeItem(worker, settingsItem, { ...DEFAULT_SETTINGS, checkVisitedProfiles: false });
    await askOk(options, { type: 'follow', handle: 'quiet_maker', follow: true });
    await saveKey(options);
    // The new key checked everyone once: quiet_maker is known offline.
    await expect.poll(async () => (await readItem(worker, scheduleItem)).creators[0]?.known).toBe('offline');
    // Its next check is a minute away. (Random audits of agreeing signals are switched off for this test.)
    await worker.evaluate(() => (Math.random = () => 0.99));
    const book = await readItem(worker, scheduleItem);
    const due = Date.now() + 60_000;
    await writeItem(worker, scheduleItem, { ...book, creators: book.creators.map((c) => ({ ...c, nextDue: due })) });
    const before = fake.lookups();

    const tab = await context.newPage();
    await tab.goto('https://www.tiktok.com/@quiet_maker');
    await expect.poll(async () => (await readItem(worker, scheduleItem)).creators[0]!.nextDue!, { timeout: 10_000 }).toBeGreaterThan(due + 60_000);
    expect(fake.lookups()).toBe(before);
  });
});
