import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { createEngine } from '@/entrypoints/background/engine';
import { ALARMS } from '@/lib/platform/alarms';
import { createMemoryKeyStore } from './memory-key-store';
import { chooseBudget } from '@/lib/platform/budget-store';
import { scheduleItem } from '@/lib/platform/schedule-store';
import { keyStateItem } from '@/lib/platform/storage';
import { loopbackFetch } from '../fake-socialfetch';
import { MINUTE, popup, smartWorld } from './smart-harness';

const { world, startWorker, follow } = smartWorld();
const { clock } = world;

describe('free signals from TikTok tabs', () => {
  const tab = { id: browser.runtime.id, url: 'https://www.tiktok.com/foryou', tab: { id: 7 } } as never;
  const claim = (...handles: string[]) => ({ type: 'signals', signals: handles.map((handle) => ({ handle, state: 'live', source: 'list' })) });

  it('confirms a followed creator a page marks live with one paid check, and only that one notifies', async () => {
    world.fake.setProfile('sunny', { kind: 'live', roomId: 'r9', displayName: 'Sunny' });
    world.fake.setProfile('quiet', { kind: 'offline' });
    const engine = startWorker();
    await follow(engine, 'sunny', 'quiet');
    const before = world.fake.lookups();
    expect(await engine.handleMessage(claim('sunny', 'stranger'), tab)).toEqual({ ok: true, data: null });
    // The followed creator is checked once; the stranger is nobody's business.
    expect(world.fake.lookups('sunny')).toBe(1);
    expect(world.fake.lookups() - before).toBe(1);
    expect(Object.keys(await browser.notifications.getAll())).toEqual([expect.stringContaining('sunny')]);
    // The same claim again within ten minutes buys nothing.
    clock.t += 5 * MINUTE;
    await engine.handleMessage(claim('sunny'), tab);
    expect(world.fake.lookups() - before).toBe(1);
  });

  /** `n` creators followed by import, all offline, on 1,000 credits a day: the hour's cap on confirmations is at its most, 20. */
  async function followOffline(n: number) {
    await chooseBudget(30_000);
    const handles = Array.from({ length: n }, (_, i) => `c${i}`);
    for (const h of handles) world.fake.setProfile(h, { kind: 'offline' });
    const engine = startWorker();
    await engine.handleMessage({ type: 'importFollows', entries: handles.map((handle) => ({ handle })) }, popup);
    return { engine, handles };
  }

  it('spends at most the global cap however many follows a page claims, and stops believing a source that lies', async () => {
    const { engine, handles } = await followOffline(60);
    const before = world.fake.lookups();
    for (let i = 0; i < 3; i++) await engine.handleMessage(claim(...handles.slice(i * 20, i * 20 + 20)), tab);
    expect(world.fake.lookups() - before).toBe(20);
    expect((await scheduleItem.get()).trust.list.filter((agreed) => !agreed)).toHaveLength(20);

    // An hour later the cap has room again, but the source lied every time: it is no longer believed.
    clock.t += 61 * MINUTE;
    await engine.handleMessage(claim(...handles.slice(40, 60)), tab);
    expect(world.fake.lookups() - before).toBe(20);
  });

  it('judges each source afresh after an update: a new build may read TikTok’s changed pages right again', async () => {
    const { engine, handles } = await followOffline(20);
    await engine.handleMessage(claim(...handles), tab);
    expect((await scheduleItem.get()).trust.list.filter((agreed) => !agreed)).toHaveLength(20);
    clock.t += 61 * MINUTE;
    const before = world.fake.lookups();
    await engine.handleMessage(claim('c0'), tab);
    expect(world.fake.lookups()).toBe(before);
    await startWorker().onInstalled({ reason: 'update', previousVersion: '0.3.0' });
    world.fake.setProfile('c0', { kind: 'live', roomId: 'r1' });
    await engine.handleMessage(claim('c0'), tab);
    expect(world.fake.lookups()).toBe(before + 1);
  });
});

describe('smart checking without a key', () => {
  it('comes back in minutes, not every 30 seconds, while no check can be made', async () => {
    await keyStateItem.set({ state: 'missing' });
    const engine = createEngine({ keyStore: createMemoryKeyStore(null), origin: world.fake.origin, fetch: loopbackFetch(), now: () => clock.t, random: () => 0.5, localOffset: () => 0 });
    await follow(engine, 'sunny');
    await engine.onWake();
    clock.t = (await browser.alarms.get(ALARMS.poll))!.scheduledTime;
    await engine.onAlarm({ name: ALARMS.poll });
    expect((await browser.alarms.get(ALARMS.poll))!.scheduledTime - clock.t).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(world.fake.lookups()).toBe(0);
  });
});
