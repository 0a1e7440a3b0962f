import { afterAll, beforeAll, beforeEach } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createEngine } from '@/entrypoints/background/engine';
import { ALARMS } from '@/lib/platform/alarms';
import { keyStateItem, settingsItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import { createMemoryKeyStore } from './memory-key-store';
import { loopbackFetch, startFakeSocialFetch, type FakeSocialFetch } from '../fake-socialfetch';

export const popup = { id: browser.runtime.id, url: 'chrome-extension://test-extension-id/popup.html' } as never;
export const MINUTE = 60_000;

/**
 * Smart checking's world for a test file: a fake API, a clock the tests move, smart checking on with a valid key, and
 * fresh storage before each test.
 */
export function smartWorld() {
  const world = { fake: null as unknown as FakeSocialFetch, clock: { t: 0 } };
  beforeAll(async () => {
    world.fake = await startFakeSocialFetch();
  });
  afterAll(() => world.fake.close());
  beforeEach(async () => {
    fakeBrowser.reset();
    world.fake.reset();
    world.clock.t = Date.parse('2026-11-24T20:00:00Z');
    await keyStateItem.set({ state: 'valid' });
    await settingsItem.set({ ...DEFAULT_SETTINGS, checkMode: 'smart' });
  });

  /** A background as after a (re)start of the worker: same storage, fresh memory. */
  function startWorker() {
    return createEngine({
      keyStore: createMemoryKeyStore('sfk_test_valid'),
      origin: world.fake.origin,
      fetch: loopbackFetch(),
      now: () => world.clock.t,
      random: () => 0.5,
      localOffset: () => 0,
    });
  }
  type Engine = ReturnType<typeof startWorker>;

  async function follow(engine: Engine, ...handles: string[]) {
    for (const handle of handles) await engine.handleMessage({ type: 'follow', handle, follow: true }, popup);
  }

  /** The next `ms` in 15-second steps: the poll alarm fires once its time has come, `meanwhile` runs at the other steps. */
  async function runFor(engine: Engine, ms: number, meanwhile?: () => Promise<unknown>) {
    const end = world.clock.t + ms;
    while (world.clock.t < end) {
      world.clock.t += 15_000;
      const alarm = await browser.alarms.get(ALARMS.poll);
      if (alarm && alarm.scheduledTime <= world.clock.t) await engine.onAlarm({ name: ALARMS.poll });
      else await meanwhile?.();
    }
  }

  return { world, startWorker, follow, runFor };
}
