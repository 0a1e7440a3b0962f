import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { clickInBadge, contentSettled, readBadge, type BadgeSnapshot } from './content-world';
import { askOk } from './extension';
import { readmeShot } from './screenshots';
import { expect, saveKey, test } from './fixtures';

/** Waits until the badge shows what `want` says (read from the content script's world: its shadow root is closed). */
async function expectBadge(page: Page, want: Partial<BadgeSnapshot>) {
  await expect
    .poll(async () => {
      const snapshot = await readBadge(page);
      return snapshot && Object.fromEntries(Object.keys(want).map((k) => [k, snapshot[k as keyof BadgeSnapshot]]));
    })
    .toEqual(want);
  return (await readBadge(page))!;
}
const hosts = (page: Page) => page.locator('live-radar-badge');

test.describe('badge on TikTok profiles', () => {
  test('shows LIVE with viewers for a live creator, and links to the live page', async ({ context, fake, openExtensionPage }) => {
    fake.setProfile('sunny.cooks', { kind: 'live', viewerCount: 4210 });
    await saveKey(await openExtensionPage('options'));
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@sunny.cooks');
    const badge = await expectBadge(page, { state: 'live', handle: 'sunny.cooks' });
    expect(badge.text).toContain('LIVE');
    expect(badge.text).toContain('4.2K watching');
    expect(badge.link?.href).toBe('https://www.tiktok.com/@sunny.cooks/live');
    // Screen readers hear the result once it is known.
    expect(badge.announced).toMatch(/@sunny\.cooks is live, 4\.2K watching/);
    await expect(hosts(page)).toHaveCount(1);
    expect(fake.lookups('sunny.cooks')).toBe(1);
    await page.setViewportSize({ width: 900, height: 260 });
    await readmeShot(page, 'badge.png');
  });

  test('shows offline, not found, needs key and out of credits', async ({ context, fake, openExtensionPage }) => {
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@quiet_maker');
    const needsKey = await expectBadge(page, { state: 'needs_key' });
    // No extension URL in the page: the badge asks the background to open the settings.
    expect(needsKey.link).toBeNull();
    expect(fake.lookups()).toBe(0);
    for (const open of context.pages().filter((p) => p.url().endsWith('/options.html'))) await open.close();
    const optionsTab = context.waitForEvent('page', (p) => p.url().endsWith('/options.html'));
    await clickInBadge(page, '[data-action="options"]');
    await optionsTab;

    await saveKey(await openExtensionPage('options'));
    fake.setProfile('quiet_maker', { kind: 'offline' });
    await page.goto('https://www.tiktok.com/@quiet_maker');
    await expectBadge(page, { state: 'offline' });
    await page.goto('https://www.tiktok.com/@nobody.here');
    await expectBadge(page, { state: 'not_found' });

    fake.balance = 0;
    await page.goto('https://www.tiktok.com/@broke.creator');
    await expectBadge(page, { state: 'out_of_credits' });
  });

  test('follows SPA navigation: one badge, for the right profile, each time', async ({ context, fake, openExtensionPage }) => {
    fake.setProfile('alpha', { kind: 'live' });
    fake.setProfile('beta', { kind: 'offline' });
    fake.setProfile('gamma', { kind: 'live' });
    await saveKey(await openExtensionPage('options'));
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@alpha');
    await expectBadge(page, { handle: 'alpha', state: 'live' });

    for (const [handle, state] of [['beta', 'offline'], ['gamma', 'live']] as const) {
      await page.evaluate((h) => (window as unknown as { __spaNavigate(p: string): void }).__spaNavigate(`/@${h}`), handle);
      await expectBadge(page, { handle, state });
      await expect(hosts(page)).toHaveCount(1);
    }
    await page.goBack();
    await expectBadge(page, { handle: 'beta', state: 'offline' });
    await expect(hosts(page)).toHaveCount(1);
    // Back to beta inside the freshness window: served from the cache.
    expect(fake.lookups('beta')).toBe(1);

    await page.evaluate(() => (window as unknown as { __spaNavigate(p: string): void }).__spaNavigate('/@gamma/video/123'));
    await expect(hosts(page)).toHaveCount(0);
  });

  test('renders hostile API text as text and injects nothing into the page', async ({ context, fake, openExtensionPage }) => {
    fake.fault({ kind: 'hostile' });
    await saveKey(await openExtensionPage('options'));
    const page = await context.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => (dialogs++, d.dismiss()));
    await page.goto('https://www.tiktok.com/@evil');
    const badge = await expectBadge(page, { state: 'live' });
    expect(badge.link?.title).toBe('<img src=x onerror=alert(1)>');
    expect(badge.injected).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toBe(0);
  });

  test('TikTok styles do not leak into the badge, and the badge does not change the page', async ({ context, fake, openExtensionPage }) => {
    fake.setProfile('sunny.cooks', { kind: 'offline' });
    await saveKey(await openExtensionPage('options'));
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@sunny.cooks');
    const title = page.locator('[data-e2e="user-title"]');
    const before = await title.evaluate((el) => getComputedStyle(el).fontSize);
    // The fixture forces `font-size: 14px !important` on everything; the badge keeps its own 13px.
    await expectBadge(page, { state: 'offline', fontSize: '13px' });
    expect(await title.evaluate((el) => getComputedStyle(el).fontSize)).toBe(before);
  });

  test('falls back to a visible position when the usual anchors are missing', async ({ context, fake, openExtensionPage }) => {
    test.info().annotations.push({ type: 'fixture', description: 'profile-no-anchors.html' });
    fake.setProfile('anchorless', { kind: 'live' });
    await saveKey(await openExtensionPage('options'));
    await context.unroute(/^https:\/\/(www|m)\.tiktok\.com\//);
    await context.route(/^https:\/\/(www|m)\.tiktok\.com\//, (route) =>
      route.fulfill({ contentType: 'text/html', body: readFileSync('tests/fixtures/tiktok/profile-no-anchors.html', 'utf8') }),
    );
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@anchorless');
    await expectBadge(page, { state: 'live' });
    await expect(hosts(page)).toBeVisible();
  });

  test('"Notify me" on the badge follows the creator, and the popup and badge stay in step', async ({ context, fake, openExtensionPage }) => {
    fake.setProfile('sunny.cooks', { kind: 'live' });
    await saveKey(await openExtensionPage('options'));
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@sunny.cooks');
    await expectBadge(page, { state: 'live', pressed: 'false', toggleLabel: 'Live Radar: notify me when @sunny.cooks goes live' });
    await clickInBadge(page, '[data-action="toggle"]');
    await expectBadge(page, { pressed: 'true' });
    const popup = await openExtensionPage('popup');
    await expect(popup.getByTestId('creator-row')).toHaveAttribute('data-handle', 'sunny.cooks');
    await expect(popup.getByTestId('creator-row')).toHaveAttribute('data-status', 'live');

    // Muted from the popup, the badge says so; its button then turns notifications back on, not off.
    await popup.getByRole('button', { name: 'Mute notifications for @sunny.cooks' }).click();
    await expectBadge(page, { follow: 'muted', pressed: 'false' });
    await clickInBadge(page, '[data-action="toggle"]');
    await expectBadge(page, { follow: 'on', pressed: 'true' });
    await expect(popup.getByRole('button', { name: 'Mute notifications for @sunny.cooks' })).toBeVisible();

    // Unfollow from the popup: the background pushes the change to the open page, no reload.
    await popup.getByRole('button', { name: 'Remove @sunny.cooks' }).click();
    await expectBadge(page, { pressed: 'false' });
    expect(fake.lookups('sunny.cooks')).toBe(1);
  });

  test('pins: from the badge (following too) and from the popup, pinned creators lead their section', async ({ context, fake, openExtensionPage }) => {
    for (const handle of ['sunny.cooks', 'big.star', 'quiet_maker']) fake.setProfile(handle, { kind: handle === 'quiet_maker' ? 'offline' : 'live', viewerCount: handle === 'big.star' ? 9000 : 10 });
    const popup = await openExtensionPage('popup');
    await saveKey(popup);
    for (const handle of ['big.star', 'quiet_maker']) {
      await askOk(popup, { type: 'follow', handle, follow: true });
      await askOk(popup, { type: 'lookup', handle, reason: 'popup' });
    }
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@sunny.cooks');
    await expectBadge(page, { state: 'live', follow: 'off' });
    await clickInBadge(page, '[data-action="pin"]');
    await expectBadge(page, { follow: 'on', pinned: 'true' });

    const rows = popup.getByTestId('creator-row');
    await expect(rows).toHaveCount(3);
    // Pinned, sunny.cooks leads the live section although big.star has more viewers.
    await expect(rows.nth(0)).toHaveAttribute('data-handle', 'sunny.cooks');
    await expect(rows.nth(1)).toHaveAttribute('data-handle', 'big.star');
    await popup.getByRole('button', { name: 'Unpin @sunny.cooks' }).click();
    await expect(rows.nth(0)).toHaveAttribute('data-handle', 'big.star');
    await expectBadge(page, { pinned: 'false', follow: 'on' });
    await popup.getByRole('button', { name: 'Pin @big.star to the top' }).click();
    await expect(popup.getByRole('button', { name: 'Unpin @big.star' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('a poll result reaches the badge of an open page without a reload or a call', async ({ context, fake, openExtensionPage }) => {
    fake.setProfile('sunny.cooks', { kind: 'live' });
    const options = await openExtensionPage('options');
    await askOk(options, { type: 'follow', handle: 'sunny.cooks', follow: true });
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@sunny.cooks');
    await expectBadge(page, { state: 'needs_key', pressed: 'true' });

    // Saving the key starts a poll; its answer is pushed to the tab that shows this creator.
    await saveKey(options);
    await expectBadge(page, { state: 'live', pressed: 'true' });
    expect(fake.lookups()).toBe(1);
  });

  test('no badge and no lookup on feed, video and live discovery pages', async ({ context, fake, openExtensionPage }) => {
    await saveKey(await openExtensionPage('options'));
    const page = await context.newPage();
    for (const url of ['https://www.tiktok.com/', 'https://www.tiktok.com/@sunny.cooks/video/1', 'https://www.tiktok.com/live']) {
      await page.goto(url);
      await contentSettled(page);
      await expect(hosts(page)).toHaveCount(0);
    }
    expect(fake.lookups()).toBe(0);
  });
});

test.describe('badge settings and themes', () => {
  test.use({ tiktokPages: { '/': 'feed.html', '/@night': 'profile-dark.html' } });

  test('uses the dark style on TikTok’s dark theme', async ({ context, fake, openExtensionPage }) => {
    fake.setProfile('night', { kind: 'offline' });
    await saveKey(await openExtensionPage('options'));
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@night');
    await expectBadge(page, { state: 'offline', theme: 'dark' });
    await page.goto('https://www.tiktok.com/@day');
    await expectBadge(page, { theme: 'light' });
  });

  test('with "check profiles I visit" off, no profile gets a badge, followed or not, and visits cost nothing', async ({ context, fake, openExtensionPage }) => {
    fake.setProfile('followed.one', { kind: 'live' });
    const options = await openExtensionPage('options');
    await saveKey(options);
    await askOk(options, { type: 'lookup', handle: 'followed.one', reason: 'popup' });
    await askOk(options, { type: 'follow', handle: 'followed.one', follow: true });
    // The ceiling's words beside it are not the checkbox's: a click there changes nothing.
    await options.getByText('a minute', { exact: true }).click();
    await expect(options.getByLabel(/Check profiles I visit/)).toBeChecked();
    await options.getByLabel(/Check profiles I visit/).uncheck();
    const calls = fake.lookups();

    const page = await context.newPage();
    for (const handle of ['stranger', 'followed.one']) {
      await page.goto(`https://www.tiktok.com/@${handle}`);
      await contentSettled(page, { answered: { visit: 1 } });
      await expect(hosts(page)).toHaveCount(0);
    }
    expect(fake.lookups()).toBe(calls);
  });
});
