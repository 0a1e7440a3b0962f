import { describe, expect, it } from 'vitest';
import { checkingStatus, newestAnswer, type StatusInput } from '@/lib/domain/checking-status';
import { DEFAULT_SETTINGS, EMPTY_POLL_STATE } from '@/lib/domain/defaults';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const base: StatusInput = {
  keyState: { state: 'valid' },
  poll: { ...EMPTY_POLL_STATE, lastSuccessAt: NOW - 60_000 },
  settings: { ...DEFAULT_SETTINGS, checkMode: 'fixed', pollMinutes: 10 },
  demo: false,
  followCount: 3,
  lastAnswerAt: NOW - 90_000,
  now: NOW,
};
const status = (change: Partial<StatusInput>) => checkingStatus({ ...base, ...change });

describe('the one checking status every surface shows', () => {
  it('runs, with the newest answer’s time (not the last cycle’s)', () => {
    expect(status({})).toEqual({ kind: 'running', lastAnswerAt: NOW - 90_000 });
    // A cycle that had nobody due finished just now, but nobody was ever answered.
    expect(status({ poll: { ...EMPTY_POLL_STATE, lastSuccessAt: NOW }, lastAnswerAt: null })).toEqual({ kind: 'running', lastAnswerAt: null });
  });

  it('says what the key stops, whether or not anyone is followed', () => {
    expect(status({ keyState: { state: 'missing' } })).toEqual({ kind: 'no_key' });
    expect(status({ keyState: { state: 'missing' }, followCount: 0 })).toEqual({ kind: 'no_key' });
    expect(status({ keyState: { state: 'invalid' } })).toEqual({ kind: 'key_invalid' });
    expect(status({ keyState: { state: 'out_of_credits' } })).toEqual({ kind: 'out_of_credits' });
    expect(status({ keyState: { state: 'rate_limited', until: NOW + 5000 } })).toEqual({ kind: 'rate_limited', until: NOW + 5000 });
    // A rate limit that has passed stops nothing.
    expect(status({ keyState: { state: 'rate_limited', until: NOW - 1 } }).kind).toBe('running');
  });

  it('shows a pause left with a valid key: the popup once showed neither a time nor a banner', () => {
    expect(status({ poll: { ...base.poll, pausedFor: 'insufficient_credits' } })).toEqual({ kind: 'paused' });
  });

  it('is idle with nobody to check, backing off after the service failed, and stale when checks stopped coming', () => {
    expect(status({ followCount: 0 })).toEqual({ kind: 'idle' });
    expect(status({ poll: { ...base.poll, backoffUntil: NOW + 60_000 } })).toEqual({ kind: 'backoff', until: NOW + 60_000 });
    expect(status({ poll: { ...base.poll, backoffUntil: NOW - 1 } }).kind).toBe('running');
    // The day's budget spent: said until the next UTC day, even while no check has come for a while.
    const spent = { ...base.poll, budgetSpentUntil: NOW + 60_000, lastSuccessAt: NOW - 31 * 60_000 };
    expect(status({ poll: spent })).toEqual({ kind: 'budget_spent', until: NOW + 60_000 });
    expect(status({ poll: { ...spent, budgetSpentUntil: NOW - 1 } }).kind).toBe('stale');
    expect(status({ poll: { ...base.poll, lastSuccessAt: NOW - 31 * 60_000 } })).toEqual({ kind: 'stale', lastSuccessAt: NOW - 31 * 60_000 });
  });

  it('in demo mode, whatever the key or the poll, shows the sample creators’ answers', () => {
    expect(status({ demo: true, keyState: { state: 'invalid' }, poll: { ...base.poll, pausedFor: 'unauthorized' } })).toEqual({ kind: 'demo', lastAnswerAt: NOW - 90_000 });
  });

  it('takes the newest answer of those given', () => {
    expect(newestAnswer([{ fetchedAt: 3 }, { fetchedAt: null }, { fetchedAt: 9 }, { fetchedAt: 5 }])).toBe(9);
    expect(newestAnswer([{ fetchedAt: null }])).toBeNull();
  });
});
