import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createEngine } from '@/entrypoints/background/engine';
import { ALARMS } from '@/lib/platform/alarms';
import { createMemoryKeyStore } from './memory-key-store';
import { contentScriptOn } from './engine-harness';
import { readDailyBudget } from '@/lib/platform/budget-store';
import { scheduleItem } from '@/lib/platform/schedule-store';
import { keyStateItem, settingsItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import { loopbackFetch, startFakeSocialFetch, type FakeSocialFetch } from '../fake-socialfetch';

let fake: FakeSocialFetch;
beforeAll(async () => {
  fake = await startFakeSocialFetch();
});
afterAll(() => fake.close());

const popup = { id: browser.runtime.id, url: 'chrome-extension://test-extension-id/popup.html' } as never;
const clock = { t: 0 };
const MINUTE = 60_000;

/** A background as after a (re)start of the worker: same storage, fresh memory. */
function startWorker() {
  return createEngine({
    keyStore: createMemoryKeyStore('sfk_test_valid'),
    origin: fake.origin,
    fetch: loopbackFetch(),
    now: () => clock.t,
    random: () => 0.5,
    localOffset: () => 0,
  });
}

beforeEach(async () => {
  fakeBrowser.reset();
  fake.reset();
  clock.t = Date.parse('2026-11-24T20:00:00Z');
  await keyStateItem.set({ state: 'valid' });
  await settingsItem.set({ ...DEFAULT_SETTINGS, checkMode: 'smart' });
});

async function follow(engine: ReturnType<typeof startWorker>, ...handles: string[]) {
  for (const handle of handles) await engine.handleMessage({ type: 'follow', handle, follow: true }, popup);
}

/** The next `ms` in 15-second steps: the poll alarm fires once its time has come, `meanwhile` runs at the other steps. */
async function runFor(engine: ReturnType<typeof startWorker>, ms: number, meanwhile?: () => Promise<unknown>) {
  const end = clock.t + ms;
  while (clock.t < end) {
    clock.t += 15_000;
    const alarm = await browser.alarms.get(ALARMS.poll);
    if (alarm && alarm.scheduledTime <= clock.t) await engine.onAlarm({ name: ALARMS.poll });
    else await meanwhile?.();
  }
}

describe('smart checking in the background', () => {
  it('keeps one alarm at the earliest due check and checks only who is due', async () => {
    fake.setProfile('sunny', { kind: 'live', roomId: 'r1' });
    fake.setProfile('quiet', { kind: 'offline' });
    const engine = startWorker();
    await follow(engine, 'sunny', 'quiet');
    await engine.onWake();
    const alarm = await browser.alarms.get(ALARMS.poll);
    // One alarm, not a period: newcomers are spread over the next ten minutes.
    expect(alarm?.periodInMinutes).toBeUndefined();
    expect(alarm!.scheduledTime).toBeGreaterThan(clock.t);
    expect(alarm!.scheduledTime).toBeLessThanOrEqual(clock.t + 10 * MINUTE);
    const before = fake.lookups();

    clock.t = alarm!.scheduledTime;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(fake.lookups() - before).toBe(2);

    // A minute later nobody is due: the alarm fires for nothing and spends nothing.
    clock.t += MINUTE;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(fake.lookups() - before).toBe(2);

    // The live creator is seen again at the live pace (20 min, slower when the budget spread evenly checks less often),
    // the offline one by the plan.
    const book = await scheduleItem.get();
    const sunny = book.creators.find((c) => c.handle === 'sunny')!;
    expect(sunny.known).toBe('live');
    const evenGap = (24 * 60 * MINUTE * 2) / (await readDailyBudget());
    expect(sunny.nextDue! - sunny.lastCheckAt!).toBeCloseTo(Math.max(20 * MINUTE, evenGap), 0);
    expect((await browser.alarms.get(ALARMS.poll))!.scheduledTime).toBe(Math.min(...book.creators.map((c) => c.nextDue!)));
  });

  it('does not check again a creator the user visited since the plan, and plans once per cycle', async () => {
    fake.setProfile('visited', { kind: 'offline' });
    fake.setProfile('other', { kind: 'offline' });
    const engine = startWorker();
    await follow(engine, 'visited', 'other');
    await engine.onWake();
    await runFor(engine, 10 * MINUTE);
    const dues = (await scheduleItem.get()).creators.map((c) => c.nextDue!);
    // The user opens the profile just before both checks come due: that answer is the check.
    clock.t = Math.max(...dues) - MINUTE;
    await engine.handleMessage({ type: 'visit', handle: 'visited' }, contentScriptOn('visited'));
    expect(fake.lookups('visited')).toBe(2);
    const writes: unknown[] = [];
    const recordWrites = (changes: Record<string, unknown>) => void (scheduleItem.key in changes && writes.push(changes[scheduleItem.key]));
    browser.storage.onChanged.addListener(recordWrites);
    clock.t = Math.max(...dues) + MINUTE;
    await engine.onAlarm({ name: ALARMS.poll });
    browser.storage.onChanged.removeListener(recordWrites);
    expect(fake.lookups('other')).toBe(2);
    expect(fake.lookups('visited')).toBe(2);
    // Its next check counts from the visit.
    const visited = (await scheduleItem.get()).creators.find((c) => c.handle === 'visited')!;
    expect(visited.lastCheckAt).toBe(Math.max(...dues) - MINUTE);
    expect(visited.nextDue).toBeGreaterThan(clock.t);
    // The book is written for the answers (the visit's, the cycle's), the count on the plan and the next checks: one
    // plan a cycle, after it, not one before and one after.
    expect(writes.length).toBeLessThanOrEqual(4);
  });

  it('charges nothing twice after a worker restart and keeps what it learnt', async () => {
    fake.setProfile('sunny', { kind: 'offline' });
    let engine = startWorker();
    await follow(engine, 'sunny');
    await engine.onWake();
    clock.t = (await browser.alarms.get(ALARMS.poll))!.scheduledTime;
    await engine.onAlarm({ name: ALARMS.poll });
    const checked = fake.lookups();
    const learnt = await scheduleItem.get();

    clock.t += 5_000;
    engine = startWorker();
    await engine.onWake();
    await engine.onAlarm({ name: ALARMS.poll });
    expect(fake.lookups()).toBe(checked);
    const [after] = (await scheduleItem.get()).creators;
    const [before] = learnt.creators;
    expect(after).toMatchObject({ since: before!.since, starts: before!.starts, lastCheckAt: before!.lastCheckAt, known: 'offline' });
    expect(Math.abs(after!.nextDue! - before!.nextDue!)).toBeLessThan(1000);
  });

  it('records each go-live once, from the API’s start time', async () => {
    const startedAt = clock.t - 3 * MINUTE;
    fake.setProfile('sunny', { kind: 'live', roomId: 'r1', startedAt: new Date(startedAt).toISOString() });
    const engine = startWorker();
    await follow(engine, 'sunny');
    await engine.handleMessage({ type: 'lookup', handle: 'sunny', reason: 'refresh' }, popup);
    clock.t += 2 * MINUTE;
    await engine.handleMessage({ type: 'lookup', handle: 'sunny', reason: 'refresh' }, popup);
    // Answers reach the book in batches; anything that reads the book writes the batch first.
    await engine.handleMessage({ type: 'schedule' }, popup);
    const [sunny] = (await scheduleItem.get()).creators;
    expect(sunny).toMatchObject({ handle: 'sunny', known: 'live', starts: [startedAt] });
  });

  it('switches back to a periodic alarm in fixed mode', async () => {
    const engine = startWorker();
    await follow(engine, 'sunny');
    await engine.onWake();
    await settingsItem.set({ ...DEFAULT_SETTINGS, checkMode: 'fixed', pollMinutes: 5 });
    await engine.onStorageChanged({ settings: { newValue: {} } }, 'sync');
    expect((await browser.alarms.get(ALARMS.poll))?.periodInMinutes).toBe(5);
  });
});

describe('an hour of smart checking', () => {
  it('checks a follow the API does not find, or whose lookups fail, no more often than one who is offline', async () => {
    fake.setProfile('quiet', { kind: 'offline' });
    fake.setProfile('flaky', { kind: 'offline' });
    fake.fault({ kind: 'status', status: 400 }, { handle: 'flaky', times: 1000 });
    const engine = startWorker();
    await follow(engine, 'quiet', 'gone.user', 'flaky');
    await engine.onWake();
    await runFor(engine, 60 * MINUTE);
    const offline = fake.lookups('quiet');
    expect(offline).toBeGreaterThan(0);
    // Before, each was asked about once a minute: 56 calls an hour against 6.
    expect(fake.lookups('gone.user')).toBeLessThanOrEqual(offline + 1);
    expect(fake.lookups('flaky')).toBeLessThanOrEqual(offline + 1);
  });

  it('makes the due checks while a TikTok tab keeps sending signals', async () => {
    fake.setProfile('quiet', { kind: 'offline' });
    const engine = startWorker();
    await follow(engine, 'quiet');
    await engine.onWake();
    const tab = { id: browser.runtime.id, url: 'https://www.tiktok.com/foryou', tab: { id: 7 } } as never;
    let n = 0;
    // Live markers for people the user does not follow, a new one every 15 s, as a feed shows them.
    const scroll = () => engine.handleMessage({ type: 'signals', signals: [{ handle: `stranger${n++}`, state: 'live', source: 'list' }] }, tab);
    await runFor(engine, 15 * MINUTE, scroll);
    expect(n).toBeGreaterThan(10);
    expect(fake.lookups('quiet')).toBeGreaterThan(0);
  });
});

describe('a page that shows what is known', () => {
  it('moves the next check later, and the plan’s next recount keeps it there', async () => {
    fake.setProfile('quiet', { kind: 'offline' });
    const engine = startWorker();
    await follow(engine, 'quiet');
    await engine.onWake();
    await runFor(engine, 11 * MINUTE);
    expect(fake.lookups('quiet')).toBe(1);
    const nextDue = async () => (await scheduleItem.get()).creators[0]!.nextDue!;
    const planned = await nextDue();
    clock.t = planned - MINUTE;
    const tab = { id: browser.runtime.id, url: 'https://www.tiktok.com/@quiet', tab: { id: 7 } } as never;
    await engine.handleMessage({ type: 'signals', signals: [{ handle: 'quiet', state: 'offline', source: 'profile' }] }, tab);
    const held = await nextDue();
    expect(held).toBeGreaterThan(planned);
    // A wake recounts every creator's next check from the plan: the signal's hold stays.
    await engine.onWake();
    expect(await nextDue()).toBe(held);
    await runFor(engine, held - clock.t - MINUTE);
    expect(fake.lookups('quiet')).toBe(1);
  });
});

describe('a page that shows a live creator live', () => {
  it('does not put off the checks that watch the live for its end or a new one', async () => {
    fake.setProfile('sunny', { kind: 'live', roomId: 'r1' });
    const engine = startWorker();
    await follow(engine, 'sunny');
    await engine.onWake();
    await runFor(engine, 11 * MINUTE);
    const nextDue = async () => (await scheduleItem.get()).creators[0]!.nextDue!;
    const planned = await nextDue();
    expect((await scheduleItem.get()).creators[0]!.known).toBe('live');
    // Shortly before that check, a TikTok tab lists the creator live.
    clock.t = planned - MINUTE;
    const tab = { id: browser.runtime.id, url: 'https://www.tiktok.com/foryou', tab: { id: 7 } } as never;
    await engine.handleMessage({ type: 'signals', signals: [{ handle: 'sunny', state: 'live', source: 'list' }] }, tab);
    expect(await nextDue()).toBe(planned);
  });
});

describe('upgrading to smart checking', () => {
  it('keeps an existing install that ran on the defaults on fixed 10 minutes; a later update or a new install keeps the smart default', async () => {
    await browser.storage.sync.remove(settingsItem.key);
    await startWorker().onInstalled({ reason: 'update', previousVersion: '0.1.0' });
    expect(await settingsItem.get()).toMatchObject({ checkMode: 'fixed', pollMinutes: 10 });

    await browser.storage.sync.remove(settingsItem.key);
    await startWorker().onInstalled({ reason: 'update', previousVersion: '0.2.0' });
    expect((await settingsItem.get()).checkMode).toBe('smart');
  });
});

describe('free signals from TikTok tabs', () => {
  const tab = { id: browser.runtime.id, url: 'https://www.tiktok.com/foryou', tab: { id: 7 } } as never;
  const claim = (...handles: string[]) => ({ type: 'signals', signals: handles.map((handle) => ({ handle, state: 'live', source: 'list' })) });

  it('confirms a followed creator a page marks live with one paid check, and only that one notifies', async () => {
    fake.setProfile('sunny', { kind: 'live', roomId: 'r9', displayName: 'Sunny' });
    fake.setProfile('quiet', { kind: 'offline' });
    const engine = startWorker();
    await follow(engine, 'sunny', 'quiet');
    const before = fake.lookups();
    expect(await engine.handleMessage(claim('sunny', 'stranger'), tab)).toEqual({ ok: true, data: null });
    // The followed creator is checked once; the stranger is nobody's business.
    expect(fake.lookups('sunny')).toBe(1);
    expect(fake.lookups() - before).toBe(1);
    expect(Object.keys(await browser.notifications.getAll())).toEqual([expect.stringContaining('sunny')]);
    // The same claim again within ten minutes buys nothing.
    clock.t += 5 * MINUTE;
    await engine.handleMessage(claim('sunny'), tab);
    expect(fake.lookups() - before).toBe(1);
  });

  it('spends at most the global cap however many follows a page claims, and stops believing a source that lies', async () => {
    const handles = Array.from({ length: 60 }, (_, i) => `c${i}`);
    for (const h of handles) fake.setProfile(h, { kind: 'offline' });
    const engine = startWorker();
    await engine.handleMessage({ type: 'importFollows', entries: handles.map((handle) => ({ handle })) }, popup);
    const before = fake.lookups();
    for (let i = 0; i < 3; i++) await engine.handleMessage(claim(...handles.slice(i * 20, i * 20 + 20)), tab);
    expect(fake.lookups() - before).toBe(20);
    expect((await scheduleItem.get()).trust.list.filter((agreed) => !agreed)).toHaveLength(20);

    // An hour later the cap has room again, but the source lied every time: it is no longer believed.
    clock.t += 61 * MINUTE;
    await engine.handleMessage(claim(...handles.slice(40, 60)), tab);
    expect(fake.lookups() - before).toBe(20);
  });

  it('judges each source afresh after an update: a new build may read TikTok’s changed pages right again', async () => {
    const handles = Array.from({ length: 20 }, (_, i) => `c${i}`);
    for (const h of handles) fake.setProfile(h, { kind: 'offline' });
    const engine = startWorker();
    await engine.handleMessage({ type: 'importFollows', entries: handles.map((handle) => ({ handle })) }, popup);
    await engine.handleMessage(claim(...handles), tab);
    expect((await scheduleItem.get()).trust.list.filter((agreed) => !agreed)).toHaveLength(20);
    clock.t += 61 * MINUTE;
    const before = fake.lookups();
    await engine.handleMessage(claim('c0'), tab);
    expect(fake.lookups()).toBe(before);
    await startWorker().onInstalled({ reason: 'update', previousVersion: '0.3.0' });
    fake.setProfile('c0', { kind: 'live', roomId: 'r1' });
    await engine.handleMessage(claim('c0'), tab);
    expect(fake.lookups()).toBe(before + 1);
  });
});

describe('smart checking without a key', () => {
  it('comes back in minutes, not every 30 seconds, while no check can be made', async () => {
    await keyStateItem.set({ state: 'missing' });
    const engine = createEngine({ keyStore: createMemoryKeyStore(null), origin: fake.origin, fetch: loopbackFetch(), now: () => clock.t, random: () => 0.5, localOffset: () => 0 });
    await follow(engine, 'sunny');
    await engine.onWake();
    clock.t = (await browser.alarms.get(ALARMS.poll))!.scheduledTime;
    await engine.onAlarm({ name: ALARMS.poll });
    expect((await browser.alarms.get(ALARMS.poll))!.scheduledTime - clock.t).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(fake.lookups()).toBe(0);
  });
});
