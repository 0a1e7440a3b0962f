import { mkdirSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

/**
 * A screenshot README shows: left in `test-output/screenshots/`, and compared with the one committed in
 * `docs/screenshots/`, so README never shows a UI that is gone. After a change of the UI, `npx playwright test
 * --update-snapshots` takes them again (the difference is left in `test-output/playwright/`).
 */
export async function readmeShot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync('test-output/screenshots', { recursive: true });
  await page.screenshot({ path: `test-output/screenshots/${name}`, ...options });
  // The same build renders the same pixels here (fixed fonts, clock and data). The slack takes a stray antialiased
  // edge; a changed look moves hundreds (a title 3 px larger: about 500).
  await expect(page).toHaveScreenshot(name, { ...options, maxDiffPixels: 100 });
}
