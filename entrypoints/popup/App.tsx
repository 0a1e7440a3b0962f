import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/platform/i18n';
import { AddCreatorForm } from '@/components/AddCreatorForm';
import { CreatorRow } from '@/components/CreatorRow';
import { StatusBanner } from '@/components/StatusBanner';
import { keepPlaces, matchesFilter, sortCreators, type CreatorRowData } from '@/lib/domain/creator-list';
import { formatAgo } from '@/lib/domain/format';
import { creatorUrl } from '@/lib/domain/handle';
import { send } from '@/lib/platform/send';
import { openOptionsPage } from '@/lib/platform/runtime';
import { openTab } from '@/lib/platform/tabs';
import { skipReasonText } from '@/lib/platform/error-text';
import { checkingStatus, knowsWhoIsLive, newestAnswer, type CheckingStatus } from '@/lib/domain/checking-status';
import { useBackgroundSnapshot } from '@/components/hooks/use-background-snapshot';
import { useRowFocus } from '@/components/hooks/use-row-focus';
import { firstPaint } from '@/components/hooks/first-paint';
import { UndoToast } from '@/components/UndoToast';
import { RecentLives } from '@/components/RecentLives';
import { BudgetNotes } from '@/components/BudgetNotes';
import type { Follow } from '@/lib/domain/model';

const copy = (text: string) => navigator.clipboard.writeText(text);
/**
 * Rows rendered in the first paint: what a 600 px popup shows. A list long enough to need more (from FILTER_FROM
 * follows) has its filter field, so its first row starts at least 242 px down, and eight 49 px rows reach the bottom.
 * Each row more delays that paint by about a millisecond of code that has not run before.
 */
const FIRST_SCREEN = 8;
/** Rows added per frame after it: 500 rows at once hold the page for over half a second. */
const PER_FRAME = 200;
/** From this share of the browser's sync space on, the popup says the follow list is filling it. */
const SYNC_WARN_SHARE = 0.8;
/** From this many follows on, the popup offers a filter field. */
const FILTER_FROM = 9;
/** Whether the "not live" section is open, remembered by this browser between popups. */
const OTHERS_OPEN = 'liveRadar.othersOpen';
/** main.tsx reads it while the list is on its way: the page's first `localStorage` read takes a few milliseconds. */
export const readOthersOpen = () => localStorage.getItem(OTHERS_OPEN) !== 'false';

export function App({ othersOpenAtStart }: { othersOpenAtStart: boolean }) {
  const snapshot = useBackgroundSnapshot();
  const [now, setNow] = useState(() => Date.now());
  const [expanded, setExpanded] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [query, setQuery] = useState('');
  const [othersOpen, setOthersOpen] = useState(othersOpenAtStart);
  const [removed, setRemoved] = useState<(Follow & { pinned: boolean }) | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const focus = useRowFocus(listRef);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  // Sorted when the popup opens; after that, rows keep their places (see keepPlaces).
  const placedRef = useRef<CreatorRowData[] | null>(null);
  const rows = useMemo(() => {
    const sorted = sortCreators(snapshot.follows, snapshot.entries, new Set(snapshot.pins));
    return (placedRef.current = placedRef.current ? keepPlaces(sorted, placedRef.current) : sorted);
  }, [snapshot.follows, snapshot.entries, snapshot.pins]);
  // The first screenful paints at once, without the rows' buttons; once it is on screen, they and the rest of a long
  // list follow over the next frames.
  const [shown, setShown] = useState(FIRST_SCREEN);
  const firstFrame = shown === FIRST_SCREEN;
  useEffect(() => {
    if (!firstFrame && rows.length <= shown) return;
    let frame: number | undefined;
    let cancelled = false;
    void (firstFrame ? firstPaint() : Promise.resolve()).then(() => {
      if (!cancelled) frame = requestAnimationFrame(() => setShown(shown + PER_FRAME));
    });
    return () => {
      cancelled = true;
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [firstFrame, rows.length, shown]);
  const liveCount = rows.filter((r) => r.status === 'live').length;
  const matching = query ? rows.filter((r) => matchesFilter(r, query)) : rows;
  const liveRows = matching.filter((r) => r.status === 'live');
  const otherRows = matching.filter((r) => r.status !== 'live');
  // The row in the tab order: the last one focused while it is still shown, else the first shown.
  const shownRows = othersOpen || query ? [...liveRows, ...otherRows] : liveRows;
  const activeHandle = shownRows.some((r) => r.follow.handle === focus.active) ? focus.active : shownRows[0]?.follow.handle;
  const renderRow = (row: (typeof rows)[number]) => (
    <CreatorRow
      key={row.follow.handle}
      row={row}
      now={now}
      expanded={expanded === row.follow.handle}
      onExpand={onExpand}
      onOpen={onOpen}
      onRemove={onRemove}
      onNotify={onNotify}
      onPin={onPin}
      copy={copy}
      demo={snapshot.demo}
      active={row.follow.handle === activeHandle}
      actions={!firstFrame}
    />
  );
  const status = checkingStatus({ ...snapshot, followCount: snapshot.follows.length, lastAnswerAt: newestAnswer(snapshot.entries.values()), now });
  const lastAnswerAt = status.kind === 'running' || status.kind === 'demo' ? status.lastAnswerAt : undefined;

  // A new action clears the last one's failure: it does not stand until the popup closes, whatever worked since.
  const report = (promise: Promise<unknown>) => {
    setMessage(null);
    return promise.catch((e: unknown) => setMessage(e instanceof Error ? e.message : String(e)));
  };
  // Rows keep the callbacks of their first render (see sameRow): what they need is read when they run.
  const latestRef = useRef(snapshot);
  useEffect(() => void (latestRef.current = snapshot), [snapshot]);
  const onOpen = useCallback((handle: string) => {
    const live = latestRef.current.entries.get(handle)?.lookup?.status === 'live';
    void openTab(creatorUrl(handle, live));
  }, []);
  const onExpand = useCallback((handle: string) => setExpanded((h) => (h === handle ? null : handle)), []);
  const { moveAway } = focus;
  const onRemove = useCallback((handle: string) => {
    const follow = latestRef.current.follows.find((f) => f.handle === handle);
    const pinned = latestRef.current.pins.includes(handle);
    // Focus moves to the row that takes this one's place (or the one before), not back to the top of the page.
    moveAway(handle);
    void report(send({ type: 'follow', handle, follow: false }).then(() => follow && setRemoved({ ...follow, pinned })));
  }, [moveAway]);
  const undoDone = useCallback(() => setRemoved(null), []);
  async function undo(follow: Follow & { pinned: boolean }) {
    setRemoved(null);
    focus.focusWhenShown(follow.handle);
    await report(send({ type: 'importFollows', entries: [{ handle: follow.handle, notify: follow.notify, addedAt: follow.addedAt, ...(follow.pinned ? { pinned: true } : {}) }] }));
  }
  const onNotify = useCallback((handle: string, notify: boolean) => void report(send({ type: 'setNotify', handle, notify })), []);
  const { focusWhenShown } = focus;
  const onPin = useCallback((handle: string, pinned: boolean) => {
    // The row moves to its section's pinned (or unpinned) rows; the focus goes with it.
    const pinShows = (row: Element) => row.querySelector('[data-control="pin"]')?.getAttribute('aria-pressed') === String(pinned);
    if (document.activeElement?.closest(`[data-handle="${CSS.escape(handle)}"]`)) focusWhenShown(handle, 'pin', pinShows);
    void report(send({ type: 'setPin', handle, pinned }));
  }, [focusWhenShown]);
  const openOptions = () => void openOptionsPage();

  // Added as an import of one: a creator live right now is shown, not announced, and one already followed is said so.
  async function add(handle: string) {
    const { skipped } = await send({ type: 'importFollows', entries: [{ handle }] });
    if (skipped[0]) throw new Error(skipReasonText(skipped[0].reason));
    void report(send({ type: 'lookup', handle, reason: 'popup' }));
  }

  async function refresh() {
    setRefreshing(true);
    // A refresh that could not run says why where no banner does: offline, or Social Fetch asking to wait.
    await report(
      send({ type: 'refreshAll' }).then(({ why }) => {
        const said = { offline: 'refreshOffline', backoff: 'refreshBackoff', budget: 'refreshBudget' } as const;
        if (why === 'offline' || why === 'backoff' || why === 'budget') setMessage(t(said[why]));
      }),
    );
    setRefreshing(false);
  }

  return (
    <main class="popup">
      <header class="popup-header">
        <h1>
          {t('extName')} {snapshot.demo && <span class="demo-tag">{t('demo')}</span>}
        </h1>
        {/* The newest answer's time, while checking runs; otherwise the banner says why it does not. */}
        <span class="muted" data-testid="last-checked">
          {!snapshot.loaded || lastAnswerAt === undefined ? '' : lastAnswerAt ? t('checkedAgo', formatAgo(lastAnswerAt, now)) : t('notChecked')}
        </span>
        <button type="button" class="icon" onClick={refresh} disabled={refreshing} aria-label={t('refreshNow')} title={t('refreshNow')}>
          {refreshing ? '…' : '↻'}
        </button>
        <button type="button" class="icon" onClick={openOptions} aria-label={t('options')} title={t('options')}>⚙</button>
      </header>

      {snapshot.loaded && (
        <StatusBanner
          status={status}
          now={now}
          onOpenOptions={openOptions}
          onRetry={() => void report(send({ type: 'resumePolling' }))}
        />
      )}
      {snapshot.followsInLocal ? (
        <p class="note">{t('followsLocal')}</p>
      ) : (
        snapshot.syncShare >= SYNC_WARN_SHARE && (
          <p class="note" data-testid="sync-quota">{t('followsNearQuota', Math.round(snapshot.syncShare * 100))}</p>
        )
      )}
      {snapshot.loaded && (
        <BudgetNotes
          settings={snapshot.settings}
          follows={snapshot.follows.length}
          budget={snapshot.budget}
          creditsPerDay={snapshot.creditsPerDay}
          balance={snapshot.balance?.balance ?? null}
          onOpenOptions={openOptions}
        />
      )}
      {snapshot.followsSetAside > 0 && (
        <p class="note" data-testid="follows-set-aside">{t('followsSetAside', snapshot.followsSetAside)}</p>
      )}
      {message && (
        <p class="error" role="alert">
          {message}
        </p>
      )}

      <AddCreatorForm onAdd={add} />

      {snapshot.loaded && rows.length === 0 ? (
        <section class="empty" data-testid="empty-state">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyHowTo')}</p>
          <p>
            {t('emptyKey')}{' '}
            <button type="button" class="link" onClick={openOptions}>{t('emptySetup')}</button>
          </p>
          {!snapshot.demo && (
            <button type="button" class="secondary" onClick={() => void report(send({ type: 'setDemo', on: true }))}>
              {t('tryDemo')}
            </button>
          )}
        </section>
      ) : (
        <>
          {/* Said once the list is read: until then, an empty list would read as "add your key · 0 followed". */}
          <p class="summary muted" aria-live="polite">
            {snapshot.loaded && `${summary(status, liveCount)} · ${t('followedCount', rows.length)}`}
          </p>
          {rows.length >= FILTER_FROM && (
            <input
              type="search"
              class="filter"
              aria-label={t('filterLabel')}
              placeholder={t('filterPlaceholder')}
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
          )}
          {query && matching.length === 0 && <p class="muted" role="status">{t('filterNone', query)}</p>}
          <div ref={listRef} onKeyDown={focus.onKeyDown} onFocusCapture={focus.onFocus}>
          {liveRows.length > 0 && (
            <section aria-label={t('sectionLive')}>
              <ul class="rows" aria-label={t('followedList')}>{liveRows.slice(0, shown).map(renderRow)}</ul>
            </section>
          )}
          {otherRows.length > 0 && (
            <details
              class="others"
              open={othersOpen || !!query}
              onToggle={(e) => {
                const open = e.currentTarget.open;
                // The browser reports the first render's `open` too: only a change the user made is kept.
                if (query || open === othersOpen) return;
                setOthersOpen(open);
                localStorage.setItem(OTHERS_OPEN, String(open));
              }}
            >
              <summary>{t('sectionOthers', otherRows.length)}</summary>
              <ul class="rows" aria-label={t('followedList')}>{otherRows.slice(0, Math.max(0, shown - liveRows.length)).map(renderRow)}</ul>
            </details>
          )}
          </div>
        </>
      )}
      {/* Lives that ended: those still going are in the list above. */}
      <RecentLives
        lives={snapshot.recentLives.filter((live) => live.endedAt !== null)}
        now={now}
        onOpen={(live) => void openTab(creatorUrl(live.handle, live.endedAt === null))}
      />
      {removed && <UndoToast removed={removed} onUndo={undo} onDone={undoDone} />}
    </main>
  );
}

/** The line above the list: who is live, as far as checking knows; "nobody" is said only while it runs. */
function summary(status: CheckingStatus, liveCount: number): string {
  if (status.kind === 'no_key') return t('summaryNoKey');
  if (liveCount) return t('liveNow', liveCount);
  return knowsWhoIsLive(status) ? t('nobodyLive') : t('summaryStopped');
}
