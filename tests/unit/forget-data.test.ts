import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { followSlots } from '@/lib/platform/follow-slots';
import { keyStateItem, settingsItem } from '@/lib/platform/storage';
import { engineWith, resetWorld } from './engine-harness';
import { startFakeSocialFetch, type FakeSocialFetch } from '../fake-socialfetch';

let fake: FakeSocialFetch;
beforeAll(async () => {
  fake = await startFakeSocialFetch();
});
afterAll(() => fake.close());
beforeEach(() => resetWorld(fake));

it('"Forget my data" erases everything, a follow list a newer build wrote included', async () => {
  const { ask, keyStore } = engineWith(fake);
  await ask({ type: 'follow', handle: 'sunny', follow: true });
  // Another browser's newer build rewrote the list's index: this build may not write over it, but Forget is the
  // user's explicit wish to erase it all.
  await browser.storage.sync.set({ [followSlots.index.key]: { v: 2, chunks: 1, shards: 'new' } });
  expect(await ask({ type: 'forgetData' })).toEqual({ ok: true, data: null });
  expect(await keyStore.get()).toBeNull();
  expect(await keyStateItem.get()).toEqual({ state: 'missing' });
  expect(await browser.storage.sync.get(null)).toEqual({});
  expect(await browser.storage.local.get(null)).toEqual({});
  expect(await settingsItem.get()).toMatchObject({ checkVisitedProfiles: true });
});
