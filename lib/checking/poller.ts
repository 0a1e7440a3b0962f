import { nextUtcDay } from '@/lib/domain/budget';
import { errorConcerns, isAccountError, type ApiError } from '@/lib/socialfetch/model';
import type { CallSlot, LookupOutcome } from '@/lib/checking/lookup-service';
import type { Blocked, PollState } from '@/lib/domain/model';
import { pollStateItem } from '@/lib/platform/storage';
import type { StorageArea } from '@/lib/platform/stored-item';

export const POLL_CONCURRENCY = 4;
/** How often a running cycle saves which handles are done. */
const PROGRESS_SAVE_MS = 1000;
const BACKOFF_BASE_MS = 30_000;
/**
 * Service errors in a row (no answer between them) that stop a cycle. One failed call says little (a lookup that
 * failed on the server's side, a dropped connection): the other creators' checks go on. A Retry-After stops at once.
 */
const SERVICE_STRIKES = 3;
const BACKOFF_MAX_MS = 30 * 60_000;

export type CycleResult =
  | { kind: 'done'; checked: number }
  | { kind: 'skipped'; why: 'paused' | 'backoff' | 'offline' | 'no_key' | 'busy' }
  | { kind: 'stopped'; why: 'paused' | 'backoff' | 'no_key' | 'budget'; checked: number };

interface PollDeps {
  follows: () => Promise<string[]>;
  /** Makes its call only in one of the cycle's `slot`s. */
  lookup: (handle: string, reason: 'poll' | 'refresh', slot: CallSlot) => Promise<LookupOutcome>;
  now?: () => number;
  random?: () => number;
  online?: () => boolean;
  local?: StorageArea;
  /** Calls in flight at once. */
  concurrency?: number;
}

/** Exponential backoff with jitter (between half and all of the step), capped. */
function backoffDelay(attempt: number, random: () => number): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.round(step * (0.5 + random() * 0.5));
}

interface Stop {
  why: 'paused' | 'backoff' | 'no_key' | 'budget';
  update: Partial<PollState>;
}

/**
 * The key state already says why no call was made, and until when; the cycle only stops. The day's budget, spent by
 * the plan's own checks, is noted until the next UTC day (a refresh stopped short of the floor's part is not).
 */
function blockedStop(blocked: Exclude<Blocked, 'ceiling' | 'cancelled'>, reason: 'poll' | 'refresh', now: number): Stop {
  if (blocked === 'budget') return { why: 'budget', update: reason === 'poll' ? { budgetSpentUntil: nextUtcDay(now) } : {} };
  if (blocked === 'no_key') return { why: 'no_key', update: {} };
  return { why: blocked === 'rate_limited' || blocked === 'unavailable' ? 'backoff' : 'paused', update: {} };
}

/** At most `n` holders at once; the others wait in order. A release is counted once however often it is called. */
function createSlots(n: number): () => Promise<() => void> {
  let free = n;
  const waiting: (() => void)[] = [];
  const hand = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return async () => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    let held = true;
    return () => {
      if (held) hand();
      held = false;
    };
  };
}

export function createPoller(deps: PollDeps) {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  let running: Promise<CycleResult> | null = null;

  async function save(change: (s: PollState) => PollState): Promise<PollState> {
    return pollStateItem.update(change, deps.local);
  }

  async function cycle(reason: 'poll' | 'refresh', list: () => Promise<string[]>): Promise<CycleResult> {
    if (deps.online && !deps.online()) return { kind: 'skipped', why: 'offline' };
    let state = await pollStateItem.get(deps.local);
    if (state.pausedFor) return { kind: 'skipped', why: 'paused' };
    if (state.backoffUntil && state.backoffUntil > now()) return { kind: 'skipped', why: 'backoff' };

    const follows = await list();
    const followed = new Set(follows);
    // Resume an interrupted cycle where it stopped; otherwise start a new one. "Refresh all" checks everyone: what a
    // stopped cycle had left is part of it, and answers of the last moments come from the cache.
    const pending = reason === 'refresh' ? [] : state.pending.filter((h) => followed.has(h));
    state = await save((s) => ({
      ...s,
      pending: pending.length ? pending : follows,
      cycleStartedAt: pending.length ? (s.cycleStartedAt ?? now()) : now(),
      lastAttemptAt: now(),
      backoffUntil: null,
    }));

    const queue = [...state.pending];
    let checked = 0;
    let stop: Stop | null = null;
    // Progress is saved in batches, not after every answer: per-answer writes of the pending list serialised the
    // workers. A worker killed before a batch is saved re-asks those handles, and their fresh answers come from the
    // cache at no cost.
    const answered = new Set<string>();
    const withoutAnswered = (s: PollState): PollState => ({ ...s, pending: s.pending.filter((h) => !answered.has(h)) });
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let flushed: Promise<unknown> = Promise.resolve();
    const scheduleFlush = () => {
      flushTimer ??= setTimeout(() => {
        flushTimer = undefined;
        flushed = save(withoutAnswered);
      }, PROGRESS_SAVE_MS);
    };

    /** Service errors since the last answer, and whether any call of this cycle was answered. */
    let strikes = 0;
    let answeredOnce = false;
    let lastServiceError: ApiError | null = null;
    /** Why the cycle stops after a call failed with `error`; null when it goes on. */
    const stopFor = (error: ApiError, atEnd = false): Stop | null => {
      const { kind } = error;
      if (isAccountError(kind)) return { why: 'paused', update: { pausedFor: kind, lastError: error } };
      // An error about the service says nothing about this profile: after a few in a row, or when the service said
      // how long to wait, the cycle stops and comes back later.
      if (errorConcerns(error.kind) !== 'service') return null;
      if (!atEnd && error.retryAfterMs === undefined && strikes < SERVICE_STRIKES) return null;
      // The service answered during this cycle: it recovered, and the backoff starts again from its first step.
      const attempt = answeredOnce ? 0 : state.backoffAttempt;
      const delay = error.retryAfterMs !== undefined ? error.retryAfterMs : backoffDelay(attempt, random);
      return { why: 'backoff', update: { backoffUntil: now() + delay, backoffAttempt: attempt + 1, lastError: error } };
    };
    /** Counts a call made: an answer clears the strikes, a service error adds one. */
    const count = (error: ApiError | undefined) => {
      if (!error) {
        strikes = 0;
        answeredOnce = true;
      } else if (errorConcerns(error.kind) === 'service') {
        strikes++;
        lastServiceError = error;
      }
    };

    const concurrency = deps.concurrency ?? POLL_CONCURRENCY;
    const takeSlot = createSlots(concurrency);
    // A check that waited for its slot past a stop makes no call; a failed call stops the cycle as it hands its slot on.
    const slot: CallSlot = async () => {
      const release = await takeSlot();
      if (stop) {
        release();
        return null;
      }
      return (error) => {
        if (error) stop ??= stopFor(error);
        release();
      };
    };

    async function worker() {
      while (!stop) {
        const handle = queue.shift();
        if (!handle) return;
        const outcome = await deps.lookup(handle, reason, slot);
        const error = outcome.cached ? null : outcome.entry?.error;
        if (outcome.blocked === 'cancelled') return;
        if (!outcome.cached) count(error ?? undefined);
        if (outcome.blocked && outcome.blocked !== 'ceiling') {
          stop ??= blockedStop(outcome.blocked, reason, now());
          return;
        }
        const stopping = error && stopFor(error);
        if (stopping) {
          stop ??= stopping;
          // This handle was not answered: keep it for the resumed cycle.
          return;
        }
        // Not answered because of the service: left for the next cycle (smart checking keeps it due).
        if (error && errorConcerns(error.kind) === 'service') continue;
        checked++;
        answered.add(handle);
        scheduleFlush();
      }
    }

    // Twice as many checks as call slots: while the calls are in flight, the next checks read what they need (the
    // cache, settings, key state), so a slot never waits for storage.
    await Promise.all(Array.from({ length: concurrency * 2 }, worker));
    clearTimeout(flushTimer);
    await flushed;

    // A cycle that ends on service errors with no answer at all (a short list: fewer calls than the strikes) backs off
    // all the same.
    if (!stop && !answeredOnce && lastServiceError) stop = stopFor(lastServiceError, true);
    // Assigned inside the workers; TypeScript cannot follow that.
    const stopped = stop as Stop | null;
    if (stopped) {
      await save((s) => ({ ...withoutAnswered(s), ...stopped.update }));
      return { kind: 'stopped', why: stopped.why, checked };
    }
    await save((s) => ({
      ...s,
      pending: [],
      cycleStartedAt: null,
      lastSuccessAt: now(),
      backoffAttempt: 0,
      backoffUntil: null,
      lastError: null,
      budgetSpentUntil: undefined,
    }));
    return { kind: 'done', checked };
  }

  return {
    /**
     * Run (or join) a poll cycle over `list` (every follow unless given); `refresh` (the user asked) accepts only very
     * recent cached answers.
     */
    run(reason: 'poll' | 'refresh' = 'poll', list: () => Promise<string[]> = deps.follows): Promise<CycleResult> {
      running ??= cycle(reason, list).finally(() => (running = null));
      return running;
    },
    /** Clear a pause (new key, or the user pressed retry). */
    async resume(): Promise<void> {
      await save((s) => ({ ...s, pausedFor: null, backoffUntil: null, backoffAttempt: 0 }));
    },
  };
}
