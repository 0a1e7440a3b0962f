import { memo } from './memo';
import { apiErrorText } from '@/lib/platform/error-text';
import { t } from '@/lib/platform/i18n';
import type { CreatorRowData } from '@/lib/domain/creator-list';
import { formatAgo, formatDuration, formatViewers } from '@/lib/domain/format';
import { Avatar } from './Avatar';
import { Icon } from './icons';
import { Variants } from './Variants';
import './creator-row.css';

export interface CreatorRowProps {
  row: CreatorRowData;
  now: number;
  expanded: boolean;
  onExpand: (handle: string) => void;
  onOpen: (handle: string) => void;
  onRemove: (handle: string) => void;
  onNotify: (handle: string, notify: boolean) => void;
  onPin?: (handle: string, pinned: boolean) => void;
  copy: (text: string) => Promise<void>;
  /** Demo mode: the links panel says its links are samples. */
  demo?: boolean;
  /** The list's one row in the tab order (arrow keys move between rows). */
  active?: boolean;
  /**
   * False in the popup's first frame: the buttons show only while the row is hovered, focused or open, which a frame
   * old popup cannot be, and leaving them out makes that frame come sooner.
   */
  actions?: boolean;
}

/** From this age on, a live row says when it was last confirmed. */
const LIVE_AS_OF_AFTER_MS = 2 * 60_000;

export const CreatorRow = memo(function CreatorRow({ row, now, expanded, onExpand, onOpen, onRemove, onNotify, onPin, copy, demo, active = true, actions = true }: CreatorRowProps) {
  const tabIndex = active ? 0 : -1;
  const { follow, entry, status } = row;
  const lookup = entry?.lookup;
  const profile = lookup && lookup.status !== 'not_found' ? lookup.profile : null;
  const live = lookup?.status === 'live' ? lookup.live : null;
  const name = profile?.displayName ?? `@${follow.handle}`;
  const handle = follow.handle;

  const meta = live ? (
    <span class="row-meta">
      {live.viewerCount !== null && <span>{t('watching', formatViewers(live.viewerCount))}</span>}
      {live.startedAt !== null && <span>{t('liveFor', formatDuration(now - live.startedAt))}</span>}
    </span>
  ) : (
    <span class="row-meta status-text" title={status === 'error' && entry?.error ? apiErrorText(entry.error) : undefined}>
      {describe(row, now)}
    </span>
  );
  // A live creator is re-checked at a slower pace: say how old the news is.
  const asOf = live && entry?.fetchedAt != null && now - entry.fetchedAt > LIVE_AS_OF_AFTER_MS ? formatAgo(entry.fetchedAt, now) : null;

  return (
    <li
      class={`row row-${status}${expanded ? ' row-expanded' : ''}`}
      data-testid="creator-row"
      data-handle={handle}
      data-status={status}
      // Escape closes the open links, and the focus goes back to the button that opened them.
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !expanded) return;
        event.preventDefault();
        onExpand(handle);
        event.currentTarget.querySelector<HTMLButtonElement>('[aria-expanded]')?.focus();
      }}
    >
      <div class="row-main">
        <Avatar url={profile?.avatarUrl ?? null} name={name} size={32} />
        <div class="row-text">
          <div class="row-line">
            <button type="button" class="row-name" tabIndex={tabIndex} onClick={() => onOpen(handle)} title={t('rowOpenTitle', handle)}>
              <span class="name">{name}</span>
              {profile?.verified && <span class="verified" title={t('verified')} aria-label={t('verified')}>✓</span>}
            </button>
            {row.pinned && (
              <span class="pin-mark" title={t('rowPinned')} role="img" aria-label={t('rowPinned')}>
                <Icon name="pin-filled" />
              </span>
            )}
            {!follow.notify && (
              <span class="muted-mark" title={t('rowNotifyOff')} role="img" aria-label={t('rowNotifyOff')}>
                <Icon name="bell-off" />
              </span>
            )}
            {live && <span class="live-pill">{t('badgeLive')}</span>}
            {meta}
          </div>
          {/* The second line: the live's title (whole on hover, and while the row has focus), else the handle. */}
          <div class="row-sub" title={live?.title ?? undefined}>
            {live?.title ? <span class="title">{live.title}</span> : <span class="handle">@{handle}</span>}
            {asOf && <span class="muted as-of" data-testid="live-as-of">{t('liveAsOf', asOf)}</span>}
          </div>
        </div>
        {actions && (
          <div class="row-actions">
            {live && (
              <button type="button" class="icon" tabIndex={tabIndex} aria-expanded={expanded} aria-label={t('rowLinksLabel', handle)} title={t('rowLinks')} onClick={() => onExpand(handle)}>
                {expanded ? '▾' : '▸'} <Icon name="link" />
              </button>
            )}
            {onPin && (
              <button
                type="button"
                class="icon"
                data-control="pin"
                tabIndex={tabIndex}
                aria-pressed={row.pinned}
                aria-label={row.pinned ? t('rowUnpinLabel', handle) : t('rowPinLabel', handle)}
                title={row.pinned ? t('rowUnpinLabel', handle) : t('rowPinLabel', handle)}
                onClick={() => onPin(handle, !row.pinned)}
              >
                <Icon name={row.pinned ? 'pin-filled' : 'pin'} />
              </button>
            )}
            <button
              type="button"
              class="icon"
              tabIndex={tabIndex}
              aria-pressed={!follow.notify}
              aria-label={follow.notify ? t('rowMuteLabel', handle) : t('rowUnmuteLabel', handle)}
              title={follow.notify ? t('rowNotifyOn') : t('rowNotifyOff')}
              onClick={() => onNotify(handle, !follow.notify)}
            >
              <Icon name={follow.notify ? 'bell' : 'bell-off'} />
            </button>
            <button type="button" class="icon" tabIndex={tabIndex} aria-label={t('rowRemoveLabel', handle)} title={t('rowRemove')} onClick={() => onRemove(handle)}>
              ✕
            </button>
          </div>
        )}
      </div>
      {live && expanded && <Variants variants={live.variants} demo={demo} copy={copy} />}
    </li>
  );
}, sameRow);

/** Rows re-render only when their own data changed: 500 rows stay smooth while one creator updates. */
function sameRow(a: CreatorRowProps, b: CreatorRowProps): boolean {
  return (
    a.row.entry === b.row.entry &&
    a.row.follow.notify === b.row.follow.notify &&
    a.row.pinned === b.row.pinned &&
    a.row.follow.handle === b.row.follow.handle &&
    a.expanded === b.expanded &&
    a.demo === b.demo &&
    a.active === b.active &&
    a.actions === b.actions &&
    timeShown(a.row, a.now) === timeShown(b.row, b.now)
  );
}

/** What of the clock a row shows: a live's length (every tick), how long ago an offline creator was last live. */
function timeShown({ entry, status }: CreatorRowData, now: number): number | string | null {
  if (status === 'live') return now;
  return status === 'offline' && entry?.lastLiveAt ? formatAgo(entry.lastLiveAt, now) : null;
}

function describe({ entry, status }: CreatorRowData, now: number): string {
  switch (status) {
    case 'offline':
      return entry?.lastLiveAt ? t('rowOfflineSince', formatAgo(entry.lastLiveAt, now)) : t('rowOffline');
    case 'not_found':
      return t('notFound');
    case 'error':
      // Short on the row (the same failure on many rows would repeat a paragraph); the whole text is its tooltip.
      return t('rowError');
    default:
      return t('rowUnchecked');
  }
}
