import { budgetItem, settingsItem, tallyItem } from '@/lib/platform/storage';
import { askOk, readItem, writeItem } from './extension';
import { expect, saveKey, test } from './fixtures';

/**
 * One budget for the account, in Chromium with the production build: set from the balance and said so, weighed
 * against other budgets for the user's follows, and the balance in sight before checking stops.
 */
test('the budget the extension sets from a small balance, what other budgets buy, and the runway warned of in time', async ({ fake, worker, openExtensionPage }) => {
  fake.balance = 1000;
  const options = await openExtensionPage('options');
  await saveKey(options);
  for (const handle of ['alpha', 'beta', 'gamma']) await askOk(options, { type: 'follow', handle, follow: true });

  // 1,000 credits over 90 days: 300 a month, 10 a day, whatever the number of follows.
  await expect(options.getByRole('spinbutton', { name: /^Budget/ })).toHaveValue('300');
  await expect(options.getByTestId('budget-per-day')).toContainText('About 10 credits a day');
  const table = options.getByTestId('budget-tradeoffs');
  await expect(table).toContainText('What a budget buys for your 3 creators');
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row', { name: /^300/ })).toContainText('current');
  // The balance each budget leaves: 1,000 credits at 40 a day (1,200 a month) last 25 days.
  await expect(table.getByRole('row', { name: /^1,200/ })).toContainText('25 days');
  await table.getByRole('button', { name: 'Use 600 credits a month' }).click();
  await expect.poll(() => readItem(options, budgetItem)).toEqual({ creditsPerMonth: 600, chosen: 'user' });
  expect((await readItem(options, settingsItem)).creditsPerDay).toBe(20);
  await expect(options.getByTestId('budget-per-day')).toContainText('About 20 credits a day');
  // Another browser of the user's, on the same account, says through sync what it spent: the budget is shared.
  await writeItem(worker, tallyItem, { laptop: { day: new Date().toISOString().slice(0, 10), credits: 5, at: Date.now() } });
  await expect(options.getByTestId('budget-shared')).toContainText('Shared with 1 other browser of yours that checks with this account: this one plans about 10 credits a day');
  // Every kind of check counts, and the page says which took what.
  await expect(options.getByTestId('spending').getByRole('row', { name: /Profiles you visited/ })).toBeVisible();

  // The popup shows nothing of the money while the balance lasts weeks (1,000 at 20 a day: 50 days)…
  const popup = await openExtensionPage('popup');
  await expect(popup.getByTestId('creator-row')).toHaveCount(3);
  await expect(popup.getByTestId('runway')).toHaveCount(0);
  // …and, once it runs low, how long it lasts, while checking still runs; the toolbar warns too.
  fake.balance = 100;
  await askOk(options, { type: 'account' });
  await expect(popup.getByTestId('runway')).toContainText('lasts about 5 days');
  await expect(popup.getByTestId('runway')).toHaveClass(/warn/);
  await expect.poll(() => worker.evaluate(() => chrome.action.getTitle({}))).toContain('Credits run out in about 5 days');
  expect(await worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('!');
});
