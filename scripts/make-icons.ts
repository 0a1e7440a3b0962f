// Renders the toolbar/store icons from scripts/icon*.svg with the system Chromium: `npx node scripts/make-icons.ts` (Node 24 runs TypeScript).
// The sources live here, not in public/, because everything in public/ is copied into the extension.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const big = readFileSync('scripts/icon.svg', 'utf8');
// 16 and 32 px get a simplified, pixel-aligned mark: the outer arcs turn to mush at that size.
const small = readFileSync('scripts/icon-small.svg', 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  for (const size of [16, 32, 48, 96, 128]) {
    const svg = size <= 32 ? small : big;
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}img{display:block}</style><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${size}" height="${size}">`,
    );
    await page.screenshot({ path: `public/icon/${size}.png`, omitBackground: true });
  }
} finally {
  await browser.close();
}
