import { DEMO_HANDLES, isDemoCreator } from '@/lib/socialfetch/demo-source';
import { updateFollows, type FollowsWritten } from '@/lib/platform/follows';
import type { Follow } from '@/lib/domain/model';
import { planImport, type ImportEntry } from '@/lib/domain/import-format';
import { MAX_FOLLOWS, MAX_NEW_PER_IMPORT } from '@/lib/domain/follow-limit';
import { MAX_PINS, pinsItem, settingsItem } from '@/lib/platform/storage';
import type { QuietFirstChecks } from '@/lib/checking/quiet-first';
import { t } from '@/lib/platform/i18n';
import { ALARMS, setAlarm } from '@/lib/platform/alarms';
import { rememberShown } from '@/lib/services/alerts/notifications';
import type { WorkerState } from '@/lib/services/worker-state';

interface FollowHandlerDeps {
  now: () => number;
  state: Pick<WorkerState, 'followsStored' | 'demo'>;
  /** Imported creators whose first check announces nothing. */
  quiet: QuietFirstChecks;
  /** Puts the schedule in line with the list: new follows join it (spread over the next minutes), unfollowed ones leave. */
  ensureAlarm: () => Promise<unknown>;
  updateToolbar: () => Promise<void>;
}

/**
 * Every change to the follow list — popup, badge, import, demo — goes through `updateFollows`, one at a time, and each
 * answer is computed from what was really stored.
 */
export function createFollowHandlers({ now, state, quiet, ensureAlarm, updateToolbar }: FollowHandlerDeps) {
  const demo = () => state.demo.get();
  /** After every change that was stored: the worker's copy, a later sync write when sync asked to wait, the toolbar. */
  async function afterChange({ follows, syncPending }: FollowsWritten) {
    state.followsStored(follows);
    if (syncPending) await setAlarm(ALARMS.followsSync, { delayInMinutes: 1 });
    await ensureAlarm();
    await updateToolbar();
  }

  /** A sample creator is not to be changed while demo mode shows it: a change would store it. */
  async function refuseSample(handle: string) {
    if (isDemoCreator(handle) && (await demo())) throw new Error(t('demoCreatorFixed'));
  }

  async function change(edit: (follows: Follow[]) => Follow[]) {
    const result = await updateFollows(edit, undefined, now);
    await afterChange(result);
    return result;
  }

  const handlers = {
    /** Follows or unfollows; following a muted creator turns its alerts on, unless `unmute` is false. */
    async follow(handle: string, follow: boolean, unmute = true) {
      await refuseSample(handle);
      const settings = await settingsItem.get();
      if (follow) await rememberShown([handle]);
      const { follows, inLocal } = await change((list) => {
        if (!follow) return list.filter((f) => f.handle !== handle);
        // Asking to follow a muted creator (the badge's "Muted" button) turns its notifications on.
        if (list.some((f) => f.handle === handle)) return list.map((f) => (f.handle === handle && unmute ? { ...f, notify: true } : f));
        if (list.length >= MAX_FOLLOWS) throw new Error(t('followListFull', MAX_FOLLOWS));
        return [...list, { handle, addedAt: now(), notify: settings.notifyNewFollows }];
      });
      const kept = follows.find((f) => f.handle === handle);
      if (!kept) await pinsItem.update((pins) => pins.filter((h) => h !== handle));
      return { followed: !!kept, notify: kept?.notify ?? false, inLocal };
    },

    /**
     * Pins (first in its section of the popup) or unpins; pinning a creator not followed follows them first. A muted
     * creator stays muted: pinning is about the list's order, not about alerts.
     */
    async setPin(handle: string, pinned: boolean) {
      await refuseSample(handle);
      // Checked before following too: a full pin list must not leave the creator followed (and paid for) on an error.
      const full = (list: string[]) => !list.includes(handle) && list.length >= MAX_PINS;
      if (pinned && full(await pinsItem.get())) throw new Error(t('pinsFull', MAX_PINS));
      const followed = pinned ? (await handlers.follow(handle, true, false)).followed : true;
      const pins = await pinsItem.update((list) => {
        if (!pinned) return list.filter((h) => h !== handle);
        if (list.includes(handle)) return list;
        if (full(list)) throw new Error(t('pinsFull', MAX_PINS));
        return [...list, handle];
      });
      return { pinned: pins.includes(handle), followed };
    },

    async setNotify(handle: string, notify: boolean) {
      await refuseSample(handle);
      // Unmuted in the popup, which shows the live: that live is no news either.
      if (notify) await rememberShown([handle]);
      const { follows } = await change((list) => list.map((f) => (f.handle === handle ? { ...f, notify } : f)));
      return { notify: follows.find((f) => f.handle === handle)?.notify ?? false };
    },

    async importFollows(entries: ImportEntry[]) {
      const [{ notifyNewFollows }, demoOn] = await Promise.all([settingsItem.get(), demo()]);
      let plan: ReturnType<typeof planImport> = { added: [], skipped: [], pinned: [] };
      // Planned against the list as it is inside the lock, so a follow racing the import is neither lost nor re-added.
      const { follows } = await change((list) => {
        // The sample creators demo mode shows count as followed: they are not stored.
        const known = new Set([...list.map((f) => f.handle), ...(demoOn ? DEMO_HANDLES : [])]);
        plan = planImport(entries, known, notifyNewFollows, now(), MAX_FOLLOWS - list.length, MAX_NEW_PER_IMPORT);
        return [...list, ...plan.added];
      });
      const stored = new Set(follows.map((f) => f.handle));
      const added = plan.added.map((f) => f.handle).filter((h) => stored.has(h));
      // Never checked, their first check announces nothing either: the user said whom they follow, not who just went live.
      const unchecked = added.length ? await rememberShown(added) : [];
      if (unchecked.length) await quiet.add(unchecked);
      const pinned = plan.pinned.filter((h) => stored.has(h));
      if (pinned.length) await pinsItem.update((list) => [...list, ...pinned.filter((h) => !list.includes(h))].slice(0, MAX_PINS));
      return { added, skipped: plan.skipped };
    },

    /** Merges what another browser synced (or what sync refused earlier), writing only what differs. */
    reconcile: () => change((list) => list),

    /** Earlier builds stored the sample creators in the list while demo mode was on: they leave with it. */
    async dropStoredDemoCreators() {
      await change((list) => list.filter((f) => !isDemoCreator(f.handle)));
    },
  };
  return {
    ...handlers,
    /** The follow list's requests, for the router. */
    requests: {
      follow: ({ handle, follow }: { handle: string; follow: boolean }) => handlers.follow(handle, follow),
      setNotify: ({ handle, notify }: { handle: string; notify: boolean }) => handlers.setNotify(handle, notify),
      setPin: ({ handle, pinned }: { handle: string; pinned: boolean }) => handlers.setPin(handle, pinned),
      importFollows: ({ entries }: { entries: ImportEntry[] }) => handlers.importFollows(entries),
    },
  };
}
