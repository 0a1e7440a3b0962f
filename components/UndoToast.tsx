import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/platform/i18n';
import type { Follow } from '@/lib/domain/model';

/** How long "Undo" is offered after a removal, or after the user leaves the toast. */
const UNDO_MS = 6000;

/**
 * "Removed @x · Undo", announced, for a few seconds. It stays while the user is on it (keyboard focus or pointer), and
 * its time starts again when they leave: someone tabbing to Undo, or reading the toast, does not lose it under their
 * hand.
 */
export function UndoToast<T extends Follow>({ removed, onUndo, onDone }: { removed: T; onUndo: (follow: T) => void; onDone: () => void }) {
  const [focused, setFocused] = useState(false);
  const [hovered, setHovered] = useState(false);
  const held = focused || hovered;
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(onDone, UNDO_MS);
    return () => clearTimeout(timer);
  }, [removed, onDone, held]);
  return (
    <div
      class="toast"
      role="status"
      data-testid="undo-toast"
      onFocusIn={() => setFocused(true)}
      onFocusOut={() => setFocused(false)}
      onPointerEnter={() => setHovered(true)}
      onPointerLeave={() => setHovered(false)}
    >
      <span>{t('removedToast', removed.handle)}</span>
      <button type="button" class="link" onClick={() => onUndo(removed)}>{t('undo')}</button>
    </div>
  );
}
