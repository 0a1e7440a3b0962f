import type { Locator } from '@playwright/test';
import { cachedAnswer, followWithAnswers } from './extension';
import { expect, saveKey, test } from './fixtures';

/**
 * What the popup looks like, read from the browser's computed styles and boxes (inlined stylesheets decide ties by
 * their order, so only the rendered page tells): names are names, secondary text is readable, targets are big enough,
 * and a row's actions cover none of its facts.
 */

const box = async (locator: Locator) => (await locator.boundingBox())!;
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('popup rows: plain names, text of 13 px or more, 24 px targets, actions that cover no fact, Escape closing the links', async ({ worker, openExtensionPage }) => {
  const popup = await openExtensionPage('popup');
  await saveKey(popup);
  const answers = [
    cachedAnswer('sunny.cooks', 'Sunny', { viewers: 12_345, title: 'Dumplings from scratch, the whole afternoon, with every fold explained twice' }),
    ...Array.from({ length: 9 }, (_, i) => cachedAnswer(`quiet.${i}`, `Quiet ${i}`, null)),
  ];
  await followWithAnswers(popup, worker, answers);
  await popup.reload();
  const row = popup.locator('[data-testid="creator-row"][data-status="live"]');
  await expect(row).toHaveCount(1);

  // The name is the page's text colour, not underlined, as tall as a target.
  const name = row.locator('button.row-name');
  const [nameStyle, bodyColor] = await Promise.all([
    name.evaluate((el) => ({ color: getComputedStyle(el).color, decoration: getComputedStyle(el).textDecorationLine })),
    popup.evaluate(() => getComputedStyle(document.body).color),
  ]);
  expect(nameStyle).toEqual({ color: bodyColor, decoration: 'none' });
  expect((await box(name)).height).toBeGreaterThanOrEqual(24);

  // Secondary text: 13 px or more.
  for (const selector of ['.row-meta', '.row-sub', '.live-pill', '.summary', '.others > summary']) {
    const sizes = await popup.locator(selector).evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
    expect(sizes.length, selector).toBeGreaterThan(0);
    for (const size of sizes) expect(size, selector).toBeGreaterThanOrEqual(13);
  }

  // The filter field looks like the other fields.
  const filter = popup.getByRole('searchbox');
  expect(await filter.evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe('8px');
  expect((await box(filter)).height).toBeGreaterThanOrEqual(30);

  // Hovered, the row shows its actions: each a 24 px target, none over the name, the figures or the title.
  await row.hover();
  const actions = row.locator('.row-actions');
  await expect(actions).toHaveCSS('opacity', '1');
  const buttons = actions.getByRole('button');
  for (let i = 0; i < (await buttons.count()); i++) {
    const b = await box(buttons.nth(i));
    expect(Math.min(b.width, b.height)).toBeGreaterThanOrEqual(24);
  }
  const actionsBox = await box(actions);
  for (const fact of [row.locator('.row-meta'), row.locator('.row-sub .title'), name]) expect(overlaps(await box(fact), actionsBox), JSON.stringify([await box(fact), actionsBox])).toBe(false);
  // With the keyboard's focus in the row the title wraps whole, and still clear of the actions.
  await name.focus();
  await expect(row.locator('.row-sub .title')).toHaveCSS('white-space', 'normal');
  expect(overlaps(await box(row.locator('.row-sub .title')), await box(actions))).toBe(false);
  await name.blur();

  // Escape closes the stream links and gives the focus back to their button.
  const linksButton = row.getByRole('button', { name: 'Stream links for @sunny.cooks' });
  await linksButton.click();
  await expect(row.getByTestId('variants')).toBeVisible();
  await popup.keyboard.press('Escape');
  await expect(row.getByTestId('variants')).toHaveCount(0);
  await expect(linksButton).toBeFocused();
});
