/** Every TikTok URL and handle rule of the project. */

export const MAX_HANDLE_LENGTH = 64; // the API's bound; TikTok's own usernames are 2–24

export type HandleError =
  | 'empty'
  | 'too_long'
  | 'illegal_characters'
  | 'trailing_dot'
  | 'reserved_path'
  | 'sec_uid'
  | 'share_link'
  | 'not_tiktok'
  | 'no_handle';

/** A handle, or why the input is not one: a code that the UI words (`handleErrorMessage`). */
type HandleResult = { ok: true; handle: string } | { ok: false; error: HandleError };

export type TikTokPage = { kind: 'profile'; handle: string; live: boolean } | { kind: 'other' };

const TIKTOK_HOSTS = new Set(['tiktok.com', 'www.tiktok.com', 'm.tiktok.com']);
const SHARE_HOSTS = new Set(['vm.tiktok.com', 'vt.tiktok.com']);
/** TikTok's image CDNs, the only hosts an avatar is loaded from: an answer naming another host gets initials. */
const IMAGE_HOST_SUFFIXES = ['.tiktokcdn.com', '.tiktokcdn-us.com', '.tiktokcdn-eu.com', '.ibyteimg.com'];
// First path segments that are TikTok's own pages; `/live` is the live discovery page, not a creator.
const RESERVED = new Set([
  'explore', 'foryou', 'live', 'following', 'friends', 'search', 'discover', 'tag', 'music', 'upload', 'messages',
  'settings', 'login', 'signup', 'about', 'legal', 'business', 'creators', 'coins', 'feedback', 'inbox', 'channel',
  'place', 'effect', 'topics', 'video', 'share', 't', 'embed', 'node', 'api', 'privacy', 'setting', 'studio',
]);
const SEC_UID = /^MS4wLjABAAAA/;

function fail(error: HandleError): HandleResult {
  return { ok: false, error };
}

function validate(raw: string): HandleResult {
  if (SEC_UID.test(raw)) return fail('sec_uid');
  if (!raw) return fail('empty');
  if (raw.length > MAX_HANDLE_LENGTH) return fail('too_long');
  // ASCII only, checked before lower-casing: look-alikes (Cyrillic "а", fullwidth "ａ", the Kelvin sign that
  // lower-cases to "k") are refused, not folded into another creator.
  if (!/^[A-Za-z0-9._]+$/.test(raw)) return fail('illegal_characters');
  const handle = raw.toLowerCase();
  if (handle.endsWith('.')) return fail('trailing_dot');
  return { ok: true, handle };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The handle of a tiktok.com path, or why there is none. */
function fromPath(pathname: string): HandleResult {
  const segments = safeDecode(pathname).split('/').filter(Boolean);
  const first = segments[0];
  if (!first) return fail('no_handle');
  if (first.startsWith('@')) return validate(first.slice(1));
  const lower = first.toLowerCase();
  if (lower === 'share' || lower === 't') return fail('share_link');
  if (RESERVED.has(lower)) return fail('reserved_path');
  return fail('no_handle');
}

function parseUrl(input: string): URL | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`;
  try {
    return new URL(withScheme);
  } catch {
    return null;
  }
}

/** A handle from anything a user pastes: `@name`, `name`, a profile/live/video URL, with or without scheme. */
export function parseHandle(input: string): HandleResult {
  const text = input.trim();
  if (!text) return fail('empty');
  if (text.startsWith('/')) return fromPath(text.split(/[?#]/)[0] ?? '');
  const beforeQuery = text.split(/[?#]/)[0] ?? '';
  // Anything with a slash, or a bare TikTok host, is a link; a bare word (even "live" or "sunny.cooks") is a username.
  if (text.includes('/') || /^((www|m|vm|vt)\.)?tiktok\.com$/i.test(beforeQuery)) {
    const url = parseUrl(text);
    if (!url || !/^https?:$/.test(url.protocol)) return fail('not_tiktok');
    const host = url.hostname.toLowerCase();
    if (SHARE_HOSTS.has(host)) return fail('share_link');
    if (!TIKTOK_HOSTS.has(host)) return fail('not_tiktok');
    return fromPath(url.pathname);
  }
  return validate(beforeQuery.replace(/^@/, ''));
}

/** What a tiktok.com page is, for the content script. Never throws. */
export function classifyTikTokUrl(url: string | URL): TikTokPage {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return { kind: 'other' };
  }
  if (!TIKTOK_HOSTS.has(parsed.hostname.toLowerCase())) return { kind: 'other' };
  const segments = safeDecode(parsed.pathname).split('/').filter(Boolean);
  const [first, second, ...rest] = segments;
  if (!first?.startsWith('@') || rest.length > 0) return { kind: 'other' };
  if (second !== undefined && second.toLowerCase() !== 'live') return { kind: 'other' };
  const result = validate(first.slice(1));
  return result.ok ? { kind: 'profile', handle: result.handle, live: second !== undefined } : { kind: 'other' };
}

/** The avatar URL to load, if it is an https URL on TikTok's image CDN; null otherwise. */
export function tiktokImageUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.toLowerCase();
    return parsed.protocol === 'https:' && !parsed.port && IMAGE_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix)) ? parsed.href : null;
  } catch {
    return null;
  }
}

export function profileUrl(handle: string): string {
  return `https://www.tiktok.com/@${encodeURIComponent(handle)}`;
}

export function liveUrl(handle: string): string {
  return `${profileUrl(handle)}/live`;
}

/** Where a creator opens: its live while it is live, else its profile (a LIVE page that has ended says only that). */
export function creatorUrl(handle: string, live: boolean): string {
  return live ? liveUrl(handle) : profileUrl(handle);
}

/** True for a string that is already a normalised, valid handle. */
export function isHandle(value: string): boolean {
  const result = validate(value);
  return result.ok && result.handle === value;
}

/**
 * Handles in a fixed order, the same in every language. Handles are plain ASCII, so comparing code units is enough;
 * `localeCompare` took 50 ms to sort 500 of them in the popup's first render.
 */
export function compareHandles(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
