import { nextUtcDay } from '@/lib/domain/budget';
import { ALARMS, setAlarm } from '@/lib/platform/alarms';
import { evictCache, pollStateItem } from '@/lib/platform/storage';
import type { Follow, Settings } from '@/lib/domain/model';
import type { CycleResult, createPoller } from '@/lib/checking/poller';
import type { SmartSchedule } from '@/lib/checking/smart-schedule';
import type { createPollAlarm } from '@/lib/checking/poll-alarm';

/** How soon smart checking looks again after a cycle that could not check. */
const BLOCKED_RECHECK_MS = 5 * 60_000;
/** The cache of visited profiles is swept after a cycle, at most this often. */
const SWEEP_EVERY_MS = 3_600_000;

interface CycleDeps {
  now: () => number;
  settings: () => Promise<Settings>;
  follows: () => Promise<Follow[]>;
  smart: SmartSchedule;
  poller: ReturnType<typeof createPoller>;
  ensureAlarm: ReturnType<typeof createPollAlarm>;
  /** Go-lives found while held are announced together on release. */
  notifier: { hold(): void; release(): Promise<void> };
  updateToolbar: () => Promise<void>;
  /** After every cycle (the balance is asked again now and then). */
  afterCycle: () => Promise<void>;
}

/**
 * One checking cycle: in smart mode the creators due now (a user's refresh: everyone), their go-lives announced
 * together, then the next alarm, the cache sweep and the toolbar.
 */
export function createCheckingCycle(deps: CycleDeps) {
  const { now, smart } = deps;
  let sweptAt = 0;
  const handles = async () => (await deps.follows()).map((f) => f.handle);

  /** Who this cycle checks; `offline` are the plan's checks of creators not known live (counted against the plan). */
  async function due(settings: Settings, reason: 'poll' | 'refresh') {
    if (settings.checkMode !== 'smart' || reason !== 'poll') return { list: handles, offline: null };
    // Planned once per cycle, after it (`ensureAlarm`): answers since the last plan (visits, signals) count as checks
    // made, so those creators are not due now.
    const { handles: dueNow, offline } = await smart.due();
    return { list: async () => dueNow, offline };
  }

  /**
   * When checks that could not be made come back: the plan that spent the day's budget at the next UTC day, the rest
   * in minutes. A refresh stopped short of the floor's part leaves the plan its own pace.
   */
  function notBefore(result: CycleResult, reason: 'poll' | 'refresh'): number | undefined {
    if (result.kind === 'done') return undefined;
    return result.kind === 'stopped' && result.why === 'budget' && reason === 'poll' ? nextUtcDay(now()) : now() + BLOCKED_RECHECK_MS;
  }

  async function poll(reason: 'poll' | 'refresh' = 'poll'): Promise<CycleResult> {
    const settings = await deps.settings();
    const startedAt = now();
    const { list, offline } = await due(settings, reason);
    deps.notifier.hold();
    const result = await deps.poller.run(reason, list).finally(() => deps.notifier.release());
    if (offline) await smart.countOnPlan(offline, startedAt);
    // The cycle's answers set each creator's next check (the alarm's refresh of the book). Checks that could not be
    // made (no key, paused, offline) stay due: come back in a few minutes, not every 30 s. A backoff has its own retry
    // alarm; a new key or Retry runs a poll at once.
    if (settings.checkMode === 'smart') await deps.ensureAlarm({ notBefore: notBefore(result, reason) });
    if (now() - sweptAt > SWEEP_EVERY_MS) {
      sweptAt = now();
      await evictCache(new Set(await handles()));
    }
    const state = await pollStateItem.get();
    if (result.kind === 'stopped' && result.why === 'backoff' && state.backoffUntil) {
      await setAlarm(ALARMS.retry, { when: state.backoffUntil });
    }
    await deps.afterCycle();
    await deps.updateToolbar();
    return result;
  }

  /** After a wake: a cycle a killed worker left half done is finished, unless checking is paused or backing off. */
  async function resumeInterrupted(): Promise<void> {
    const state = await pollStateItem.get();
    if (state.pending.length && !state.pausedFor && !(state.backoffUntil && state.backoffUntil > now())) await poll();
    else await deps.updateToolbar();
  }

  return { poll, resumeInterrupted };
}

export type CheckingCycle = ReturnType<typeof createCheckingCycle>;
