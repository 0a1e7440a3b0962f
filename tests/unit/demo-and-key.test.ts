import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEMO_CREATORS } from '@/lib/socialfetch/demo-source';
import { ALARMS } from '@/lib/platform/alarms';
import { readFollows } from '@/lib/platform/follows';
import { cacheItem, pollStateItem } from '@/lib/platform/storage';
import { startFakeSocialFetch, type FakeSocialFetch } from '../fake-socialfetch';
import { anotherBrowser } from './memory-area';
import { contentScript, contentScriptOn, engineWith as harness, resetWorld } from './engine-harness';

let fake: FakeSocialFetch;
beforeAll(async () => {
  fake = await startFakeSocialFetch();
});
afterAll(() => fake.close());
const engineWith = () => harness(fake);

beforeEach(async () => {
  await resetWorld(fake);
});

describe('demo mode', () => {
  it('spends no credit once demo mode is on, and checks for real again once it is off', async () => {
    fake.setProfile('sunny', { kind: 'offline' });
    const { engine, ask, clock } = engineWith();
    expect(await ask({ type: 'visit', handle: 'sunny' }, contentScript)).toMatchObject({ ok: true, data: { demo: false } });
    expect(fake.lookups()).toBe(1);
    // The worker now keeps "demo off" in memory; switching it on must not leave a check on the real API.
    expect(await ask({ type: 'setDemo', on: true })).toEqual({ ok: true, data: { demo: true } });
    clock.t += 11 * 60_000;
    expect(await ask({ type: 'visit', handle: 'sunny' }, contentScript)).toMatchObject({ ok: true, data: { demo: true } });
    await engine.onAlarm({ name: ALARMS.poll });
    expect(fake.lookups()).toBe(1);
    await ask({ type: 'setDemo', on: false });
    clock.t += 11 * 60_000;
    expect(await ask({ type: 'visit', handle: 'sunny' }, contentScript)).toMatchObject({ ok: true, data: { demo: false } });
    expect(fake.lookups()).toBe(2);
  });

  it('shows demo mode’s sample creators without storing them: they never sync to the user’s other browsers', async () => {
    const { engine, ask } = engineWith();
    // Storage changes reach the worker as the browser sends them.
    fakeBrowser.storage.onChanged.addListener((changes, area) => void engine.onStorageChanged(changes, area));
    await ask({ type: 'follow', handle: 'sunny', follow: true });
    await ask({ type: 'setDemo', on: true });
    const shown = async () => ((await ask({ type: 'snapshot' })) as { data: { follows: { handle: string }[] } }).data.follows.map((f) => f.handle);
    expect(await shown()).toEqual(['sunny', ...DEMO_CREATORS.map((c) => c.handle)]);
    // The sample creators' buttons say why they do nothing; an import of one adds nothing.
    const refused = { ok: false, error: 'The sample creators come and go with demo mode: they cannot be changed.' };
    expect(await ask({ type: 'setPin', handle: 'demo.gamer', pinned: true })).toEqual(refused);
    expect(await ask({ type: 'setNotify', handle: 'demo.gamer', notify: false })).toEqual(refused);
    expect(await ask({ type: 'follow', handle: 'demo.gamer', follow: false })).toEqual(refused);
    expect(await ask({ type: 'importFollows', entries: [{ handle: 'demo.gamer' }] })).toMatchObject({ ok: true, data: { added: [] } });
    // What sync holds, as another browser reads it: the user's own follow only.
    expect((await readFollows(anotherBrowser())).map((f) => f.handle)).toEqual(['sunny']);
    await ask({ type: 'setDemo', on: false });
    expect(await shown()).toEqual(['sunny']);
  });

  it('leaves the real answers about the user’s own follows as they were while demo mode is on', async () => {
    fake.setProfile('sunny', { kind: 'offline', displayName: 'Sunny' });
    const { engine, ask, clock } = engineWith();
    await ask({ type: 'follow', handle: 'sunny', follow: true });
    await engine.onAlarm({ name: ALARMS.poll });
    const real = await cacheItem('sunny').get();
    expect(real?.lookup).toMatchObject({ status: 'offline', profile: { displayName: 'Sunny' } });
    await ask({ type: 'setDemo', on: true });
    clock.t += 11 * 60_000;
    await engine.onAlarm({ name: ALARMS.poll });
    await ask({ type: 'lookup', handle: 'sunny', reason: 'refresh' });
    expect(await cacheItem('sunny').get()).toEqual(real);
    // A stranger's profile in demo mode: "not found", and nothing stored.
    expect(await ask({ type: 'visit', handle: 'stranger' }, contentScriptOn('stranger'))).toMatchObject({ ok: true, data: { view: { kind: 'not_found' }, demo: true } });
    expect(await cacheItem('stranger').get()).toBeNull();
    await ask({ type: 'setDemo', on: false });
    expect(await cacheItem('sunny').get()).toEqual(real);
    expect(fake.lookups('sunny')).toBe(1);
  });
});

describe('saving the key', () => {
  it('checks everyone once for a new key, and nobody again for the same key saved twice', async () => {
    fake.setProfile('sunny', { kind: 'offline' });
    fake.setProfile('moon', { kind: 'live' });
    const { ask, keyStore, clock } = harness(fake, null);
    await ask({ type: 'importFollows', entries: [{ handle: 'sunny' }, { handle: 'moon' }] });
    await ask({ type: 'saveKey', key: 'sfk_test_valid' });
    await expect.poll(() => fake.lookups()).toBe(2);
    expect(await keyStore.get()).toBe('sfk_test_valid');
    // Saved again half a minute later (after a top-up): the answers there, still fresh, are not bought again.
    clock.t += 30_000;
    expect(await ask({ type: 'saveKey', key: 'sfk_test_valid' })).toMatchObject({ ok: true });
    // The cycle the save started has ended (it stamps its end with the clock): whatever it asked is counted.
    await expect.poll(async () => (await pollStateItem.get()).lastSuccessAt).toBe(clock.t);
    expect(fake.lookups()).toBe(2);
  });
});
