// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { UndoToast } from '@/components/UndoToast';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const removed = { handle: 'sunny', addedAt: 1, notify: true };

it('offers Undo for six seconds, and not one less while the user is on it with the keyboard or the pointer', () => {
  const onDone = vi.fn();
  render(<UndoToast removed={removed} onUndo={() => {}} onDone={onDone} />);
  const undo = screen.getByRole('button', { name: 'Undo' });
  act(() => void vi.advanceTimersByTime(5000));
  fireEvent.focusIn(undo);
  act(() => void vi.advanceTimersByTime(20_000));
  expect(onDone).not.toHaveBeenCalled();
  fireEvent.focusOut(undo);
  fireEvent.pointerEnter(screen.getByTestId('undo-toast'));
  act(() => void vi.advanceTimersByTime(20_000));
  expect(onDone).not.toHaveBeenCalled();
  fireEvent.pointerLeave(screen.getByTestId('undo-toast'));
  act(() => void vi.advanceTimersByTime(5999));
  expect(onDone).not.toHaveBeenCalled();
  act(() => void vi.advanceTimersByTime(1));
  expect(onDone).toHaveBeenCalledOnce();
});
