import { memo } from 'preact/compat';
import type { CreatorRowData } from '@/lib/creator-list';
import { formatAgo, formatDuration, formatViewers } from '@/lib/format';
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
          <button type="button" class="row-name link" onClick={() => onOpen(handle)} title={`Open @${handle} on TikTok`}>
            <span class="name">{name}</span>
            {profile?.verified && <span class="verified" title="Verified" aria-label="Verified">✓</span>}
          </button>
          <span class="handle">@{handle}</span>
          {live ? (
            <>
              {live.title && <span class="title">{live.title}</span>}
              <span class="live-meta">
                <span class="live-pill">LIVE</span>
                {live.viewerCount !== null && <span>{formatViewers(live.viewerCount)} watching</span>}
                {live.startedAt !== null && <span>for {formatDuration(now - live.startedAt)}</span>}
              </span>
            </>
          ) : (
            <span class="muted status-text">{describe(row, now)}</span>
          )}
        </div>
        <div class="row-actions">
          {live && (
            <button type="button" class="icon" aria-expanded={expanded} aria-label={`Stream links for @${handle}`} onClick={() => onExpand(handle)}>
              {expanded ? '▾' : '▸'} Links
            </button>
          )}
          <button
            type="button"
            class="icon"
            aria-pressed={!follow.notify}
            aria-label={follow.notify ? `Mute notifications for @${handle}` : `Unmute notifications for @${handle}`}
            title={follow.notify ? 'Notifications on' : 'Notifications muted'}
            onClick={() => onNotify(handle, !follow.notify)}
          >
            <BellIcon muted={!follow.notify} />
          </button>
          <button type="button" class="icon" aria-label={`Remove @${handle}`} title="Remove" onClick={() => onRemove(handle)}>
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
      return entry?.lastLiveAt ? `Offline · live ${formatAgo(entry.lastLiveAt, now)}` : 'Offline';
    case 'not_found':
      return 'Not found on TikTok';
    case 'error':
      return entry?.error?.message ?? 'Could not be checked';
    default:
      return 'Not checked yet';
  }
}
