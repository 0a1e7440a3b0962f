import { apiErrorText } from '@/lib/platform/error-text';
import { openOptionsPage } from '@/lib/platform/runtime';
import { badgeView, followState } from '@/lib/domain/badge-view';
import type { LookupService } from '@/lib/checking/lookup-service';
import type { WorkerState } from '@/lib/services/worker-state';
import type { BadgeUpdater } from '@/lib/services/alerts/badge-push';
import { openPicker } from './list-offers';
import type { Handlers } from './router';

type PageHandlers = Pick<Handlers, 'visit' | 'signals' | 'seen' | 'lookup' | 'openOptions' | 'offerFollows'>;

/** What TikTok pages ask (the router has held each request to the allow-list and its rate), and the popup's lookups. */
export function createPageHandlers(deps: {
  now: () => number;
  state: WorkerState;
  service: LookupService;
  badges: BadgeUpdater;
  weighSignals: (signals: Parameters<Handlers['signals']>[0]['signals']) => Promise<void>;
  /** The schedule brought in line after signals moved a creator's next check. */
  ensureAlarm: () => Promise<void>;
  seen: (handle: string) => Promise<void>;
}): PageHandlers {
  const { state, service } = deps;
  return {
    async visit({ handle, retry }, sender) {
      // On the badge's critical path: everything the answer needs is read at once.
      const [settings, list, pins, demo] = await Promise.all([state.settings(), state.follows(), state.pins(), state.demo.get()]);
      // Off means no badge for anyone: a badge shown only for followed creators would tell the page whom the user follows.
      if (!settings.checkVisitedProfiles) return null;
      // A private window's browsing is not sent anywhere unless the user allowed it.
      if (sender.tab?.incognito && !settings.checkVisitedInPrivate) return null;
      const reply = async () => {
        const outcome = await service.lookup(handle, retry ? 'retry' : 'visit');
        return { view: badgeView(outcome.entry, apiErrorText, outcome.blocked), ...followState(list, pins, handle), demo };
      };
      const tabId = sender.tab?.id;
      // Only the top frame's badge gets later updates: a frame's address is not the profile the tab shows.
      return tabId !== undefined && (sender.frameId ?? 0) === 0 ? deps.badges.visit(tabId, handle, reply) : reply();
    },
    async signals({ signals }) {
      await deps.weighSignals(signals);
      if ((await state.settings()).checkMode === 'smart') await deps.ensureAlarm();
      return null;
    },
    async seen({ handle }) {
      await deps.seen(handle);
      return null;
    },
    async openOptions() {
      await openOptionsPage();
      return null;
    },
    async lookup({ handle, reason }) {
      const [list, demo, outcome] = await Promise.all([state.follows(), state.demo.get(), service.lookup(handle, reason)]);
      return { entry: outcome.entry, blocked: outcome.blocked, followed: list.some((f) => f.handle === handle), demo };
    },
    offerFollows: (offer) => openPicker(offer, deps.now),
  };
}
