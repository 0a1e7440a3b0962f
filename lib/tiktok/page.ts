import { classifyTikTokUrl } from '@/lib/domain/handle';

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
  /** TikTok's LIVE marker on an account in a list (the following-accounts sidebar, feed items, search results). */
  liveTag: '[data-e2e="live-tag"], [data-e2e="video-live-tag"]',
  /** What holds one account of a list, so a marker can be tied to the account's link. */
  listItem: 'li, [data-e2e$="-item"], [data-e2e$="-item-container"]',
  profileLink: 'a[href*="/@"]',
  /** A link to an account's live room: lists link there while the account is live. */
  liveLink: 'a[href*="/@"][href$="/live"]',
  /** The account list TikTok opens as a dialog from a profile's "Following" count (its tabs share the dialog). */
  followDialog: '[data-e2e="follow-info-popup"]',
  /** The following-accounts sidebar: the hook sits on its heading in some layouts, on its container in others. */
  followingSidebar: '[data-e2e="following-accounts"]',
} as const;

/** At most this many accounts are read from one page: a page can render any number of markers. */
export const MAX_LIVE_MARKERS = 20;

/** The handle a link on TikTok points to, if it points to a profile (or its live). */
function linkedHandle(link: Element | null | undefined): string | null {
  const href = link?.getAttribute('href');
  if (!href) return null;
  let url: URL;
  try {
    url = new URL(href, 'https://www.tiktok.com/');
  } catch {
    return null;
  }
  const page = classifyTikTokUrl(url);
  return page.kind === 'profile' ? page.handle : null;
}

/**
 * The accounts a page marks LIVE in its lists, resolved to handles with the project's handle rules. Free, and
 * untrusted: the page decides what it shows, so the background only ever treats these as hints to confirm.
 */
export function readLiveMarkers(root: ParentNode, max = MAX_LIVE_MARKERS): string[] {
  const found = new Set<string>();
  for (const tag of root.querySelectorAll(selectors.liveTag)) {
    const link = tag.closest('a[href]') ?? tag.closest(selectors.listItem)?.querySelector(selectors.profileLink);
    const handle = linkedHandle(link);
    if (handle) found.add(handle);
    if (found.size >= max) return [...found];
  }
  for (const link of root.querySelectorAll(selectors.liveLink)) {
    const handle = linkedHandle(link);
    if (handle) found.add(handle);
    if (found.size >= max) break;
  }
  return [...found];
}

interface BadgeAnchor {
  element: Element;
  placement: 'after' | 'fallback';
}

/** The handle a profile title shows, written as a handle. */
const titleHandle = (title: Element | null) => title?.textContent?.trim().replace(/^@/, '').toLowerCase();

/**
 * Where the live badge goes, or null while the profile header has not rendered (or on a page without one). Given the
 * profile's `handle`, also null while the title still names another: TikTok changes the address first and renders the
 * new header a moment later, and a badge placed then would sit beside the previous creator's name.
 */
export function findBadgeAnchor(root: ParentNode, handle?: string): BadgeAnchor | null {
  const title = root.querySelector(selectors.profileTitle);
  if (title && handle !== undefined && titleHandle(title) !== handle) return null;
  const heading = title ? null : root.querySelector(selectors.fallbackTitle);
  const header = title || heading ? null : root.querySelector(selectors.profileHeader);
  const element = title ?? heading ?? header;
  // The first candidate present decides: while it is still empty, React has mounted the header but not filled it,
  // and a badge placed elsewhere in the meantime would jump.
  if (!element?.textContent?.trim()) return null;
  return { element, placement: title ? 'after' : 'fallback' };
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

/**
 * What a profile's own header shows about `handle`: live (a LIVE marker or a link to its live room), offline (the
 * header is this profile's and carries neither), or null while the header is not (yet) this profile's.
 */
export function readProfileHeader(root: ParentNode, handle: string): 'live' | 'offline' | null {
  if (titleHandle(root.querySelector(selectors.profileTitle)) !== handle) return null;
  const header = root.querySelector(selectors.profilePage) ?? root;
  if (header.querySelector(selectors.liveTag)) return 'live';
  for (const link of header.querySelectorAll(selectors.liveLink)) {
    if (linkedHandle(link) === handle) return 'live';
  }
  return 'offline';
}

/** TikTok's own state, embedded as JSON when the page was first loaded. */
const STATE_SCRIPTS = ['script#__UNIVERSAL_DATA_FOR_REHYDRATION__', 'script#SIGI_STATE'];
const MAX_STATE_CHARS = 3_000_000;
/** The live room's status in TikTok's state: 2 is live, 4 has ended. */
const ROOM_LIVE = 2;
const ROOM_ENDED = 4;

type Json = Record<string, unknown>;
const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Json)[key] : undefined), value);

/**
 * What TikTok's embedded state says about `handle`: the live room's status on a live page (2 live, 4 ended), or a
 * profile without any room (offline). A room id alone proves nothing, and state about another user — the page as first
 * loaded, before in-app navigation — is ignored.
 */
export function readEmbeddedState(doc: Document, handle: string): 'live' | 'offline' | null {
  for (const selector of STATE_SCRIPTS) {
    const text = doc.querySelector(selector)?.textContent;
    if (!text || text.length > MAX_STATE_CHARS) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    const scope = at(data, '__DEFAULT_SCOPE__') ?? data;
    const room = at(scope, 'LiveRoom', 'liveRoomUserInfo') ?? at(scope, 'webapp.live-detail', 'liveRoomUserInfo');
    if (String(at(room, 'user', 'uniqueId') ?? '').toLowerCase() === handle) {
      const status = at(room, 'liveRoom', 'status') ?? at(room, 'user', 'status');
      if (status === ROOM_LIVE) return 'live';
      if (status === ROOM_ENDED) return 'offline';
    }
    const user = at(scope, 'webapp.user-detail', 'userInfo', 'user');
    if (String(at(user, 'uniqueId') ?? '').toLowerCase() === handle && at(user, 'roomId') === '') return 'offline';
  }
  return null;
}

export type AccountListKind = 'dialog' | 'sidebar';

/** The account lists a page shows (the following dialog, the following-accounts sidebar), each found once. */
export function findAccountLists(root: ParentNode): { kind: AccountListKind; element: Element }[] {
  const lists: { kind: AccountListKind; element: Element }[] = [];
  const dialog = root.querySelector(selectors.followDialog);
  if (dialog) lists.push({ kind: 'dialog', element: dialog });
  const hook = root.querySelector(selectors.followingSidebar);
  const sidebar = hook && (hook.querySelector(selectors.profileLink) ? hook : hook.parentElement);
  if (sidebar && !dialog?.contains(sidebar)) lists.push({ kind: 'sidebar', element: sidebar });
  return lists;
}

/** At most this many accounts are read from one list: the page decides how many it renders. */
export const MAX_LIST_ACCOUNTS = 1000;

/**
 * The accounts a list shows as rendered now (scrolling the list loads more), in order, resolved with the project's
 * handle rules; an entry whose link is not a TikTok profile is returned as `unreadable`, for the report. Free: it
 * reads the page, it asks nothing of anyone.
 */
export function readAccountList(list: Element, max = MAX_LIST_ACCOUNTS): { handles: string[]; unreadable: string[] } {
  const handles = new Set<string>();
  const unreadable: string[] = [];
  const items = list.querySelectorAll(selectors.listItem);
  const links = items.length ? [...items].map((item) => item.querySelector('a[href]')) : [...list.querySelectorAll('a[href]')];
  for (const link of links) {
    if (handles.size + unreadable.length >= max) break;
    const handle = linkedHandle(link);
    if (handle) handles.add(handle);
    else unreadable.push((link?.getAttribute('href') ?? link?.textContent ?? '').trim().slice(0, 80) || '(no link)');
  }
  return { handles: [...handles], unreadable };
}
