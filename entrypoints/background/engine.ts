import type { KeyStore } from '@/lib/platform/key-store';
import type { BadgePush } from '@/lib/domain/badge-view';
import type { LocalOffset } from '@/lib/domain/schedule/week';
import { createSocialFetchClient } from '@/lib/socialfetch/client';
import { createChecks } from '@/lib/checking/checks';
import { createDemoMode } from '@/lib/checking/demo';
import { createQuietFirstChecks } from '@/lib/checking/quiet-first';
import { createAccount } from '@/lib/services/account';
import { createBadgePush } from '@/lib/services/alerts/badge-push';
import { createNotifier, openFromNotification } from '@/lib/services/alerts/notifications';
import { createToolbarUpdater } from '@/lib/services/alerts/toolbar-updater';
import { createWorkerEvents } from '@/lib/services/events';
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
  sendToTab?: (tabId: number, push: BadgePush) => Promise<unknown>;
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
  const { follows } = state;
  const quiet = createQuietFirstChecks();
  const notifier = createNotifier({ fetch: deps.fetch, now, quiet, follows, seenGraceMs: deps.seenGraceMs });
  const toolbar = createToolbarUpdater(now, follows);
  const { updateToolbar } = toolbar;

  const checks = createChecks({
    now,
    random: deps.random,
    online: deps.online,
    offset: deps.localOffset ?? localOffset,
    settings: state.settings,
    follows,
    source: async () => ((await state.demo.get()) ? demoMode.source : (await keyStore.get()) ? client : null),
    answered: async (entry, previous, visited) => {
      await notifier.onEntry(entry, previous, visited);
      toolbar.onAnswer(entry, previous);
    },
    alerts: notifier,
    updateToolbar,
    afterCycle: account.afterCycle,
  });
  const { smart, ensureAlarm, service, poller, cycle } = checks;
  const followHandlers = createFollowHandlers({ now, state, quiet, ensureAlarm, updateToolbar });
  const demoMode = createDemoMode({
    now,
    item: state.demo,
    dropStored: followHandlers.dropStoredDemoCreators,
    updateToolbar,
    reschedule: () => ensureAlarm().then(() => poller.resume()),
    refresh: () => cycle.poll('refresh'),
  });
  const badges = createBadgePush({ sendToTab: deps.sendToTab, state });

  const handleMessage = createRouter({
    now,
    handlers: {
      ...createPageHandlers({ now, state, service, badges, weighSignals: checks.weighSignals, ensureAlarm, seen: notifier.seen }),
      ...createAccountHandlers({ keyStore, account, demo: state.demo.get, resume: poller.resume, poll: cycle.poll, updateToolbar }),
      ...createPopupHandlers({ now, keyStore, state, smart, poll: cycle.poll, setDemo: demoMode.set, updateToolbar }),
      ...followHandlers.requests,
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
