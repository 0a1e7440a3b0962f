import { keyBlock } from '@/lib/domain/checking-status';
import { errorConcerns, type ApiError } from '@/lib/socialfetch/model';
import { admit } from '@/lib/domain/rate-limit';
import { kept } from '@/lib/domain/kept';
import type { LiveSource } from '@/lib/socialfetch/client';
import { isDemoCreator } from '@/lib/socialfetch/demo-source';
import { cacheItem, keyStateItem, visitLogItem } from '@/lib/platform/storage';
import { checkClass, spendKind, type CheckClass } from '@/lib/domain/budget';
import { createSpendingLog } from '@/lib/checking/spending';
import type { Blocked, CacheEntry, KeyState, Settings } from '@/lib/domain/model';
import type { StorageArea } from '@/lib/platform/stored-item';

/**
 * Why a lookup is made. `visit` and `retry` come from TikTok pages and count against the per-minute ceiling;
 * `retry` (the badge's Retry) only shortens the freshness window to `MIN_REFRESH_MS`.
 */
type LookupReason = 'visit' | 'retry' | 'popup' | 'refresh' | 'poll' | 'signal';

/**
 * One of a caller's call slots: resolves to its release once the call may start, or to null when the caller has
 * stopped and no call is to be made. The release is told the call's error, if any: a caller that must stop for it
 * (a revoked key, no credits, an outage) stops before the next call takes the slot.
 */
export type CallSlot = () => Promise<((error?: ApiError) => void) | null>;

export interface LookupOutcome {
  entry: CacheEntry | null;
  /** True when the answer came from the cache (no credit spent). */
  cached: boolean;
  blocked?: Blocked;
}

interface LookupServiceDeps {
  /** The live source in use: the Social Fetch client, the demo source, or null when there is no key. */
  source: () => Promise<LiveSource | null>;
  settings: () => Promise<Settings>;
  now?: () => number;
  local?: StorageArea;
  session?: StorageArea;
  /** Frees storage when writing an answer failed (drops old cache entries of creators not followed). */
  makeRoom?: () => Promise<unknown>;
  /** Called after every new answer is stored (notifications, toolbar), with why it was asked for. */
  onEntry?: (entry: CacheEntry, previous: CacheEntry | null, reason: LookupReason) => Promise<void> | void;
  /**
   * Admits one more paid check today, within the day's budget and, for a page's check, the pages' share of it: a
   * refund for a check then not made or charged nothing, or null when none fits.
   */
  allowance?: (kind: CheckClass) => Promise<(() => void) | null>;
}

/** Even "refresh now" reuses an answer this young: a double click must not cost two credits. */
const MIN_REFRESH_MS = 10_000;
const RATE_LIMIT_DEFAULT_MS = 60_000;

/**
 * The key's state after an API error, from the state stored now (other calls may have answered since this one began):
 * a revoked key outranks no credits, which outranks a rate limit, and a key removed meanwhile gets no verdict.
 */
function keyStateAfterError(error: ApiError, current: KeyState, now: number): KeyState {
  if (current.state === 'missing') return current;
  switch (error.kind) {
    case 'unauthorized':
      return { state: 'invalid', checkedAt: now };
    case 'insufficient_credits':
      return current.state === 'invalid' ? current : { ...current, state: 'out_of_credits', checkedAt: now };
    case 'rate_limited': {
      if (current.state !== 'valid' && current.state !== 'rate_limited') return current;
      const until = now + (error.retryAfterMs ?? RATE_LIMIT_DEFAULT_MS);
      return { ...current, state: 'rate_limited', until: Math.max(until, current.state === 'rate_limited' ? (current.until ?? 0) : 0) };
    }
    default:
      return current;
  }
}

/** A call that went through ends a rate limit, and nothing else: a revoked key or no credits another call found stays. */
const afterSuccess = (current: KeyState): KeyState => (current.state === 'rate_limited' ? { ...current, state: 'valid', until: undefined } : current);

/** Errors that may change the key's state: the account's, and a rate limit. */
const changesKeyState = (error: ApiError) => errorConcerns(error.kind) === 'account' || error.kind === 'rate_limited';


export function createLookupService(deps: LookupServiceDeps) {
  const now = deps.now ?? Date.now;
  const inflight = new Map<string, Promise<LookupOutcome>>();
  // Cycles stop and back off on their own; this holds the checks that come one by one (visits, the popup, signals),
  // which otherwise each asked a service that had just said how long to wait. In memory: a restarted worker asks once
  // more.
  let serviceHeldUntil = 0;
  const spending = createSpendingLog(deps.local);

  // The page-triggered calls of the last minute. This worker alone writes them: read once per wake, then counted in
  // memory and stored behind. A storage round trip per visit (read, then write) held every badge's call back.
  const storedVisits = kept(() => visitLogItem.get(deps.session));
  let visits: number[] | null = null;
  async function underCeiling(settings: Settings, at: number): Promise<boolean> {
    const stored = await storedVisits.get();
    // From here to the write, nothing awaits: concurrent visits are counted one after the other.
    const result = admit((visits ??= stored), at, settings.visitLookupsPerMinute, 60_000);
    visits = result.log;
    void visitLogItem.set(visits, deps.session).catch((error: unknown) => console.warn('Live Radar: the visit count was not stored', error));
    return result.allowed;
  }

  async function run(handle: string, reason: LookupReason, slot: CallSlot | undefined): Promise<LookupOutcome> {
    const item = cacheItem(handle);
    const fromPage = reason === 'visit' || reason === 'retry';
    // A page's check will count against the ceiling: its count is read (once per wake) along with the rest.
    if (fromPage) void storedVisits.get();
    // Read at once, the source too (most checks of a cycle need it): one wait for storage instead of two.
    const [entry, settings, keyState, source] = await Promise.all([
      item.get(deps.local),
      deps.settings(),
      keyStateItem.get(deps.local),
      deps.source(),
    ]);
    const at = now();
    const lastAnswerAt = Math.max(entry?.fetchedAt ?? 0, entry?.errorAt ?? 0);
    const window = reason === 'refresh' || reason === 'retry' || reason === 'signal' ? MIN_REFRESH_MS : settings.freshnessSeconds * 1000;
    if (entry && at - lastAnswerAt < window) return { entry, cached: true };

    if (!source) return { entry, cached: true, blocked: 'no_key' };
    // Demo mode knows only its sample creators. Anyone else keeps the real answer the cache holds (demo mode wrote
    // "not found" over the user's own follows); with none, the badge says "not found", and nothing is stored.
    if (source.demo && !isDemoCreator(handle)) {
      return { entry: entry ?? { handle, lookup: { status: 'not_found' }, fetchedAt: null, error: null, errorAt: null, lastLiveAt: null }, cached: true };
    }
    const blocked = source.demo ? undefined : keyBlock(keyState, at);
    if (blocked) return { entry, cached: true, blocked };
    if (at < serviceHeldUntil) return { entry, cached: true, blocked: 'unavailable' };
    if (fromPage && !(await underCeiling(settings, at))) return { entry, cached: true, blocked: 'ceiling' };
    // Every paid check is the day's budget's (demo mode spends nothing); a page's, from the pages' share of it.
    const kind = checkClass(reason);
    const refund = source.demo || !deps.allowance ? () => {} : await deps.allowance(kind);
    if (!refund) return { entry, cached: true, blocked: kind === 'page' ? 'ceiling' : 'budget' };

    // A cycle reads for its next checks while its calls are in flight and waits only here, for a free call slot.
    const release = slot ? await slot() : () => {};
    if (!release) {
      refund();
      return { entry, cached: true, blocked: 'cancelled' };
    }
    const result = await source.lookupLive(handle).catch((error: unknown) => {
      release();
      refund();
      throw error;
    });
    // An account error about a key replaced while the call was out says nothing of the key now stored: nothing changes
    // (the next check asks with the new key), and the cycle goes on.
    const stale = !result.ok && result.staleKey;
    release(result.ok || stale ? undefined : result.error);
    const done = now();
    // What the server says it charged, for an answer this build could not read too: the day's spending (and the smart
    // budget built on it) counts every credit spent.
    const charged = result.ok ? result.creditsCharged : (result.error.creditsCharged ?? 0);
    if (charged > 0) spending.add(done, charged, spendKind(reason, entry?.lookup?.status === 'live'));
    else refund();
    if (stale) return { entry, cached: true };
    let next: CacheEntry;
    if (result.ok) {
      next = {
        handle,
        lookup: result.data,
        fetchedAt: done,
        error: null,
        errorAt: null,
        lastLiveAt: result.data.status === 'live' ? done : (entry?.lastLiveAt ?? null),
      };
      if (keyState.state === 'rate_limited') await keyStateItem.update(afterSuccess, deps.local);
    } else {
      next = {
        handle,
        lookup: entry?.lookup ?? null,
        fetchedAt: entry?.fetchedAt ?? null,
        error: result.error,
        errorAt: done,
        lastLiveAt: entry?.lastLiveAt ?? null,
      };
      const error = result.error;
      // A rate limit holds checks through the key's state.
      if (error.kind === 'temporarily_unavailable' && error.retryAfterMs !== undefined) serviceHeldUntil = Math.max(serviceHeldUntil, done + error.retryAfterMs);
      if (changesKeyState(error)) await keyStateItem.update((current) => keyStateAfterError(error, current, done), deps.local);
    }
    // The answer is stored without waiting for the write: the browser applies a context's storage calls in order, so
    // every later read sees it, and a cycle's next check starts a round trip sooner.
    void item
      .set(next, deps.local)
      .catch(async (error: unknown) => {
        // Storage full: make room and keep the answer a credit was spent on.
        if (!deps.makeRoom) throw error;
        await deps.makeRoom();
        await item.set(next, deps.local);
      })
      .catch((error: unknown) => console.warn('Live Radar: an answer was not stored', error));
    await deps.onEntry?.(next, entry, reason);
    return { entry: next, cached: false };
  }

  /**
   * One call per handle at a time: concurrent callers share the same answer (and the first caller's slot, when it
   * gave one). A caller whose shared check was cancelled by its cycle makes its own.
   */
  function lookup(handle: string, reason: LookupReason, slot?: CallSlot): Promise<LookupOutcome> {
    const existing = inflight.get(handle);
    if (existing) return existing.then((outcome) => (outcome.blocked === 'cancelled' ? lookup(handle, reason, slot) : outcome));
    const promise = run(handle, reason, slot).finally(() => inflight.delete(handle));
    inflight.set(handle, promise);
    return promise;
  }

  return { lookup };
}

export type LookupService = ReturnType<typeof createLookupService>;
