import { parseHandle } from '@/lib/domain/handle';

/**
 * Every TikTok DOM selector of the project. TikTok's class names are generated per deploy (`css-1xjmnlt-H1ShareTitle`),
 * so `data-e2e` attributes — TikTok's own test hooks, stable for years — come first; structure and the readable
 * part of a class name are only fallbacks for when TikTok drops the hooks.
 */
export const selectors = {
  profilePage: '[data-e2e="user-page"]',
  /** The unique id (`sunny.cooks`); the display name is the subtitle. */
  profileTitle: '[data-e2e="user-title"]',
  profileSubtitle: '[data-e2e="user-subtitle"]',
  profileAvatar: '[data-e2e="user-avatar"]',
  followButton: '[data-e2e="follow-button"]',
  /** Only the hash prefix of a class changes between deploys; the component name after it has stayed. */
  profileHeader: '[class*="DivShareLayoutHeader"]',
  /**
   * Without the hooks, the main column's first heading is the profile's id. A heading that carries some other
   * `data-e2e` is a known non-profile element (a video's description), so it is never taken for one.
   */
  fallbackTitle: 'main h1:not([data-e2e]), #app h1:not([data-e2e])',
} as const;

export interface BadgeAnchor {
  element: Element;
  placement: 'after' | 'fallback';
}

/** Where the live badge goes, or null while the profile header has not rendered (or on a page without one). */
export function findBadgeAnchor(root: ParentNode): BadgeAnchor | null {
  const title = root.querySelector(selectors.profileTitle);
  const heading = title ? null : root.querySelector(selectors.fallbackTitle);
  const header = title || heading ? null : root.querySelector(selectors.profileHeader);
  const element = title ?? heading ?? header;
  // The first candidate present decides: while it is still empty, React has mounted the header but not filled it,
  // and a badge placed elsewhere in the meantime would jump.
  if (!element?.textContent?.trim()) return null;
  return { element, placement: title ? 'after' : 'fallback' };
}

/** The handle the page's header shows (lower-cased, no @), or null before it has rendered or when it is not a handle. */
export function readPageHandle(root: ParentNode): string | null {
  const text = (root.querySelector(selectors.profileTitle) ?? root.querySelector(selectors.fallbackTitle))?.textContent?.trim();
  if (!text) return null;
  // The fallback heading may be a display name ("Sunny Cooks"): only text that is a valid handle counts.
  const parsed = parseHandle(text.startsWith('@') ? text : `@${text}`);
  return parsed.ok ? parsed.handle : null;
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
