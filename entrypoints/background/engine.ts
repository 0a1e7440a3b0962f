import { apiErrorText } from '@/lib/platform/error-text';
import { ALARMS, setAlarm } from '@/lib/platform/alarms';
import { openOptionsPage } from '@/lib/platform/runtime';
import type { StorageChanges } from '@/lib/platform/storage-events';
import { readSnapshot } from '@/lib/platform/snapshot';
import { kept, keptItem } from '@/lib/platform/kept';
import { createPopupViewWriter, isOnlyPopupView } from '@/lib/platform/popup-view';
import { isFollowsChange, readFollows } from '@/lib/platform/follows';
import type { KeyStore } from '@/lib/platform/key-store';
import { createLookupService } from '@/lib/checking/lookup-service';
import { badgeView, followState, type BadgeAnswer, type BadgePush } from '@/lib/domain/badge-view';
import { createPoller } from '@/lib/checking/poller';
import { createSmartSchedule } from '@/lib/checking/smart-schedule';
import type { LocalOffset } from '@/lib/domain/schedule/week';
import { createSocialFetchClient } from '@/lib/socialfetch/client';
import {
  cacheItem,
  demoItem,
  evictCache,
  keyStateItem,
  pinsItem,
  pollStateItem,
  settingsItem,
} from '@/lib/platform/storage';
import { CACHE_CAP } from '@/lib/domain/cache-evict';
import { createAccount } from './account';
import { createBadgePush } from './badge-push';
import { createDemoMode } from './demo';
import { createFollowHandlers } from './follow-handlers';
import { createNotifier, openFromNotification } from './notifications';
import { createPollAlarm } from './poll-alarm';
import { forgetData, onInstalled, type InstallDetails } from './lifecycle';
import { openPicker } from './list-offers';
import { createQuietFirstChecks } from './quiet-first';
import { createRouter, type Handlers } from './router';
import { createSignalHandler } from './signals';
import { createToolbarUpdater } from './toolbar';
import { toolbarName } from '@/lib/platform/toolbar';

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

/** How soon smart checking looks again after a cycle that could not check. */
const BLOCKED_RECHECK_MS = 5 * 60_000;

const localOffset: LocalOffset = (t) => -new Date(t).getTimezoneOffset();

/** The background's behaviour, free of listener registration so tests can drive it directly. */
export function createEngine(deps: EngineDeps) {
  const now = deps.now ?? Date.now;
  const clientFor = (getKey: () => Promise<string | null> | string | null) =>
    createSocialFetchClient({ getKey, fetch: deps.fetch, origin: deps.origin, now });
  const client = clientFor(() => deps.keyStore.get());
  const account = createAccount({ keyStore: deps.keyStore, client, clientFor: (key) => clientFor(() => key), now });

  // The follow list, kept while the worker is awake: each check's answer, badge and toolbar count reads it, and a read
  // is five storage reads and a check of every entry. This worker's own changes set it; any other change drops it.
  const followList = kept(readFollows);
  // Read before every badge's call: kept while awake, dropped on change (a storage read each held it back 15–20 ms).
  const current = { settings: keptItem(settingsItem), pins: keptItem(pinsItem), demo: keptItem(demoItem) };
  const demoMode = createDemoMode({
    now,
    item: current.demo,
    dropStored: () => followHandlers.dropStoredDemoCreators(),
    // The sample creators join the schedule, or leave it.
    reschedule: () => ensureAlarm().then(() => poller.resume()),
    refresh: () => poll('refresh'),
    updateToolbar: () => updateToolbar(),
  });
  const follows = async () => demoMode.shown(await followList.get());
  const followedHandles = async () => (await follows()).map((f) => f.handle);
  const smart = createSmartSchedule({ now, random: deps.random ?? (() => Math.random()), offset: deps.localOffset ?? localOffset });
  /** Who the next cycle checks: everyone in fixed mode or when the user asked; the due creators in smart mode. */
  let cycleList: () => Promise<string[]> = followedHandles;

  const service = createLookupService({
    now,
    settings: () => current.settings.get(),
    source: async () => ((await current.demo.get()) ? demoMode.source : (await deps.keyStore.get()) ? client : null),
    makeRoom: async () => evictCache(new Set(await followedHandles()), CACHE_CAP / 5),
    onEntry: async (entry, previous, reason) => {
      smart.observe(entry);
      // A visit's answer goes to the badge of the page the tab shows.
      await notifier.onEntry(entry, previous, reason === 'visit' || reason === 'retry');
      // Most answers of a cycle change nothing the toolbar shows; recounting 500 follows after each one slowed the cycle.
      // An error may have changed the key's state, which it shows.
      if (entry.error || toolbarName(entry) !== toolbarName(previous)) scheduleToolbar();
    },
  });

  const poller = createPoller({
    now,
    random: deps.random,
    online: deps.online,
    follows: () => cycleList(),
    lookup: async (handle, reason, slot) => {
      const outcome = await service.lookup(handle, reason, slot);
      // A recent answer stands in for the check: the schedule counts it as made.
      if (outcome.cached && !outcome.blocked && outcome.entry) smart.observe(outcome.entry);
      return outcome;
    },
  });

  /** What the badge for `handle` shows now, for the updates pushed to open tabs. */
  async function badgeAnswer(handle: string): Promise<BadgeAnswer> {
    const [list, pins, demo, entry] = await Promise.all([follows(), current.pins.get(), current.demo.get(), cacheItem(handle).get()]);
    return { view: badgeView(entry, apiErrorText), ...followState(list, pins, handle), demo };
  }

  const badges = createBadgePush({ answer: badgeAnswer, sendToTab: deps.sendToTab });

  const quiet = createQuietFirstChecks();
  const notifier = createNotifier({ fetch: deps.fetch, now, quiet, follows, seenGraceMs: deps.seenGraceMs });
  const weighSignals = createSignalHandler({ smart, follows, lookup: (handle) => service.lookup(handle, 'signal') });

  const { updateToolbar, scheduleToolbar } = createToolbarUpdater(now, follows);

  const ensureAlarm = createPollAlarm({ smart, now, follows });

  let sweptAt = 0;
  async function poll(reason: 'poll' | 'refresh' = 'poll') {
    const settings = await current.settings.get();
    const startedAt = now();
    let plannedOffline: Set<string> | null = null;
    if (settings.checkMode === 'smart' && reason === 'poll') {
      await smart.refresh(await follows(), settings);
      const due = await smart.due();
      plannedOffline = due.offline;
      cycleList = async () => due.handles;
    } else {
      cycleList = followedHandles;
    }
    // Go-lives found by this cycle are announced together when it ends.
    notifier.hold();
    const result = await poller.run(reason).finally(() => notifier.release());
    if (plannedOffline) await smart.countOnPlan(plannedOffline, startedAt);
    // Checks that could not be made (no key, paused, offline) stay due: come back in a few minutes, not every 30 s.
    // A backoff has its own retry alarm; a new key or Retry runs a poll at once.
    if (settings.checkMode === 'smart') await ensureAlarm({ notBefore: result.kind === 'done' ? undefined : now() + BLOCKED_RECHECK_MS });
    // The cache of visited profiles stays bounded: swept after a cycle, at most hourly.
    if (now() - sweptAt > 3_600_000) {
      sweptAt = now();
      await evictCache(new Set(await followedHandles()));
    }
    const state = await pollStateItem.get();
    if (result.kind === 'stopped' && result.why === 'backoff' && state.backoffUntil) {
      await setAlarm(ALARMS.retry, { when: state.backoffUntil });
    }
    await updateToolbar();
    return result;
  }

  async function onAlarm(alarm: { name: string }) {
    if (alarm.name === ALARMS.poll || alarm.name === ALARMS.retry) await poll();
    if (alarm.name === ALARMS.followsSync) await followHandlers.reconcile();
  }

  /** Every wake: make sure checking is scheduled, and finish a cycle a killed worker left half done. */
  async function onWake() {
    // Go-lives a stopped worker held back.
    await notifier.release();
    await ensureAlarm();
    // A key state lost to damage reads as "missing" while the key is there: derive it again instead of blocking forever.
    if ((await keyStateItem.get()).state === 'missing' && (await deps.keyStore.get())) await account.recheck();
    const state = await pollStateItem.get();
    if (state.pending.length && !state.pausedFor && !(state.backoffUntil && state.backoffUntil > now())) await poll();
    else await updateToolbar();
  }

  const followHandlers = createFollowHandlers({
    now,
    quiet,
    demo: () => current.demo.get(),
    afterChange: async ({ follows: stored, syncPending }) => {
      followList.set(stored);
      if (syncPending) await setAlarm(ALARMS.followsSync, { delayInMinutes: 1 });
      // New follows join the schedule (spread over the next minutes), unfollowed ones leave it.
      await ensureAlarm();
      await updateToolbar();
    },
  });

  const handlers: Handlers = {
    async visit({ handle, retry }, sender) {
      // On the badge's critical path: everything the answer needs is read at once.
      const [settings, list, pins, demo] = await Promise.all([current.settings.get(), follows(), current.pins.get(), current.demo.get()]);
      // Off means no badge for anyone: a badge shown only for followed creators would tell the page whom the user follows.
      if (!settings.checkVisitedProfiles) return null;
      // A private window's browsing is not sent anywhere unless the user allowed it.
      if (sender.tab?.incognito && !settings.checkVisitedInPrivate) return null;
      const tabId = sender.tab?.id;
      const registered = tabId !== undefined && (sender.frameId ?? 0) === 0 ? badges.register(tabId, handle) : undefined;
      const [outcome] = await Promise.all([service.lookup(handle, retry ? 'retry' : 'visit'), registered]);
      return { view: badgeView(outcome.entry, apiErrorText, outcome.blocked), ...followState(list, pins, handle), demo };
    },
    async signals({ signals }) {
      await weighSignals(signals);
      if ((await current.settings.get()).checkMode === 'smart') await ensureAlarm();
      return null;
    },
    async seen({ handle }) {
      await notifier.seen(handle);
      return null;
    },
    async openOptions() {
      await openOptionsPage();
      return null;
    },
    async lookup({ handle, reason }) {
      const [list, demo, outcome] = await Promise.all([follows(), current.demo.get(), service.lookup(handle, reason)]);
      return { entry: outcome.entry, blocked: outcome.blocked, followed: list.some((f) => f.handle === handle), demo };
    },
    follow: ({ handle, follow }) => followHandlers.follow(handle, follow),
    setNotify: ({ handle, notify }) => followHandlers.setNotify(handle, notify),
    setPin: ({ handle, pinned }) => followHandlers.setPin(handle, pinned),
    offerFollows: (offer) => openPicker(offer, now),
    async saveKey({ key }) {
      const before = await deps.keyStore.get();
      const keyState = await account.save(key);
      await poller.resume();
      // A new key: everyone is checked once, in either mode, so the lists and badges show where things stand. The same
      // key saved again (after a top-up) resumes checking without buying again the answers already there.
      void poll((await deps.keyStore.get()) === before ? 'poll' : 'refresh');
      return { keyState };
    },
    async removeKey() {
      const keyState = await account.remove();
      await updateToolbar();
      return { keyState };
    },
    account: () => account.summary(),
    snapshot() {
      // The first popup after a restart finds the last worker's copy, or none: this worker writes its own.
      if (!popupView.written) popupView.changed();
      return snapshots.get();
    },
    async schedule() {
      return smart.summary(await follows(), await current.settings.get());
    },
    async refreshAll() {
      const result = await poll('refresh');
      return { result: result.kind, ...('why' in result ? { why: result.why } : {}) };
    },
    async resumePolling() {
      if (!(await current.demo.get()) && (await deps.keyStore.get())) await account.recheck();
      await poller.resume();
      return { result: (await poll()).kind };
    },
    importFollows: ({ entries }) => followHandlers.importFollows(entries),
    forgetData: async () => {
      await forgetData({ keyStore: deps.keyStore, now });
      followList.drop();
      await updateToolbar();
      return null;
    },
    setDemo: ({ on }) => demoMode.set(on),
  };

  const handleMessage = createRouter({ handlers, now });
  // Kept between popups while the worker is awake; any storage change drops it.
  const snapshots = kept(() => readSnapshot(follows));
  const popupView = createPopupViewWriter(() => snapshots.get());

  async function onStorageChanged(changes: StorageChanges, areaName: string) {
    if (isOnlyPopupView(changes)) return;
    if (isFollowsChange(changes)) followList.drop();
    for (const item of Object.values(current)) item.changed(changes, areaName);
    snapshots.drop();
    popupView.changed();
    await badges.onStorageChanged(changes, areaName);
    // Another browser's change (or this one's own, which then needs nothing): merge it with this browser's copy.
    if (areaName === 'sync' && isFollowsChange(changes)) await followHandlers.reconcile();
    if (areaName === 'sync' && settingsItem.key in changes) {
      await notifier.settingsChanged(changes[settingsItem.key]!);
      await ensureAlarm();
      await updateToolbar();
    }
  }

  return {
    handleMessage,
    onTabRemoved: (tabId: number) => badges.forget(tabId),
    onAlarm,
    onWake,
    onInstalled: (details: InstallDetails) => onInstalled(details, () => ensureAlarm({ fireSoon: true })),
    onNotificationClicked: openFromNotification,
    onStorageChanged,
    poll,
    updateToolbar,
  };
}
