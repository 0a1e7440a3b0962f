// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { usePending } from '@/components/hooks/use-pending';

afterEach(cleanup);

interface Stored {
  on: boolean;
  other: number;
}

/** A controlled checkbox saved the way the options page saves a setting; the test decides when the save ends. */
function Box({ stored, save }: { stored: Stored; save: () => Promise<boolean> }) {
  const { shown, saving } = usePending(stored);
  return (
    <input
      type="checkbox"
      aria-label="on"
      checked={shown.on}
      onChange={(e) => void saving({ on: e.currentTarget.checked }, async () => ({ ok: await save(), result: null }))}
    />
  );
}

function deferred() {
  let end: (ok: boolean) => void = () => {};
  const promise = new Promise<boolean>((resolve) => (end = resolve));
  return { promise, end };
}

it('keeps the user’s choice through a re-render for another change while it is saved, then shows what is stored', async () => {
  const save = deferred();
  const { rerender } = render(<Box stored={{ on: true, other: 1 }} save={() => save.promise} />);
  const box = screen.getByLabelText<HTMLInputElement>('on');
  fireEvent.click(box);
  expect(box.checked).toBe(false);
  // The worker stored something else meanwhile: the box does not flip back.
  rerender(<Box stored={{ on: true, other: 2 }} save={() => save.promise} />);
  expect(box.checked).toBe(false);
  save.end(true);
  await waitFor(() => expect(box.checked).toBe(false));
  // Stored, then changed again elsewhere (another browser): what is stored is shown.
  rerender(<Box stored={{ on: false, other: 2 }} save={() => save.promise} />);
  rerender(<Box stored={{ on: true, other: 2 }} save={() => save.promise} />);
  expect(box.checked).toBe(true);
});

it('goes back to what is stored when the save fails', async () => {
  const save = deferred();
  render(<Box stored={{ on: true, other: 1 }} save={() => save.promise} />);
  const box = screen.getByLabelText<HTMLInputElement>('on');
  fireEvent.click(box);
  expect(box.checked).toBe(false);
  save.end(false);
  await waitFor(() => expect(box.checked).toBe(true));
});
