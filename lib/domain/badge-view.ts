import type { ApiError } from '@/lib/socialfetch/model';
import type { Blocked, CacheEntry, Follow } from '@/lib/domain/model';

/**
 * What the badge on a TikTok profile shows, decided in the background. The content script renders it as it comes:
 * it gets nothing else (no cache entry, no stream links, no account), so a compromised page learns no more than
 * the badge displays.
 */
export type BadgeView =
  | { kind: 'checking' }
  | { kind: 'live'; viewers: number | null; startedAt: number | null; title: string | null }
  | { kind: 'offline'; lastLiveAt: number | null }
  | { kind: 'not_found' }
  | { kind: 'needs_key' }
  | { kind: 'out_of_credits' }
  | { kind: 'paused'; why: 'rate_limited' | 'ceiling' | 'unavailable' }
  /** `action`: a button's request failed (said for a moment, with no Retry: that would check the creator again). */
  | { kind: 'error'; message: string; action?: true };

export interface BadgeAnswer {
  view: BadgeView;
  followed: boolean;
  /** Followed with notifications off: the badge offers to turn them on. */
  muted?: boolean;
  /** Pinned to the top of the user's list. */
  pinned?: boolean;
  demo: boolean;
}

/** The background's push to the tabs showing `handle`: the badge there follows polls, the popup and other tabs. */
export interface BadgePush {
  type: 'badge';
  handle: string;
  answer: BadgeAnswer;
}

/** What a badge shows of the follow: followed, muted (followed with notifications off), pinned. */
export function followState(follows: readonly Follow[], pins: readonly string[], handle: string): Pick<BadgeAnswer, 'followed' | 'muted' | 'pinned'> {
  const follow = follows.find((f) => f.handle === handle);
  return { followed: !!follow, muted: follow?.notify === false, pinned: !!follow && pins.includes(handle) };
}

/** Data first, then why it could not be fresher; `describe` words an error in the user's language. */
export function badgeView(entry: CacheEntry | null, describe: (error: ApiError) => string, blocked?: Blocked): BadgeView {
  const lookup = entry?.lookup;
  if (lookup?.status === 'live') {
    return { kind: 'live', viewers: lookup.live.viewerCount, startedAt: lookup.live.startedAt, title: lookup.live.title };
  }
  const errorKind = entry?.error?.kind;
  if (blocked === 'no_key' || blocked === 'key_invalid' || errorKind === 'unauthorized') return { kind: 'needs_key' };
  if (blocked === 'out_of_credits' || errorKind === 'insufficient_credits') return { kind: 'out_of_credits' };
  if (lookup?.status === 'offline') return { kind: 'offline', lastLiveAt: entry?.lastLiveAt ?? null };
  if (lookup?.status === 'not_found') return { kind: 'not_found' };
  if (blocked === 'rate_limited' || errorKind === 'rate_limited') return { kind: 'paused', why: 'rate_limited' };
  if (blocked === 'ceiling') return { kind: 'paused', why: 'ceiling' };
  if (entry?.error) return { kind: 'error', message: describe(entry.error) };
  if (blocked === 'unavailable') return { kind: 'paused', why: 'unavailable' };
  return { kind: 'checking' };
}

/**
 * The badge shows its answer this long after asking, not sooner: a cached answer (a followed creator's, usually) would
 * otherwise appear sooner than a fresh one and tell the page whom the user follows. Most fresh answers are there by
 * then, so the badge appears once, with its answer.
 */
export const BADGE_REVEAL_MS = 600;
