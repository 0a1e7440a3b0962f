import { ALARMS } from '@/lib/platform/alarms';
import { scheduleItem } from '@/lib/platform/schedule-store';
import { askOk, readAlarm, readItem } from './extension';
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
