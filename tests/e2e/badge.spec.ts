import { expect, saveKey, test } from './fixtures';
import type { Page } from '@playwright/test';

const badge = (page: Page) => page.locator('live-radar-badge').locator('[data-testid="live-badge"]');

test.describe('badge on TikTok profiles', () => {
  test('shows LIVE with viewers for a live creator, and links to the live page', async ({ context, fake, openExtensionPage }) => {
    fake.setProfile('sunny.cooks', { kind: 'live', viewerCount: 4210 });
    await saveKey(await openExtensionPage('options'));
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@sunny.cooks');
    await expect(badge(page)).toHaveAttribute('data-state', 'live');
    await expect(badge(page)).toContainText('LIVE');
    await expect(badge(page)).toContainText('4.2K watching');
    await expect(badge(page).getByRole('link')).toHaveAttribute('href', 'https://www.tiktok.com/@sunny.cooks/live');
    await expect(page.locator('live-radar-badge')).toHaveCount(1);
    expect(fake.lookups('sunny.cooks')).toBe(1);
    await page.setViewportSize({ width: 900, height: 260 });
    await page.screenshot({ path: 'test-output/screenshots/badge.png' });
  });

  test('shows offline, not found, needs key and out of credits', async ({ context, fake, openExtensionPage }) => {
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@quiet_maker');
    await expect(badge(page)).toHaveAttribute('data-state', 'needs_key');
    await expect(badge(page).getByRole('link')).toHaveAttribute('href', /options\.html$/);
    expect(fake.lookups()).toBe(0);

    await saveKey(await openExtensionPage('options'));
    fake.setProfile('quiet_maker', { kind: 'offline' });
    await page.goto('https://www.tiktok.com/@quiet_maker');
    await expect(badge(page)).toHaveAttribute('data-state', 'offline');
    await page.goto('https://www.tiktok.com/@nobody.here');
    await expect(badge(page)).toHaveAttribute('data-state', 'not_found');

    fake.balance = 0;
    await page.goto('https://www.tiktok.com/@broke.creator');
    await expect(badge(page)).toHaveAttribute('data-state', 'out_of_credits');
  });

  test('follows SPA navigation: one badge, for the right profile, each time', async ({ context, fake, openExtensionPage }) => {
    fake.setProfile('alpha', { kind: 'live' });
    fake.setProfile('beta', { kind: 'offline' });
    fake.setProfile('gamma', { kind: 'live' });
    await saveKey(await openExtensionPage('options'));
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@alpha');
    await expect(badge(page)).toHaveAttribute('data-handle', 'alpha');

    for (const [handle, state] of [['beta', 'offline'], ['gamma', 'live']] as const) {
      await page.evaluate((h) => (window as unknown as { __spaNavigate(p: string): void }).__spaNavigate(`/@${h}`), handle);
      await expect(badge(page)).toHaveAttribute('data-handle', handle);
      await expect(badge(page)).toHaveAttribute('data-state', state);
      await expect(page.locator('live-radar-badge')).toHaveCount(1);
    }
    await page.goBack();
    await expect(badge(page)).toHaveAttribute('data-handle', 'beta');
    await expect(page.locator('live-radar-badge')).toHaveCount(1);
    // Back to beta inside the freshness window: served from the cache.
    expect(fake.lookups('beta')).toBe(1);

    await page.evaluate(() => (window as unknown as { __spaNavigate(p: string): void }).__spaNavigate('/@gamma/video/123'));
    await expect(page.locator('live-radar-badge')).toHaveCount(0);
  });

  test('renders hostile API text as text and injects nothing into the page', async ({ context, fake, openExtensionPage }) => {
    fake.fault({ kind: 'hostile' });
    await saveKey(await openExtensionPage('options'));
    const page = await context.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => (dialogs++, d.dismiss()));
    await page.goto('https://www.tiktok.com/@evil');
    await expect(badge(page)).toHaveAttribute('data-state', 'live');
    await expect(badge(page).getByRole('link')).toHaveAttribute('title', '<img src=x onerror=alert(1)>');
    expect(await page.locator('live-radar-badge').evaluate((host) => host.shadowRoot?.querySelectorAll('img, script').length)).toBe(0);
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
    await expect(badge(page)).toHaveAttribute('data-state', 'offline');
    // The fixture forces `font-size: 14px !important` on everything; the badge keeps its own 13px.
    expect(await badge(page).evaluate((el) => getComputedStyle(el).fontSize)).toBe('13px');
    expect(await title.evaluate((el) => getComputedStyle(el).fontSize)).toBe(before);
  });

  test('falls back to a visible position when the usual anchors are missing', async ({ context, fake, openExtensionPage }) => {
    test.info().annotations.push({ type: 'fixture', description: 'profile-no-anchors.html' });
    fake.setProfile('anchorless', { kind: 'live' });
    await saveKey(await openExtensionPage('options'));
    await context.unroute(/^https:\/\/(www|m)\.tiktok\.com\//);
    const { readFileSync } = await import('node:fs');
    await context.route(/^https:\/\/(www|m)\.tiktok\.com\//, (route) =>
      route.fulfill({ contentType: 'text/html', body: readFileSync('tests/fixtures/tiktok/profile-no-anchors.html', 'utf8') }),
    );
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@anchorless');
    await expect(badge(page)).toHaveAttribute('data-state', 'live');
    await expect(badge(page)).toBeVisible();
  });

  test('following from the badge shows in the popup', async ({ context, fake, openExtensionPage }) => {
    fake.setProfile('sunny.cooks', { kind: 'live' });
    await saveKey(await openExtensionPage('options'));
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@sunny.cooks');
    await badge(page).getByTestId('follow-toggle').click();
    await expect(badge(page).getByTestId('follow-toggle')).toHaveAttribute('aria-pressed', 'true');
    const popup = await openExtensionPage('popup');
    await expect(popup.getByTestId('creator-row')).toHaveAttribute('data-handle', 'sunny.cooks');
    await expect(popup.getByTestId('creator-row')).toHaveAttribute('data-status', 'live');

    // Unfollow from the popup: the badge on the open page follows without a reload.
    await popup.getByRole('button', { name: 'Remove @sunny.cooks' }).click();
    await expect(badge(page).getByTestId('follow-toggle')).toHaveAttribute('aria-pressed', 'false');
    expect(fake.lookups('sunny.cooks')).toBe(1);
  });

  test('no badge and no lookup on feed, video and live discovery pages', async ({ context, fake, openExtensionPage }) => {
    await saveKey(await openExtensionPage('options'));
    const page = await context.newPage();
    for (const url of ['https://www.tiktok.com/', 'https://www.tiktok.com/@sunny.cooks/video/1', 'https://www.tiktok.com/live']) {
      await page.goto(url);
      await page.waitForTimeout(300);
      await expect(page.locator('live-radar-badge')).toHaveCount(0);
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
    await expect(badge(page)).toHaveAttribute('data-state', 'offline');
    await expect(badge(page)).toHaveClass(/lr-dark/);
    await page.goto('https://www.tiktok.com/@day');
    await expect(badge(page)).toHaveClass(/lr-light/);
  });

  test('with "check profiles I visit" off, only followed creators get a badge and visits cost nothing', async ({ context, fake, openExtensionPage }) => {
    fake.setProfile('followed.one', { kind: 'live' });
    const options = await openExtensionPage('options');
    await saveKey(options);
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'lookup', handle: 'followed.one', reason: 'popup' }));
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'follow', handle: 'followed.one', follow: true }));
    await options.getByLabel(/Check profiles I visit/).uncheck();
    const calls = fake.lookups();

    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@stranger');
    await page.waitForTimeout(500);
    await expect(page.locator('live-radar-badge')).toHaveCount(0);
    await page.goto('https://www.tiktok.com/@followed.one');
    await expect(badge(page)).toHaveAttribute('data-state', 'live');
    expect(fake.lookups()).toBe(calls);
  });
});
