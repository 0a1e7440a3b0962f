import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { ALARMS } from '@/lib/platform/alarms';
import { contentScriptOn } from './engine-harness';
import { readDailyBudget } from '@/lib/platform/budget-store';
import { scheduleItem } from '@/lib/platform/schedule-store';
import { settingsItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import { MINUTE, popup, smartWorld } from './smart-harness';

const { world, startWorker, follow, runFor } = smartWorld();
const { clock } = world;

describe('smart checking in the background', () => {
  it('keeps one alarm at the earliest due check and checks only who is due', async () => {
    world.fake.setProfile('sunny', { kind: 'live', roomId: 'r1' });
    world.fake.setProfile('quiet', { kind: 'offline' });
    const engine = startWorker();
    await follow(engine, 'sunny', 'quiet');
    await engine.onWake();
    const alarm = await browser.alarms.get(ALARMS.poll);
    // One alarm, not a period: newcomers are spread over the next ten minutes.
    expect(alarm?.periodInMinutes).toBeUndefined();
    expect(alarm!.scheduledTime).toBeGreaterThan(clock.t);
    expect(alarm!.scheduledTime).toBeLessThanOrEqual(clock.t + 10 * MINUTE);
    const before = world.fake.lookups();

    clock.t = alarm!.scheduledTime;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(world.fake.lookups() - before).toBe(2);

    // A minute later nobody is due: the alarm fires for nothing and spends nothing.
    clock.t += MINUTE;
    await engine.onAlarm({ name: ALARMS.poll });
    expect(world.fake.lookups() - before).toBe(2);

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
    world.fake.setProfile('visited', { kind: 'offline' });
    world.fake.setProfile('other', { kind: 'offline' });
    const engine = startWorker();
    await follow(engine, 'visited', 'other');
    await engine.onWake();
    await runFor(engine, 10 * MINUTE);
    const dues = (await scheduleItem.get()).creators.map((c) => c.nextDue!);
    // The user opens the profile just before both checks come due: that answer is the check.
    clock.t = Math.max(...dues) - MINUTE;
    await engine.handleMessage({ type: 'visit', handle: 'visited' }, contentScriptOn('visited'));
    expect(world.fake.lookups('visited')).toBe(2);
    const writes: unknown[] = [];
    const recordWrites = (changes: Record<string, unknown>) => void (scheduleItem.key in changes && writes.push(changes[scheduleItem.key]));
    browser.storage.onChanged.addListener(recordWrites);
    clock.t = Math.max(...dues) + MINUTE;
    await engine.onAlarm({ name: ALARMS.poll });
    browser.storage.onChanged.removeListener(recordWrites);
    expect(world.fake.lookups('other')).toBe(2);
    expect(world.fake.lookups('visited')).toBe(2);
    // Its next check counts from the visit.
    const visited = (await scheduleItem.get()).creators.find((c) => c.handle === 'visited')!;
    expect(visited.lastCheckAt).toBe(Math.max(...dues) - MINUTE);
    expect(visited.nextDue).toBeGreaterThan(clock.t);
    // The book is written for the answers (the visit's, the cycle's), the count on the plan and the next checks: one
    // plan a cycle, after it, not one before and one after.
    expect(writes.length).toBeLessThanOrEqual(4);
  });

  it('charges nothing twice after a worker restart and keeps what it learnt', async () => {
    world.fake.setProfile('sunny', { kind: 'offline' });
    let engine = startWorker();
    await follow(engine, 'sunny');
    await engine.onWake();
    clock.t = (await browser.alarms.get(ALARMS.poll))!.scheduledTime;
    await engine.onAlarm({ name: ALARMS.poll });
    const checked = world.fake.lookups();
    const learnt = await scheduleItem.get();

    clock.t += 5_000;
    engine = startWorker();
    await engine.onWake();
    await engine.onAlarm({ name: ALARMS.poll });
    expect(world.fake.lookups()).toBe(checked);
    const [after] = (await scheduleItem.get()).creators;
    const [before] = learnt.creators;
    expect(after).toMatchObject({ since: before!.since, starts: before!.starts, lastCheckAt: before!.lastCheckAt, known: 'offline' });
    expect(Math.abs(after!.nextDue! - before!.nextDue!)).toBeLessThan(1000);
  });

  it('records each go-live once, from the API’s start time', async () => {
    const startedAt = clock.t - 3 * MINUTE;
    world.fake.setProfile('sunny', { kind: 'live', roomId: 'r1', startedAt: new Date(startedAt).toISOString() });
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
    world.fake.setProfile('quiet', { kind: 'offline' });
    world.fake.setProfile('flaky', { kind: 'offline' });
    world.fake.fault({ kind: 'status', status: 400 }, { handle: 'flaky', times: 1000 });
    const engine = startWorker();
    await follow(engine, 'quiet', 'gone.user', 'flaky');
    await engine.onWake();
    await runFor(engine, 60 * MINUTE);
    const offline = world.fake.lookups('quiet');
    expect(offline).toBeGreaterThan(0);
    // Before, each was asked about once a minute: 56 calls an hour against 6.
    expect(world.fake.lookups('gone.user')).toBeLessThanOrEqual(offline + 1);
    expect(world.fake.lookups('flaky')).toBeLessThanOrEqual(offline + 1);
  });

  it('makes the due checks while a TikTok tab keeps sending signals', async () => {
    world.fake.setProfile('quiet', { kind: 'offline' });
    const engine = startWorker();
    await follow(engine, 'quiet');
    await engine.onWake();
    const tab = { id: browser.runtime.id, url: 'https://www.tiktok.com/foryou', tab: { id: 7 } } as never;
    let n = 0;
    // Live markers for people the user does not follow, a new one every 15 s, as a feed shows them.
    const scroll = () => engine.handleMessage({ type: 'signals', signals: [{ handle: `stranger${n++}`, state: 'live', source: 'list' }] }, tab);
    await runFor(engine, 15 * MINUTE, scroll);
    expect(n).toBeGreaterThan(10);
    expect(world.fake.lookups('quiet')).toBeGreaterThan(0);
  });
});

describe('a page that shows what is known', () => {
  it('moves the next check later, and the plan’s next recount keeps it there', async () => {
    world.fake.setProfile('quiet', { kind: 'offline' });
    const engine = startWorker();
    await follow(engine, 'quiet');
    await engine.onWake();
    await runFor(engine, 11 * MINUTE);
    expect(world.fake.lookups('quiet')).toBe(1);
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
    expect(world.fake.lookups('quiet')).toBe(1);
  });
});

describe('a page that shows a live creator live', () => {
  it('does not put off the checks that watch the live for its end or a new one', async () => {
    world.fake.setProfile('sunny', { kind: 'live', roomId: 'r1' });
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
