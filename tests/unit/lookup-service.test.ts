import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createLookupService } from '@/lib/checking/lookup-service';
import type { ApiResult, LiveSource } from '@/lib/socialfetch/client';
import type { ApiError, Lookup } from '@/lib/socialfetch/model';
import { cacheItem, creditLogItem, keyStateItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import type { Settings } from '@/lib/domain/model';
import { utcDay } from '@/lib/domain/format';

const offline = (handle: string): Lookup => ({
  status: 'offline',
  profile: { handle, displayName: null, avatarUrl: null, verified: false, followerCount: null },
});

/** A source that counts calls and answers after the test releases it. */
function countingSource(answer: (handle: string) => ApiResult<Lookup> = (h) => ({ ok: true, data: offline(h), requestId: 'r', creditsCharged: 1 })) {
  const calls: string[] = [];
  const source: LiveSource = {
    async lookupLive(handle) {
      calls.push(handle);
      await new Promise((r) => setTimeout(r, 5));
      return answer(handle);
    },
  };
  return { source, calls };
}

function setup(options: { settings?: Partial<Settings>; source?: LiveSource | null; clock?: { t: number } } = {}) {
  const clock = options.clock ?? { t: 1_000_000 };
  const counting = countingSource();
  const source = options.source === undefined ? counting.source : options.source;
  const service = createLookupService({
    source: async () => source,
    settings: async () => ({ ...DEFAULT_SETTINGS, ...options.settings }),
    now: () => clock.t,
  });
  return { service, calls: counting.calls, clock };
}

beforeEach(async () => {
  fakeBrowser.reset();
  await keyStateItem.set({ state: 'valid' });
});

describe('lookup service', () => {
  it('changes nothing on a revoked key’s 401 that answers after a new key was saved', async () => {
    const revoked: LiveSource = { lookupLive: async () => ({ ok: false, error: { kind: 'unauthorized', status: 401 }, staleKey: true }) };
    const { service } = setup({ source: revoked });
    await cacheItem('sunny').set({ handle: 'sunny', lookup: offline('sunny'), fetchedAt: 1, error: null, errorAt: null, lastLiveAt: null });
    await keyStateItem.set({ state: 'valid', checkedAt: 5 });
    await service.lookup('sunny', 'poll');
    expect(await keyStateItem.get()).toEqual({ state: 'valid', checkedAt: 5 });
    expect((await cacheItem('sunny').get())?.error).toBeNull();
  });

  it('adds the credits a burst of answers spent to the day\'s log in one write', async () => {
    const { service, clock } = setup();
    await creditLogItem.set({ [utcDay(clock.t)]: 7 });
    let writes = 0;
    fakeBrowser.storage.onChanged.addListener((changes) => void (creditLogItem.key in changes && writes++));
    await Promise.all(['a1', 'a2', 'a3', 'a4'].map((h) => service.lookup(h, 'poll')));
    await vi.waitFor(() => expect(writes).toBeGreaterThan(0), { timeout: 2000 });
    await new Promise((r) => setTimeout(r, 20));
    expect(writes).toBe(1);
    expect(await creditLogItem.get()).toEqual({ [utcDay(clock.t)]: 11 });
  });

  it('counts the credits the server says an unreadable answer cost', async () => {
    const unreadable = countingSource(() => ({ ok: false, error: { kind: 'malformed_response', status: 200, creditsCharged: 1 } }));
    const { service, clock } = setup({ source: unreadable.source });
    await service.lookup('a1', 'poll');
    await vi.waitFor(async () => expect(await creditLogItem.get()).toEqual({ [utcDay(clock.t)]: 1 }), { timeout: 2000 });
  });

  it('gives a service that failed the time it asked for before any other check asks it', async () => {
    const source = countingSource((h) =>
      h === 'first' ? { ok: false, error: { kind: 'temporarily_unavailable', status: 503, retryAfterMs: 120_000 } } : { ok: true, data: offline(h), requestId: 'r', creditsCharged: 1 },
    );
    const { service, clock } = setup({ source: source.source });
    await service.lookup('first', 'visit');
    for (const reason of ['visit', 'popup', 'signal'] as const) expect(await service.lookup('second', reason)).toMatchObject({ cached: true, blocked: 'unavailable' });
    expect(source.calls).toEqual(['first']);
    clock.t += 121_000;
    expect(await service.lookup('second', 'visit')).toMatchObject({ cached: false });
    expect(source.calls).toEqual(['first', 'second']);
  });

  it('coalesces concurrent lookups of one handle into one call (5 tabs + popup + poll)', async () => {
    const { service, calls } = setup();
    const reasons = ['visit', 'visit', 'visit', 'visit', 'visit', 'popup', 'poll'] as const;
    const outcomes = await Promise.all(reasons.map((r) => service.lookup('sunny', r)));
    expect(calls).toEqual(['sunny']);
    expect(new Set(outcomes.map((o) => o.entry?.fetchedAt)).size).toBe(1);
  });

  it('calls only once its slot is free, frees it when the answer is in, and makes no call when the slot is refused', async () => {
    const { service, calls } = setup();
    let grant: (release: (() => void) | null) => void = () => {};
    let released = 0;
    const waiting = service.lookup('sunny', 'poll', () => new Promise((resolve) => (grant = resolve)));
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toEqual([]);
    grant(() => released++);
    expect((await waiting).cached).toBe(false);
    expect(calls).toEqual(['sunny']);
    expect(released).toBe(1);

    const refused = await service.lookup('other', 'poll', async () => null);
    expect(refused).toEqual({ entry: null, cached: true, blocked: 'cancelled' });
    expect(calls).toEqual(['sunny']);
  });

  it('a visit that joined a check its cycle then cancelled makes its own call', async () => {
    const { service, calls } = setup();
    const poll = service.lookup('sunny', 'poll', async () => null);
    const visit = service.lookup('sunny', 'visit');
    expect((await poll).blocked).toBe('cancelled');
    const answered = await visit;
    expect(answered.cached).toBe(false);
    expect(answered.entry?.lookup?.status).toBe('offline');
    expect(calls).toEqual(['sunny']);
  });

  it('serves the cache inside the freshness window and calls again after it', async () => {
    const { service, calls, clock } = setup({ settings: { freshnessSeconds: 60 } });
    await service.lookup('sunny', 'visit');
    clock.t += 59_000;
    expect((await service.lookup('sunny', 'visit')).cached).toBe(true);
    expect(calls).toHaveLength(1);
    clock.t += 2_000;
    expect((await service.lookup('sunny', 'visit')).cached).toBe(false);
    expect(calls).toHaveLength(2);
  });

  it('a refresh reuses only a very recent answer', async () => {
    const { service, calls, clock } = setup();
    await service.lookup('sunny', 'popup');
    clock.t += 5_000;
    await service.lookup('sunny', 'refresh');
    expect(calls).toHaveLength(1);
    clock.t += 6_000;
    await service.lookup('sunny', 'refresh');
    expect(calls).toHaveLength(2);
  });

  it('caps page-visit lookups per minute, not polls', async () => {
    const { service, calls, clock } = setup({ settings: { visitLookupsPerMinute: 3 } });
    const visited = [];
    for (const h of ['a1', 'a2', 'a3', 'a4']) visited.push(await service.lookup(h, 'visit'));
    expect(calls).toEqual(['a1', 'a2', 'a3']);
    expect(visited[3]?.blocked).toBe('ceiling');
    expect((await service.lookup('a4', 'poll')).blocked).toBeUndefined();
    clock.t += 61_000;
    expect((await service.lookup('a5', 'visit')).blocked).toBeUndefined();
  });

  it('counts visits that arrive at once against the ceiling, and a restarted worker still counts them', async () => {
    const clock = { t: 1_000_000 };
    const { service, calls } = setup({ settings: { visitLookupsPerMinute: 3 }, clock });
    const visited = await Promise.all(['b1', 'b2', 'b3', 'b4', 'b5'].map((h) => service.lookup(h, 'visit')));
    expect(calls).toHaveLength(3);
    expect(visited.filter((o) => o.blocked === 'ceiling')).toHaveLength(2);
    // The worker stops and a new one wakes within the same minute: the visits counted before are in storage.
    const restarted = setup({ settings: { visitLookupsPerMinute: 3 }, clock });
    expect((await restarted.service.lookup('b6', 'visit')).blocked).toBe('ceiling');
    expect(restarted.calls).toHaveLength(0);
  });

  it.each([
    ['missing', 'no_key'],
    ['invalid', 'key_invalid'],
    ['out_of_credits', 'out_of_credits'],
  ] as const)('makes no call while the key is %s', async (state, blocked) => {
    await keyStateItem.set({ state });
    const { service, calls } = setup();
    expect((await service.lookup('sunny', 'popup')).blocked).toBe(blocked);
    expect(calls).toHaveLength(0);
  });

  it('makes no call while rate limited, and resumes after', async () => {
    const { service, calls, clock } = setup();
    await keyStateItem.set({ state: 'rate_limited', until: clock.t + 30_000 });
    expect((await service.lookup('sunny', 'popup')).blocked).toBe('rate_limited');
    clock.t += 31_000;
    expect((await service.lookup('sunny', 'popup')).blocked).toBeUndefined();
    expect(calls).toHaveLength(1);
    expect((await keyStateItem.get()).state).toBe('valid');
  });

  it('keeps the last good answer when a later call fails, and records the error', async () => {
    let fail = false;
    const error: ApiError = { kind: 'internal_error', message: 'boom', status: 500 };
    const { source } = countingSource((h) => (fail ? { ok: false, error } : { ok: true, data: offline(h), requestId: 'r', creditsCharged: 1 }));
    const { service, clock } = setup({ source });
    await service.lookup('sunny', 'popup');
    fail = true;
    clock.t += 120_000;
    const { entry } = await service.lookup('sunny', 'popup');
    expect(entry?.lookup?.status).toBe('offline');
    expect(entry?.error?.kind).toBe('internal_error');
    expect(await cacheItem('sunny').get()).toEqual(entry);
  });

  it.each([
    ['unauthorized', 'invalid'],
    ['insufficient_credits', 'out_of_credits'],
    ['rate_limited', 'rate_limited'],
  ] as const)('a %s answer turns the key state to %s', async (kind, state) => {
    const { source } = countingSource(() => ({ ok: false, error: { kind, message: kind, retryAfterMs: 5000 } }));
    const { service } = setup({ source });
    await service.lookup('sunny', 'popup');
    expect((await keyStateItem.get()).state).toBe(state);
  });

  it('without a source (no key, no demo) answers no_key from the cache', async () => {
    const { service } = setup({ source: null });
    expect(await service.lookup('sunny', 'popup')).toEqual({ entry: null, cached: true, blocked: 'no_key' });
  });
});
