import { ALARMS } from '@/lib/platform/alarms';
import { scheduleItem } from '@/lib/platform/schedule-store';
import { budgetItem, settingsItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import { legacyPerDay } from '@/lib/domain/budget';
import { askOk, readAlarm, readItem, writeItem } from './extension';
import { contentSettled } from './content-world';
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
  // The source agreed with the paid answer: graded once that answer came, after the report was weighed whole.
  await expect.poll(async () => (await readItem(worker, scheduleItem)).trust.list).toEqual([true]);
  // night_owl is marked too but not followed; quiet_maker is followed but not marked: neither costs a credit.
  expect(fake.lookups() - before).toBe(1);
  expect(fake.lookups('night_owl')).toBe(0);
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

test('a page whose LIVE markers keep contradicting the API stops being believed', async ({ worker, context, fake, openExtensionPage }) => {
  const liars = Array.from({ length: 12 }, (_, i) => `liar${i}`);
  for (const h of liars) fake.setProfile(h, { kind: 'offline' });
  fake.setProfile('sunny.cooks', { kind: 'live', roomId: 'room-true' });
  const options = await openExtensionPage('options');
  await saveKey(options);
  // 1,000 credits a day: the hour's cap on confirmations is at its most (20), above the 12 claims.
  await writeItem(worker, budgetItem, { creditsPerMonth: 30_000, chosen: 'user' });
  await writeItem(worker, settingsItem, { ...(await readItem(worker, settingsItem)), creditsPerDay: legacyPerDay(30_000) });
  await askOk(options, { type: 'importFollows', entries: [...liars, 'sunny.cooks'].map((handle) => ({ handle })) });
  const marked = (handles: string[]) =>
    `<!doctype html><ul>${handles.map((h) => `<li><a href="/@${h}"><span data-e2e="live-tag">LIVE</span></a></li>`).join('')}</ul>`;
  await context.route('https://www.tiktok.com/lies', (route) => route.fulfill({ contentType: 'text/html', body: marked(liars) }));
  await context.route('https://www.tiktok.com/truth', (route) => route.fulfill({ contentType: 'text/html', body: marked(['sunny.cooks']) }));
  const tab = await context.newPage();

  await tab.goto('https://www.tiktok.com/lies');
  // Each claim is checked once and found false.
  await expect.poll(() => liars.reduce((n, h) => n + fake.lookups(h), 0), { timeout: 10_000 }).toBe(liars.length);
  await expect.poll(async () => (await readItem(worker, scheduleItem)).trust.list).toEqual(liars.map(() => false));

  // Now the same source claims a creator who really is live: it is no longer believed, so nothing is spent on it. (A
  // distrusted source is still audited now and then, at random: the worker's draw is fixed here to one that does not.)
  await worker.evaluate(() => (Math.random = () => 0.99));
  await tab.goto('https://www.tiktok.com/truth');
  // The page's report is answered once the worker has weighed it, and paid for any check it believed.
  await contentSettled(tab, { answered: { signals: 1 } });
  expect(fake.lookups('sunny.cooks')).toBe(0);
  await options.reload();
  await expect(options.getByTestId('signal-sources')).toContainText('ignored until it agrees again (0 of the last 12 were right)');
});

