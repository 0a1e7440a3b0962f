import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { readBadge } from './content-world';
import { askOk } from './extension';
import { expect, launchWithExtension, openExtensionPageIn, saveKey, serviceWorkerOf } from './fixtures';
import { startFakeSocialFetch, VALID_KEY, type FakeSocialFetch } from '../fake-socialfetch';

/**
 * The fault and hostile-input catalogue (TESTING.md), end to end in Chromium with the production build: one test per
 * case, in `faults-*.spec.ts`. The cases share one browser (a worker-scoped fixture): when one fails, Playwright
 * discards that worker and the remaining cases go on in a fresh browser, so a failure hides no other case. After every
 * case, `afterEveryCase` checks that no follow is lost and that nothing was injected into the TikTok page or the popup.
 */

export const KEPT = ['keep.one', 'keep.two', 'keep.three'];

export interface Catalogue {
  fake: FakeSocialFetch;
  context: BrowserContext;
  extensionId: string;
  /** The popup, open for the whole run: it must keep showing the kept follows. */
  popup: Page;
  /** A TikTok tab the cases visit profiles in. */
  tab: Page;
  /** Requests the browser made to elsewhere.example (where a redirect points): there must never be any. */
  elsewhere: string[];
}

export const test = base.extend<{ afterEveryCase: void }, { catalogue: Catalogue }>({
  catalogue: [
    async ({}, use) => {
      const fake = await startFakeSocialFetch();
      const context = await launchWithExtension(fake);
      const extensionId = new URL((await serviceWorkerOf(context)).url()).host;
      const elsewhere: string[] = [];
      context.on('request', (request) => void (new URL(request.url()).hostname === 'elsewhere.example' && elsewhere.push(request.url())));
      const popup = await openExtensionPageIn(context, 'popup');
      expect(await saveKey(popup)).toMatchObject({ ok: true });
      for (const handle of KEPT) expect(await askOk(popup, { type: 'follow', handle, follow: true })).toMatchObject({ followed: true });
      const tab = await context.newPage();
      await use({ fake, context, extensionId, popup, tab, elsewhere });
      await context.close();
      await fake.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  // After every case, whichever file it is in.
  afterEveryCase: [
    async ({ catalogue: { popup, tab } }, use) => {
      await use();
      // No follow lost: the background still has each, and the open popup still lists each.
      for (const handle of KEPT) {
        expect((await askOk(popup, { type: 'lookup', handle, reason: 'popup' })).followed, `${handle} is still followed`).toBe(true);
      }
      await expect.poll(() => rowHandles(popup), { message: 'the popup lists every kept follow' }).toEqual(expect.arrayContaining(KEPT));
      // Nothing injected into the TikTok page (and its badge) or the popup.
      expect(await injected(tab), 'elements injected into the TikTok tab').toBe(0);
      expect(await injected(popup), 'elements injected into the popup').toBe(0);
    },
    { auto: true },
  ],
});

export const rowHandles = (popup: Page) => popup.getByTestId('creator-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-handle')));

/** The settled badge state on `handle`'s profile, read from the content script's world (the root is closed). */
export async function badgeOn(page: Page, handle: string) {
  await page.goto(`https://www.tiktok.com/@${handle}`);
  await expect.poll(async () => (await readBadge(page))?.state ?? 'checking').not.toBe('checking');
  return (await readBadge(page))!.state;
}

/** Injected elements in the page and its open shadow roots, plus those inside the badge's closed root. */
export async function injected(page: Page) {
  const inPage = await page.evaluate(() => {
    const all = [document, ...[...document.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [e.shadowRoot] : []))];
    return all.reduce((n, root) => n + root.querySelectorAll('img[src="x"], [onerror], script[src^="javascript"], a[href^="javascript"]').length, 0);
  });
  return inPage + ((await readBadge(page))?.injected ?? 0);
}

/** A valid key and credits again, after a case that took them away. */
export async function resetKey({ fake, popup }: Catalogue) {
  fake.validKeys.add(VALID_KEY);
  fake.balance = 10_000;
  expect(await saveKey(popup)).toMatchObject({ ok: true });
}

export { expect };
