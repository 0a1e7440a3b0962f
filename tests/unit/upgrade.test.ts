import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createEngine } from '@/entrypoints/background/engine';
import { readFollows, updateFollows } from '@/lib/platform/follows';
import { createMemoryKeyStore } from './memory-key-store';
import { cacheItem, creditLogItem, demoItem, keyStateItem, notifiedItem, pollStateItem, settingsItem, visitLogItem } from '@/lib/platform/storage';
import { loopbackFetch } from '../fake-socialfetch';

const fixture = (area: string) => JSON.parse(readFileSync(`tests/fixtures/storage-0.1.0/${area}.json`, 'utf8')) as Record<string, unknown>;

beforeEach(async () => {
  fakeBrowser.reset();
  await browser.storage.sync.set(fixture('sync'));
  await browser.storage.local.set(fixture('local'));
});

describe('upgrading from 0.1.0', () => {
  it('reads every item 0.1.0 stored, with nothing lost', async () => {
    expect(await settingsItem.get()).toEqual({
      pollMinutes: 5,
      freshnessSeconds: 90,
      checkVisitedProfiles: false,
      checkVisitedInPrivate: false,
      notifications: true,
      notifyNewFollows: false,
      persistentNotifications: true,
      silentNotifications: false,
      visitLookupsPerMinute: 20,
      // An existing install keeps its interval until the user switches to smart checking.
      checkMode: 'fixed',
      creditsPerDay: null,
    });
    expect(await readFollows()).toEqual([
      { handle: 'sunny.cooks', addedAt: 1795400000000, notify: true },
      { handle: 'quiet_maker', addedAt: 1795400001000, notify: false },
      { handle: '__proto__', addedAt: 1795400002000, notify: true },
      { handle: 'night_owl', addedAt: 1795400003000, notify: true },
    ]);
    // The account's name and e-mail an earlier build kept are gone (content scripts can read storage.local in Firefox).
    expect(await keyStateItem.get()).toEqual({ state: 'valid', checkedAt: expect.any(Number) });
    expect(JSON.stringify(await browser.storage.local.get(keyStateItem.key))).not.toContain('test@example.com');
    const live = await cacheItem('sunny.cooks').get();
    expect(live?.lookup).toMatchObject({ status: 'live', live: { roomId: '7430000000000000001', variants: [{ hls: 'https://pull-hls.tiktokcdn.com/stage/sunny/index.m3u8' }] } });
    expect(await cacheItem('quiet_maker').get()).toMatchObject({ lookup: { status: 'offline' }, error: { kind: 'lookup_failed' } });
    expect((await pollStateItem.get()).pending).toEqual(['night_owl']);
    expect(await notifiedItem.get()).toEqual([
      ['sunny.cooks', '7430000000000000001'],
      ['night_owl', '7430000000000000002'],
    ]);
    expect(await creditLogItem.get()).toEqual({ '2026-11-24': 57, '2026-11-25': 12 });
    expect(await demoItem.get()).toBe(false);
  });

  it('keeps it all through the first writes of this build, and drops only the visit log content scripts could reach', async () => {
    const engine = createEngine({ keyStore: createMemoryKeyStore('sfk_test_valid'), origin: 'http://127.0.0.1:9', fetch: loopbackFetch() });
    await engine.onInstalled({ reason: 'update' });
    await updateFollows((list) => [...list, { handle: 'new.one', addedAt: 1, notify: true }]);
    await settingsItem.update((s) => ({ ...s, pollMinutes: 6 }));
    expect((await readFollows()).map((f) => f.handle)).toEqual(['sunny.cooks', 'quiet_maker', '__proto__', 'night_owl', 'new.one']);
    expect(await settingsItem.get()).toMatchObject({ pollMinutes: 6, freshnessSeconds: 90, visitLookupsPerMinute: 20 });
    expect((await browser.storage.local.get(visitLogItem.key))[visitLogItem.key]).toBeUndefined();
    expect(await notifiedItem.get()).toHaveLength(2);
  });
});
