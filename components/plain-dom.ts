/** Plain-DOM helpers for what the content script shows on TikTok (its size budget has no room for Preact). */

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: (Node | string | null)[]) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(name, value);
  node.append(...children.filter((c): c is Node | string => c !== null));
  return node;
}

/** Text for screen readers only, in a shadow root's own styles (`lr-sr`): the page's styles do not reach in. */
export const SR_ONLY_CSS = '.lr-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }';

/**
 * Whether the user can see something of ours: on the page, in the viewport, not made transparent, hidden or shrunk
 * with CSS zoom. A click counts only on what is shown; a live badge counts as seen only while shown.
 */
export function isShown(host: HTMLElement): boolean {
  if (!host.isConnected || !host.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  const box = host.getBoundingClientRect();
  if (box.width < 8 || box.height < 8) return false;
  const view = host.ownerDocument.defaultView;
  if (!view || box.right <= 0 || box.bottom <= 0 || box.left >= view.innerWidth || box.top >= view.innerHeight) return false;
  if ((host.currentCSSZoom ?? 1) < 0.75) return false;
  let opacity = 1;
  for (let node: Element | null = host; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
  return opacity >= 0.5;
}
