import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LookupOutcome } from '@/lib/checking/lookup-service';
import { createPoller } from '@/lib/checking/poller';
import { isStale } from '@/lib/domain/staleness';
import type { ApiError } from '@/lib/socialfetch/model';
import { pollStateItem } from '@/lib/platform/storage';
import type { CacheEntry } from '@/lib/domain/model';
import { EMPTY_POLL_STATE } from '@/lib/domain/defaults';

const T0 = 5_000_000;
const ok = (handle: string): LookupOutcome => ({
  cached: false,
  entry: { handle, lookup: { status: 'not_found' }, fetchedAt: T0, error: null, errorAt: null, lastLiveAt: null },
});
const failed = (handle: string, error: ApiError): LookupOutcome => ({
  cached: false,
  entry: { handle, lookup: null, fetchedAt: null, error, errorAt: T0, lastLiveAt: null } satisfies CacheEntry,
});

function setup(answer: (handle: string) => LookupOutcome | Promise<LookupOutcome>, follows = ['a', 'b', 'c', 'd', 'e', 'f']) {
  const clock = { t: T0 };
  const calls: string[] = [];
  /** Checks under way (their reads done) and calls in flight, as the lookup service makes them. */
  const load = { checks: 0, inFlight: 0, maxChecks: 0, maxInFlight: 0 };
  const poller = createPoller({
    follows: async () => follows,
    lookup: async (h, _reason, slot) => {
      load.maxChecks = Math.max(load.maxChecks, ++load.checks);
      const release = await slot();
      try {
        if (!release) return { entry: null, cached: true, blocked: 'cancelled' };
        calls.push(h);
        load.maxInFlight = Math.max(load.maxInFlight, ++load.inFlight);
        const outcome = await answer(h);
        load.inFlight--;
        // As the lookup service does: the slot goes back, told of the error, before the answer is stored.
        release(outcome.cached ? undefined : (outcome.entry?.error ?? undefined));
        return outcome;
      } finally {
        release?.();
        load.checks--;
      }
    },
    now: () => clock.t,
    random: () => 1,
    concurrency: 2,
  });
  return { poller, calls, clock, load };
}

const later = <T,>(value: T, ms = 5) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

beforeEach(() => fakeBrowser.reset());

describe('poll cycle', () => {
  it('checks every follow once and records the success time', async () => {
    const { poller, calls } = setup(ok);
    expect(await poller.run()).toEqual({ kind: 'done', checked: 6 });
    expect([...calls].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(await pollStateItem.get()).toMatchObject({ lastSuccessAt: T0, pending: [], backoffAttempt: 0 });
  });

  it('never has more calls in flight than its concurrency, while its next checks are already under way', async () => {
    const { poller, calls, load } = setup((h) => later(ok(h)), Array.from({ length: 12 }, (_, i) => `h${i}`));
    expect(await poller.run()).toEqual({ kind: 'done', checked: 12 });
    expect(calls).toHaveLength(12);
    expect(load.maxInFlight).toBe(2);
    expect(load.maxChecks).toBe(4);
  });

  it('makes no call for the checks waiting for a slot when the cycle stops, and keeps them for later', async () => {
    const follows = Array.from({ length: 8 }, (_, i) => `h${i}`);
    const { poller, calls } = setup((h) => later(h === 'h0' ? failed(h, { kind: 'unauthorized', message: '' }) : ok(h), h === 'h0' ? 1 : 20), follows);
    expect(await poller.run()).toMatchObject({ kind: 'stopped', why: 'paused' });
    // h0 and h1 held the two slots; h2 and h3 waited for one and were dropped when h0's answer stopped the cycle.
    expect(calls).toEqual(['h0', 'h1']);
    expect((await pollStateItem.get()).pending).toEqual(follows.filter((h) => h !== 'h1'));
  });

  it('checks everyone when the user asks, not only what an interrupted cycle left', async () => {
    await pollStateItem.set({ ...EMPTY_POLL_STATE, pending: ['d', 'e', 'f'], cycleStartedAt: T0 - 1000 });
    const { poller, calls } = setup(ok);
    await poller.run('refresh');
    expect([...calls].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('joins a running cycle instead of starting a second', async () => {
    const { poller, calls } = setup(ok);
    await Promise.all([poller.run(), poller.run(), poller.run()]);
    expect(calls).toHaveLength(6);
  });

  it('resumes a cycle a killed worker left half done without re-checking the finished handles', async () => {
    await pollStateItem.set({ ...EMPTY_POLL_STATE, pending: ['d', 'e', 'f'], cycleStartedAt: T0 - 1000 });
    const { poller, calls } = setup(ok);
    await poller.run();
    expect([...calls].sort()).toEqual(['d', 'e', 'f']);
    expect((await pollStateItem.get()).pending).toEqual([]);
  });

  it.each(['unauthorized', 'insufficient_credits'] as const)('stops and pauses on %s until resumed', async (kind) => {
    const { poller, calls } = setup((h) => (h === 'a' ? failed(h, { kind, message: kind }) : ok(h)));
    expect(await poller.run()).toMatchObject({ kind: 'stopped', why: 'paused' });
    expect((await pollStateItem.get()).pausedFor).toBe(kind);
    const before = calls.length;
    expect(await poller.run()).toEqual({ kind: 'skipped', why: 'paused' });
    expect(calls).toHaveLength(before);
    await poller.resume();
    expect((await poller.run()).kind).not.toBe('skipped');
  });

  it('honours Retry-After on 429 and keeps the unanswered handles for later', async () => {
    const { poller, clock } = setup((h) => (h === 'b' ? failed(h, { kind: 'rate_limited', message: '', retryAfterMs: 42_000 }) : ok(h)));
    expect(await poller.run()).toMatchObject({ kind: 'stopped', why: 'backoff' });
    const state = await pollStateItem.get();
    expect(state.backoffUntil).toBe(T0 + 42_000);
    expect(state.pending).toContain('b');
    expect(state.pending).not.toContain('a');
    clock.t += 10_000;
    expect(await poller.run()).toEqual({ kind: 'skipped', why: 'backoff' });
  });

  it.each(['internal_error', 'temporarily_unavailable', 'network', 'timeout'] as const)(
    'backs off exponentially on %s',
    async (kind) => {
      const { poller, clock } = setup((h) => failed(h, { kind, message: kind }));
      await poller.run();
      const first = await pollStateItem.get();
      expect(first.backoffUntil).toBe(T0 + 30_000);
      clock.t = first.backoffUntil! + 1;
      await poller.run();
      const second = await pollStateItem.get();
      expect(second.backoffAttempt).toBe(2);
      expect(second.backoffUntil! - clock.t).toBe(60_000);
      expect(second.lastSuccessAt).toBeNull();
    },
  );

  it('one failed call of the service does not stall the others: the cycle goes on and that creator stays for later', async () => {
    const { poller, calls } = setup((h) => (h === 'b' ? failed(h, { kind: 'internal_error', message: '' }) : ok(h)));
    expect(await poller.run()).toEqual({ kind: 'done', checked: 5 });
    expect(calls).toHaveLength(6);
    expect((await pollStateItem.get()).backoffUntil).toBeNull();
  });

  it('three service failures in a row stop it; after an answer in the cycle the backoff starts again from its first step', async () => {
    await pollStateItem.set({ ...EMPTY_POLL_STATE, backoffAttempt: 4 });
    const { poller } = setup((h) => (h === 'a' ? ok(h) : later(failed(h, { kind: 'internal_error', message: '' }))));
    expect(await poller.run()).toMatchObject({ kind: 'stopped', why: 'backoff' });
    const state = await pollStateItem.get();
    expect(state.backoffUntil).toBe(T0 + 30_000);
    expect(state.backoffAttempt).toBe(1);
    expect(state.pending).not.toContain('a');
  });

  it('a per-profile failure (lookup_failed, bad_request) does not stop the cycle', async () => {
    const { poller } = setup((h) => (h === 'a' ? failed(h, { kind: 'lookup_failed', message: '' }) : h === 'b' ? failed(h, { kind: 'bad_request', message: '' }) : ok(h)));
    expect(await poller.run()).toEqual({ kind: 'done', checked: 6 });
  });

  it('skips cycles while offline', async () => {
    const calls: string[] = [];
    const poller = createPoller({ follows: async () => ['a'], lookup: async (h) => (calls.push(h), ok(h)), online: () => false });
    expect(await poller.run()).toEqual({ kind: 'skipped', why: 'offline' });
    expect(calls).toEqual([]);
  });

  it('stops when there is no key, without pausing', async () => {
    const { poller } = setup(() => ({ cached: true, entry: null, blocked: 'no_key' }));
    expect(await poller.run()).toMatchObject({ kind: 'stopped', why: 'no_key' });
    expect((await pollStateItem.get()).pausedFor).toBeNull();
  });
});

describe('backoff and staleness', () => {
  it.each([
    [0, 1, 30_000],
    [3, 1, 240_000],
    [20, 1, 30 * 60_000],
    [0, 0, 15_000],
  ])('after %i failed cycles (jitter %d) the next backs off for %i ms: it grows, is capped, and jitters', async (attempt, jitter, wait) => {
    await pollStateItem.set({ ...EMPTY_POLL_STATE, backoffAttempt: attempt });
    const poller = createPoller({ follows: async () => ['a'], lookup: async (h) => failed(h, { kind: 'network', message: '' }), now: () => T0, random: () => jitter });
    await poller.run();
    expect((await pollStateItem.get()).backoffUntil).toBe(T0 + wait);
  });

  it('is stale after three intervals without a successful cycle in fixed mode', () => {
    const state = { ...EMPTY_POLL_STATE, lastSuccessAt: T0 };
    const fixed = { checkMode: 'fixed', pollMinutes: 10 } as const;
    expect(isStale(state, fixed, T0 + 30 * 60_000)).toBe(false);
    expect(isStale(state, fixed, T0 + 31 * 60_000)).toBe(true);
    expect(isStale(EMPTY_POLL_STATE, fixed, T0)).toBe(false);
  });

  it('is stale in smart mode once a due check waited twice its longest gap (the hourly floor)', () => {
    const state = { ...EMPTY_POLL_STATE, lastSuccessAt: T0 };
    const smart = { checkMode: 'smart', pollMinutes: 10 } as const;
    expect(isStale(state, smart, T0 + 120 * 60_000)).toBe(false);
    expect(isStale(state, smart, T0 + 122 * 60_000)).toBe(true);
  });
});
