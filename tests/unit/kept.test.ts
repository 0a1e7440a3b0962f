import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { kept } from '@/lib/domain/kept';
import { keptItem } from '@/lib/platform/stored-item';
import { settingsItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import type { Snapshot } from '@/lib/platform/snapshot';
import { EMPTY_SNAPSHOT } from '@/components/hooks/snapshot-view';

/** A stored snapshot following `handles`: the popup's empty one with nothing else set. */
const snapshotWith = (handles: string[]): Snapshot => {
  const { loaded: _loaded, entries: _entries, ...rest } = EMPTY_SNAPSHOT;
  return { ...rest, entries: [], follows: handles.map((handle) => ({ handle, notify: true, addedAt: 0 })) };
};

/** A stored follow list the test changes, and a count of how often it was read. */
function fakeStore() {
  const store = { handles: ['a'], reads: 0, release: null as null | (() => void) };
  const read = async () => {
    store.reads++;
    const handles = [...store.handles];
    if (store.release === null) return snapshotWith(handles);
    await new Promise<void>((resolve) => (store.release = resolve));
    return snapshotWith(handles);
  };
  return { store, read };
}

const handlesOf = (s: Snapshot) => s.follows.map((f) => f.handle);

describe('the background snapshot kept between popups', () => {
  it('answers a second popup from memory while nothing changed', async () => {
    const { store, read } = fakeStore();
    const source = kept(read);
    await source.get();
    expect(handlesOf(await source.get())).toEqual(['a']);
    expect(store.reads).toBe(1);
  });

  it('reads storage again after any change', async () => {
    const { store, read } = fakeStore();
    const source = kept(read);
    await source.get();
    store.handles = ['a', 'b'];
    source.drop();
    expect(handlesOf(await source.get())).toEqual(['a', 'b']);
  });

  it('does not keep a read that a change overtook', async () => {
    const { store, read } = fakeStore();
    const source = kept(read);
    store.release = () => undefined;
    const first = source.get();
    store.handles = ['a', 'b'];
    source.drop();
    store.release();
    expect(handlesOf(await first)).toEqual(['a']);
    store.release = null;
    expect(handlesOf(await source.get())).toEqual(['a', 'b']);
  });

  it('reads again after a failed read', async () => {
    let fail = true;
    const source = kept(async () => {
      if (fail) throw new Error('storage unavailable');
      return snapshotWith(['a']);
    });
    await expect(source.get()).rejects.toThrow('storage unavailable');
    fail = false;
    expect(handlesOf(await source.get())).toEqual(['a']);
  });
});

describe('a stored item kept by the worker', () => {
  it('answers from memory until a change to that item is heard, from any context', async () => {
    fakeBrowser.reset();
    const settings = keptItem(settingsItem);
    expect((await settings.get()).checkVisitedProfiles).toBe(true);
    // The options page turns it off: until the worker hears of it, it still has the old value...
    await settingsItem.set({ ...DEFAULT_SETTINGS, checkVisitedProfiles: false });
    expect((await settings.get()).checkVisitedProfiles).toBe(true);
    // ...a change to another item, or to the same key in another area, keeps it...
    settings.changed({ pins: { newValue: [] } }, 'sync');
    settings.changed({ settings: { newValue: {} } }, 'local');
    expect((await settings.get()).checkVisitedProfiles).toBe(true);
    // ...and this change drops it.
    settings.changed({ settings: { newValue: {} } }, 'sync');
    expect((await settings.get()).checkVisitedProfiles).toBe(false);
  });

  it('keeps what it wrote itself, without waiting to hear of it', async () => {
    fakeBrowser.reset();
    const settings = keptItem(settingsItem);
    await settings.get();
    await settings.set({ ...DEFAULT_SETTINGS, notifications: false });
    expect((await settings.get()).notifications).toBe(false);
    expect((await settingsItem.get()).notifications).toBe(false);
  });
});
