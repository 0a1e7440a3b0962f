import { memo } from 'preact/compat';
import { apiErrorText } from '@/lib/platform/error-text';
import { t } from '@/lib/platform/i18n';
import type { CreatorRowData } from '@/lib/domain/creator-list';
import { formatAgo, formatDuration, formatViewers } from '@/lib/domain/format';
import { Avatar } from './Avatar';
import { BellIcon } from './icons';
import { Variants } from './Variants';

export interface CreatorRowProps {
  row: CreatorRowData;
  now: number;
  expanded: boolean;
  onExpand: (handle: string) => void;
  onOpen: (handle: string) => void;
  onRemove: (handle: string) => void;
  onNotify: (handle: string, notify: boolean) => void;
  copy: (text: string) => Promise<void>;
}

/** From this age on, a live row says when it was last confirmed. */
const LIVE_AS_OF_AFTER_MS = 2 * 60_000;

export const CreatorRow = memo(function CreatorRow({ row, now, expanded, onExpand, onOpen, onRemove, onNotify, copy }: CreatorRowProps) {
  const { follow, entry, status } = row;
  const lookup = entry?.lookup;
  const profile = lookup && lookup.status !== 'not_found' ? lookup.profile : null;
  const live = lookup?.status === 'live' ? lookup.live : null;
  const name = profile?.displayName ?? `@${follow.handle}`;
  const handle = follow.handle;

  return (
    <li class={`row row-${status}`} data-testid="creator-row" data-handle={handle} data-status={status}>
      <div class="row-main">
        <Avatar url={profile?.avatarUrl ?? null} name={name} />
        <div class="row-text">
          <button type="button" class="row-name link" onClick={() => onOpen(handle)} title={t('rowOpenTitle', handle)}>
            <span class="name">{name}</span>
            {profile?.verified && <span class="verified" title={t('verified')} aria-label={t('verified')}>✓</span>}
          </button>
          <span class="handle">@{handle}</span>
          {live ? (
            <>
              {live.title && <span class="title">{live.title}</span>}
              <span class="live-meta">
                <span class="live-pill">{t('badgeLive')}</span>
                {live.viewerCount !== null && <span>{t('watching', formatViewers(live.viewerCount))}</span>}
                {live.startedAt !== null && <span>{t('liveFor', formatDuration(now - live.startedAt))}</span>}
                {/* A live creator is re-checked at a slower pace: say how old the news is. */}
                {entry?.fetchedAt != null && now - entry.fetchedAt > LIVE_AS_OF_AFTER_MS && (
                  <span class="muted" data-testid="live-as-of">{t('liveAsOf', formatAgo(entry.fetchedAt, now))}</span>
                )}
              </span>
            </>
          ) : (
            <span class="muted status-text">{describe(row, now)}</span>
          )}
        </div>
        <div class="row-actions">
          {live && (
            <button type="button" class="icon" aria-expanded={expanded} aria-label={t('rowLinksLabel', handle)} onClick={() => onExpand(handle)}>
              {expanded ? '▾' : '▸'} {t('rowLinks')}
            </button>
          )}
          <button
            type="button"
            class="icon"
            aria-pressed={!follow.notify}
            aria-label={follow.notify ? t('rowMuteLabel', handle) : t('rowUnmuteLabel', handle)}
            title={follow.notify ? t('rowNotifyOn') : t('rowNotifyOff')}
            onClick={() => onNotify(handle, !follow.notify)}
          >
            <BellIcon muted={!follow.notify} />
          </button>
          <button type="button" class="icon" aria-label={t('rowRemoveLabel', handle)} title={t('rowRemove')} onClick={() => onRemove(handle)}>
            ✕
          </button>
        </div>
      </div>
      {live && expanded && <Variants variants={live.variants} copy={copy} />}
    </li>
  );
}, sameRow);

/** Rows re-render only when their own data changed: 500 rows stay smooth while one creator updates. */
function sameRow(a: CreatorRowProps, b: CreatorRowProps): boolean {
  return (
    a.row.entry === b.row.entry &&
    a.row.follow.notify === b.row.follow.notify &&
    a.row.follow.handle === b.row.follow.handle &&
    a.expanded === b.expanded &&
    (a.now === b.now || a.row.status !== 'live')
  );
}

function describe({ entry, status }: CreatorRowData, now: number): string {
  switch (status) {
    case 'offline':
      return entry?.lastLiveAt ? t('rowOfflineSince', formatAgo(entry.lastLiveAt, now)) : t('rowOffline');
    case 'not_found':
      return t('rowNotFound');
    case 'error':
      return entry?.error ? apiErrorText(entry.error) : t('rowError');
    default:
      return t('rowUnchecked');
  }
}
