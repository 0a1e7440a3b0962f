import { readdirSync, readFileSync } from 'node:fs';
import { readBadge } from './content-world';
import { askOk } from './extension';
import { EXTENSION_DIR, expect, test } from './fixtures';

/** The shipped builds: Chrome's, and Firefox's beside it. */
const FIREFOX_DIR = EXTENSION_DIR.replace('chrome-mv3', 'firefox-mv2');
const SHIPPED = [EXTENSION_DIR, FIREFOX_DIR];

test('demo mode works without a key and sends nothing over the network', async ({ context, fake, worker, openExtensionPage }) => {
  const outside: string[] = [];
  context.on('request', (request) => {
    if (/^https?:/.test(request.url())) outside.push(request.url());
  });
  const popup = await openExtensionPage('popup');
  await popup.getByRole('button', { name: 'Try demo mode' }).click();

  await expect(popup.getByTestId('status-banner')).toHaveAttribute('data-kind', 'demo');
  await expect(popup.getByText('DEMO').first()).toBeVisible();
  const rows = popup.getByTestId('creator-row');
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toHaveAttribute('data-status', 'live');
  await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toMatch(/^[1-9]$/);
  expect(await worker.evaluate(() => chrome.action.getTitle({}))).toContain('DEMO');

  // The links panel can be tried before buying credits: sample links, said to be samples, on a name that never resolves.
  await rows.first().getByRole('button', { name: /^Stream links for/ }).click();
  const panel = rows.first().getByTestId('variants');
  await expect(panel).toContainText('Sample links (demo mode)');
  await expect(panel.getByTestId('recommended-link')).toContainText('Original · HLS');
  await expect(panel.getByTestId('variant')).toHaveCount(3);
  await popup.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await panel.getByRole('button', { name: 'Copy all links as a list' }).click();
  const copied = await popup.evaluate(() => navigator.clipboard.readText());
  expect(copied.split('\n')).toHaveLength(6);
  expect(copied).toMatch(/^Original · HLS · https:\/\/demo\.invalid\//);

  const page = await context.newPage();
  outside.length = 0;
  await page.goto('https://www.tiktok.com/@demo.chef');
  await expect.poll(async () => (await readBadge(page))?.text).toContain('DEMO');
  expect(outside.filter((u) => !u.startsWith('https://www.tiktok.com/'))).toEqual([]);
  expect(fake.requests).toEqual([]);

  // Leaving demo mode takes the sample creators away again.
  expect(await askOk(popup, { type: 'setDemo', on: false })).toEqual({ demo: false });
  await expect(rows).toHaveCount(0);
});

test('the shipped build talks only to the real API origin', () => {
  const background = readFileSync(`${EXTENSION_DIR}/background.js`, 'utf8');
  expect(background).toContain('https://api.socialfetch.dev');
  expect(background).not.toMatch(/127\.0\.0\.1|localhost/);
  // The test-build hooks are compiled out of what ships, in both browsers.
  for (const dir of SHIPPED) {
    expect(readFileSync(`${dir}/tiktok.js`, 'utf8')).not.toContain('__e2e__');
    expect(readFileSync(`${dir}/manifest.json`, 'utf8')).not.toContain('popup.html"]');
  }
  const manifest = JSON.parse(readFileSync(`${EXTENSION_DIR}/manifest.json`, 'utf8'));
  expect(manifest.permissions).toEqual(['storage', 'alarms', 'notifications']);
  expect(manifest.host_permissions).toEqual(['https://api.socialfetch.dev/*', 'https://www.tiktok.com/*', 'https://m.tiktok.com/*']);
  // A keyboard shortcut opens the popup, under each browser's own name for it.
  expect(manifest.commands._execute_action.suggested_key.default).toBe('Alt+Shift+L');
  const firefox = JSON.parse(readFileSync(`${FIREFOX_DIR}/manifest.json`, 'utf8'));
  expect(firefox.commands._execute_browser_action.suggested_key.default).toBe('Alt+Shift+L');
});

test('no shipped script copies the browser object when it starts', () => {
  // Reading a property of the browser's own `browser` object builds that API's bindings: a bundle that copies it (the
  // bundler's CommonJS interop does, for a CommonJS module imported from an ES one) builds every API at the start of
  // every page and of the worker, about 5 ms (lib/platform/browser-polyfill.cjs).
  for (const dir of SHIPPED) {
    const scripts = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    expect(scripts).toContain('background.js');
    const copying = scripts.filter((file) => readFileSync(`${dir}/${file}`, 'utf8').includes('getOwnPropertyNames'));
    expect(copying).toEqual([]);
  }
});

test('every page carries its stylesheets in its HTML', () => {
  // A page runs its script only once its stylesheets have come: linked, they held the popup back (wxt.config.ts).
  for (const dir of SHIPPED) {
    for (const page of ['popup', 'options', 'picker']) {
      const html = readFileSync(`${dir}/${page}.html`, 'utf8');
      expect(html, page).not.toContain('rel="stylesheet"');
      expect(html, page).toMatch(/<style>[^<]*body\{/);
    }
  }
});
