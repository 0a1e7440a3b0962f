import { useState } from 'preact/hooks';
import { t } from '@/lib/platform/i18n';
import type { RecentLive } from '@/lib/domain/recent-lives';
import { formatAgo, formatDuration } from '@/lib/domain/format';

/** Whether the group is open, remembered by this browser between popups (closed at first). */
const OPEN_KEY = 'liveRadar.recentOpen';

/** The last go-lives of followed creators, newest first: a missed notification is not a missed live. */
export function RecentLives({ lives, now, onOpen }: { lives: RecentLive[]; now: number; onOpen: (live: RecentLive) => void }) {
  const [open, setOpen] = useState(() => localStorage.getItem(OPEN_KEY) === 'true');
  if (!lives.length) return null;
  return (
    <details
      class="others recent"
      open={open}
      data-testid="recent-lives"
      onToggle={(e) => {
        setOpen(e.currentTarget.open);
        localStorage.setItem(OPEN_KEY, String(e.currentTarget.open));
      }}
    >
      <summary>{t('recentTitle', lives.length)}</summary>
      {open && (
        <ul class="recent-list">
          {lives.map((live) => (
            <li key={`${live.handle}:${live.roomId}`} data-testid="recent-live">
              <button type="button" class="link row-name" onClick={() => onOpen(live)} title={live.title ?? undefined}>
                <span class="name">{live.name}</span>
              </button>
              <span class="muted">
                {live.endedAt === null
                  ? t('recentLiveNow', formatAgo(live.startedAt, now))
                  : t('recentEnded', formatAgo(live.startedAt, now), formatDuration(live.endedAt - live.startedAt))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
