import { t } from '@/lib/platform/i18n';
import { icon } from './live-badge';
import { el, isShown, SR_ONLY_CSS } from './plain-dom';

export const OFFER_HOST_TAG = 'live-radar-offer';
const CSS = `
:host { all: initial; display: block; margin: 6px 8px; }
button {
  display: inline-flex; align-items: center; gap: 6px; padding: 5px 12px; border-radius: 999px; cursor: pointer;
  border: 1px solid rgba(22, 24, 35, 0.16); background: #f1f1f2; color: #161823;
  font: 600 13px/1.2 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
}
button:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
.lr-mark { width: 16px; height: 16px; fill: #e11d48; flex: none; }
${SR_ONLY_CSS}
`;

/**
 * "Add to Live Radar…" above a TikTok account list, in a closed shadow root: the page can neither read nor click it.
 * Only a trusted click on a button the user can see calls `onOffer`; what happens next is in an extension page.
 */
export function createOfferButton(onOffer: () => Promise<unknown>): HTMLElement {
  const host = document.createElement(OFFER_HOST_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  const label = el('span', {}, t('offerButton'));
  const button = el('button', { type: 'button', 'aria-label': t('offerLabel'), 'data-testid': 'offer-button' }, icon('mark'), label);
  const said = el('span', { class: 'lr-sr', role: 'status' });
  root.append(el('style', {}, CSS), button, said);
  let back: ReturnType<typeof setTimeout> | undefined;
  root.addEventListener('click', (event) => {
    if (!event.isTrusted || !isShown(host)) return;
    onOffer().catch((error: unknown) => {
      // Said on the button for a moment (a refused request, an updated extension), then the button again; read out
      // too, since the button's accessible name is its label. A later failure gets its own moment.
      const text = error instanceof Error ? error.message : String(error);
      label.textContent = text;
      said.textContent = text;
      clearTimeout(back);
      back = setTimeout(() => {
        label.textContent = t('offerButton');
        said.textContent = '';
      }, 4000);
    });
  });
  return host;
}
