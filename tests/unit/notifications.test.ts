import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createEngine } from '@/entrypoints/background/engine';
import { ALARMS } from '@/lib/platform/alarms';
import { createMemoryKeyStore } from './memory-key-store';
import { keyStateItem, notifiedItem, recentLivesItem, settingsItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import { heldNotificationsItem, quietFirstCheckItem } from '@/lib/platform/worker-items';
import { handleFromNotificationId, notificationId } from '@/lib/platform/notify';
import { loopbackFetch, startFakeSocialFetch, type FakeSocialFetch } from '../fake-socialfetch';

let fake: FakeSocialFetch;
beforeAll(async () => {
  fake = await startFakeSocialFetch();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fakeBrowser.reset();
  fake.reset();
  await keyStateItem.set({ state: 'valid' });
  // These tests are about fixed-interval checking (smart checking: smart-checking.test.ts).
  await settingsItem.set({ ...DEFAULT_SETTINGS, checkMode: 'fixed' });
});

const popup = { id: browser.runtime.id, url: 'chrome-extension://test-extension-id/popup.html' };

function engineWith(fetch = loopbackFetch(), more: { seenGraceMs?: number } = {}) {
  const clock = { t: Date.parse('2026-11-24T20:00:00Z') };
  const engine = createEngine({ keyStore: createMemoryKeyStore('sfk_test_valid'), origin: fake.origin, fetch, now: () => clock.t, random: () => 0.5, ...more });
  const follow = (handle: string) => engine.handleMessage({ type: 'follow', handle, follow: true }, popup as never);
  return { engine, clock, follow };
}

describe('go-live notifications', () => {
  it('announce 20 creators going live in one check once, together: one notification listing them all', async () => {
    const { engine, clock, follow } = engineWith();
    const handles = Array.from({ length: 20 }, (_, i) => `creator${i}`);
    for (const h of handles) await follow(h);
    for (const h of handles) fake.setProfile(h, { kind: 'live', roomId: `room-${h}`, displayName: `Creator ${h}` });
    const create = vi.spyOn(browser.notifications, 'create');
    await engine.onAlarm({ name: ALARMS.poll });
    clock.t += 11 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(create).toHaveBeenCalledTimes(1);
    const [id, options] = create.mock.calls[0] as unknown as [string, { type: string; title: string; items: { title: string }[] }];
    // A click opens the first creator's live (its handle leads the id).
    expect(handleFromNotificationId(id)).toMatch(/^creator\d+$/);
    expect(options).toMatchObject({ type: 'list', title: '20 creators went live' });
    expect(options.items.map((i) => i.title).sort()).toEqual(handles.map((h) => `Creator ${h}`).sort());
    expect(await notifiedItem.get()).toHaveLength(20);
    expect(await heldNotificationsItem.get()).toEqual([]);
  });

  it('announce go-lives a stopped worker held back when it wakes, once', async () => {
    // What a worker stopped in the middle of a cycle leaves: a go-live decided (and remembered) but not yet shown.
    const plan = { id: notificationId('sunny', 'room-s'), handle: 'sunny', name: 'Sunny', roomId: 'room-s', title: 'Sunny is live', message: 'Dumplings', avatarUrl: null, requireInteraction: false, silent: false };
    await heldNotificationsItem.set([plan]);
    const create = vi.spyOn(browser.notifications, 'create');
    await engineWith().engine.onWake();
    expect(create.mock.calls.map((c) => c[0])).toEqual([notificationId('sunny', 'room-s')]);
    await engineWith().engine.onWake();
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('keep the last go-lives of followed creators, with how long they lasted', async () => {
    const { engine, clock, follow } = engineWith();
    await follow('sunny');
    fake.setProfile('sunny', { kind: 'live', roomId: 'room-s', displayName: 'Sunny', title: 'Dumplings' });
    fake.setProfile('stranger', { kind: 'live', roomId: 'room-x' });
    await engine.onAlarm({ name: ALARMS.poll });
    await engine.handleMessage({ type: 'lookup', handle: 'stranger', reason: 'popup' }, popup as never);
    expect(await recentLivesItem.get()).toEqual([
      { handle: 'sunny', name: 'Sunny', roomId: 'room-s', title: 'Dumplings', startedAt: expect.any(Number), endedAt: null },
    ]);
    clock.t += 11 * 60_000;
    fake.setProfile('sunny', { kind: 'offline' });
    await engine.onAlarm({ name: ALARMS.poll });
    expect(await recentLivesItem.get()).toEqual([expect.objectContaining({ roomId: 'room-s', endedAt: clock.t })]);
  });

  it('remember `__proto__`, a valid TikTok handle, like any other: announced once, not every cycle', async () => {
    const { engine, clock, follow } = engineWith();
    await follow('__proto__');
    fake.setProfile('__proto__', { kind: 'live', roomId: 'room-p' });
    const create = vi.spyOn(browser.notifications, 'create');
    await engine.onAlarm({ name: ALARMS.poll });
    clock.t += 11 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(create).toHaveBeenCalledTimes(1);
    expect(await notifiedItem.get()).toEqual([['__proto__', 'room-p']]);
  });

  it('fall back to the extension icon when the browser cannot decode the avatar', async () => {
    const avatar = (url: string) => (url.includes('tiktokcdn.com') ? new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/png' } }) : null);
    const { engine, follow } = engineWith(loopbackFetch(avatar));
    await follow('sunny');
    fake.setProfile('sunny', { kind: 'live', roomId: 'room-1' });
    const create = vi
      .spyOn(browser.notifications, 'create')
      .mockImplementation(async (id, options) => (String((options as unknown as { iconUrl: string }).iconUrl).startsWith('data:') ? Promise.reject(new Error('Unable to download all specified images.')) : String(id)));
    await engine.onAlarm({ name: ALARMS.poll });
    expect(create.mock.calls.map((c) => String((c[1] as unknown as { iconUrl: string }).iconUrl).slice(0, 10))).toEqual(['data:image', 'chrome-ext']);
    expect(await notifiedItem.get()).toEqual([['sunny', 'room-1']]);
  });

  it('read what version 1 stored (a record) as pairs', async () => {
    await browser.storage.local.set({ [notifiedItem.key]: { v: 1, data: { sunny: 'room-1', night: 'room-9' } } });
    expect(await notifiedItem.get()).toEqual([
      ['sunny', 'room-1'],
      ['night', 'room-9'],
    ]);
  });
});

describe('a live the user is looking at', () => {
  /** Sunny, followed and checked offline, then live in room-1 two minutes later; the notifications shown from then. */
  async function sunnyGoesLive(seenGraceMs: number) {
    const world = engineWith(undefined, { seenGraceMs });
    fake.setProfile('sunny', { kind: 'offline' });
    await world.follow('sunny');
    await world.engine.onAlarm({ name: ALARMS.poll });
    fake.setProfile('sunny', { kind: 'live', roomId: 'room-1' });
    world.clock.t += 2 * 60_000;
    return { ...world, create: vi.spyOn(browser.notifications, 'create') };
  }

  it('is not announced when the badge of its profile finds it and is seen; the next live is', async () => {
    // TikTok's own alert took the user to the live: the badge checks it and is on screen, and the next poll finds the
    // same room.
    const { engine, clock, create } = await sunnyGoesLive(60_000);
    const tab = { id: browser.runtime.id, url: 'https://www.tiktok.com/@sunny/live', tab: { id: 3 }, frameId: 0 };
    expect(await engine.handleMessage({ type: 'visit', handle: 'sunny' }, tab as never)).toMatchObject({ ok: true, data: { view: { kind: 'live' } } });
    expect(await engine.handleMessage({ type: 'seen', handle: 'sunny' }, tab as never)).toEqual({ ok: true, data: null });
    clock.t += 11 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(create).not.toHaveBeenCalled();
    fake.setProfile('sunny', { kind: 'live', roomId: 'room-2' });
    clock.t += 11 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(create.mock.calls.map((c) => c[0])).toEqual([notificationId('sunny', 'room-2')]);
  });

  it('is announced when the badge that found it was never seen (a page hiding it), and only once', async () => {
    const { engine, clock, create } = await sunnyGoesLive(50);
    const tab = { id: browser.runtime.id, url: 'https://www.tiktok.com/@sunny', tab: { id: 3 }, frameId: 0 };
    await engine.handleMessage({ type: 'visit', handle: 'sunny' }, tab as never);
    await vi.waitFor(() => expect(create.mock.calls.map((c) => c[0])).toEqual([notificationId('sunny', 'room-1')]));
    clock.t += 11 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('takes word of a seen badge only from the tab showing that profile, and only for followed creators', async () => {
    const { engine, follow } = engineWith(undefined, { seenGraceMs: 60_000 });
    fake.setProfile('sunny', { kind: 'live', roomId: 'room-1' });
    fake.setProfile('stranger', { kind: 'live', roomId: 'room-7' });
    await follow('sunny');
    const elsewhere = { id: browser.runtime.id, url: 'https://www.tiktok.com/@stranger', tab: { id: 3 }, frameId: 0 };
    expect(await engine.handleMessage({ type: 'seen', handle: 'sunny' }, elsewhere as never)).toMatchObject({ ok: false });
    await engine.handleMessage({ type: 'visit', handle: 'stranger' }, elsewhere as never);
    await engine.handleMessage({ type: 'seen', handle: 'stranger' }, elsewhere as never);
    expect((await notifiedItem.get()).map(([h]) => h)).not.toContain('stranger');
  });

  it('is not announced when the user unmutes its creator in the popup, which shows it; the next live is', async () => {
    const { engine, clock, follow } = engineWith();
    await follow('sunny');
    fake.setProfile('sunny', { kind: 'live', roomId: 'sunny-1' });
    await engine.handleMessage({ type: 'setNotify', handle: 'sunny', notify: false }, popup as never);
    await engine.onAlarm({ name: ALARMS.poll });
    const create = vi.spyOn(browser.notifications, 'create');
    await engine.handleMessage({ type: 'setNotify', handle: 'sunny', notify: true }, popup as never);
    clock.t += 11 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(create).not.toHaveBeenCalled();
    fake.setProfile('sunny', { kind: 'live', roomId: 'sunny-2' });
    clock.t += 11 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(create.mock.calls.map((c) => c[0])).toEqual([notificationId('sunny', 'sunny-2')]);
  });

  it('is not announced when the user switches notifications back on during it', async () => {
    const { engine, clock, follow } = engineWith();
    fakeBrowser.storage.onChanged.addListener((changes, area) => void engine.onStorageChanged(changes, area));
    await follow('moon');
    fake.setProfile('moon', { kind: 'live', roomId: 'moon-1' });
    await settingsItem.update((s) => ({ ...s, notifications: false }));
    await engine.onAlarm({ name: ALARMS.poll });
    const create = vi.spyOn(browser.notifications, 'create');
    await settingsItem.update((s) => ({ ...s, notifications: true }));
    await vi.waitFor(async () => expect(await notifiedItem.get()).toEqual([['moon', 'moon-1']]));
    clock.t += 11 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(create).not.toHaveBeenCalled();
  });

  it('of a creator unfollowed meanwhile is not listed as "live now" in the popup', async () => {
    const { engine, follow } = engineWith();
    fake.setProfile('sunny', { kind: 'live', roomId: 'room-1' });
    await follow('sunny');
    await engine.onAlarm({ name: ALARMS.poll });
    const recent = async () => ((await engine.handleMessage({ type: 'snapshot' }, popup as never)) as { data: { recentLives: { handle: string }[] } }).data.recentLives;
    expect((await recent()).map((live) => live.handle)).toEqual(['sunny']);
    await engine.handleMessage({ type: 'follow', handle: 'sunny', follow: false }, popup as never);
    await engine.onStorageChanged({ follows: { newValue: {} } }, 'sync');
    expect(await recent()).toEqual([]);
  });
});

describe('imported creators', () => {
  it('found live at their first check are shown live but not announced; a later room is', async () => {
    const { engine, clock } = engineWith();
    fake.setProfile('imported.one', { kind: 'live', roomId: 'room-1' });
    await engine.handleMessage({ type: 'importFollows', entries: [{ handle: 'imported.one' }] }, popup as never);
    const create = vi.spyOn(browser.notifications, 'create');
    await engine.onAlarm({ name: ALARMS.poll });
    expect(create).not.toHaveBeenCalled();
    expect(await recentLivesItem.get()).toEqual([expect.objectContaining({ handle: 'imported.one', endedAt: null })]);
    clock.t += 11 * 60_000;
    fake.setProfile('imported.one', { kind: 'live', roomId: 'room-2' });
    await engine.onAlarm({ name: ALARMS.poll });
    expect(create.mock.calls.map((c) => c[0])).toEqual([notificationId('imported.one', 'room-2')]);
  });

  it('visited live before the import: that live is not announced, and no first check is left waiting', async () => {
    const { engine, clock } = engineWith();
    fake.setProfile('seen.live', { kind: 'live', roomId: 'room-1' });
    const tab = { id: browser.runtime.id, url: 'https://www.tiktok.com/@seen.live', tab: { id: 3 }, frameId: 0 };
    await engine.handleMessage({ type: 'visit', handle: 'seen.live' }, tab as never);
    await engine.handleMessage({ type: 'importFollows', entries: [{ handle: 'seen.live' }] }, popup as never);
    const create = vi.spyOn(browser.notifications, 'create');
    clock.t += 11 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(create).not.toHaveBeenCalled();
    expect(await quietFirstCheckItem.get()).toEqual([]);
  });
});
