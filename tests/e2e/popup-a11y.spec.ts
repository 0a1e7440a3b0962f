import { mkdirSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { inContentWorld } from './content-world';
import { keyStateItem } from '@/lib/platform/storage';
import { askOk, cachedAnswer, followWithAnswers, writeItem } from './extension';
import { expect, saveKey, test } from './fixtures';

/** Every axe finding of each page checked, by impact: TESTING.md quotes them. */
const findings: Record<string, string[]> = {};
test.afterAll(() => {
  mkdirSync('test-output', { recursive: true });
  writeFileSync('test-output/axe.json', `${JSON.stringify(findings, null, 2)}\n`);
});

/** Runs axe on `page` (or its part `include`), records what it found and returns the serious and critical ones. */
async function axe(page: Page, name: string, include?: string) {
  const builder = new AxeBuilder({ page });
  // Only the violations: the passes of 500 rows are most of axe's time.
  const { violations } = await (include ? builder.include(include) : builder).options({ resultTypes: ['violations'] }).analyze();
  findings[name] = violations.map((v) => `${v.impact}: ${v.id} (${v.nodes.length})`);
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} (${n.failureSummary?.split("\n").slice(1).join(" ")})`).slice(0, 3).join(", ")}`);
}

async function inBothThemes(page: Page, name: string, include?: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axe(page, `${name}, ${colorScheme}`, include), `${name}, ${colorScheme}`).toEqual([]);
  }
}

const creators = (n: number) =>
  Array.from({ length: n }, (_, i) => cachedAnswer(`creator.${i}`, `Creator ${i}`, i % 10 ? null : { viewers: 10_000 - i, title: `Stream number ${i} with a title long enough to be cut short` }));

test.describe('accessibility (axe: no serious or critical findings)', () => {
  test('the popup: empty, three creators, stream links open; the options page', async ({ fake, openExtensionPage }) => {
    fake.setProfile('sunny.cooks', { kind: 'live', displayName: 'Sunny Cooks', title: 'Dumplings', viewerCount: 4210 });
    fake.setProfile('quiet_maker', { kind: 'offline' });
    const popup = await openExtensionPage('popup');
    await popup.setViewportSize({ width: 380, height: 600 });
    await expect(popup.getByTestId('empty-state')).toBeVisible();
    await inBothThemes(popup, 'popup, empty');

    await saveKey(popup);
    for (const handle of ['sunny.cooks', 'quiet_maker', 'nobody.here']) {
      await askOk(popup, { type: 'follow', handle, follow: true });
      await askOk(popup, { type: 'lookup', handle, reason: 'popup' });
    }
    await expect(popup.getByTestId('creator-row')).toHaveCount(3);
    await inBothThemes(popup, 'popup, 3 creators');
    await popup.getByRole('button', { name: 'Stream links for @sunny.cooks' }).click();
    await expect(popup.getByTestId('recommended-link')).toBeVisible();
    await inBothThemes(popup, 'popup, stream links open');

    const options = await openExtensionPage('options');
    await inBothThemes(options, 'options');
  });

  test('the popup with 500 creators', async ({ openExtensionPage, worker }) => {
    // axe takes its time over 500 rows.
    test.setTimeout(180_000);
    const popup = await openExtensionPage('popup');
    await followWithAnswers(popup, worker, creators(500));
    await expect(popup.getByTestId('creator-row')).toHaveCount(500);
    await inBothThemes(popup, 'popup, 500 creators');
  });

  test('the badge, its markup and styles rendered where axe can reach them', async ({ context, fake, openExtensionPage }) => {
    fake.setProfile('sunny.cooks', { kind: 'live', viewerCount: 4210, title: 'Dumplings' });
    fake.setProfile('quiet_maker', { kind: 'offline' });
    const tiktok = await context.newPage();
    /** The badge as the user sees it on `handle`'s profile, copied into an open root of a plain test page. */
    const badgeMarkup = async (handle: string, state: string) => {
      await tiktok.goto(`https://www.tiktok.com/@${handle}`);
      await expect.poll(() => inContentWorld<string | null>(tiktok, `(() => {
        const host = document.querySelector('live-radar-badge');
        const badge = host && chrome.dom.openOrClosedShadowRoot(host).querySelector('[data-testid="live-badge"]');
        return badge && badge.getAttribute('data-state');
      })()`)).toBe(state);
      return inContentWorld<string>(tiktok, `chrome.dom.openOrClosedShadowRoot(document.querySelector('live-radar-badge')).innerHTML`);
    };
    const states: Record<string, string> = { 'needs a key': await badgeMarkup('sunny.cooks', 'needs_key') };
    await saveKey(await openExtensionPage('options'));
    states.live = await badgeMarkup('sunny.cooks', 'live');
    states.offline = await badgeMarkup('quiet_maker', 'offline');
    await askOk(await openExtensionPage('popup'), { type: 'follow', handle: 'quiet_maker', follow: true });
    states.notifying = await badgeMarkup('quiet_maker', 'offline');
    expect(states.notifying).toContain('data-follow="on"');

    const page = await context.newPage();
    for (const [name, markup] of Object.entries(states)) {
      await page.setContent('<!DOCTYPE html><html lang="en"><head><title>Badge</title></head><body><main><div id="host"></div></main></body></html>');
      await page.evaluate((html) => (document.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = html), markup);
      expect(await axe(page, `badge, ${name}`, '#host'), name).toEqual([]);
    }
  });
});

test.describe('keyboard', () => {
  test('500 creators: one tab stop for the list, arrows between rows, search, remove and undo without a mouse', async ({ context, openExtensionPage, worker }) => {
    const popup = await openExtensionPage('popup');
    // A working key, as a user with 500 follows has (no banner above the list; nothing is checked here).
    await writeItem(worker, keyStateItem, { state: 'valid' });
    await followWithAnswers(popup, worker, creators(500));
    await popup.reload();
    const rows = popup.getByTestId('creator-row');
    await expect(rows).toHaveCount(500);
    // A 600 px popup shows at least 8 whole rows below its header, add field and filter.
    await popup.setViewportSize({ width: 380, height: 600 });
    const whole = await rows.evaluateAll((all) => all.filter((r) => r.getBoundingClientRect().bottom <= innerHeight).length);
    expect(whole).toBeGreaterThanOrEqual(8);

    // Walk the whole page with Tab: the list is one stop (its active row's name and actions), not 1,500.
    const stops: string[] = [];
    for (let i = 0; i < 40; i++) {
      await popup.keyboard.press('Tab');
      const where = await popup.evaluate(() => {
        const el = document.activeElement;
        return !el || el === document.body ? null : `${el.closest('[data-handle]')?.getAttribute('data-handle') ?? ''} ${el.getAttribute('aria-label') ?? el.textContent?.trim()}`;
      });
      if (where === null || stops.includes(where)) break;
      stops.push(where);
    }
    expect(stops.length).toBeLessThan(15);
    const rowStops = stops.filter((s) => s.startsWith('creator.'));
    expect(new Set(rowStops.map((s) => s.split(' ')[0]))).toEqual(new Set(['creator.0']));

    // Arrows move between rows, Home and End to the ends; Enter opens the creator's live page.
    const name = (handle: string) => popup.locator(`[data-handle="${handle}"] .row-name`);
    await name('creator.0').focus();
    await popup.keyboard.press('ArrowDown');
    await expect(name('creator.10')).toBeFocused();
    await popup.keyboard.press('End');
    await expect(rows.last().locator('.row-name')).toBeFocused();
    await popup.keyboard.press('Home');
    await expect(name('creator.0')).toBeFocused();
    const opened = context.waitForEvent('request', (request) => request.url() === 'https://www.tiktok.com/@creator.0/live');
    await popup.keyboard.press('Enter');
    await opened;

    // Search finds one creator among 500 by its name.
    const filter = popup.getByRole('searchbox');
    await filter.fill('Creator 437');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-handle', 'creator.437');
    await filter.fill('');

    // Remove from the keyboard: focus lands on the row that took its place; Undo brings it back, focused again.
    await name('creator.10').focus();
    // Past the links, pin and bell buttons.
    for (let i = 0; i < 4; i++) await popup.keyboard.press('Tab');
    await expect(popup.getByRole('button', { name: 'Remove @creator.10', exact: true })).toBeFocused();
    await popup.keyboard.press('Enter');
    await expect(popup.getByTestId('undo-toast')).toContainText('Removed @creator.10.');
    await expect(popup.locator('[data-handle="creator.10"]')).toHaveCount(0);
    await expect(name('creator.20')).toBeFocused();
    await popup.getByRole('button', { name: 'Undo', exact: true }).press('Enter');
    await expect(name('creator.10')).toBeFocused();
    await expect(popup.getByTestId('undo-toast')).toHaveCount(0);
    await expect(rows).toHaveCount(500);
  });
});
