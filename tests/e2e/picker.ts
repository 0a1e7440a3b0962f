import type { BrowserContext, Page } from '@playwright/test';

/** The picker window the background opens, once it has loaded its list. */
export async function picker(context: BrowserContext): Promise<Page> {
  const page = context.pages().find((p) => p.url().includes('/picker.html')) ?? (await context.waitForEvent('page', (p) => p.url().includes('/picker.html')));
  await page.waitForLoadState();
  return page;
}

/** Presses the picker's Close, which closes its window. */
export async function closePicker(pick: Page): Promise<void> {
  const closed = pick.waitForEvent('close');
  // The window closes under the click: Playwright's wait after it may then find no page, which is the point.
  await pick.getByRole('button', { name: 'Close' }).click().catch((error: unknown) => {
    if (!pick.isClosed()) throw error;
  });
  await closed;
}
