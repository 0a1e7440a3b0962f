import { browser } from 'wxt/browser';
import { readFollows } from '@/lib/platform/follows';
import { planNotification, type NotificationPlan } from '@/lib/platform/notify';
import { notifiedItem, settingsItem, type CacheEntry } from '@/lib/platform/storage';

/** Remembers (or forgets) the room announced for a handle. Handles are kept as tuple keys: `__proto__` is a handle too. */
export function rememberRoom(handle: string, roomId: string | null) {
  return notifiedItem.update((rooms) => [...rooms.filter(([h]) => h !== handle), ...(roomId === null ? [] : [[handle, roomId] as [string, string]])]);
}

/**
 * Announces a followed creator's go-live once per room. Deciding and remembering is one serialised step, so poll
 * workers answering at once cannot both announce the same room.
 */
export function createNotifier(deps: { fetch?: typeof globalThis.fetch }) {
  async function show(plan: NotificationPlan, iconUrl: string) {
    await browser.notifications.create(plan.id, {
      type: 'basic',
      iconUrl,
      title: plan.title,
      message: plan.message,
      // Firefox rejects these Chrome-only options.
      ...(import.meta.env.FIREFOX ? {} : { requireInteraction: plan.requireInteraction, silent: plan.silent }),
    });
  }

  /**
   * Notifications accept only extension or data URLs. Without a host permission for TikTok's CDN this usually fails
   * (CORS), and the extension icon is used instead: the avatar is not worth a wider permission.
   */
  async function avatarDataUrl(url: string): Promise<string | null> {
    try {
      const response = await (deps.fetch ?? fetch)(url, { signal: AbortSignal.timeout(3000), credentials: 'omit' });
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

  return async function maybeNotify(entry: CacheEntry) {
    if (entry.lookup?.status !== 'live') return;
    const [follows, settings] = await Promise.all([readFollows(), settingsItem.get()]);
    let plan: NotificationPlan | null = null;
    // Remember first: a crash after showing must not show it twice.
    await notifiedItem.update((rooms) => {
      const announced = rooms.find(([h]) => h === entry.handle)?.[1];
      plan = planNotification(entry, follows.find((f) => f.handle === entry.handle), settings, announced);
      return plan ? [...rooms.filter(([h]) => h !== entry.handle), [entry.handle, plan.roomId]] : rooms;
    });
    const planned = plan as NotificationPlan | null;
    if (!planned) return;
    const icon = browser.runtime.getURL('/icon/128.png');
    const avatar = planned.avatarUrl ? await avatarDataUrl(planned.avatarUrl) : null;
    try {
      // An avatar that downloads but cannot be decoded makes the browser refuse: the extension icon then.
      await show(planned, avatar ?? icon).catch((error: unknown) => (avatar ? show(planned, icon) : Promise.reject(error)));
    } catch (error) {
      // Refused altogether: forgotten again, so the next check retries it.
      console.warn('Live Radar: notification refused', error);
      await rememberRoom(planned.handle, null);
    }
  };
}
