import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mergeFollowStates, type FollowState } from '@/lib/domain/follow-merge';
import { followSlots, isFollowListKey } from '@/lib/platform/follow-slots';
import { readFollows, syncShare, updateFollows, type FollowStores } from '@/lib/platform/follows';
import { CACHE_PREFIX, pinsItem, settingsItem } from '@/lib/platform/storage';
import { memoryArea, quotaSync } from './memory-area';

beforeEach(() => fakeBrowser.reset());

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-25T12:00:00Z');
const f = (handle: string, addedAt = 1, notify = true) => ({ handle, addedAt, notify });

const { index, chunks, meta, metaParts } = followSlots;

/** The sync server: the last writer of each key wins, as Chrome's sync does. */
function propagate(from: { items: Record<string, unknown> }, to: { items: Record<string, unknown> }) {
  for (const key of Object.keys(to.items)) if (isFollowListKey(key) && !(key in from.items)) delete to.items[key];
  for (const [key, value] of Object.entries(from.items)) if (isFollowListKey(key)) to.items[key] = structuredClone(value);
}

describe('merging two browsers’ follow lists', () => {
  const state = (follows: FollowState['follows'], changed: FollowState['changed'] = [], removed: FollowState['removed'] = []): FollowState => ({ follows, changed, removed });

  it('keeps an add from one and a remove from the other', () => {
    const a = state([f('kept'), f('removed.in.b'), f('added.in.a', 50)]);
    const b = state([f('kept')], [], [['removed.in.b', 40]]);
    expect(mergeFollowStates(a, b, NOW).follows.map((x) => x.handle)).toEqual(['kept', 'added.in.a']);
  });

  it('lets the later change of one handle win, and keeps the follow on a tie', () => {
    const muted = state([f('x', 1, false)], [['x', 30]]);
    const unmutedLater = state([f('x', 1, true)], [['x', 40]]);
    expect(mergeFollowStates(muted, unmutedLater, NOW).follows).toEqual([f('x', 1, true)]);
    const readded = state([f('x', 60)]);
    const removedBefore = state([], [], [['x', 55]]);
    expect(mergeFollowStates(removedBefore, readded, NOW).follows).toEqual([f('x', 60)]);
    expect(mergeFollowStates(state([f('x', 70)]), state([], [], [['x', 70]]), NOW).follows).toEqual([f('x', 70)]);
  });

  it('forgets removals after 60 days', () => {
    const merged = mergeFollowStates(state([], [], [['old', NOW - 61 * DAY], ['recent', NOW - DAY]]), state([]), NOW);
    expect(merged.removed).toEqual([['recent', NOW - DAY]]);
  });

  it('two browsers changing the list before sync delivers: both changes survive once each has seen the other', async () => {
    const syncA = memoryArea();
    const syncB = memoryArea();
    const a: FollowStores = { sync: syncA, local: memoryArea() };
    const b: FollowStores = { sync: syncB, local: memoryArea() };
    let clock = NOW;
    const now = () => clock++;
    await updateFollows(() => [f('shared'), f('to.remove')], a, now);
    propagate(syncA, syncB);
    await updateFollows((list) => list, b, now); // B sees A's list

    await updateFollows((list) => [...list, f('new.in.a', clock)], a, now);
    await updateFollows((list) => list.filter((x) => x.handle !== 'to.remove'), b, now);
    // B wrote last: sync carries B's list to A, then A merges and writes, and that reaches B.
    propagate(syncB, syncA);
    await updateFollows((list) => list, a, now);
    propagate(syncA, syncB);
    await updateFollows((list) => list, b, now);

    for (const stores of [a, b]) expect((await readFollows(stores)).map((x) => x.handle)).toEqual(['shared', 'new.in.a']);
  });

  it('a sync write-rate refusal keeps the change in this browser, says so, and the next write catches up', async () => {
    let refuse = true;
    const sync = memoryArea(() => (refuse ? new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded') : null));
    const stores: FollowStores = { sync, local: memoryArea() };
    const first = await updateFollows(() => [f('sunny')], stores, () => NOW);
    expect(first).toMatchObject({ inLocal: false, syncPending: true });
    expect((await readFollows(stores)).map((x) => x.handle)).toEqual(['sunny']);
    refuse = false;
    expect(await updateFollows((list) => list, stores, () => NOW + 60_000)).toMatchObject({ syncPending: false });
    expect(sync.items[chunks.at(0).key]).toEqual([['sunny', 1, 1]]);
  });
});

describe('a long list of changes under the per-item quota', () => {
  const old = (n: number) => Array.from({ length: n }, (_, i) => f(`creator_number_${i}`, NOW - 300 * DAY + i));

  it('keeps in sync a list of 500 imported with their old dates, every follow stamped for the other browser', async () => {
    const sync = quotaSync();
    const a: FollowStores = { sync, local: memoryArea() };
    // The other browser removed one of them a month ago; the import here is newer and wins.
    const b: FollowStores = { sync, local: memoryArea() };
    await updateFollows(() => [f('creator_number_7', NOW - 300 * DAY)], b, () => NOW - 31 * DAY);
    await updateFollows(() => [], b, () => NOW - 30 * DAY);
    expect(await updateFollows(() => old(500), a, () => NOW)).toMatchObject({ inLocal: false, syncPending: false });
    for (const [key, value] of Object.entries(sync.items)) expect(key.length + JSON.stringify(value).length).toBeLessThanOrEqual(8192);
    expect(await readFollows(b)).toHaveLength(500);
    expect((await readFollows(b)).some((x) => x.handle === 'creator_number_7')).toBe(true);
  });

  it('keeps in sync the removal of 400, and the other browser drops them', async () => {
    const sync = quotaSync();
    const a: FollowStores = { sync, local: memoryArea() };
    const b: FollowStores = { sync, local: memoryArea() };
    await updateFollows(() => old(450), a, () => NOW - DAY);
    // The other browser takes the list in (and keeps its own copy of it).
    expect((await updateFollows((list) => list, b, () => NOW - DAY + 1)).follows).toHaveLength(450);
    expect(await updateFollows((list) => list.slice(400), a, () => NOW)).toMatchObject({ inLocal: false, syncPending: false });
    expect(await readFollows(b)).toHaveLength(50);
  });

  it('leaves the newest stamps where an older build reads them, and no part of a longer set behind', async () => {
    const sync = quotaSync();
    const stores: FollowStores = { sync, local: memoryArea() };
    await updateFollows(() => old(500), stores, () => NOW);
    await updateFollows((list) => list.map((x) => (x.handle === 'creator_number_3' ? { ...x, notify: false } : x)), stores, () => NOW + 1);
    const first = sync.items[meta.key] as { changed: [string, number][] };
    expect(first.changed[0]).toEqual(['creator_number_3', NOW + 1]);
    // 499 removals, then, once they are forgotten (60 days), one follow: the parts the removals took go with them.
    await updateFollows((list) => list.slice(0, 1), stores, () => NOW + 2);
    expect(Object.keys(sync.items).filter((k) => k.startsWith(metaParts.prefix)).length).toBeGreaterThan(1);
    await updateFollows((list) => [...list, f('sunny', NOW + 61 * DAY)], stores, () => NOW + 61 * DAY);
    expect(Object.keys(sync.items).filter((k) => k.startsWith(meta.key))).toEqual([meta.key]);
    expect((await readFollows(stores)).map((x) => x.handle)).toEqual(['creator_number_0', 'sunny']);
  });
});

describe('pins beside the follow list', () => {
  it('survive every write of the follow list, which is all a build from before pins does', async () => {
    await pinsItem.set(['sunny', 'night.owl']);
    await updateFollows(() => [f('sunny'), f('night.owl'), f('other')]);
    await updateFollows((list) => list.filter((x) => x.handle !== 'other'));
    // The list's own keys are the only ones it writes: the pins' key is not among them.
    expect(Object.keys(await fakeBrowser.storage.sync.get(null)).sort()).toEqual([index.key, chunks.at(0).key, meta.key, pinsItem.key].sort());
    expect(await pinsItem.get()).toEqual(['sunny', 'night.owl']);
  });
});

describe('the sync space the list takes', () => {
  const list = (n: number, addedAt = NOW) => Array.from({ length: n }, (_, i) => f(`creator.number.${i}`, addedAt + i));
  const shareOf = async (follows: FollowState['follows']) => {
    const stores: FollowStores = { sync: memoryArea(), local: memoryArea() };
    await updateFollows(() => follows, stores, () => NOW);
    return syncShare(stores);
  };

  it('grows with the list, and passes the warning level before the browser refuses it', async () => {
    expect(await shareOf([])).toBeLessThan(0.001);
    expect(await shareOf(list(100))).toBeLessThan(0.1);
    // About 1,800 such follows fill 80 % of the 100 kB browsers sync, counted as Chrome counts (a timestamp as a double).
    expect(await shareOf(list(1850))).toBeGreaterThan(0.8);
    expect(await shareOf(list(1850))).toBeLessThan(1);
  });

  it('counts the stamps of a list imported with its old dates', async () => {
    // Each such follow also stores when it arrived here: 1,000 of them pass the warning level.
    expect(await shareOf(list(1000))).toBeLessThan(0.5);
    expect(await shareOf(list(1000, NOW - 300 * DAY))).toBeGreaterThan(0.8);
  });
});

describe('change stamps', () => {
  it('are not written for follows added now: an import of 600 keeps the stamps item far below its 8 kB', async () => {
    await updateFollows(() => Array.from({ length: 600 }, (_, i) => f(`creator.number.${i}`, NOW)), undefined, () => NOW);
    const stamps = async () => ((await fakeBrowser.storage.sync.get(meta.key))[meta.key] as { changed: unknown[] }).changed;
    expect(await stamps()).toEqual([]);
    // A later change (muting one) stamps just that one.
    await updateFollows((list) => list.map((x, i) => (i === 0 ? { ...x, notify: false } : x)), undefined, () => NOW + 1000);
    expect(await stamps()).toEqual([['creator.number.0', NOW + 1000]]);
  });
});

describe('where the list is stored', () => {
  it('keeps the names earlier builds wrote, so an update reads the list they left', () => {
    // The one place the names are spelt out: renaming a slot would lose every list stored under the old name.
    const names = Object.values(followSlots).map((slot) => ('key' in slot ? slot.key : `${slot.prefix}N`));
    expect(names).toEqual(['follows', 'follows.N', 'follows.meta', 'follows.meta.N', 'followsMirror', 'followsLocal', 'followsInLocal', 'followsUnreadable']);
    expect(Object.values(followSlots).map((slot) => slot.area)).toEqual(['sync', 'sync', 'sync', 'sync', 'local', 'local', 'local', 'local']);
  });

  it('tells the list’s keys from every other item’s', () => {
    for (const key of [index.key, chunks.at(12).key, meta.key, metaParts.at(3).key, followSlots.mirror.key, followSlots.setAside.key]) expect(isFollowListKey(key)).toBe(true);
    for (const key of [pinsItem.key, settingsItem.key, `${CACHE_PREFIX}sunny`, 'followers']) expect(isFollowListKey(key)).toBe(false);
  });
});
