import { budgetItem, keyStateItem, pinsItem, settingsItem } from '@/lib/platform/storage';
import { followSlots } from '@/lib/platform/follow-slots';
import { askOk, cachedAnswer, followWithAnswers, readArea, readItem } from './extension';
import { expect, saveKey, test } from './fixtures';
import { readmeShot } from './screenshots';
import { VALID_KEY } from '../fake-socialfetch';

test.describe('options and popup', () => {
  test('first run opens the options page; an invalid key is refused, a valid one accepted', async ({ context }) => {
    const isOptions = (url: string) => url.endsWith('/options.html');
    await expect.poll(() => context.pages().some((p) => isOptions(p.url()))).toBe(true);
    const options = context.pages().find((p) => isOptions(p.url()))!;
    await expect(options.getByTestId('key-status')).toHaveAttribute('data-state', 'missing');

    const input = options.getByRole('textbox', { name: 'Social Fetch API key' });
    await expect(input).toHaveAttribute('type', 'password');
    await input.fill('sfk_not_a_real_key');
    await options.getByRole('button', { name: 'Save key' }).click();
    await expect(options.getByRole('alert')).toContainText('refused');
    await expect(options.getByTestId('key-status')).toHaveAttribute('data-state', 'missing');
    // Refused: the focus is back in the field to correct it.
    await expect(input).toBeFocused();

    await input.fill('no-prefix');
    await options.getByRole('button', { name: 'Save key' }).click();
    await expect(options.getByRole('alert')).toContainText('starts with "sfk_"');

    await input.fill(VALID_KEY);
    await options.getByRole('button', { name: 'Save key' }).click();
    await expect(options.getByTestId('key-status')).toHaveAttribute('data-state', 'valid');
    // Accepted: the Save button goes disabled, so the focus moves to what is now true of the key.
    await expect(options.getByTestId('key-status')).toBeFocused();
    await expect(options.getByTestId('account')).toContainText('test@example.com');
    await expect(options.getByTestId('account')).toContainText('10,000');
    await readmeShot(options, 'options.png', { fullPage: true });

    // Smart checking by default, on one budget a month the extension set from the balance (10,000 over 90 days) and
    // asks the user about. A value out of range gets a sentence a person can act on, keeps what was typed, and nothing
    // is saved.
    await expect(options.getByLabel(/^Smart/)).toBeChecked();
    const budget = options.getByRole('spinbutton', { name: /^Budget/ });
    await expect(budget).toHaveValue('3300');
    await expect(options.getByTestId('budget-per-day')).toContainText('About 110 credits a day');
    await expect(options.getByTestId('budget-default')).toContainText('set this budget from your balance (now 10,000 credits), to make it last 90 days');
    // 0.2.0, in another browser, reads the same budget: 110 a day, not its automatic 144 a follow.
    expect((await readItem(options, settingsItem)).creditsPerDay).toBe(110);
    await budget.fill('5');
    await budget.press('Tab');
    await expect(options.getByRole('alert')).toHaveText('A monthly budget is a whole number of credits from 300 to 216,000,000.');
    await expect(budget).toHaveValue('5');
    expect(await readItem(options, budgetItem)).toEqual({ creditsPerMonth: 3300, chosen: 'default' });
    await options.getByRole('button', { name: 'Keep this budget' }).click();
    await expect(options.getByTestId('budget-default')).toHaveCount(0);
    expect(await readItem(options, budgetItem)).toEqual({ creditsPerMonth: 3300, chosen: 'user' });
    await budget.fill('15000');
    await budget.press('Tab');
    await expect(options.getByTestId('checking-saved')).toBeVisible();
    await expect.poll(async () => (await readItem(options, settingsItem)).creditsPerDay).toBe(500);
    // At 500 a day the balance of 10000 lasts 20 days.
    await expect(options.getByTestId('runway')).toContainText('lasts about 20 days');

    // Fixed interval: the interval field and its cost.
    await options.getByLabel(/^Fixed interval/).check();
    await expect.poll(async () => (await readItem(options, settingsItem)).checkMode).toBe('fixed');
    const interval = options.getByRole('spinbutton', { name: /Check followed creators every/ });
    await interval.fill('5000');
    await interval.press('Tab');
    await expect(options.getByRole('alert')).toHaveText('Enter a number from 0.5 to 1440. Nothing was changed.');
  });

  test('"Forget my data" erases the key, follows, settings and cache after a confirmation', async ({ openExtensionPage, worker }) => {
    const options = await openExtensionPage('options');
    await saveKey(options);
    await askOk(options, { type: 'follow', handle: 'sunny.cooks', follow: true });
    await options.getByLabel(/Also check profiles I open in private windows/).check();
    await options.getByRole('button', { name: 'Forget my data…' }).click();
    // The first click only asks; Cancel keeps everything.
    await options.getByRole('button', { name: 'Cancel' }).click();
    expect(Object.keys(await readArea(worker, 'sync')).length).toBeGreaterThan(0);
    expect((await readItem(worker, keyStateItem)).state).toBe('valid');
    await options.getByRole('button', { name: 'Forget my data…' }).click();
    await options.getByRole('button', { name: 'Erase everything' }).click();
    await expect(options.getByRole('status').filter({ hasText: 'was erased' })).toBeVisible();
    await expect(options.getByTestId('key-status')).toHaveAttribute('data-state', 'missing');
    await expect(options.getByLabel(/Also check profiles I open in private windows/)).not.toBeChecked();
    const { index, meta, mirror } = followSlots;
    // In sync only the emptied follow list stays, with the removal other browsers need to drop it too.
    expect(await readArea(worker, 'sync')).toEqual({
      [index.key]: { v: 1, chunks: 0 },
      [meta.key]: { changed: [], removed: [['sunny.cooks', expect.any(Number)]] },
    });
    // Locally nothing but the key state (missing) and this browser's copy of the list, which the sync change may
    // have written again after the erase: if it is there, it holds no follow.
    const local = await readArea(worker, 'local');
    expect(Object.keys(local).filter((k) => k !== keyStateItem.key && k !== mirror.key)).toEqual([]);
    if (mirror.key in local) expect(local[mirror.key]).toMatchObject({ follows: [] });
    expect(await readItem(worker, keyStateItem)).toEqual({ state: 'missing' });
    expect(await readArea(worker, 'session')).toEqual({});
  });

  test('follow three creators from the popup, expand one and copy its HLS link', async ({ context, fake, worker, openExtensionPage }) => {
    fake.setProfile('sunny.cooks', { kind: 'live', displayName: 'Sunny Cooks 🍳', title: 'Dumplings from scratch 🥟', viewerCount: 4210, verified: true });
    fake.setProfile('quiet_maker', { kind: 'offline' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const popup = await openExtensionPage('popup');
    await saveKey(popup);

    const add = popup.getByLabel('Add a creator');
    await add.fill('not a handle!');
    await add.press('Enter');
    // The add form's own message (the missing-key banner may still be on its way out).
    await expect(popup.getByRole('alert').filter({ hasText: 'letters, digits' })).toBeVisible();
    // Before the press, what one more creator does: the budget stays, shared by one more.
    await add.fill('@quiet_maker');
    await expect(popup.getByTestId('follow-effect')).toContainText('Your budget stays 110 credits a day');
    await expect(add).toHaveAttribute('aria-describedby', 'add-effect');
    for (const handle of ['https://www.tiktok.com/@quiet_maker', '@Sunny.Cooks', 'nobody.here']) {
      await add.fill(handle);
      await add.press('Enter');
      await expect(add).toHaveValue('');
    }
    const rows = popup.getByTestId('creator-row');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toHaveAttribute('data-status', 'live');
    await expect(rows.nth(1)).toHaveAttribute('data-status', 'offline');
    await expect(rows.nth(2)).toHaveAttribute('data-status', 'not_found');
    await expect(rows.nth(0)).toContainText('4.2K watching');
    // Live as the user adds it: shown, not announced. Added again: said so, nothing sent.
    expect(await worker.evaluate(() => chrome.notifications.getAll())).toEqual({});
    await add.fill('sunny.cooks');
    await add.press('Enter');
    await expect(popup.getByRole('alert').filter({ hasText: 'Already followed' })).toBeVisible();
    // Readable sizes (Chrome's sheet for extension pages shrinks body text to 75 %), and one line per creator: the
    // name, the pill and "4.2K watching · for 25m" share a line, nothing wraps.
    const sizes = await rows.nth(0).evaluate((row) => ['.row-name', '.row-meta'].map((s) => getComputedStyle(row.querySelector(s)!).fontSize));
    expect(sizes).toEqual(['14px', '13px']);
    for (const part of ['.row-line', '.row-meta']) {
      const box = await rows.nth(0).locator(part).boundingBox();
      expect(box!.height, part).toBeLessThan(26);
    }

    await popup.getByRole('button', { name: 'Stream links for @sunny.cooks' }).click();
    // The link to use first, then every link by quality, HEVC said to be HEVC.
    await expect(popup.getByTestId('recommended-link')).toContainText('Original · HLS');
    await expect(popup.getByTestId('variant').last()).toContainText('HEVC: smaller');
    await expect(popup.getByRole('button', { name: /^Copy HLS link/ })).toHaveCount(3);
    await expect(popup.getByRole('button', { name: /^Copy CMAF link/ })).toHaveCount(1);
    await popup.getByRole('button', { name: 'Copy HLS link (720p)' }).click();
    await expect(popup.getByRole('button', { name: 'Copy HLS link (720p)' })).toContainText('Copied');
    const copied = await popup.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe('https://pull-hls-l1.tiktokcdn.com/stage/stream-sunny.cooks_hd/index.m3u8?expire=1764100000&sign=abc');
    expect(fake.lookups()).toBe(3);

    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.emulateMedia({ colorScheme: 'light' });
    await readmeShot(popup, 'popup-links.png');
    // Closing the panel leaves the focus on its toggle.
    const toggle = popup.getByRole('button', { name: 'Stream links for @sunny.cooks' });
    await toggle.click();
    await expect(toggle).toBeFocused();
    await expect(popup.getByTestId('variants')).toHaveCount(0);
    await toggle.blur();
    await popup.mouse.move(0, 599);
    await readmeShot(popup, 'popup-light.png');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await readmeShot(popup, 'popup-dark.png');
    expect(await popup.evaluate(() => document.documentElement.scrollWidth <= 380)).toBe(true);
  });

  test('a creator opens on its live when live, else on its profile; removed and brought back, it is pinned again', async ({ worker, fake, openExtensionPage }) => {
    fake.setProfile('sunny.cooks', { kind: 'live' });
    fake.setProfile('quiet_maker', { kind: 'offline' });
    const popup = await openExtensionPage('popup');
    await saveKey(popup);
    for (const handle of ['sunny.cooks', 'quiet_maker']) {
      await askOk(popup, { type: 'follow', handle, follow: true });
      await askOk(popup, { type: 'lookup', handle, reason: 'popup' });
    }
    await expect(popup.locator('[data-handle="quiet_maker"]')).toHaveAttribute('data-status', 'offline');
    const tabUrls = () => worker.evaluate(async () => (await chrome.tabs.query({})).map((tab) => tab.pendingUrl || tab.url));
    for (const [handle, url] of [['sunny.cooks', 'https://www.tiktok.com/@sunny.cooks/live'], ['quiet_maker', 'https://www.tiktok.com/@quiet_maker']]) {
      await popup.getByTitle(`Open @${handle} on TikTok`).click();
      await expect.poll(tabUrls).toContain(url);
    }

    await askOk(popup, { type: 'setPin', handle: 'quiet_maker', pinned: true });
    const row = popup.locator('[data-handle="quiet_maker"]');
    await expect(row.getByRole('img', { name: 'Pinned' })).toHaveCount(1);
    await row.hover();
    await popup.getByRole('button', { name: 'Remove @quiet_maker', exact: true }).click();
    await expect(row).toHaveCount(0);
    await popup.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(row.getByRole('img', { name: 'Pinned' })).toHaveCount(1);
    expect(await readItem(popup, pinsItem)).toEqual(['quiet_maker']);
  });

  test('a replaced key shows its own account, not the one before', async ({ fake, openExtensionPage }) => {
    const options = await openExtensionPage('options');
    await saveKey(options);
    await expect(options.getByText(/Signed in as Test User/)).toBeVisible();
    fake.validKeys.add('sfk_second_account_5678');
    await saveKey(options, 'sfk_second_account_5678');
    await expect(options.getByText(/Signed in as Other User/)).toBeVisible();
    await expect(options.getByText(/test@example\.com/)).toHaveCount(0);
  });

  test('with many follows a filter finds a creator as you type, and the not-live group folds away and stays folded', async ({ openExtensionPage }) => {
    const options = await openExtensionPage('options');
    await askOk(options, { type: 'importFollows', entries: Array.from({ length: 60 }, (_, i) => ({ handle: `creator${i}` })) });
    const popup = await openExtensionPage('popup');
    await expect(popup.getByTestId('creator-row')).toHaveCount(60);
    await popup.getByRole('searchbox', { name: 'Find a followed creator' }).fill('@CREATOR4');
    await expect(popup.getByTestId('creator-row')).toHaveCount(11);
    await popup.getByRole('searchbox', { name: 'Find a followed creator' }).fill('creator42');
    await expect(popup.getByTestId('creator-row')).toHaveAttribute('data-handle', 'creator42');
    await popup.getByRole('searchbox', { name: 'Find a followed creator' }).fill('');
    await popup.getByText('Not live (60)').click();
    await expect(popup.getByTestId('creator-row').first()).toBeHidden();
    await popup.reload();
    await expect(popup.getByText('Not live (60)')).toBeVisible();
    await expect(popup.getByTestId('creator-row').first()).toBeHidden();
  });

  test("a popup whose worker cannot answer paints the creators from the worker's copy", async ({ context, worker, openExtensionPage }) => {
    const options = await openExtensionPage('options');
    await followWithAnswers(options, worker, [cachedAnswer('sunny.cooks', 'Sunny', { viewers: 4210 }), cachedAnswer('quiet_maker', 'Quiet', null)]);
    // The worker copies its snapshot to session storage once the changes settle.
    await expect.poll(async () => JSON.stringify(await readArea(worker, 'session')).includes('quiet_maker'), { timeout: 5000 }).toBe(true);
    const popup = await context.newPage();
    // No message reaches the background: a worker still starting, or asleep.
    await popup.addInitScript(() => {
      type Api = { runtime?: { sendMessage: unknown } } | undefined;
      const scope = globalThis as unknown as { chrome?: Api; browser?: Api };
      for (const api of [scope.chrome, scope.browser]) if (api?.runtime) api.runtime.sendMessage = () => new Promise(() => {});
    });
    await popup.goto(new URL('popup.html', worker.url()).href);
    const rows = popup.getByTestId('creator-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('4.2K watching');
    await expect(rows.last()).toHaveAttribute('data-handle', 'quiet_maker');
  });

  test('a failed action says why, until the next action', async ({ openExtensionPage }) => {
    const options = await openExtensionPage('options');
    await askOk(options, { type: 'follow', handle: 'sunny.cooks', follow: true });
    await askOk(options, { type: 'setDemo', on: true });
    const popup = await openExtensionPage('popup');
    const failure = popup.locator('p.error[role="alert"]');
    // Demo mode's sample creators cannot be pinned: they are not stored.
    await popup.getByRole('button', { name: 'Pin @demo.gamer to the top' }).click();
    await expect(failure).toContainText('sample creators');
    await popup.getByRole('button', { name: 'Pin @sunny.cooks to the top' }).click();
    await expect(popup.getByRole('button', { name: /^Unpin @sunny\.cooks/ })).toBeVisible();
    await expect(failure).toHaveCount(0);
  });

  test('pinning a row from the keyboard keeps the focus on it as it moves to the top', async ({ openExtensionPage }) => {
    const options = await openExtensionPage('options');
    for (const handle of ['alpha', 'beta', 'gamma']) await askOk(options, { type: 'follow', handle, follow: true });
    const popup = await openExtensionPage('popup');
    await expect(popup.getByTestId('creator-row')).toHaveCount(3);
    await popup.getByRole('button', { name: 'Pin @gamma to the top' }).focus();
    await popup.keyboard.press('Enter');
    await expect(popup.getByTestId('creator-row').first()).toHaveAttribute('data-handle', 'gamma');
    await expect(popup.getByRole('button', { name: 'Unpin @gamma' })).toBeFocused();
  });

  test('a refresh while the browser is offline says so instead of doing nothing', async ({ openExtensionPage, worker }) => {
    const options = await openExtensionPage('options');
    await saveKey(options);
    await askOk(options, { type: 'follow', handle: 'sunny.cooks', follow: true });
    const popup = await openExtensionPage('popup');
    await worker.evaluate(() => Object.defineProperty(navigator, 'onLine', { get: () => false, configurable: true }));
    await popup.getByRole('button', { name: 'Refresh now' }).click();
    await expect(popup.locator('p.error[role="alert"]')).toContainText('You are offline');
  });

  test('a new user sees a helpful empty state and a missing-key banner', async ({ openExtensionPage }) => {
    const popup = await openExtensionPage('popup');
    await expect(popup.getByTestId('empty-state')).toBeVisible();
    await expect(popup.getByTestId('status-banner')).toHaveAttribute('data-kind', 'missing');
  });
});
