import { browser, type Browser } from 'wxt/browser';
import type { Follow, CacheEntry, Settings } from '@/lib/domain/model';
import { t } from '@/lib/platform/i18n';
import { formatViewers } from '@/lib/domain/format';
import { isHandle } from '@/lib/domain/handle';
import type { NotificationPlan } from '@/lib/platform/worker-items';

export type { NotificationPlan };

const ID_PREFIX = 'live:';

/** Notification ids carry the handle so a click knows where to go after a worker restart. */
export function notificationId(handle: string, roomId: string): string {
  return `${ID_PREFIX}${handle}:${roomId}`;
}

const GROUP_SUFFIX = ':group';
/** A notification that names several creators. */
export const isGroupNotification = (id: string) => id.startsWith(ID_PREFIX) && id.endsWith(GROUP_SUFFIX);

export function handleFromNotificationId(id: string): string | null {
  if (!id.startsWith(ID_PREFIX)) return null;
  const handle = id.slice(ID_PREFIX.length).split(':', 1)[0]!;
  return isHandle(handle) ? handle : null;
}

/** Whose go-lives may be announced at all: a followed creator whose bell is on. */
export const announces = (follow: Follow | undefined): follow is Follow => !!follow?.notify;

/**
 * One notification per live room: the room already announced for this creator (remembered across restarts) is
 * never announced again, so live → offline → live within one room stays quiet.
 */
export function planNotification(
  entry: CacheEntry,
  follow: Follow | undefined,
  settings: Settings,
  announcedRoom: string | undefined,
): NotificationPlan | null {
  if (!announces(follow) || !settings.notifications) return null;
  const lookup = entry.lookup;
  if (lookup?.status !== 'live' || entry.error) return null;
  if (announcedRoom === lookup.live.roomId) return null;
  const name = lookup.profile.displayName ?? `@${entry.handle}`;
  const viewers = lookup.live.viewerCount;
  const details = [lookup.live.title, viewers !== null ? t('watching', formatViewers(viewers)) : null].filter(Boolean);
  return {
    id: notificationId(entry.handle, lookup.live.roomId),
    handle: entry.handle,
    roomId: lookup.live.roomId,
    name,
    title: t('notifyTitle', name),
    message: details.join(' · ') || t('notifyFallback', entry.handle),
    avatarUrl: lookup.profile.avatarUrl,
    requireInteraction: settings.persistentNotifications,
    silent: settings.silentNotifications,
  };
}

/** Several go-lives found in one check, as one notification: their names and titles, and the first one's id. */
interface GroupedNotification {
  id: string;
  title: string;
  message: string;
  items: { title: string; message: string }[];
  requireInteraction: boolean;
  silent: boolean;
}

/** Chrome shows `items` as a list; Firefox, which has only basic notifications, gets the names in `message`. */
export function groupPlans(plans: NotificationPlan[]): GroupedNotification {
  const first = plans[0]!;
  return {
    // Marked as a group: a click shows who is live (the popup), not one of them.
    id: `${first.id}${GROUP_SUFFIX}`,
    title: t('notifyGroupTitle', plans.length),
    message: plans.map((p) => p.name).join(', '),
    items: plans.map((p) => ({ title: p.name, message: p.message })),
    requireInteraction: plans.some((p) => p.requireInteraction),
    silent: plans.every((p) => p.silent),
  };
}

export const showNotification = (id: string, options: Browser.notifications.NotificationCreateOptions) => browser.notifications.create(id, options);
export const clearNotification = (id: string) => browser.notifications.clear(id);
export async function clearAllNotifications() {
  for (const id of Object.keys(await browser.notifications.getAll())) await browser.notifications.clear(id);
}
export const onNotificationClicked = (listener: (id: string) => void) => browser.notifications.onClicked.addListener(listener);
/** The extension's own icon, for notifications without an avatar. */
export const notificationIcon = () => browser.runtime.getURL('/icon/128.png');
