import { createOfferButton, OFFER_HOST_TAG } from '@/components/offer-button';
import { findAccountLists, readAccountList, type AccountListKind } from '@/lib/tiktok/page';

/** How many unreadable entries travel with an offer, for the report: the page decides how many there are. */
const MAX_UNREADABLE = 100;

type Offer = (source: AccountListKind, handles: string[], unreadable: string[]) => Promise<unknown>;

/**
 * Offers "Add to Live Radar…" once per account list on the page (the following dialog, the sidebar). The list is read
 * when the user clicks, as rendered then, and goes to the background, which opens the picker; nothing is added here.
 */
export function createListOffers(doc: Document, offer: Offer) {
  // Weak: a dialog TikTok throws away goes with its button.
  const shown = new WeakMap<Element, HTMLElement>();
  return {
    /** Cheap: two selector look-ups when there is nothing new. */
    scan() {
      for (const { kind, element } of findAccountLists(doc)) {
        if (shown.get(element)?.isConnected) continue;
        const host = createOfferButton(() => {
          const { handles, unreadable } = readAccountList(element);
          return offer(kind, handles, unreadable.slice(0, MAX_UNREADABLE));
        });
        shown.set(element, host);
        element.prepend(host);
      }
    },
    /** Takes every button away (an orphaned copy's, whose clicks could only fail). */
    clear() {
      for (const host of doc.querySelectorAll(OFFER_HOST_TAG)) host.remove();
    },
  };
}
