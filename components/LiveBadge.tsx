import { formatAgo, formatDuration, formatViewers } from '@/lib/format';
import { t } from '@/lib/i18n';
import type { LookupOutcome } from '@/lib/lookup-service';

export type BadgeView =
  | { kind: 'checking' }
  | { kind: 'live'; viewers: number | null; startedAt: number | null; title: string | null }
  | { kind: 'offline'; lastLiveAt: number | null }
  | { kind: 'not_found' }
  | { kind: 'needs_key' }
  | { kind: 'out_of_credits' }
  | { kind: 'paused'; message: string }
  | { kind: 'error'; message: string };

/** What the badge shows for the background's answer: data first, then why it could not be fresher. */
export function badgeView(outcome: Pick<LookupOutcome, 'entry' | 'blocked'>): BadgeView {
  const { entry, blocked } = outcome;
  const lookup = entry?.lookup;
  if (lookup?.status === 'live') {
    return { kind: 'live', viewers: lookup.live.viewerCount, startedAt: lookup.live.startedAt, title: lookup.live.title };
  }
  const errorKind = entry?.error?.kind;
  if (blocked === 'no_key' || blocked === 'key_invalid' || errorKind === 'unauthorized') return { kind: 'needs_key' };
  if (blocked === 'out_of_credits' || errorKind === 'insufficient_credits') return { kind: 'out_of_credits' };
  if (lookup?.status === 'offline') return { kind: 'offline', lastLiveAt: entry?.lastLiveAt ?? null };
  if (lookup?.status === 'not_found') return { kind: 'not_found' };
  if (blocked === 'rate_limited' || errorKind === 'rate_limited') return { kind: 'paused', message: t('badgePausedRateLimited') };
  if (blocked === 'ceiling') return { kind: 'paused', message: t('badgePausedCeiling') };
  if (entry?.error) return { kind: 'error', message: entry.error.message };
  return { kind: 'checking' };
}

export interface LiveBadgeProps {
  handle: string;
  view: BadgeView;
  followed: boolean;
  liveUrl: string;
  optionsUrl: string;
  theme: 'light' | 'dark';
  now: number;
  demo?: boolean;
  onToggleFollow: () => void;
  onRetry: () => void;
}

export function LiveBadge(props: LiveBadgeProps) {
  const { view } = props;
  return (
    <div class={`lr-badge lr-${props.theme}`} data-testid="live-badge" data-state={view.kind} data-handle={props.handle}>
      <Status {...props} />
      <button
        type="button"
        class="lr-follow"
        data-testid="follow-toggle"
        aria-pressed={props.followed}
        aria-label={props.followed ? t('badgeUnfollowLabel', props.handle) : t('badgeFollowLabel', props.handle)}
        title={props.followed ? t('badgeFollowingTitle') : t('badgeFollowTitle')}
        onClick={props.onToggleFollow}
      >
        {props.followed ? t('badgeFollowing') : t('badgeFollow')}
      </button>
    </div>
  );
}

function Status({ view, handle, liveUrl, optionsUrl, now, demo, onRetry }: LiveBadgeProps) {
  const tag = demo ? <span class="lr-demo">{t('demo')}</span> : null;
  switch (view.kind) {
    case 'live': {
      const details = [
        view.viewers !== null ? t('watching', formatViewers(view.viewers)) : null,
        view.startedAt !== null ? t('liveFor', formatDuration(now - view.startedAt)) : null,
      ].filter(Boolean);
      return (
        <a class="lr-status lr-live" href={liveUrl} target="_blank" rel="noopener noreferrer" title={view.title ?? undefined}
          aria-label={t('badgeLiveLabel', handle, details.length ? `, ${details.join(', ')}` : '')}>
          {tag}
          <span class="lr-dot" aria-hidden="true" />
          <strong>{t('badgeLive')}</strong>
          {details.length > 0 && <span class="lr-details">{details.join(' · ')}</span>}
        </a>
      );
    }
    case 'offline':
      return (
        <span class="lr-status">
          {tag}{t('badgeOffline')}{view.lastLiveAt !== null && <span class="lr-details">{t('badgeLastLive', formatAgo(view.lastLiveAt, now))}</span>}
        </span>
      );
    case 'not_found':
      return <span class="lr-status">{tag}{t('badgeNotFound')}</span>;
    case 'needs_key':
      return (
        <a class="lr-status lr-warn" href={optionsUrl} target="_blank" rel="noopener noreferrer">
          {t('badgeNeedsKey')}
        </a>
      );
    case 'out_of_credits':
      return (
        <a class="lr-status lr-warn" href={optionsUrl} target="_blank" rel="noopener noreferrer">
          {t('badgeOutOfCredits')}
        </a>
      );
    case 'paused':
      return <span class="lr-status lr-warn">{view.message}</span>;
    case 'error':
      return (
        <span class="lr-status lr-warn">
          <span class="lr-details">{view.message}</span>
          <button type="button" class="lr-retry" onClick={onRetry}>{t('retry')}</button>
        </span>
      );
    default:
      return <span class="lr-status" aria-live="polite">{tag}{t('badgeChecking')}</span>;
  }
}
