import { writeFileSync } from 'node:fs';
import type { TestInfo } from '@playwright/test';
import { cacheItem, keyStateItem, settingsItem } from '@/lib/platform/storage';
import { followSlots } from '@/lib/platform/follow-slots';
import { ask, askOk, readItem, readRawItem, writeRawItem } from './extension';
import { openExtensionPageIn } from './fixtures';
import { expect, KEPT, resetKey, rowHandles, test } from './catalogue';

// The catalogue's input cases (TESTING.md): handles at and past the limits, corrupted storage, bad import files.

test('handle of 64 characters is accepted, 65 refused with a reason', async ({ catalogue: { popup } }) => {
  const add = popup.getByLabel('Add a creator');
  await add.fill('a'.repeat(65));
  await add.press('Enter');
  await expect(popup.getByRole('alert').filter({ hasText: 'too long' })).toBeVisible();
  expect(await ask(popup, { type: 'lookup', handle: 'a'.repeat(65), reason: 'popup' })).toEqual({ ok: false, error: 'Malformed request.' });
  expect(await ask(popup, { type: 'lookup', handle: 'a'.repeat(64), reason: 'popup' })).toMatchObject({ ok: true });
});

test('unicode look-alike handles are refused, not folded', async ({ catalogue: { popup } }) => {
  const add = popup.getByLabel('Add a creator');
  await add.fill('kеep.one'); // Cyrillic "е"
  await add.press('Enter');
  await expect(popup.getByRole('alert').filter({ hasText: 'letters, digits' })).toBeVisible();
  expect(await ask(popup, { type: 'follow', handle: 'kеep.one', follow: true })).toMatchObject({ ok: false });
});

test('corrupted storage: settings, cache entry, key state and one follow entry', async ({ catalogue }) => {
  const { popup } = catalogue;
  await writeRawItem(popup, settingsItem, { v: 1, data: { pollMinutes: 'never' } });
  await writeRawItem(popup, cacheItem('keep.two'), { v: 1, data: { handle: 42 } });
  await writeRawItem(popup, keyStateItem, 'garbage');
  const chunk = followSlots.chunks.at(0);
  const stored = await readRawItem(popup, chunk);
  expect(stored).toEqual(expect.arrayContaining([expect.arrayContaining(['keep.one'])]));
  await writeRawItem(popup, chunk, [...(stored as unknown[]), { evil: '<script>alert(1)</script>' }, 'nonsense']);
  await popup.reload();
  await expect(popup.getByTestId('creator-row')).toHaveCount(KEPT.length);
  // The next change keeps the unreadable entries aside, and the popup says so.
  await askOk(popup, { type: 'setNotify', handle: 'keep.one', notify: true });
  await expect(popup.getByTestId('follows-set-aside')).toContainText('2 saved entries');
  // The damaged setting reads as its default, the others as written (a 0.1.0 value: fixed-interval checking), and the
  // key state as missing, which tells the user to add the key again; re-saving restores it.
  expect(await readItem(popup, settingsItem)).toEqual({ ...settingsItem.fallback, checkMode: 'fixed' });
  await expect(popup.getByTestId('status-banner')).toHaveAttribute('data-kind', 'missing');
  await resetKey(catalogue);
});

/** A file to import, written for this test. */
function importFile(testInfo: TestInfo, name: string, body: string) {
  const p = testInfo.outputPath(name);
  writeFileSync(p, body);
  return p;
}

test('bad import files change nothing', async ({ catalogue: { context, popup } }, testInfo) => {
  const options = await openExtensionPageIn(context, 'options');
  const file = (name: string, body: string) => importFile(testInfo, name, body);
  for (const [name, body, says] of [
    ['broken.json', '{"follows": [', 'cannot be read'],
    ['wrong-app.json', '{"app":"other","version":1,"exportedAt":"x","follows":[]}', 'not a Live Radar follow list'],
    ['future.json', '{"app":"live-radar","version":99,"exportedAt":"x","follows":["a"]}', 'newer version'],
    ['huge.json', JSON.stringify({ app: 'live-radar', version: 1, exportedAt: 'x', follows: Array.from({ length: 10_001 }, (_, i) => `c${i}`) }), '10001 creators'],
  ] as const) {
    await options.getByLabel('Import follow list').setInputFiles(file(name, body));
    await expect(options.getByTestId('import-error')).toContainText(says);
    await expect(options.getByTestId('import-error')).toContainText('Nothing was changed');
  }
  expect((await rowHandles(popup)).sort()).toEqual([...KEPT].sort());
  await options.close();
});

test('bad entries in an import are skipped with their reasons, the rest imported', async ({ catalogue: { context, popup } }, testInfo) => {
  const options = await openExtensionPageIn(context, 'options');
  const file = (name: string, body: string) => importFile(testInfo, name, body);
  const deep = `${'['.repeat(5000)}"x"${']'.repeat(5000)}`;
  await options.getByLabel('Import follow list').setInputFiles(
    file('mixed.json', `{"app":"live-radar","version":1,"exportedAt":"x","follows":["<script>",{"handle":"MS4wLjABAAAAxyz"},"keep.one",${deep},{"handle":"x","addedAt":1e20}]}`),
  );
  // Each entry answered on its own: the deeply nested one is skipped, not fatal; a date out of range counts from now.
  await options.getByRole('button', { name: 'Add 1 creator' }).click();
  await expect(options.getByTestId('import-report')).toContainText('Added 1 creator, skipped 4');
  await askOk(popup, { type: 'follow', handle: 'x', follow: false });
  await options.getByLabel('Import follow list').setInputFiles(file('page.html', '<html><body>not a list</body></html>'));
  await expect(options.getByTestId('import-report')).toContainText('Added 0 creators, skipped 1');
  await options.close();
});
