import {
  announces,
  clearNotification,
  groupPlans,
  handleFromNotificationId,
  isGroupNotification,
  notificationIcon,
  planNotification,
  showNotification,
  type NotificationPlan,
} from '@/lib/platform/notify';
import { openInFront } from '@/lib/platform/tabs';
import { openPopupView } from '@/lib/platform/toolbar';
import { creatorUrl, tiktokImageUrl } from '@/lib/domain/handle';
import { cacheItem, MAX_NOTIFIED_ROOMS, notifiedItem, readCacheEntries, recentLivesItem, settingsItem } from '@/lib/platform/storage';
import type { CacheEntry, Follow } from '@/lib/domain/model';
import { heldNotificationsItem } from '@/lib/platform/worker-items';
import type { QuietFirstChecks } from '@/lib/checking/quiet-first';
import { changesRoom, noteAnswer } from '@/lib/domain/recent-lives';

/** How long a go-live found by a visit waits for its badge to be reported seen (about a second on screen). */
const SEEN_GRACE_MS = 5000;

/**
 * A click on a notification opens the creator's live, or its profile once the live is known to have ended (a LIVE
 * page that has ended says only that), in a window brought to the front; with no window open, in a new one. A grouped
 * one shows the popup: who is live, each a click away.
 */
export async function openFromNotification(id: string) {
  if (isGroupNotification(id)) {
    await openPopupView();
    return void (await clearNotification(id));
  }
  const handle = handleFromNotificationId(id);
  if (!handle) return;
  const lookup = (await cacheItem(handle).get())?.lookup;
  // Live unless an answer since says otherwise.
  await openInFront(creatorUrl(handle, !lookup || lookup.status === 'live'));
  await clearNotification(id);
}

/**
 * The rooms with `handle`'s replaced (or forgotten), newest last. Rooms stay after an unfollow, so the list is cut to
 * its cap, oldest first: past the cap, storing it fails and no go-live can be announced.
 */
function withRoom(rooms: [string, string][], handle: string, roomId: string | null): [string, string][] {
  return [...rooms.filter(([h]) => h !== handle), ...(roomId === null ? [] : [[handle, roomId] as [string, string]])].slice(-MAX_NOTIFIED_ROOMS);
}

/** Remembers (or forgets) the room announced for a handle. Handles are kept as tuple keys: `__proto__` is a handle too. */
function rememberRoom(handle: string, roomId: string | null) {
  return notifiedItem.update((rooms) => withRoom(rooms, handle, roomId));
}

/**
 * Creators whose alerts start now (followed, unmuted, notifications switched back on): a live the user can already
 * see (on the badge, in the popup) is no news, so its room is remembered, not announced. Answers those never checked.
 */
export async function rememberShown(handles: string[]): Promise<string[]> {
  const cached = await readCacheEntries(handles);
  for (const [handle, entry] of cached) if (entry.lookup?.status === 'live') await rememberRoom(handle, entry.lookup.live.roomId);
  return handles.filter((handle) => !cached.get(handle)?.lookup);
}

/**
 * Announces a followed creator's go-live once per room. Deciding and remembering is one serialised step, so poll
 * workers answering at once cannot both announce the same room. While a cycle runs (`hold`), go-lives wait in session
 * storage and are announced together when it ends (`release`): several at once make one notification. A worker
 * stopped meanwhile announces them when it wakes.
 */
export function createNotifier(deps: {
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  quiet: QuietFirstChecks;
  /** The follow list as the worker keeps it. */
  follows: () => Promise<Follow[]>;
  /** How long a go-live a visit found waits for its badge to be seen before it is announced. */
  seenGraceMs?: number;
}) {
  const now = deps.now ?? Date.now;
  let holds = 0;
  /** Go-lives a visit found, each waiting for word that its badge was on screen. */
  const waitingForSight = new Map<string, () => void>();

  function seenWithin(handle: string): Promise<boolean> {
    // A newer answer for the creator takes over the wait: the older one ends as if seen, so one of them announces.
    waitingForSight.get(handle)?.();
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(false), deps.seenGraceMs ?? SEEN_GRACE_MS);
      const settle = (seen: boolean) => {
        clearTimeout(timer);
        if (waitingForSight.get(handle) === done) waitingForSight.delete(handle);
        resolve(seen);
      };
      const done = () => settle(true);
      waitingForSight.set(handle, done);
    });
  }

  async function show(plan: NotificationPlan, iconUrl: string) {
    await showNotification(plan.id, {
      type: 'basic',
      iconUrl,
      title: plan.title,
      message: plan.message,
      // Firefox rejects these Chrome-only options.
      ...(import.meta.env.BROWSER === 'firefox' ? {} : { requireInteraction: plan.requireInteraction, silent: plan.silent }),
    });
  }

  /**
   * Notifications accept only extension or data URLs. Without a host permission for TikTok's CDN this usually fails
   * (CORS), and the extension icon is used instead: the avatar is not worth a wider permission.
   */
  async function avatarDataUrl(url: string): Promise<string | null> {
    try {
      // Only TikTok's image hosts, and no redirect away from them.
      const response = await (deps.fetch ?? fetch)(url, { signal: AbortSignal.timeout(3000), credentials: 'omit', redirect: 'error' });
      if (!response.ok) return null;
      const blob = await response.blob();
      if (!blob.type.startsWith('image/') || blob.size > 512_000) return null;
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return `data:${blob.type};base64,${btoa(binary)}`;
    } catch {
      return null;
    }
  }

  async function announce(planned: NotificationPlan) {
    const icon = notificationIcon();
    const avatarUrl = tiktokImageUrl(planned.avatarUrl);
    const avatar = avatarUrl ? await avatarDataUrl(avatarUrl) : null;
    try {
      // An avatar that downloads but cannot be decoded makes the browser refuse: the extension icon then.
      await show(planned, avatar ?? icon).catch((error: unknown) => (avatar ? show(planned, icon) : Promise.reject(error)));
    } catch (error) {
      // Refused altogether: forgotten again, so the next check retries it.
      console.warn('Live Radar: notification refused', error);
      await rememberRoom(planned.handle, null);
    }
  }

  async function announceGroup(plans: NotificationPlan[]) {
    const group = groupPlans(plans);
    const iconUrl = notificationIcon();
    try {
      await showNotification(group.id, {
        // Chrome lists each creator; Firefox has only basic notifications, whose message names them.
        ...(import.meta.env.BROWSER === 'firefox'
          ? { type: 'basic' as const }
          : { type: 'list' as const, items: group.items, requireInteraction: group.requireInteraction, silent: group.silent }),
        iconUrl,
        title: group.title,
        message: group.message,
      });
    } catch (error) {
      console.warn('Live Radar: notification refused', error);
      for (const plan of plans) await rememberRoom(plan.handle, null);
    }
  }

  /** The go-lives held so far, announced: one alone as usual, several as one. */
  async function release() {
    holds = Math.max(0, holds - 1);
    if (holds > 0) return;
    let held: NotificationPlan[] = [];
    await heldNotificationsItem.update((plans) => {
      held = plans;
      return [];
    });
    if (held.length === 1) await announce(held[0]!);
    else if (held.length > 1) await announceGroup(held);
  }

  /** A new follow's first answer (an import, the popup's add): live or not, news for nobody (remembered, not announced). */
  async function firstCheckOfImport(entry: CacheEntry): Promise<boolean> {
    if (entry.error || !(await deps.quiet.take(entry.handle))) return false;
    if (entry.lookup?.status === 'live') await rememberRoom(entry.handle, entry.lookup.live.roomId);
    return true;
  }

  async function maybeNotify(entry: CacheEntry, onScreen: boolean) {
    if (entry.lookup?.status !== 'live') return;
    const follow = (await deps.follows()).find((f) => f.handle === entry.handle);
    // Anyone else's live (a badge waiting for this answer) reads and writes nothing more.
    if (!announces(follow)) return;
    // A visit's answer is on a badge: news only if the user did not see it there (a page may hide the badge).
    if (onScreen) {
      void seenWithin(entry.handle).then((seen) => (seen ? undefined : announceIfNew(entry, follow)));
      return;
    }
    await announceIfNew(entry, follow);
  }

  async function announceIfNew(entry: CacheEntry, follow: Follow | undefined) {
    const settings = await settingsItem.get();
    let plan: NotificationPlan | null = null;
    // Remember first: a crash after showing must not show it twice.
    await notifiedItem.update((rooms) => {
      const announced = rooms.find(([h]) => h === entry.handle)?.[1];
      plan = planNotification(entry, follow, settings, announced);
      return plan ? withRoom(rooms, entry.handle, plan.roomId) : rooms;
    });
    const planned = plan as NotificationPlan | null;
    if (!planned) return;
    if (holds > 0) await heldNotificationsItem.update((plans) => [...plans, planned]);
    else await announce(planned);
  }

  /** A followed creator's new room, or the end of one, for the popup's "Recently live". */
  async function noteRecent(entry: CacheEntry, previous: CacheEntry | null) {
    if (!changesRoom(entry, previous)) return;
    if (!(await deps.follows()).some((f) => f.handle === entry.handle)) return;
    await recentLivesItem.update((list) => noteAnswer(list, entry, entry.fetchedAt ?? now()) ?? list);
  }

  return {
    /**
     * A new answer. `onScreen`: it goes to a visited profile's badge, so a live in it is announced only if the badge is
     * not reported seen within the grace period.
     */
    async onEntry(entry: CacheEntry, previous: CacheEntry | null, onScreen = false) {
      await noteRecent(entry, previous);
      if (await firstCheckOfImport(entry)) return;
      await maybeNotify(entry, onScreen);
    },
    /** The live badge of `handle` was on screen for a moment: its room is no news. */
    async seen(handle: string) {
      waitingForSight.get(handle)?.();
      // Only a followed creator's room is kept (a page reporting strangers must not crowd the list out).
      if ((await deps.follows()).some((f) => f.handle === handle)) await rememberShown([handle]);
    },
    /** Notifications switched back on: lives already in progress are no news (the user acted, not the creators). */
    async settingsChanged(change: { oldValue?: unknown; newValue?: unknown }) {
      if (settingsItem.parse(change.oldValue).notifications || !settingsItem.parse(change.newValue).notifications) return;
      await rememberShown((await deps.follows()).map((f) => f.handle));
    },
    /** Until the matching `release`, go-lives are held to be announced together. */
    hold() {
      holds++;
    },
    release,
  };
}
