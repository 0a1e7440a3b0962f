import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { exportFollows } from '@/lib/domain/import-format';
import type { Request } from '@/lib/platform/messages';
import { followSlots } from '@/lib/platform/follow-slots';
import { inContentWorld } from './content-world';
import { askOk, importAll, readArea, syncBytesInUse } from './extension';
import { expect, launchWithExtension, saveKey, serviceWorkerOf, test } from './fixtures';

// The follow list across pages and browsers: export and import, sync of a large list, writers racing each other.

test('export, then import into a fresh profile gives the same list; a bad file changes nothing', async ({ fake, openExtensionPage }, testInfo) => {
  const options = await openExtensionPage('options');
  await saveKey(options);
  for (const handle of ['alpha', 'beta.two', 'gamma_3']) await askOk(options, { type: 'follow', handle, follow: true });
  await askOk(options, { type: 'setPin', handle: 'gamma_3', pinned: true });
  const download = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Export follow list' }).click();
  const file = testInfo.outputPath('follows.json');
  await (await download).saveAs(file);

  // A fresh browser profile with the extension: import the file there.
  const fresh = await launchWithExtension(fake);
  try {
    const id = new URL((await serviceWorkerOf(fresh)).url()).host;
    const page = await fresh.newPage();
    await page.goto(`chrome-extension://${id}/options.html`);
    const bad = testInfo.outputPath('bad.json');
    writeFileSync(bad, '{"app":"something-else","follows":[1,2,3]}');
    await page.getByLabel('Import follow list').setInputFiles(bad);
    await expect(page.getByTestId('import-error')).toContainText('Nothing was changed');
    await page.getByLabel('Import follow list').setInputFiles(file);
    // Nothing is added before the user says so, with what the three do to the alerts.
    await expect(page.getByTestId('import-confirm')).toContainText('3 of them would be added');
    await expect(page.getByTestId('import-confirm')).toContainText('Your budget stays');
    await page.getByRole('button', { name: 'Add 3 creators' }).click();
    await expect(page.getByTestId('import-report')).toContainText('Added 3 creators');

    const popup = await fresh.newPage();
    await popup.goto(`chrome-extension://${id}/popup.html`);
    await expect(popup.getByTestId('creator-row')).toHaveCount(3);
    const handles = await popup.getByTestId('creator-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-handle')).sort());
    expect(handles).toEqual(['alpha', 'beta.two', 'gamma_3']);
    // The pin came along: gamma_3 leads the list.
    await expect(popup.getByTestId('creator-row').first()).toHaveAttribute('data-handle', 'gamma_3');
    await expect(popup.getByRole('button', { name: 'Unpin @gamma_3' })).toBeVisible();

    // Importing the same file again adds nothing and says why.
    await page.getByLabel('Import follow list').setInputFiles(file);
    await expect(page.getByTestId('import-report')).toContainText('Already followed');
    await expect(popup.getByTestId('creator-row')).toHaveCount(3);
  } finally {
    await fresh.close();
  }
});

test('300 follows imported with their dates from another browser stay in sync, not on this computer only', async ({ openExtensionPage, worker }, testInfo) => {
  const options = await openExtensionPage('options');
  // Followed months ago elsewhere: each follow carries a stamp the other browsers need, 300 of them.
  const since = Date.now() - 200 * 86_400_000;
  const follows = Array.from({ length: 300 }, (_, i) => ({ handle: `creator_number_${i}`, addedAt: since + i, notify: true }));
  const file = testInfo.outputPath('follows-300.json');
  writeFileSync(file, exportFollows(follows, new Set(), Date.now()));
  // One import adds at most 200 new creators, after a confirmation; the file imported again adds the rest.
  await options.getByLabel('Import follow list').setInputFiles(file);
  await expect(options.getByTestId('import-confirm')).toContainText('This file lists 300 entries; 200 of them would be added');
  await options.getByRole('button', { name: 'Add 200 creators' }).click();
  await expect(options.getByTestId('import-report')).toContainText('Added 200 creators, skipped 100');
  await expect(options.getByTestId('import-report')).toContainText('one import adds at most 200 new creators');
  await options.getByLabel('Import follow list').setInputFiles(file);
  await options.getByRole('button', { name: 'Add 100 creators' }).click();
  await expect(options.getByTestId('import-report')).toContainText('Added 100 creators, skipped 200');

  const popup = await openExtensionPage('popup');
  await expect(popup.getByTestId('creator-row').first()).toBeVisible();
  await expect(popup.getByText('kept on this computer only')).toHaveCount(0);
  const sync = await readArea(worker, 'sync');
  const { index, chunks } = followSlots;
  const { chunks: count } = sync[index.key] as { chunks: number };
  expect(Array.from({ length: count }, (_, i) => sync[chunks.at(i).key] as unknown[]).flat()).toHaveLength(300);
});

test('51 follows sent at once from the popup, the options page and a badge, racing an import: all stored, and the import reports what it added', async ({ context, openExtensionPage }) => {
  const [popup, options] = [await openExtensionPage('popup'), await openExtensionPage('options')];
  const tab = await context.newPage();
  await tab.goto('https://www.tiktok.com/@racer.page');
  await expect.poll(() => inContentWorld<boolean>(tab, 'true').catch(() => false)).toBe(true);

  const followAll = (page: Page, handles: string[]) => Promise.all(handles.map((handle) => askOk(page, { type: 'follow', handle, follow: true })));
  const handles = Array.from({ length: 50 }, (_, i) => `racer${i}`);
  // The badge's share, sent from the content script's own world: its button follows the profile its tab shows.
  const fromBadge: Request = { type: 'follow', handle: 'racer.page', follow: true };
  const [, , badgeAnswer, report] = await Promise.all([
    followAll(popup, handles.slice(0, 25)),
    followAll(options, handles.slice(25)),
    inContentWorld<{ ok: boolean }>(tab, `chrome.runtime.sendMessage(${JSON.stringify(fromBadge)})`),
    askOk(options, { type: 'importFollows', entries: [...Array.from({ length: 20 }, (_, i) => ({ handle: `imported${i}` })), { handle: 'racer3' }] }),
  ]);
  expect(badgeAnswer.ok).toBe(true);
  await expect(popup.getByTestId('creator-row')).toHaveCount(71);
  const rows = await popup.getByTestId('creator-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-handle')));
  for (const handle of [...handles, 'racer.page', ...report.added]) expect(rows).toContain(handle);
  expect(report.added.filter((h) => h.startsWith('imported'))).toHaveLength(20);
});

test('the follow list stays in sync whatever its handles’ length: each chunk under Chrome’s own count of an item', async ({ openExtensionPage, worker }) => {
  test.setTimeout(120_000);
  const options = await openExtensionPage('options');
  const { index, chunks, inLocal } = followSlots;
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  // The i-th handle of `length` characters: distinct, valid, as short as TikTok allows (2) up to its longest (24).
  const handle = (i: number, length: number) => `${alphabet[Math.floor(i / 36) % 36]}${alphabet[i % 36]}${'x'.repeat(length - 2)}${length > 4 ? i : ''}`.slice(0, Math.max(length, 2));
  for (const length of [2, 4, 8, 24]) {
    for (const count of [300, 1000]) {
      await askOk(options, { type: 'forgetData' });
      const entries = Array.from({ length: count }, (_, i) => ({ handle: handle(i, length) }));
      const { added } = await importAll(options, entries);
      expect(added, `${count} × ${length}`).toHaveLength(count);
      const sync = await readArea(worker, 'sync');
      expect((await readArea(worker, 'local'))[inLocal.key], `${count} × ${length}: kept on this computer only`).toBeUndefined();
      const { chunks: n } = sync[index.key] as { chunks: number };
      expect(Array.from({ length: n }, (_, i) => sync[chunks.at(i).key] as unknown[]).flat(), `${count} × ${length}`).toHaveLength(count);
      // Chrome's own count of each item, which refuses one over 8,192 bytes: with room to spare.
      const sizes = await syncBytesInUse(worker, Array.from({ length: n }, (_, i) => chunks.at(i).key));
      for (const size of sizes) expect(size, `${count} × ${length}`).toBeLessThan(7800);
    }
  }
});
