import AxeBuilder from '@axe-core/playwright';
import { offerItem } from '@/lib/platform/worker-items';
import { scheduleItem } from '@/lib/platform/schedule-store';
import { clickInClosedRoot, contentSettled, inContentWorld } from './content-world';
import { readItem } from './extension';
import { closePicker, picker } from './picker';
import { expect, saveKey, test } from './fixtures';

const OFFER = 'live-radar-offer';

test.use({ tiktokPages: { '/': 'feed.html', '/@sunny.cooks': 'following-dialog.html' } });

test('add 30 creators from TikTok’s Following dialog: chosen in the picker, one import, no call', async ({ context, fake, openExtensionPage }) => {
  const options = await openExtensionPage('options');
  await saveKey(options);
  const tiktok = await context.newPage();
  await tiktok.goto('https://www.tiktok.com/@sunny.cooks');
  // One offer per list: the dialog and the sidebar.
  await expect(tiktok.locator(OFFER)).toHaveCount(2);
  await clickInClosedRoot(tiktok, `[data-e2e="follow-info-popup"] ${OFFER}`, 'button');

  const pick = await picker(context);
  await expect(pick.getByText('TikTok’s Following list shows 30 accounts so far.')).toBeVisible();
  await expect(pick.getByRole('checkbox')).toHaveCount(30);
  const { violations } = await new AxeBuilder({ page: pick }).options({ resultTypes: ['violations'] }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await expect(pick.getByTestId('picker-count')).toHaveText('0 selected (at most 200 at once)');
  await pick.getByRole('button', { name: 'Select all' }).click();
  await expect(pick.getByTestId('picker-count')).toHaveText('30 selected (at most 200 at once)');
  // Smart checking keeps to the account's budget: the 30 share it, and the picker says what that does to the alerts.
  await expect(pick.getByTestId('picker-cost')).toContainText(/Your budget stays [\d,]+ credits a day: alerts for your 30 creators come after about [\d.,]+ min/);
  // The cost and Add stay in view of the picker's window (440 × 680 with the browser's frame), below a list of 30.
  await pick.setViewportSize({ width: 440, height: 600 });
  await expect(pick.getByTestId('picker-cost')).toBeInViewport();
  await expect(pick.getByRole('button', { name: 'Add 30 creators' })).toBeInViewport();
  // The profile's own badge made its one call; the import makes none.
  await expect.poll(() => fake.lookups('sunny.cooks')).toBe(1);
  const calls = fake.lookups();
  await pick.getByRole('button', { name: 'Add 30 creators' }).click();
  // The same per-entry report as a file import: the two entries that are no TikTok profile are named.
  await expect(pick.getByTestId('import-report')).toContainText('Added 30 creators');
  await expect(pick.getByTestId('import-report')).toContainText('https://evil.example/@friend.99');
  // The Add button is gone: the focus is on what it did, which a screen reader reads out.
  await expect(pick.getByTestId('picker-result')).toBeFocused();

  const popup = await openExtensionPage('popup');
  await expect(popup.getByTestId('creator-row')).toHaveCount(30);
  // The import's last step: the 30 join the schedule (each first check spread over the next minutes), none made now.
  await expect.poll(async () => (await readItem(popup, scheduleItem)).creators.length).toBe(30);
  expect(fake.lookups() - calls).toBe(0);

  // Offered again, the same list shows them as followed and adds nothing more.
  await closePicker(pick);
  await clickInClosedRoot(tiktok, `[data-e2e="follow-info-popup"] ${OFFER}`, 'button');
  const again = await picker(context);
  await expect(again.getByText('already followed')).toHaveCount(30);
  await expect(again.getByRole('button', { name: 'Select all' })).toBeEnabled();
  await again.getByRole('button', { name: 'Select all' }).click();
  await expect(again.getByTestId('picker-count')).toHaveText('0 selected (at most 200 at once)');
});

test('a page script cannot open the picker nor add anyone', async ({ context, worker }) => {
  const tiktok = await context.newPage();
  await tiktok.goto('https://www.tiktok.com/@sunny.cooks');
  await expect(tiktok.locator(OFFER)).toHaveCount(2);
  // What the page can do: click the host, dispatch events at it, look inside (the root is closed).
  const seen = await tiktok.evaluate((tag) => {
    const hosts = [...document.querySelectorAll<HTMLElement>(tag)];
    for (const host of hosts) {
      host.click();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    }
    return hosts.map((h) => h.shadowRoot);
  }, OFFER);
  expect(seen).toEqual([null, null]);
  // Even a script click on the button itself (made here from inside the content script's world) is not the user's.
  await inContentWorld(tiktok, `chrome.dom.openOrClosedShadowRoot(document.querySelector('${OFFER}')).querySelector('button').click()`);
  await contentSettled(tiktok);
  expect(context.pages().filter((p) => p.url().includes('/picker.html'))).toEqual([]);
  expect(await readItem(worker, offerItem)).toBeNull();
});

test('after an update of the extension, an open tab’s badge and list buttons go at the next click instead of failing', async ({ context, fake, worker, openExtensionPage }) => {
  fake.setProfile('sunny.cooks', { kind: 'live' });
  await saveKey(await openExtensionPage('options'));
  const tiktok = await context.newPage();
  await tiktok.goto('https://www.tiktok.com/@sunny.cooks');
  await expect(tiktok.locator(OFFER)).toHaveCount(2);
  await expect(tiktok.locator('live-radar-badge')).toHaveCount(1);
  // What an update does to the tabs already open: the extension restarts, and their content script is cut off.
  await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => undefined);
  await expect(tiktok.locator(OFFER)).toHaveCount(2);
  await tiktok.mouse.click(5, 5);
  await expect(tiktok.locator(OFFER)).toHaveCount(0);
  await expect(tiktok.locator('live-radar-badge')).toHaveCount(0);
});

test('the list button says why when the background refuses it, on the button and to a screen reader', async ({ context }) => {
  const tiktok = await context.newPage();
  await tiktok.goto('https://www.tiktok.com/@sunny.cooks');
  await expect(tiktok.locator(OFFER)).toHaveCount(2);
  const host = `[data-e2e="follow-info-popup"] ${OFFER}`;
  // Three pickers a minute from TikTok pages; the fourth is refused.
  for (let i = 0; i < 3; i++) {
    await clickInClosedRoot(tiktok, host, 'button');
    await expect.poll(() => context.pages().filter((p) => p.url().includes('/picker.html')).length).toBe(i + 1);
  }
  await clickInClosedRoot(tiktok, host, 'button');
  const inside = (selector: string) =>
    inContentWorld<string>(tiktok, `chrome.dom.openOrClosedShadowRoot(document.querySelector('${host}')).querySelector('${selector}').textContent`);
  await expect.poll(() => inside('button')).toContain('Too many requests');
  await expect.poll(() => inside('[role="status"]')).toContain('Too many requests');
});
