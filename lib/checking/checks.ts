import { evictCache } from '@/lib/platform/storage';
import { readDeviceBudget } from '@/lib/platform/budget-store';
import type { CacheEntry, Follow, Settings } from '@/lib/domain/model';
import { CACHE_CAP } from '@/lib/domain/cache-evict';
import type { LocalOffset } from '@/lib/domain/schedule/week';
import type { LiveSource } from '@/lib/socialfetch/client';
import { createCheckingCycle } from '@/lib/checking/cycle';
import { createLookupService } from '@/lib/checking/lookup-service';
import { createDayAllowance } from '@/lib/checking/day-allowance';
import { createPollAlarm } from '@/lib/checking/poll-alarm';
import { createPoller } from '@/lib/checking/poller';
import { createSignalHandler } from '@/lib/checking/signals';
import { createSmartSchedule } from '@/lib/checking/smart-schedule';

interface ChecksDeps {
  now: () => number;
  random?: () => number;
  online?: () => boolean;
  /** The user's clock, minutes ahead of UTC. */
  offset: LocalOffset;
  settings: () => Promise<Settings>;
  /** The follow list as the worker keeps it (demo mode's sample creators included). */
  follows: () => Promise<Follow[]>;
  /** The live source in use: the Social Fetch client, the demo source, or null when there is no key. */
  source: () => Promise<LiveSource | null>;
  /** Told of every new answer stored, and whether the user's own visit asked for it (a visit's go-live may be seen). */
  answered: (entry: CacheEntry, previous: CacheEntry | null, visited: boolean) => Promise<void>;
  /** Go-lives found during a cycle are announced together when it ends. */
  alerts: { hold(): void; release(): Promise<void> };
  updateToolbar: () => Promise<void>;
  afterCycle: () => Promise<void>;
}

/**
 * The checking services put together: the plan, the one door to the API (`service.lookup`), the poller, the cycle
 * that runs it on the alarm, and the weighing of free signals. Everything else reaches the API through these.
 */
export function createChecks(deps: ChecksDeps) {
  const { now } = deps;
  const handles = async () => (await deps.follows()).map((f) => f.handle);
  const smart = createSmartSchedule({ now, random: deps.random ?? (() => Math.random()), offset: deps.offset, dailyBudget: () => readDeviceBudget(now()) });
  const ensureAlarm = createPollAlarm({ smart, now, follows: deps.follows });
  const service = createLookupService({
    now,
    settings: deps.settings,
    source: deps.source,
    makeRoom: async () => evictCache(new Set(await handles()), CACHE_CAP / 5),
    allowance: createDayAllowance({
      now,
      budget: async () => {
        const [perDay, settings] = await Promise.all([readDeviceBudget(now()), deps.settings()]);
        return { perDay, smart: settings.checkMode === 'smart' };
      },
    }),
    onEntry: async (entry, previous, reason) => {
      smart.observe(entry);
      await deps.answered(entry, previous, reason === 'visit' || reason === 'retry');
    },
  });
  const poller = createPoller({
    now,
    random: deps.random,
    online: deps.online,
    follows: handles,
    lookup: async (handle, reason, slot) => {
      const outcome = await service.lookup(handle, reason, slot);
      // A recent answer stands in for the check: the schedule counts it as made.
      if (outcome.cached && !outcome.blocked && outcome.entry) smart.observe(outcome.entry);
      return outcome;
    },
  });
  const cycle = createCheckingCycle({
    now,
    settings: deps.settings,
    follows: deps.follows,
    smart,
    poller,
    ensureAlarm,
    notifier: deps.alerts,
    updateToolbar: deps.updateToolbar,
    afterCycle: deps.afterCycle,
  });
  const weighSignals = createSignalHandler({ smart, follows: deps.follows, lookup: (handle) => service.lookup(handle, 'signal') });
  return { smart, ensureAlarm, service, poller, cycle, weighSignals };
}
