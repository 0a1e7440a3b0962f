import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FOLLOWS } from '@/lib/domain/follow-limit';
import { readFollows, updateFollows } from '@/lib/platform/follows';
import { cacheItem, MAX_NOTIFIED_ROOMS, MAX_PINS, notifiedItem, pinsItem, settingsItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import { rememberShown } from '@/lib/services/alerts/notifications';
import { startFakeSocialFetch, type FakeSocialFetch } from '../fake-socialfetch';
import { scheduleItem } from '@/lib/platform/schedule-store';
import { engineWith, resetWorld } from './engine-harness';

let fake: FakeSocialFetch;
beforeAll(async () => {
  fake = await startFakeSocialFetch();
});
afterAll(() => fake.close());
beforeEach(async () => {
  await resetWorld(fake);
});

describe('a full follow list', () => {
  it('refuses one more follow with a reason, skips the rest of an import as "list full", and smart checking goes on', async () => {
    await settingsItem.set({ ...DEFAULT_SETTINGS, checkMode: 'smart' });
    await updateFollows(() => Array.from({ length: MAX_FOLLOWS - 1 }, (_, i) => ({ handle: `creator${i}`, addedAt: 1, notify: true })));
    const { ask } = engineWith(fake, null);
    const imported = await ask({ type: 'importFollows', entries: [{ handle: 'last.one' }, { handle: 'one.more' }] });
    expect(imported).toMatchObject({ ok: true, data: { added: ['last.one'], skipped: [{ entry: 'one.more', reason: 'list_full' }] } });
    expect(await ask({ type: 'follow', handle: 'another', follow: true })).toEqual({
      ok: false,
      error: `You follow ${MAX_FOLLOWS} creators, as many as Live Radar checks: unfollow someone first.`,
    });
    expect((await readFollows()).length).toBe(MAX_FOLLOWS);
    expect((await scheduleItem.get()).creators).toHaveLength(MAX_FOLLOWS);
    // Unfollowing still works, and makes room.
    expect(await ask({ type: 'follow', handle: 'creator0', follow: false })).toMatchObject({ ok: true });
    expect(await ask({ type: 'follow', handle: 'another', follow: true })).toMatchObject({ ok: true, data: { followed: true } });
  }, 30_000);
});

describe('a list past the cap', () => {
  it('(two browsers’ lists merged) keeps smart checking and every later change working', async () => {
    await settingsItem.set({ ...DEFAULT_SETTINGS, checkMode: 'smart' });
    await updateFollows(() => Array.from({ length: MAX_FOLLOWS + 20 }, (_, i) => ({ handle: `creator${i}`, addedAt: 1, notify: true })));
    const { ask } = engineWith(fake, null);
    expect(await ask({ type: 'follow', handle: 'creator0', follow: false })).toMatchObject({ ok: true, data: { followed: false } });
    expect((await scheduleItem.get()).creators.length).toBeGreaterThan(0);
  }, 30_000);
});

describe('a full pin list', () => {
  it('refuses to pin a creator not followed before following them', async () => {
    await pinsItem.set(Array.from({ length: MAX_PINS }, (_, i) => `pinned${i}`));
    const { ask } = engineWith(fake, null);
    expect(await ask({ type: 'setPin', handle: 'newcomer', pinned: true })).toMatchObject({ ok: false, error: expect.stringMatching(/unpin one first/) });
    expect(await readFollows()).toEqual([]);
  });
});

describe('the announced rooms', () => {
  it('keep the newest at their cap instead of failing to store one more', async () => {
    await notifiedItem.set(Array.from({ length: MAX_NOTIFIED_ROOMS }, (_, i) => [`gone${i}`, `room${i}`] as [string, string]));
    // Followed while live: its room is remembered (as the popup's add and the badge's Follow do).
    const profile = { handle: 'sunny', displayName: null, avatarUrl: null, verified: false, followerCount: null };
    const live = { roomId: 'room-new', title: null, startedAt: null, viewerCount: null, variants: [] };
    await cacheItem('sunny').set({ handle: 'sunny', lookup: { status: 'live', profile, live }, fetchedAt: 1, error: null, errorAt: null, lastLiveAt: 1 });
    await rememberShown(['sunny']);
    const rooms = await notifiedItem.get();
    expect(rooms).toHaveLength(MAX_NOTIFIED_ROOMS);
    expect(rooms.at(-1)).toEqual(['sunny', 'room-new']);
    expect(rooms[0]).toEqual(['gone1', 'room1']);
  });
});
