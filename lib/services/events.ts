import { ALARMS } from '@/lib/platform/alarms';
import { isFollowsChange } from '@/lib/platform/follows';
import type { StorageChanges } from '@/lib/platform/storage-events';
import { balanceItem, budgetItem, keyStateItem, settingsItem } from '@/lib/platform/storage';
import type { KeyStore } from '@/lib/platform/key-store';
import type { CheckingCycle } from '@/lib/checking/cycle';
import { BALANCE_MAX_AGE_MS, type Account } from '@/lib/services/account';
import type { BadgeUpdater } from '@/lib/services/alerts/badge-push';
import type { WorkerState } from '@/lib/services/worker-state';

/** The browser's events that are not requests: alarms, a wake, and storage changes from any context or browser. */
export function createWorkerEvents(deps: {
  keyStore: KeyStore;
  state: WorkerState;
  cycle: CheckingCycle;
  account: Account;
  badges: BadgeUpdater;
  notifier: { release(): Promise<void>; settingsChanged(change: { oldValue?: unknown; newValue?: unknown }): Promise<void> };
  ensureAlarm: () => Promise<void>;
  /** Merges another browser's follow list with this one's. */
  reconcile: () => Promise<unknown>;
  updateToolbar: () => Promise<void>;
}) {
  return {
    async onAlarm(alarm: { name: string }) {
      if (alarm.name === ALARMS.poll || alarm.name === ALARMS.retry) await deps.cycle.poll();
      if (alarm.name === ALARMS.followsSync) await deps.reconcile();
    },

    /** Every wake: make sure checking is scheduled, and finish a cycle a killed worker left half done. */
    async onWake() {
      // Go-lives a stopped worker held back.
      await deps.notifier.release();
      await deps.ensureAlarm();
      // A key state lost to damage reads as "missing" while the key is there: derive it again instead of blocking forever.
      if ((await keyStateItem.get()).state === 'missing' && (await deps.keyStore.get())) await deps.account.recheck();
      // An install from before budgets gets one (from the balance) at its first wake, not at its first cycle.
      await deps.account.refreshBalance(BALANCE_MAX_AGE_MS);
      await deps.cycle.resumeInterrupted();
    },

    async onStorageChanged(changes: StorageChanges, areaName: string) {
      deps.state.changed(changes, areaName);
      await deps.badges.onStorageChanged(changes, areaName);
      // What the toolbar warns of: the balance running low at the budget in force.
      const money = balanceItem.changedIn(changes, areaName) || budgetItem.changedIn(changes, areaName);
      if (money) await deps.updateToolbar();
      // A budget chosen here or in another browser: the plan spends the new one from now on.
      if (budgetItem.changedIn(changes, areaName)) await deps.ensureAlarm();
      if (areaName !== 'sync') return;
      // Another browser's change (or this one's own, which then needs nothing): merge it with this browser's copy.
      if (isFollowsChange(changes)) await deps.reconcile();
      if (settingsItem.changedIn(changes, areaName)) {
        await deps.notifier.settingsChanged(changes[settingsItem.key]!);
        await deps.ensureAlarm();
        await deps.updateToolbar();
      }
    },
  };
}
