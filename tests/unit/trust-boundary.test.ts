import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createEngine } from '@/entrypoints/background/engine';
import type { BadgePush } from '@/lib/domain/badge-view';
import { readFollows } from '@/lib/platform/follows';
import { createMemoryKeyStore } from './memory-key-store';
import { CONTENT_SCRIPT_LIMITS, type Request, type RequestType } from '@/lib/platform/messages';
import { admit } from '@/lib/domain/rate-limit';
import { chooseBudget } from '@/lib/platform/budget-store';
import { badgeTabsItem, cacheItem, keyStateItem, pinsItem, settingsItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import { offerItem } from '@/lib/platform/worker-items';
import { loopbackFetch, startFakeSocialFetch, type FakeSocialFetch } from '../fake-socialfetch';

let fake: FakeSocialFetch;
beforeAll(async () => {
  fake = await startFakeSocialFetch();
});
afterAll(() => fake.close());

const popup = { id: browser.runtime.id, url: 'chrome-extension://test-extension-id/popup.html' };
/** A content script in a TikTok tab on `handle`'s profile (by the addresses the browser reports). */
const tiktokTab = (tabId: number, handle = 'someone', url = `https://www.tiktok.com/@${handle}`) => ({ id: browser.runtime.id, url, tab: { id: tabId, url }, frameId: 0 });

function setup() {
  const clock = { t: Date.parse('2026-11-24T20:00:00Z') };
  const pushes: { tabId: number; push: BadgePush }[] = [];
  const closedTabs = new Set<number>();
  const engine = createEngine({
    keyStore: createMemoryKeyStore('sfk_test_valid'),
    origin: fake.origin,
    fetch: loopbackFetch(),
    now: () => clock.t,
    random: () => 0.5,
    sendToTab: async (tabId, push) => {
      if (closedTabs.has(tabId)) throw new Error('Receiving end does not exist.');
      pushes.push({ tabId, push });
    },
  });
  const ask = (message: Request, sender: object) => engine.handleMessage(message, sender as never);
  return { engine, ask, clock, pushes, closedTabs };
}

beforeEach(async () => {
  fakeBrowser.reset();
  fake.reset();
  await keyStateItem.set({ state: 'valid' });
});

describe('what a content script may ask', () => {
  it('gets only the allow-listed kinds; everything else is refused before it runs', async () => {
    const { ask } = setup();
    const refused: Request[] = [
      { type: 'lookup', handle: 'sunny', reason: 'refresh' },
      { type: 'setNotify', handle: 'sunny', notify: false },
      { type: 'saveKey', key: 'sfk_attacker' },
      { type: 'removeKey' },
      { type: 'account' },
      { type: 'refreshAll' },
      { type: 'resumePolling' },
      { type: 'importFollows', entries: [{ handle: 'attacker' }] },
      { type: 'setDemo', on: true },
      { type: 'schedule' },
    ];
    for (const message of refused) {
      expect(await ask(message, tiktokTab(1))).toEqual({ ok: false, error: 'Not allowed from a web page.' });
    }
    expect(Object.keys(CONTENT_SCRIPT_LIMITS).sort()).toEqual<RequestType[]>(['follow', 'offerFollows', 'openOptions', 'seen', 'setPin', 'signals', 'visit']);
    expect(await readFollows()).toEqual([]);
    expect(fake.lookups()).toBe(0);
  });

  it('cannot spend more than the per-minute ceiling, whatever it asks for and however it retries', async () => {
    const { ask, clock } = setup();
    for (let i = 0; i < 40; i++) {
      await ask({ type: 'visit', handle: `walker${i}`, retry: i % 2 === 0 }, tiktokTab(1, `walker${i}`));
      await ask({ type: 'lookup', handle: `walker${i}`, reason: 'refresh' }, tiktokTab(1, `walker${i}`));
    }
    expect(fake.lookups()).toBe(DEFAULT_SETTINGS.visitLookupsPerMinute);
    clock.t += 60_000;
    await ask({ type: 'visit', handle: 'next.minute' }, tiktokTab(1, 'next.minute'));
    expect(fake.lookups()).toBe(DEFAULT_SETTINGS.visitLookupsPerMinute + 1);
  });

  it('spends at most a quarter of the day’s budget on what pages set off, however slowly it walks; the popup is not held to it', async () => {
    const { ask, clock } = setup();
    // A day of its own: an earlier test's worker may still write what it spent on its day.
    clock.t += 2 * 86_400_000;
    await chooseBudget(1200); // 40 a day: 10 for pages
    const badges = [];
    for (let i = 0; i < 30; i++) {
      clock.t += 60_000;
      badges.push(await ask({ type: 'visit', handle: `slow.walker${i}` }, tiktokTab(1, `slow.walker${i}`)));
    }
    expect(fake.lookups()).toBe(10);
    expect(badges.at(-1)).toMatchObject({ ok: true, data: { view: { kind: 'paused', why: 'ceiling' } } });
    expect(await ask({ type: 'lookup', handle: 'asked.by.user', reason: 'popup' }, popup)).toMatchObject({ ok: true, data: { blocked: undefined } });
    expect(fake.lookups()).toBe(11);
    // The options page says what the credits went on: the visits, and the one the user asked for.
    await vi.waitFor(async () => {
      const account = await ask({ type: 'account' }, popup);
      expect(account).toMatchObject({ ok: true, data: { spentByKindToday: { visits: 10, refreshes: 1, planned: 0 } } });
    });
    // The next day brings the next allowance.
    clock.t += 86_400_000;
    await ask({ type: 'visit', handle: 'tomorrow' }, tiktokTab(1, 'tomorrow'));
    expect(fake.lookups('tomorrow')).toBe(1);
  });

  it('says what following more creators does, for at most one import’s worth, and only to the extension’s pages', async () => {
    const { ask } = setup();
    await chooseBudget(3000);
    expect(await ask({ type: 'followEffect', adding: 1 }, popup)).toMatchObject({ ok: true, data: { mode: 'smart', creditsPerDay: 100, following: 0 } });
    expect(await ask({ type: 'followEffect', adding: 201 }, popup)).toMatchObject({ ok: false });
    expect(await ask({ type: 'followEffect', adding: 1 }, tiktokTab(1))).toEqual({ ok: false, error: 'Not allowed from a web page.' });
  });

  it('changes at most a few follows a minute, and says so when it is refused', async () => {
    const { ask, clock } = setup();
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await ask({ type: 'follow', handle: `victim${i}`, follow: true }, tiktokTab(1, `victim${i}`)));
    const limit = CONTENT_SCRIPT_LIMITS.follow!.max;
    expect(answers.filter((a) => a.ok)).toHaveLength(limit);
    expect(answers.at(-1)).toEqual({ ok: false, error: 'Too many requests from this page. Try again in a minute.' });
    expect(await readFollows()).toHaveLength(limit);
    // The popup is not held to it.
    expect(await ask({ type: 'follow', handle: 'chosen.by.user', follow: true }, popup)).toMatchObject({ ok: true });
    clock.t += 60_000;
    expect(await ask({ type: 'follow', handle: 'later', follow: true }, tiktokTab(1, 'later'))).toMatchObject({ ok: true });
  });

  it('follows at most 60 creators a day, however it spreads them over the minutes', async () => {
    const { ask, clock } = setup();
    let followed = 0;
    for (let i = 0; i < 100; i++) {
      if ((await ask({ type: 'follow', handle: `walker${i}`, follow: true }, tiktokTab(1, `walker${i}`))).ok) followed++;
      clock.t += 15_000;
    }
    expect(followed).toBe(CONTENT_SCRIPT_LIMITS.follow!.perDay);
    clock.t += 86_400_000;
    expect(await ask({ type: 'follow', handle: 'next.day', follow: true }, tiktokTab(1, 'next.day'))).toMatchObject({ ok: true });
  });

  it('asks whether the user follows a creator only of the profile its tab shows', async () => {
    const { ask } = setup();
    await ask({ type: 'follow', handle: 'secret.fave', follow: true }, popup);
    const refused = { ok: false, error: 'A TikTok page can act only on the profile it shows.' };
    expect(await ask({ type: 'visit', handle: 'secret.fave' }, tiktokTab(1, 'someone.else'))).toEqual(refused);
    expect(fake.lookups()).toBe(0);
  });

  it('changes only the profile its tab shows', async () => {
    const { ask } = setup();
    await ask({ type: 'follow', handle: 'kept.one', follow: true }, popup);
    await ask({ type: 'setPin', handle: 'kept.one', pinned: true }, popup);
    const refused = { ok: false, error: 'A TikTok page can act only on the profile it shows.' };
    // From another profile, or a page that is no profile, nothing is followed, unfollowed, pinned or unpinned.
    const loadedHere = tiktokTab(1, 'kept.one');
    // The document was loaded on the profile, and the page has moved on since: its tab's address is what counts.
    const movedOn = { ...loadedHere, tab: { id: 1, url: 'https://www.tiktok.com/@someone.else' } };
    for (const sender of [tiktokTab(1, 'someone.else'), movedOn, tiktokTab(1, '', 'https://www.tiktok.com/foryou'), { ...tiktokTab(1), url: undefined, tab: { id: 1 } }]) {
      expect(await ask({ type: 'follow', handle: 'stranger', follow: true }, sender)).toEqual(refused);
      expect(await ask({ type: 'follow', handle: 'kept.one', follow: false }, sender)).toEqual(refused);
      expect(await ask({ type: 'setPin', handle: 'kept.one', pinned: false }, sender)).toEqual(refused);
      expect(await ask({ type: 'setPin', handle: 'stranger', pinned: true }, sender)).toEqual(refused);
    }
    expect((await readFollows()).map((f) => f.handle)).toEqual(['kept.one']);
    expect(await pinsItem.get()).toEqual(['kept.one']);
    // On the profile itself (its live page too), the badge's buttons work.
    // TikTok's own navigation: the document was loaded on the feed, the tab is now on the profile.
    const arrived = { ...tiktokTab(1, '', 'https://www.tiktok.com/foryou'), tab: { id: 1, url: 'https://www.tiktok.com/@kept.one' } };
    expect(await ask({ type: 'setPin', handle: 'kept.one', pinned: false }, arrived)).toMatchObject({ ok: true });
    expect(await ask({ type: 'follow', handle: 'stranger', follow: true }, tiktokTab(1, '', 'https://www.tiktok.com/@stranger/live'))).toMatchObject({ ok: true });
  });

  it('offers a list it read only for the user to pick from: nothing is added, the page learns nothing, three a minute', async () => {
    const { ask } = setup();
    const windows = vi.spyOn(browser.windows, 'create').mockResolvedValue({} as never);
    const offer: Request = { type: 'offerFollows', source: 'dialog', handles: ['friend.01', 'friend.02'], unreadable: ['https://evil.example/@x'] };
    expect(await ask(offer, tiktokTab(1))).toEqual({ ok: true, data: null });
    expect(await readFollows()).toEqual([]);
    expect(await offerItem.get()).toMatchObject({ source: 'dialog', handles: ['friend.01', 'friend.02'] });
    expect(windows).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringMatching(/\/picker\.html#[0-9a-f-]{36}$/) }));
    // Too long a list, or a handle outside the rules, is refused whole.
    expect(await ask({ ...offer, handles: Array.from({ length: 1001 }, (_, i) => `h${i}`) }, tiktokTab(1))).toMatchObject({ ok: false });
    expect(await ask({ ...offer, handles: ['<img src=x>'] }, tiktokTab(1))).toMatchObject({ ok: false });
    expect(await ask(offer, tiktokTab(1))).toMatchObject({ ok: true });
    expect(await ask(offer, tiktokTab(1))).toMatchObject({ ok: true });
    expect(await ask(offer, tiktokTab(1))).toEqual({ ok: false, error: 'Too many requests from this page. Try again in a minute.' });
    expect(windows).toHaveBeenCalledTimes(3);
    expect(fake.lookups()).toBe(0);
  });

  it('shares that allowance with pins, which follow whom they pin', async () => {
    const { ask } = setup();
    const answers = [];
    for (let i = 0; i < 10; i++) {
      const request = i % 2 ? ({ type: 'setPin', handle: `pinned${i}`, pinned: true } as const) : ({ type: 'follow', handle: `victim${i}`, follow: true } as const);
      answers.push(await ask(request, tiktokTab(1, request.handle)));
    }
    expect(answers.filter((a) => a.ok)).toHaveLength(CONTENT_SCRIPT_LIMITS.follow!.max);
    expect(await readFollows()).toHaveLength(CONTENT_SCRIPT_LIMITS.follow!.max);
    expect(await pinsItem.get()).toEqual(['pinned1', 'pinned3', 'pinned5']);
    // Unfollowing a pinned creator unpins it.
    await ask({ type: 'follow', handle: 'pinned1', follow: false }, popup);
    expect(await pinsItem.get()).toEqual(['pinned3', 'pinned5']);
  });

  it('with "check profiles I visit" off, answers no badge for anyone and spends nothing', async () => {
    const { ask } = setup();
    await settingsItem.set({ ...DEFAULT_SETTINGS, checkVisitedProfiles: false });
    await ask({ type: 'follow', handle: 'followed.one', follow: true }, popup);
    expect(await ask({ type: 'visit', handle: 'followed.one' }, tiktokTab(1, 'followed.one'))).toEqual({ ok: true, data: null });
    expect(await ask({ type: 'visit', handle: 'stranger' }, tiktokTab(1, 'stranger'))).toEqual({ ok: true, data: null });
    expect(fake.lookups()).toBe(0);
  });

  it('sends nothing from a private window unless the user allowed it', async () => {
    fake.setProfile('sunny', { kind: 'offline' });
    const { ask, engine } = setup();
    const privateTab = { ...tiktokTab(4, 'sunny'), tab: { id: 4, incognito: true, url: 'https://www.tiktok.com/@sunny' } };
    expect(await ask({ type: 'visit', handle: 'sunny' }, privateTab)).toEqual({ ok: true, data: null });
    expect(fake.lookups()).toBe(0);
    await settingsItem.set({ ...DEFAULT_SETTINGS, checkVisitedInPrivate: true });
    // The options page's change, as the worker hears of it.
    await engine.onStorageChanged({ settings: { newValue: {} } }, 'sync');
    expect(await ask({ type: 'visit', handle: 'sunny' }, privateTab)).toMatchObject({ ok: true, data: { view: { kind: 'offline' } } });
    expect(fake.lookups()).toBe(1);
  });

  it('answers a visit with what the badge shows, and nothing more', async () => {
    fake.setProfile('sunny', { kind: 'live', viewerCount: 42, title: 'Dumplings' });
    const { ask } = setup();
    const answer = await ask({ type: 'visit', handle: 'sunny' }, tiktokTab(1, 'sunny'));
    expect(answer).toEqual({
      ok: true,
      data: { view: { kind: 'live', viewers: 42, startedAt: expect.any(Number), title: 'Dumplings' }, followed: false, muted: false, pinned: false, demo: false },
    });
    // No stream links, no account, no cache entry.
    expect(JSON.stringify(answer)).not.toMatch(/Url|variants|email|requestId/);
  });
});

describe('badge updates pushed to the tabs that show a creator', () => {
  it('sends a changed answer only to the tabs showing that handle, and forgets closed tabs', async () => {
    fake.setProfile('sunny', { kind: 'offline' });
    fake.setProfile('other', { kind: 'offline' });
    const { engine, ask, clock, pushes, closedTabs } = setup();
    await ask({ type: 'visit', handle: 'sunny' }, tiktokTab(7, 'sunny'));
    await ask({ type: 'visit', handle: 'other' }, tiktokTab(8, 'other'));
    expect(await badgeTabsItem.get()).toEqual({ 7: 'sunny', 8: 'other' });
    // The visits' own answers reached their tabs in the replies: the cache writes they made are not sent again.
    await engine.onStorageChanged({ [cacheItem('sunny').key]: {}, [cacheItem('other').key]: {} }, 'local');
    expect(pushes).toEqual([]);

    // A follow from the popup: the badge that shows the creator hears it; the other badge's answer is unchanged.
    await ask({ type: 'follow', handle: 'sunny', follow: true }, popup);
    await engine.onStorageChanged(await syncChange(), 'sync');
    expect(pushes).toEqual([{ tabId: 7, push: { type: 'badge', handle: 'sunny', answer: expect.objectContaining({ followed: true }) } }]);

    // A new answer for one creator goes to its tab only.
    pushes.length = 0;
    fake.setProfile('sunny', { kind: 'live', displayName: 'Sunny', roomId: 'room-1', viewerCount: 10 });
    clock.t += 10 * 60_000;
    await ask({ type: 'lookup', handle: 'sunny', reason: 'refresh' }, popup);
    await engine.onStorageChanged({ [cacheItem('sunny').key]: {}, [cacheItem('other').key]: {} }, 'local');
    expect(pushes).toEqual([{ tabId: 7, push: { type: 'badge', handle: 'sunny', answer: expect.objectContaining({ view: expect.objectContaining({ kind: 'live' }) }) } }]);

    // A tab that closed is forgotten when an answer for it cannot be delivered.
    pushes.length = 0;
    closedTabs.add(8);
    await ask({ type: 'follow', handle: 'other', follow: true }, popup);
    await engine.onStorageChanged(await syncChange(), 'sync');
    expect(pushes).toEqual([]);
    expect(await badgeTabsItem.get()).toEqual({ 7: 'sunny' });
  });
});

describe('rate limit', () => {
  it('admits max times per window, and again once the window has passed', () => {
    let log: number[] = [];
    const admitted = [0, 10, 20, 30, 59_999, 60_000, 60_011].map((at) => {
      const result = admit(log, at, 3, 60_000);
      log = result.log;
      return result.allowed;
    });
    expect(admitted).toEqual([true, true, true, false, false, true, true]);
    expect(log.length).toBeLessThanOrEqual(3);
  });
});

/** The storage change a follow writes, as `storage.onChanged` reports it (the chunk keys of the list). */
async function syncChange() {
  return Object.fromEntries(Object.keys(await browser.storage.sync.get(null)).map((k) => [k, {}]));
}

describe('follow-list changes from several places at once', () => {
  it('stores 50 follows from the popup, the options page and a badge plus an import racing them, and the import reports what it stored', async () => {
    const { ask } = setup();
    const options = { ...popup, url: 'chrome-extension://test-extension-id/options.html' };
    const senders = [popup, options];
    const follows = Array.from({ length: 50 }, (_, i) => ask({ type: 'follow', handle: `racer${i}`, follow: true }, i < 6 ? tiktokTab(3, `racer${i}`) : senders[i % 2]!));
    const imported = ask({ type: 'importFollows', entries: [...Array.from({ length: 20 }, (_, i) => ({ handle: `imported${i}` })), { handle: 'racer7' }] }, options);
    const answers = await Promise.all([...follows, imported]);
    expect(answers.every((a) => a.ok)).toBe(true);
    const stored = (await readFollows()).map((f) => f.handle);
    for (let i = 0; i < 50; i++) expect(stored).toContain(`racer${i}`);
    const report = (answers.at(-1) as { data: { added: string[] } }).data;
    for (const handle of report.added) expect(stored).toContain(handle);
    expect(stored).toHaveLength(70);
    expect(report.added.filter((h) => h.startsWith('imported'))).toHaveLength(20);
  });
});
