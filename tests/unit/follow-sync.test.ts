import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mergeFollowStates, type FollowState } from '@/lib/domain/follow-merge';
import { readFollows, syncShare, updateFollows, type FollowStores } from '@/lib/platform/follows';
import type { StorageArea } from '@/lib/platform/stored-item';
import { pinsItem } from '@/lib/platform/storage';

beforeEach(() => fakeBrowser.reset());

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-25T12:00:00Z');
const f = (handle: string, addedAt = 1, notify = true) => ({ handle, addedAt, notify });

/** A storage area in memory: each simulated browser has its own local area and its own view of sync. */
function memoryArea(failWith?: () => Error | null): StorageArea & { items: Record<string, unknown> } {
  const items: Record<string, unknown> = {};
  const area = {
    items,
    async get(keys: string | string[] | null) {
      const wanted = keys === null ? Object.keys(items) : typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(wanted.filter((k) => k in items).map((k) => [k, structuredClone(items[k])]));
    },
    async set(values: Record<string, unknown>) {
      const error = failWith?.();
      if (error) throw error;
      Object.assign(items, structuredClone(values));
    },
    async remove(keys: string | string[]) {
      for (const k of typeof keys === 'string' ? [keys] : keys) delete items[k];
    },
  };
  return area as unknown as StorageArea & { items: Record<string, unknown> };
}

/** The sync server: the last writer of each key wins, as Chrome's sync does. */
function propagate(from: { items: Record<string, unknown> }, to: { items: Record<string, unknown> }) {
  for (const key of Object.keys(to.items)) if (key.startsWith('follows') && !(key in from.items)) delete to.items[key];
  for (const [key, value] of Object.entries(from.items)) if (key.startsWith('follows')) to.items[key] = structuredClone(value);
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
    expect(sync.items['follows.0']).toEqual([['sunny', 1, 1]]);
  });
});

describe('pins beside the follow list', () => {
  it('survive every write of the follow list, which is all a build from before pins does', async () => {
    await pinsItem.set(['sunny', 'night.owl']);
    await updateFollows(() => [f('sunny'), f('night.owl'), f('other')]);
    await updateFollows((list) => list.filter((x) => x.handle !== 'other'));
    // The list's own keys are the only ones it writes: the pins' key is not among them.
    expect(Object.keys(await fakeBrowser.storage.sync.get(null)).sort()).toEqual(['follows', 'follows.0', 'follows.meta', 'pins']);
    expect(await pinsItem.get()).toEqual(['sunny', 'night.owl']);
  });
});

describe('the sync space the list takes', () => {
  it('grows with the list, and passes the warning level before the browser refuses it', async () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => f(`creator.number.${i}`, NOW));
    expect(syncShare([])).toBe(0);
    expect(syncShare(list(100))).toBeLessThan(0.1);
    // About 2,500 such follows fill 80 % of the 100 kB browsers sync.
    expect(syncShare(list(2500))).toBeGreaterThan(0.8);
    expect(syncShare(list(2500))).toBeLessThan(1);
  });
});

describe('change stamps', () => {
  it('are not written for follows added now: an import of 600 keeps the stamps item far below its 8 kB', async () => {
    await updateFollows(() => Array.from({ length: 600 }, (_, i) => f(`creator.number.${i}`, NOW)), undefined, () => NOW);
    const meta = (await fakeBrowser.storage.sync.get('follows.meta'))['follows.meta'] as { changed: unknown[] };
    expect(meta.changed).toEqual([]);
    // A later change (muting one) stamps just that one.
    await updateFollows((list) => list.map((x, i) => (i === 0 ? { ...x, notify: false } : x)), undefined, () => NOW + 1000);
    expect(((await fakeBrowser.storage.sync.get('follows.meta'))['follows.meta'] as { changed: unknown[] }).changed).toEqual([['creator.number.0', NOW + 1000]]);
  });
});
