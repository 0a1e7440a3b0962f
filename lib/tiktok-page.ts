/**
 * Every TikTok DOM selector of the project. TikTok's class names are generated per deploy (`css-1xjmnlt-H1ShareTitle`),
 * so only `data-e2e` attributes — TikTok's own test hooks, stable for years — and plain structure are used.
 */
export const selectors = {
  profilePage: '[data-e2e="user-page"]',
  profileTitle: 'h1[data-e2e="user-title"], [data-e2e="user-title"]',
  profileSubtitle: '[data-e2e="user-subtitle"]',
  followButton: '[data-e2e="follow-button"]',
  /** Without the anchors: the first heading of the main column is the profile's name. */
  fallbackTitle: 'main h1, #app h1',
} as const;

export interface BadgeAnchor {
  element: Element;
  placement: 'after' | 'fallback';
}

/** Where the live badge goes: after the profile's title, or after the first heading when TikTok changed its markup. */
export function findBadgeAnchor(root: ParentNode): BadgeAnchor | null {
  const title = root.querySelector(selectors.profileTitle);
  if (title?.textContent?.trim()) return { element: title, placement: 'after' };
  const heading = root.querySelector(selectors.fallbackTitle);
  if (heading?.textContent?.trim()) return { element: heading, placement: 'fallback' };
  return null;
}

/** The handle the page's header shows (lower-cased, no @), or null before it has rendered. */
export function readPageHandle(root: ParentNode): string | null {
  const text = root.querySelector(selectors.profileTitle)?.textContent?.trim().replace(/^@/, '').toLowerCase();
  return text || null;
}

/** TikTok marks its dark theme on <html>; fall back to the page background's luminance. */
export function isDarkPage(doc: Document): boolean {
  const theme = doc.documentElement.getAttribute('data-theme');
  if (theme) return theme === 'dark';
  const view = doc.defaultView;
  if (!view || !doc.body) return false;
  const match = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(view.getComputedStyle(doc.body).backgroundColor);
  if (!match) return false;
  const [r, g, b] = match.slice(1, 4).map(Number) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 100;
}
