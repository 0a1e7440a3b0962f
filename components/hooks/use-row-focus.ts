import type { RefObject } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

const ROW = '[data-testid="creator-row"]';
const KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);

const shownRows = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>(ROW)].filter((row) => row.getClientRects().length > 0);
const focusRow = (row: Element | null | undefined, control?: string) =>
  ((control && row?.querySelector<HTMLElement>(`[data-control="${control}"]`)) || row?.querySelector<HTMLElement>('.row-name'))?.focus();
const rowOf = (root: HTMLElement, handle: string) => root.querySelector(`${ROW}[data-handle="${CSS.escape(handle)}"]`);

/**
 * The creator list as one keyboard stop: only the active row's buttons are in the tab order; arrow keys, Home and End
 * move between the rows shown (a closed group's rows are skipped). Focus survives the list changing under it: after a
 * removal it lands on the row that took the removed one's place, after an undo on the restored row, after a pin on the
 * moved row's pin button (a row moved in the page loses the focus).
 */
export function useRowFocus(rootRef: RefObject<HTMLElement>) {
  const [active, setActive] = useState<string | null>(null);
  const pendingRef = useRef<{ handle: string; control?: string; ready?: (row: Element) => boolean } | null>(null);

  useEffect(() => {
    const pending = pendingRef.current;
    const row = pending && rootRef.current ? rowOf(rootRef.current, pending.handle) : null;
    if (!row || (pending?.ready && !pending.ready(row))) return;
    pendingRef.current = null;
    focusRow(row, pending?.control);
  });

  // Stable across renders: they touch only refs and the state setter.
  const handlers = useMemo(() => {
    /**
     * Once `handle`'s row is shown (again, or as `ready` says, once it shows the change), the focus goes to it: to its
     * `control`, if given.
     */
    const focusWhenShown = (handle: string, control?: string, ready?: (row: Element) => boolean) => {
      pendingRef.current = { handle, control, ready };
      setActive(handle);
    };
    return {
    focusWhenShown,
    /** Before `handle`'s row goes: its neighbour (the next row, else the one before) takes the focus. */
    moveAway(handle: string) {
      if (!rootRef.current) return;
      const rows = shownRows(rootRef.current);
      const index = rows.findIndex((row) => row.dataset.handle === handle);
      const neighbour = rows[index + 1] ?? rows[index - 1];
      if (neighbour?.dataset.handle) focusWhenShown(neighbour.dataset.handle);
      // The last row: the field that adds creators.
      else rootRef.current.closest('main')?.querySelector<HTMLElement>('input')?.focus();
    },
    onKeyDown(event: KeyboardEvent) {
      const row = (event.target as Element).closest?.(ROW);
      if (!KEYS.has(event.key) || !row || !rootRef.current) return;
      const rows = shownRows(rootRef.current);
      const index = rows.indexOf(row as HTMLElement);
      const next = { ArrowDown: rows[index + 1], ArrowUp: rows[index - 1], Home: rows[0], End: rows[rows.length - 1] }[event.key];
      event.preventDefault();
      if (next?.dataset.handle) {
        setActive(next.dataset.handle);
        focusRow(next);
      }
    },
    onFocus(event: FocusEvent) {
      const handle = (event.target as Element).closest?.<HTMLElement>(ROW)?.dataset.handle;
      if (handle) setActive(handle);
    },
    };
  }, [rootRef]);
  return { active, ...handlers };
}
