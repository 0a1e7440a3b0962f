import type { KeyStore } from '@/lib/platform/key-store';
import type { CycleResult } from '@/lib/checking/poller';
import type { SmartSchedule } from '@/lib/checking/smart-schedule';
import { forgetData } from '@/lib/services/lifecycle';
import type { WorkerState } from '@/lib/services/worker-state';
import { creditsPerDay as fixedCost } from '@/lib/domain/format';
import type { Handlers } from './router';

type PopupHandlers = Pick<Handlers, 'snapshot' | 'schedule' | 'followEffect' | 'refreshAll' | 'forgetData' | 'setDemo'>;

/** What the popup and the options page show and the actions on everything at once. */
export function createPopupHandlers(deps: {
  now: () => number;
  keyStore: KeyStore;
  state: WorkerState;
  smart: SmartSchedule;
  poll: (reason: 'poll' | 'refresh') => Promise<CycleResult>;
  setDemo: (on: boolean) => Promise<{ demo: boolean }>;
  updateToolbar: () => Promise<void>;
}): PopupHandlers {
  const { state } = deps;
  return {
    snapshot: () => state.snapshot(),
    schedule: async () => deps.smart.summary(await state.follows()),
    async followEffect({ adding }) {
      const [settings, follows] = await Promise.all([state.settings(), state.follows()]);
      if (settings.checkMode === 'fixed') return { mode: 'fixed', addedPerDay: fixedCost(adding, settings.pollMinutes), pollMinutes: settings.pollMinutes };
      const { before, after, perDay } = await deps.smart.preview(follows, adding);
      return { mode: 'smart', following: follows.length, creditsPerDay: perDay, beforeMinutes: before, afterMinutes: after };
    },
    async refreshAll() {
      const result = await deps.poll('refresh');
      return { result: result.kind, ...('why' in result ? { why: result.why } : {}) };
    },
    async forgetData() {
      await forgetData({ keyStore: deps.keyStore, now: deps.now });
      state.followsErased();
      await deps.updateToolbar();
      return null;
    },
    setDemo: ({ on }) => deps.setDemo(on),
  };
}
