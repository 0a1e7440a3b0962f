import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { POLL_CONCURRENCY } from '@/lib/checking/poller';
import { ALARMS } from '@/lib/platform/alarms';
import { readFollows, updateFollows } from '@/lib/platform/follows';
import { anotherBrowser } from './memory-area';
import { contentScript, engineWith as harness, resetWorld } from './engine-harness';
import { keyStateItem, notifiedItem, pollStateItem, settingsItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import { startFakeSocialFetch, type FakeSocialFetch } from '../fake-socialfetch';
import { notificationId } from '@/lib/platform/notify';

let fake: FakeSocialFetch;
beforeAll(async () => {
  fake = await startFakeSocialFetch();
});
afterAll(() => fake.close());
const engineWith = (key?: string | null, clock?: { t: number }, more?: Parameters<typeof harness>[3]) => harness(fake, key, clock, more);

beforeEach(async () => {
  await resetWorld(fake);
});

describe('background engine', () => {
  it('validates a key with the free whoami call before keeping it', async () => {
    await keyStateItem.set({ state: 'missing' });
    const { ask } = engineWith(null);
    expect(await ask({ type: 'saveKey', key: 'not a key' })).toMatchObject({ ok: false, error: 'An API key starts with "sfk_".' });
    expect(await ask({ type: 'saveKey', key: 'sfk_revoked_key' })).toMatchObject({ ok: false, error: expect.stringMatching(/refused/) });
    expect((await keyStateItem.get()).state).toBe('missing');
    expect(await ask({ type: 'saveKey', key: ' sfk_test_valid ' })).toMatchObject({
      ok: true,
      data: { keyState: { state: 'valid', checkedAt: expect.any(Number) } },
    });
    expect(fake.lookups()).toBe(0);
  });

  it('refuses malformed messages and key requests from web pages', async () => {
    const { ask } = engineWith();
    expect(await ask({ type: 'visit', handle: '<img src=x>' }, contentScript)).toEqual({ ok: false, error: 'Malformed request.' });
    expect(await ask({ type: 'saveKey', key: 'sfk_test_valid' }, contentScript)).toEqual({ ok: false, error: 'Not allowed from a web page.' });
    expect(await ask({ type: 'account' }, contentScript)).toMatchObject({ ok: false });
    expect(await ask({ type: 'visit', handle: 'sunny' }, { id: 'another-extension' })).toMatchObject({ ok: false });
    expect(fake.lookups()).toBe(0);
  });

  it('tells a badge a muted follow apart, and its button turns notifications on rather than unfollowing', async () => {
    fake.setProfile('sunny', { kind: 'offline' });
    const { ask } = engineWith();
    await ask({ type: 'follow', handle: 'sunny', follow: true });
    await ask({ type: 'setNotify', handle: 'sunny', notify: false });
    expect(await ask({ type: 'visit', handle: 'sunny' }, contentScript)).toMatchObject({ ok: true, data: { followed: true, muted: true } });
    expect(await ask({ type: 'follow', handle: 'sunny', follow: true }, contentScript)).toMatchObject({ ok: true, data: { followed: true, notify: true } });
    expect(await readFollows()).toEqual([expect.objectContaining({ handle: 'sunny', notify: true })]);
  });

  it('keeps a muted creator muted when it is pinned', async () => {
    const { ask } = engineWith();
    await ask({ type: 'follow', handle: 'sunny', follow: true });
    await ask({ type: 'setNotify', handle: 'sunny', notify: false });
    expect(await ask({ type: 'setPin', handle: 'sunny', pinned: true })).toEqual({ ok: true, data: { pinned: true, followed: true } });
    expect(await readFollows()).toEqual([expect.objectContaining({ handle: 'sunny', notify: false })]);
    // Pinning someone not followed still follows them.
    await ask({ type: 'setPin', handle: 'new.one', pinned: true });
    expect((await readFollows()).map((f) => f.handle)).toEqual(['sunny', 'new.one']);
  });

  it('polls followed creators, notifies once per room, and counts them on the toolbar', async () => {
    fake.setProfile('sunny', { kind: 'live', displayName: 'Sunny', title: 'Dumplings', roomId: 'room-1' });
    fake.setProfile('quiet', { kind: 'offline' });
    const { engine, ask, clock } = engineWith();
    await ask({ type: 'follow', handle: 'sunny', follow: true });
    await ask({ type: 'follow', handle: 'quiet', follow: true });

    await engine.onAlarm({ name: ALARMS.poll });
    expect(fake.lookups()).toBe(2);
    expect(await browser.action.getBadgeText({})).toBe('1');
    expect(await browser.action.getTitle({})).toContain('Sunny');
    const shown = await browser.notifications.getAll();
    expect(Object.keys(shown)).toEqual([notificationId('sunny', 'room-1')]);

    // Next cycle, same room: no second notification.
    await browser.notifications.clear(notificationId('sunny', 'room-1'));
    clock.t += 11 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(fake.lookups()).toBe(4);
    expect(Object.keys(await browser.notifications.getAll())).toEqual([]);
    expect((await pollStateItem.get()).lastSuccessAt).toBe(clock.t);
  });

  it('opens the live page when a notification is clicked', async () => {
    const { engine } = engineWith();
    await browser.notifications.create(notificationId('sunny', 'room-1'), { type: 'basic', title: 't', message: 'm', iconUrl: 'x' });
    await engine.onNotificationClicked(notificationId('sunny', 'room-1'));
    const tabs = await browser.tabs.query({});
    expect(tabs.map((t) => t.url)).toContain('https://www.tiktok.com/@sunny/live');
  });

  it('shows who is live when a grouped notification is clicked: the popup, or the same page in a tab', async () => {
    const { engine } = engineWith();
    const id = `${notificationId('sunny', 'room-1')}:group`;
    await browser.notifications.create(id, { type: 'basic', title: 't', message: 'm', iconUrl: 'x' });
    await engine.onNotificationClicked(id);
    const urls = (await browser.tabs.query({})).map((t) => t.url);
    expect(urls).toContainEqual(expect.stringMatching(/\/popup\.html$/));
    expect(urls.filter((url) => url?.includes('tiktok.com'))).toEqual([]);
    expect(Object.keys(await browser.notifications.getAll())).toEqual([]);
  });

  it('opens the profile instead when the notification’s live has ended since', async () => {
    fake.setProfile('sunny', { kind: 'live', roomId: 'room-1' });
    const { engine, ask, clock } = engineWith();
    await ask({ type: 'follow', handle: 'sunny', follow: true });
    await engine.onAlarm({ name: ALARMS.poll });
    const [id] = Object.keys(await browser.notifications.getAll());
    fake.setProfile('sunny', { kind: 'offline' });
    clock.t += 11 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    await engine.onNotificationClicked(id!);
    expect((await browser.tabs.query({})).map((t) => t.url)).toContain('https://www.tiktok.com/@sunny');
  });

  it('stops polling on a refused key, keeps the follows, and warns on the toolbar', async () => {
    const { engine, ask, clock } = engineWith();
    await ask({ type: 'follow', handle: 'sunny', follow: true });
    fake.validKeys.clear();
    await engine.onAlarm({ name: ALARMS.poll });
    expect((await keyStateItem.get()).state).toBe('invalid');
    expect((await pollStateItem.get()).pausedFor).toBe('unauthorized');
    expect(await browser.action.getBadgeText({})).toBe('!');
    clock.t += 60 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(fake.lookups()).toBe(1);
    expect((await readFollows()).map((f) => f.handle)).toEqual(['sunny']);
  });

  it('creates the poll alarm once and does not reset its schedule on every wake', async () => {
    const { engine } = engineWith();
    await engine.onWake();
    const first = await browser.alarms.get(ALARMS.poll);
    expect(first?.periodInMinutes).toBe(DEFAULT_SETTINGS.pollMinutes);
    await engine.onWake();
    expect((await browser.alarms.get(ALARMS.poll))?.scheduledTime).toBe(first?.scheduledTime);
    await settingsItem.set({ ...DEFAULT_SETTINGS, checkMode: 'fixed', pollMinutes: 2 });
    await engine.onStorageChanged({ settings: { newValue: {} } }, 'sync');
    expect((await browser.alarms.get(ALARMS.poll))?.periodInMinutes).toBe(2);
  });

  it('says why a refresh checked nobody when the browser is offline, and makes no call', async () => {
    const { ask } = engineWith(undefined, undefined, { online: () => false });
    await ask({ type: 'follow', handle: 'sunny', follow: true });
    expect(await ask({ type: 'refreshAll' })).toEqual({ ok: true, data: { result: 'skipped', why: 'offline' } });
    expect(fake.lookups()).toBe(0);
  });

  it('imports follows, skipping invalid and duplicate entries with a reason', async () => {
    const { ask } = engineWith();
    await updateFollows(() => [{ handle: 'sunny', addedAt: 1, notify: true }]);
    const answer = await ask({
      type: 'importFollows',
      entries: [{ handle: 'Sunny' }, { handle: 'https://www.tiktok.com/@new.one' }, { handle: 'bad handle!' }, { unreadable: '42' }, { handle: 'muted', notify: false }],
    });
    expect(answer).toMatchObject({
      ok: true,
      data: { added: ['new.one', 'muted'], skipped: [{ reason: 'already_followed' }, { reason: 'illegal_characters' }, { reason: 'not_handle' }] },
    });
    expect((await readFollows()).map((f) => [f.handle, f.notify])).toEqual([
      ['sunny', true],
      ['new.one', true],
      ['muted', false],
    ]);
  });
});

describe('a notification the browser refuses', () => {
  it('is not remembered, so the next check tries again', async () => {
    fake.setProfile('sunny', { kind: 'live', roomId: 'room-1' });
    const { engine, ask, clock } = engineWith();
    await ask({ type: 'follow', handle: 'sunny', follow: true });
    const create = vi.spyOn(browser.notifications, 'create').mockRejectedValueOnce(new Error('refused'));
    await engine.onAlarm({ name: ALARMS.poll });
    expect(await notifiedItem.get()).toEqual([]);
    clock.t += 11 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(create).toHaveBeenCalledTimes(2);
    expect(await notifiedItem.get()).toEqual([['sunny', 'room-1']]);
  });
});

describe('following a creator who is already live', () => {
  it('does not announce the live the user is looking at, only the next one', async () => {
    fake.setProfile('sunny', { kind: 'live', roomId: 'room-1' });
    const { engine, ask, clock } = engineWith();
    await ask({ type: 'visit', handle: 'sunny' }, contentScript);
    await ask({ type: 'follow', handle: 'sunny', follow: true });
    clock.t += 11 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(Object.keys(await browser.notifications.getAll())).toEqual([]);
    fake.setProfile('sunny', { kind: 'live', roomId: 'room-2' });
    clock.t += 11 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(Object.keys(await browser.notifications.getAll())).toEqual([notificationId('sunny', 'room-2')]);
  });
});

describe('a damaged key state', () => {
  it('is derived again with the free balance call on wake, instead of blocking lookups forever', async () => {
    await browser.storage.local.set({ [keyStateItem.key]: 'garbage' });
    const { engine, ask } = engineWith();
    await engine.onWake();
    expect((await keyStateItem.get()).state).toBe('valid');
    expect(fake.requests.filter((r) => r.path === '/v1/balance')).toHaveLength(1);
    fake.setProfile('sunny', { kind: 'offline' });
    expect(await ask({ type: 'lookup', handle: 'sunny', reason: 'popup' })).toMatchObject({ ok: true, data: { entry: { lookup: { status: 'offline' } } } });
  });
});

describe('the follow list the worker keeps in memory', () => {
  it("is what this worker stored at once, and another context's change as soon as the browser reports it", async () => {
    fake.setProfile('sunny', { kind: 'offline' });
    fake.setProfile('moon', { kind: 'offline' });
    const { engine, ask } = engineWith();
    const followed = async (handle: string) =>
      ((await ask({ type: 'lookup', handle, reason: 'popup' })) as { data: { followed: boolean } }).data.followed;
    expect(await followed('sunny')).toBe(false);
    // Before the browser reports the change (in a real browser it comes later, on its own).
    await ask({ type: 'follow', handle: 'sunny', follow: true });
    expect(await followed('sunny')).toBe(true);
    expect(await followed('moon')).toBe(false);
    // Another browser's sync adds a creator.
    browser.storage.onChanged.addListener((changes, area) => void engine.onStorageChanged(changes, area));
    await updateFollows((list) => [...list, { handle: 'moon', addedAt: 1, notify: true }], anotherBrowser());
    await vi.waitFor(async () => expect(await followed('moon')).toBe(true));
  });
});

describe('a cycle that meets a revoked key, no credits or an outage', () => {
  const many = Array.from({ length: 40 }, (_, i) => `creator.${i}`);
  async function cycleAgainst(...faults: [status: 401 | 402 | 429 | 503, handle?: string][]) {
    await updateFollows(() => many.map((handle) => ({ handle, addedAt: 1, notify: true })), anotherBrowser());
    for (const handle of many) fake.setProfile(handle, { kind: 'offline' });
    fake.latencyMs = 20;
    for (const [status, handle] of faults) fake.fault({ kind: 'status', status, retryAfter: status === 429 || status === 503 ? '120' : undefined }, { handle, times: 1000 });
    const { engine } = engineWith();
    await engine.onAlarm({ name: ALARMS.poll });
  }

  it.each([401, 402, 429, 503] as const)('stops at the first %i: no call beyond those already in flight', async (status) => {
    await cycleAgainst([status]);
    // Four calls are in flight at once; the checks waiting for a slot make none.
    expect(fake.lookups()).toBe(POLL_CONCURRENCY);
  });

  it('keeps a key revoked when a rate limit answers another call at the same time', async () => {
    await cycleAgainst([401, 'creator.0'], [429, 'creator.1']);
    expect(await keyStateItem.get()).toMatchObject({ state: 'invalid' });
  });
});
