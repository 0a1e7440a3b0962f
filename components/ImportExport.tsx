import { useState } from 'preact/hooks';
import { plural, t } from '@/lib/platform/i18n';
import { ImportReport } from '@/components/ImportReport';
import { exportFollows, MAX_IMPORT_ENTRIES, planImport, readImportFile, type ImportEntry, type ImportFileResult } from '@/lib/domain/import-format';
import { MAX_FOLLOWS, MAX_NEW_PER_IMPORT } from '@/lib/domain/follow-limit';
import { followEffectText } from './follow-effect-text';
import { useFollowEffect } from './hooks/use-follow-effect';
import type { ResponseOf } from '@/lib/platform/messages';
import { send } from '@/lib/platform/send';

const IMPORT_ERRORS: Record<Exclude<ImportFileResult, { ok: true }>['error'], (count: number) => string> = {
  not_json: () => t('importNotJson'),
  empty: () => t('importEmpty'),
  wrong_app: () => t('importWrongFile'),
  newer_version: () => t('importNewer'),
  too_many: (count) => t('importTooMany', count, MAX_IMPORT_ENTRIES),
};

/**
 * Export and import of the follow list. Export waits for the list to be read: an empty file would pass for a backup.
 */
export function ImportExport({ follows, pins, loaded }: { follows: { handle: string; addedAt: number; notify: boolean }[]; pins: string[]; loaded: boolean }) {
  const [report, setReport] = useState<ResponseOf<'importFollows'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** A file read and waiting for the user's word: what it holds and how many of it would be added. */
  const [pending, setPending] = useState<{ entries: ImportEntry[]; adding: number } | null>(null);
  const effect = useFollowEffect(pending?.adding ?? 0);

  function exportList() {
    const blob = new Blob([exportFollows(follows, new Set(pins), Date.now())], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = Object.assign(document.createElement('a'), { href: url, download: 'live-radar-follows.json' });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function importFile(file: File) {
    setReport(null);
    setError(null);
    const read = readImportFile(await file.text());
    if (!read.ok) return setError(IMPORT_ERRORS[read.error](read.count ?? 0));
    // What the background will add, planned the same way against the list shown here (it plans again when asked).
    const known = new Set(follows.map((f) => f.handle));
    const plan = planImport(read.entries, known, true, Date.now(), MAX_FOLLOWS - known.size, MAX_NEW_PER_IMPORT);
    // Nothing would be added: no change to confirm, and the report says entry by entry why.
    if (!plan.added.length) return confirm(read.entries);
    setPending({ entries: read.entries, adding: plan.added.length });
  }

  async function confirm(entries: ImportEntry[]) {
    setPending(null);
    try {
      setReport(await send({ type: 'importFollows', entries }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section aria-labelledby="io-heading">
      <h2 id="io-heading" tabIndex={-1}>{t('optionsIo')}</h2>
      <div class="field">
        <button type="button" onClick={exportList} disabled={!loaded}>
          {t('exportButton')}
        </button>
        <label>
          {t('importLabel')}{' '}
          <input
            type="file"
            accept="application/json,.json,text/plain,.txt,text/csv,.csv"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void importFile(file);
              e.currentTarget.value = '';
            }}
          />
        </label>
      </div>
      {pending && (
        <div class="note" role="group" aria-label={t('importConfirmLabel')} data-testid="import-confirm">
          <p>{plural('importConfirm', pending.entries.length, pending.adding, MAX_NEW_PER_IMPORT)}</p>
          {effect && pending.adding > 0 && <p class="hint">{followEffectText(effect, pending.adding)}</p>}
          <div class="actions">
            <button type="button" class="primary" onClick={() => void confirm(pending.entries)}>
              {plural('importConfirmAdd', pending.adding)}
            </button>
            <button type="button" onClick={() => setPending(null)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p class="error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      {report && <ImportReport report={report} />}
    </section>
  );
}

