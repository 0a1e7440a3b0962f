import { useEffect, useRef, useState } from 'preact/hooks';
import { plural, t } from '@/lib/platform/i18n';
import { send } from '@/lib/platform/send';
import { readFollows } from '@/lib/platform/follows';
import { offerItem, type ListOffer } from '@/lib/platform/worker-items';
import type { ResponseOf } from '@/lib/platform/messages';
import { followEffectText } from '@/components/follow-effect-text';
import { useFollowEffect } from '@/components/hooks/use-follow-effect';
import { ImportReport } from '@/components/ImportReport';
import { MAX_NEW_PER_IMPORT } from '@/lib/domain/follow-limit';

/** At most this many creators are added by one pick: a page can list thousands. */
const MAX_PICK = MAX_NEW_PER_IMPORT;

interface Loaded {
  offer: ListOffer;
  followed: ReadonlySet<string>;
}

/**
 * The picker: what a TikTok list showed, for the user to choose from. An extension page, so the TikTok page can neither
 * see nor click it; nothing is added until the user presses Add, through the same import as files.
 */
export function App() {
  const [loaded, setLoaded] = useState<Loaded | null | undefined>(undefined);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [report, setReport] = useState<ResponseOf<'importFollows'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const effect = useFollowEffect(selected.size);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => void (report && resultRef.current?.focus()), [report]);

  // Escape closes the window, as Cancel does: nothing was added unless Add was pressed.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && window.close();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    void Promise.all([offerItem.get(), readFollows()]).then(([offer, follows]) =>
      // Only the offer this window was opened for: a newer one from another tab has its own window.
      setLoaded(offer && offer.id === location.hash.slice(1) ? { offer, followed: new Set(follows.map((f) => f.handle)) } : null),
    );
  }, []);

  if (loaded === undefined) return <main class="picker" />;
  if (loaded === null) {
    return (
      <main class="picker">
        <h1>{t('pickerTitle')}</h1>
        <p data-testid="picker-gone">{t('pickerGone')}</p>
      </main>
    );
  }
  const { offer, followed } = loaded;
  const fresh = offer.handles.filter((h) => !followed.has(h));
  const toggle = (handle: string, on: boolean) => {
    const next = new Set(selected);
    if (on && next.size < MAX_PICK) next.add(handle);
    else next.delete(handle);
    setSelected(next);
  };

  async function add() {
    setBusy(true);
    setError(null);
    try {
      const entries = [...offer.handles.filter((h) => selected.has(h)).map((handle) => ({ handle })), ...offer.unreadable.map((unreadable) => ({ unreadable }))];
      setReport(await send({ type: 'importFollows', entries }));
      await offerItem.set(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="picker">
      <h1>{t('pickerTitle')}</h1>
      <p>{plural(offer.source === 'dialog' ? 'pickerFromDialog' : 'pickerFromSidebar', offer.handles.length)}</p>
      <p class="hint muted">{t('pickerScrollHint')}</p>
      {report ? (
        <>
          {/* The focused Add button is gone: the focus goes to what it did, which is read out. */}
          <div tabIndex={-1} ref={resultRef} data-testid="picker-result">
            <ImportReport report={report} />
          </div>
          <div class="actions">
            <button type="button" class="primary" onClick={() => window.close()}>{t('pickerDone')}</button>
          </div>
        </>
      ) : (
        <>
          <div class="tools">
            <button type="button" onClick={() => setSelected(new Set(fresh.slice(0, MAX_PICK)))}>{t('pickerAll')}</button>
            <button type="button" onClick={() => setSelected(new Set())}>{t('pickerNone')}</button>
            <span class="count muted" role="status" data-testid="picker-count">
              {t('pickerCount', selected.size, MAX_PICK)}
            </span>
          </div>
          <ul class="pick-list" aria-label={t('pickerListLabel')}>
            {offer.handles.map((handle) => (
              <li key={handle}>
                <label>
                  <input
                    type="checkbox"
                    checked={followed.has(handle) || selected.has(handle)}
                    disabled={followed.has(handle)}
                    onChange={(e) => toggle(handle, e.currentTarget.checked)}
                  />
                  <span>@{handle}</span>
                  {followed.has(handle) && <span class="muted">{t('pickerFollowed')}</span>}
                </label>
              </li>
            ))}
          </ul>
          {offer.unreadable.length > 0 && <p class="hint muted">{plural('pickerUnreadable', offer.unreadable.length)}</p>}
          {/* In view however long the list and however small the window: what adding costs, and Add itself. */}
          <div class="picker-footer">
            <p class="cost" data-testid="picker-cost" aria-live="polite">
              {effect && selected.size > 0 ? followEffectText(effect, selected.size) : ''}
            </p>
            {error && <p class="error" role="alert">{error}</p>}
            <div class="actions">
              <button type="button" class="primary" disabled={busy || selected.size === 0} onClick={() => void add()}>
                {plural('pickerAdd', selected.size)}
              </button>
              <button type="button" onClick={() => window.close()}>{t('pickerCancel')}</button>
            </div>
          </div>
        </>
      )}
    </main>
  );
}
