import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createEngine } from '@/entrypoints/background/engine';
import type { Request } from '@/lib/platform/messages';
import { keyStateItem, settingsItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import { loopbackFetch, type FakeSocialFetch } from '../fake-socialfetch';
import { createMemoryKeyStore } from './memory-key-store';

/** The background engine as the unit tests drive it: messages from a page or a TikTok tab, a clock they move. */

export const page = { id: browser.runtime.id, url: 'chrome-extension://test-extension-id/popup.html' } as const;
export const contentScript = { id: browser.runtime.id, url: 'https://www.tiktok.com/@sunny', tab: { id: 1 } } as never;
/** A content script in a tab showing `handle`'s profile. */
export const contentScriptOn = (handle: string) => ({ id: browser.runtime.id, url: `https://www.tiktok.com/@${handle}`, tab: { id: 1 } }) as never;

export function engineWith(
  fake: FakeSocialFetch,
  key: string | null = 'sfk_test_valid',
  clock = { t: Date.parse('2026-11-24T20:00:00Z') },
  more: Partial<Parameters<typeof createEngine>[0]> = {},
) {
  const keyStore = createMemoryKeyStore(key);
  const engine = createEngine({ keyStore, origin: fake.origin, fetch: loopbackFetch(), now: () => clock.t, random: () => 0.5, ...more });
  // Typed: a test's message has the shape the pages send; a malformed one says so with `as never`.
  const ask = (message: Request, sender: object = page) => engine.handleMessage(message, sender as never);
  return { engine, ask, clock, keyStore };
}

/** A fresh browser and API, a valid key, fixed-interval checking (smart checking: smart-checking.test.ts). */
export async function resetWorld(fake: FakeSocialFetch) {
  fakeBrowser.reset();
  fake.reset();
  await keyStateItem.set({ state: 'valid' });
  await settingsItem.set({ ...DEFAULT_SETTINGS, checkMode: 'fixed' });
}
