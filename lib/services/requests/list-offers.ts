import { extensionUrl } from '@/lib/platform/runtime';
import { openPageWindow } from '@/lib/platform/tabs';
import { offerItem, type ListOffer } from '@/lib/platform/worker-items';

/**
 * What a TikTok account list showed, kept for the picker (an extension page, out of the page's reach), which only the
 * user's choice turns into follows. A newer offer replaces an older one; the page learns nothing back.
 */
export async function openPicker(offer: Pick<ListOffer, 'source' | 'handles' | 'unreadable'>, now: () => number): Promise<null> {
  const id = crypto.randomUUID();
  await offerItem.set({ id, source: offer.source, handles: offer.handles, unreadable: offer.unreadable, at: now() });
  await openPageWindow(extensionUrl(`/picker.html#${id}`), { width: 440, height: 680 });
  return null;
}
