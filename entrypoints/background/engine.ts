import { apiErrorText } from '@/lib/platform/error-text';
import { ALARMS, setAlarm } from '@/lib/platform/alarms';
import type { KeyStore } from '@/lib/platform/key-store';
import { readDeviceBudget, shareSpending } from '@/lib/platform/budget-store';
import { cacheItem, evictCache } from '@/lib/platform/storage';
import { toolbarName } from '@/lib/domain/toolbar-view';
import { badgeView, followState, type BadgePush as BadgeMessage } from '@/lib/domain/badge-view';
import { CACHE_CAP } from '@/lib/domain/cache-evict';
import { pageAllowance } from '@/lib/domain/budget';
import type { LocalOffset } from '@/lib/domain/schedule/week';
import { createSocialFetchClient } from '@/lib/socialfetch/client';
import { createCheckingCycle } from '@/lib/checking/cycle';
import { createDemoMode } from '@/lib/checking/demo';
import { createLookupService } from '@/lib/checking/lookup-service';
import { createPageAllowance } from '@/lib/checking/page-allowance';
import { createPollAlarm } from '@/lib/checking/poll-alarm';
import { createPoller } from '@/lib/checking/poller';
import { createQuietFirstChecks } from '@/lib/checking/quiet-first';
import { createSignalHandler } from '@/lib/checking/signals';
import { createSmartSchedule } from '@/lib/checking/smart-schedule';
import { createAccount } from '@/lib/services/account';
import { createBadgePush } from '@/lib/services/alerts/badge-push';
import { createNotifier, openFromNotification } from '@/lib/services/alerts/notifications';
import { createToolbarUpdater } from '@/lib/services/alerts/toolbar-updater';
import { BALANCE_MAX_AGE_MS, createWorkerEvents } from '@/lib/services/events';
import { createFollowHandlers } from '@/lib/services/follows';
import { onInstalled, type InstallDetails } from '@/lib/services/lifecycle';
import { createAccountHandlers } from '@/lib/services/requests/account';
import { createPageHandlers } from '@/lib/services/requests/page';
import { createPopupHandlers } from '@/lib/services/requests/popup';
import { createRouter } from '@/lib/services/requests/router';
import { createWorkerState } from '@/lib/services/worker-state';

interface EngineDeps {
  keyStore: KeyStore;
  fetch?: typeof globalThis.fetch;
  origin?: string;
  now?: () => number;
  random?: () => number;
  online?: () => boolean;
  /** The user's clock, minutes ahead of UTC (tests pass a fixed one). */
  localOffset?: LocalOffset;
  /** Delivers a badge update to a tab's content script (tests pass a recorder). */
  sendToTab?: (tabId: number, push: BadgeMessage) => Promise<unknown>;
  /** How long a go-live a visit found waits for its badge to be reported seen (tests shorten it). */
  seenGraceMs?: number;
}

const localOffset: LocalOffset = (t) => -new Date(t).getTimezoneOffset();

/** The background's services, put together; listener registration is left to `index.ts` so tests drive this directly. */
export function createEngine(deps: EngineDeps) {
  const { keyStore } = deps;
  const now = deps.now ?? Date.now;
  const clientFor = (getKey: () => Promise<string | null> | string | null) =>
    createSocialFetchClient({ getKey, fetch: deps.fetch, origin: deps.origin, now });
  const client = clientFor(() => keyStore.get());
  const account = createAccount({ keyStore, client, clientFor: (key) => clientFor(() => key), now });
  const state = createWorkerState();
  const { follows, followedHandles } = state;
  const smart = createSmartSchedule({
    now,
    random: deps.random ?? (() => Math.random()),
    offset: deps.localOffset ?? localOffset,
    dailyBudget: () => readDeviceBudget(now()),
  });
  const quiet = createQuietFirstChecks();
  const notifier = createNotifier({ fetch: deps.fetch, now, quiet, follows, seenGraceMs: deps.seenGraceMs });
  const { updateToolbar, scheduleToolbar } = createToolbarUpdater(now, follows);
  const ensureAlarm = createPollAlarm({ smart, now, follows });

  const service = createLookupService({
    now,
    settings: state.settings,
    source: async () => ((await state.demo.get()) ? demoMode.source : (await keyStore.get()) ? client : null),
    makeRoom: async () => evictCache(new Set(await followedHandles()), CACHE_CAP / 5),
    pageAllowance: createPageAllowance({ now, allowance: async () => pageAllowance(await readDeviceBudget(now())) }),
    onEntry: async (entry, previous, reason) => {
      smart.observe(entry);
      await notifier.onEntry(entry, previous, reason === 'visit' || reason === 'retry');
      // Most answers of a cycle change nothing the toolbar shows; an error may have changed the key's state, which it does.
      if (entry.error || toolbarName(entry) !== toolbarName(previous)) scheduleToolbar();
    },
  });
  const poller = createPoller({
    now,
    random: deps.random,
    online: deps.online,
    follows: followedHandles,
    lookup: async (handle, reason, slot) => {
      const outcome = await service.lookup(handle, reason, slot);
      // A recent answer stands in for the check: the schedule counts it as made.
      if (outcome.cached && !outcome.blocked && outcome.entry) smart.observe(outcome.entry);
      return outcome;
    },
  });
  const afterCycle = async () => {
    await account.refreshBalance(BALANCE_MAX_AGE_MS);
    await shareSpending(now());
  };
  const cycle = createCheckingCycle({ now, settings: state.settings, follows, smart, poller, ensureAlarm, notifier, updateToolbar, afterCycle });

  const followHandlers = createFollowHandlers({
    now,
    quiet,
    demo: state.demo.get,
    afterChange: async ({ follows: stored, syncPending }) => {
      state.followsStored(stored);
      if (syncPending) await setAlarm(ALARMS.followsSync, { delayInMinutes: 1 });
      // New follows join the schedule (spread over the next minutes), unfollowed ones leave it.
      await ensureAlarm();
      await updateToolbar();
    },
  });
  const demoMode = createDemoMode({
    now,
    item: state.demo,
    dropStored: followHandlers.dropStoredDemoCreators,
    reschedule: () => ensureAlarm().then(() => poller.resume()),
    refresh: () => cycle.poll('refresh'),
    updateToolbar,
  });
  const badges = createBadgePush({
    sendToTab: deps.sendToTab,
    answer: async (handle) => {
      const [list, pins, demo, entry] = await Promise.all([follows(), state.pins(), state.demo.get(), cacheItem(handle).get()]);
      return { view: badgeView(entry, apiErrorText), ...followState(list, pins, handle), demo };
    },
  });

  const weighSignals = createSignalHandler({ smart, follows, lookup: (handle) => service.lookup(handle, 'signal') });
  const handleMessage = createRouter({
    now,
    handlers: {
      ...createPageHandlers({ now, state, service, badges, weighSignals, ensureAlarm, seen: notifier.seen }),
      ...createAccountHandlers({ keyStore, account, demo: state.demo.get, resume: poller.resume, poll: cycle.poll, updateToolbar }),
      ...createPopupHandlers({ now, keyStore, state, smart, poll: cycle.poll, setDemo: demoMode.set, updateToolbar }),
      follow: ({ handle, follow }) => followHandlers.follow(handle, follow),
      setNotify: ({ handle, notify }) => followHandlers.setNotify(handle, notify),
      setPin: ({ handle, pinned }) => followHandlers.setPin(handle, pinned),
      importFollows: ({ entries }) => followHandlers.importFollows(entries),
    },
  });
  const events = createWorkerEvents({ keyStore, state, cycle, account, badges, notifier, ensureAlarm, reconcile: followHandlers.reconcile, updateToolbar });

  return {
    handleMessage,
    ...events,
    onTabRemoved: (tabId: number) => badges.forget(tabId),
    onInstalled: (details: InstallDetails) => onInstalled(details, () => ensureAlarm({ fireSoon: true })),
    onNotificationClicked: openFromNotification,
    poll: cycle.poll,
    updateToolbar,
  };
}
