import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createEngine } from '@/entrypoints/background/engine';
import { createMemoryKeyStore } from './memory-key-store';
import { readPopupView } from '@/lib/platform/popup-view';
import { POPUP_VIEW_KEY } from '@/lib/platform/popup-view-start';
import { cacheItem, contentRequestLogItem, creditLogItem, keyStateItem, visitLogItem } from '@/lib/platform/storage';
import { scheduleItem } from '@/lib/platform/schedule-store';
import { loopbackFetch, startFakeSocialFetch, type FakeSocialFetch } from '../fake-socialfetch';
import type { Request } from '@/lib/platform/messages';

// A file of its own: another test's engine would write its own copy a second after its last change.
let fake: FakeSocialFetch;
beforeAll(async () => {
  fake = await startFakeSocialFetch();
});
afterAll(() => fake.close());

describe("the popup's copy of the snapshot", () => {
  it('follows what the worker answers once changes settle, and writing it is no change that writes it again', async () => {
    fakeBrowser.reset();
    await keyStateItem.set({ state: 'valid' });
    fake.setProfile('sunny', { kind: 'live' });
    const engine = createEngine({ keyStore: createMemoryKeyStore('sfk_test_valid'), origin: fake.origin, fetch: loopbackFetch() });
    const ask = (message: Request) => engine.handleMessage(message, { id: browser.runtime.id, url: 'chrome-extension://test-extension-id/popup.html' } as never);
    browser.storage.onChanged.addListener((changes, area) => void engine.onStorageChanged(changes, area));
    const writes = vi.spyOn(browser.storage.session, 'set');
    const copies = () => writes.mock.calls.filter(([items]) => POPUP_VIEW_KEY in items).length;

    await ask({ type: 'follow', handle: 'sunny', follow: true });
    await ask({ type: 'lookup', handle: 'sunny', reason: 'popup' });
    const answer = (await ask({ type: 'snapshot' })) as { data: unknown };
    await vi.waitFor(async () => expect(await readPopupView()).toEqual(answer.data), { timeout: 3000 });
    expect((await readPopupView())?.follows.map((f) => f.handle)).toEqual(['sunny']);
    await new Promise((r) => setTimeout(r, 1300));
    expect(copies()).toBe(1);
  });

  it('is built again only when something it shows changed: logs, tallies and the schedule leave it as it was', async () => {
    fakeBrowser.reset();
    const engine = createEngine({ keyStore: createMemoryKeyStore('sfk_test_valid'), origin: fake.origin, fetch: loopbackFetch() });
    const snapshot = async () => ((await engine.handleMessage({ type: 'snapshot' }, { id: browser.runtime.id, url: 'chrome-extension://test-extension-id/popup.html' } as never)) as { data: unknown }).data;
    const first = await snapshot();
    for (const item of [creditLogItem, visitLogItem, contentRequestLogItem, scheduleItem]) {
      await engine.onStorageChanged({ [item.key]: { newValue: {} } }, item.area);
    }
    expect(await snapshot()).toBe(first);
    await engine.onStorageChanged({ [cacheItem('sunny').key]: { newValue: {} } }, 'local');
    expect(await snapshot()).not.toBe(first);
  });
});
