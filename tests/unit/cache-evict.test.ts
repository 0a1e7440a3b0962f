import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { planEviction } from '@/lib/domain/cache-evict';
import { createLookupService } from '@/lib/checking/lookup-service';
import { CACHE_PREFIX, cacheItem, evictCache, keyStateItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import type { CacheEntry } from '@/lib/domain/model';

beforeEach(async () => {
  fakeBrowser.reset();
  await keyStateItem.set({ state: 'valid' });
});

const entry = (handle: string, at: number): CacheEntry => ({ handle, lookup: { status: 'not_found' }, fetchedAt: at, error: null, errorAt: null, lastLiveAt: null });

describe('bounded cache', () => {
  it('plans to drop the least recently answered creators that are not followed, beyond the cap', () => {
    const uses = [
      { handle: 'old', lastUsed: 1 },
      { handle: 'followed.old', lastUsed: 0 },
      { handle: 'new', lastUsed: 3 },
      { handle: 'mid', lastUsed: 2 },
    ];
    expect(planEviction(uses, new Set(['followed.old']), 2)).toEqual(['old']);
  });

  it('keeps every followed creator and the 500 most recent others', async () => {
    for (let i = 0; i < 700; i++) await cacheItem(`visited${i}`).set(entry(`visited${i}`, 1000 + i));
    for (let i = 0; i < 50; i++) await cacheItem(`followed${i}`).set(entry(`followed${i}`, i));
    const dropped = await evictCache(new Set(Array.from({ length: 50 }, (_, i) => `followed${i}`)));
    expect(dropped).toBe(200);
    const keys = Object.keys(await browser.storage.local.get(null)).filter((k) => k.startsWith(CACHE_PREFIX));
    expect(keys).toHaveLength(550);
    expect(keys).toContain(cacheItem('followed0').key);
    expect(keys).toContain(cacheItem('visited699').key);
    expect(keys).not.toContain(cacheItem('visited199').key);
  });

  it('never loses an answer a credit was spent on to a full storage: room is made, the answer kept', async () => {
    let full = true;
    const local = Object.assign(Object.create(browser.storage.local), {
      set: async (items: Record<string, unknown>) => {
        if (full && Object.keys(items).some((k) => k.startsWith(CACHE_PREFIX))) throw new Error('QUOTA_BYTES quota exceeded');
        return browser.storage.local.set(items);
      },
      get: browser.storage.local.get.bind(browser.storage.local),
    });
    let madeRoom = 0;
    const service = createLookupService({
      local,
      source: async () => ({ lookupLive: async () => ({ ok: true, data: { status: 'not_found' }, requestId: 'r', creditsCharged: 1 }) }),
      settings: async () => DEFAULT_SETTINGS,
      makeRoom: async () => {
        madeRoom++;
        full = false;
      },
    });
    const outcome = await service.lookup('paid.for', 'popup');
    expect(outcome.entry?.lookup).toEqual({ status: 'not_found' });
    // Stored once room is made (the lookup does not wait for its write).
    await vi.waitFor(async () => expect(await cacheItem('paid.for').get()).toMatchObject({ lookup: { status: 'not_found' } }));
    expect(madeRoom).toBe(1);
  });
});
