import { useEffect } from 'preact/hooks';
import { t } from '@/lib/platform/i18n';
import type { Follow } from '@/lib/platform/follows';

/** How long "Undo" is offered after a removal. */
const UNDO_MS = 6000;

/** "Removed @x · Undo", announced, for a few seconds. */
export function UndoToast<T extends Follow>({ removed, onUndo, onDone }: { removed: T; onUndo: (follow: T) => void; onDone: () => void }) {
  useEffect(() => {
    const timer = setTimeout(onDone, UNDO_MS);
    return () => clearTimeout(timer);
  }, [removed, onDone]);
  return (
    <div class="toast" role="status" data-testid="undo-toast">
      <span>{t('removedToast', removed.handle)}</span>
      <button type="button" class="link" onClick={() => onUndo(removed)}>{t('undo')}</button>
    </div>
  );
}
