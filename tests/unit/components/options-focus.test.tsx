// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { ForgetData } from '@/components/ForgetData';
import { KeyForm } from '@/components/KeyForm';

afterEach(cleanup);

it('"Remove key" leaves the focus on the key’s new state, and says why when removing fails', async () => {
  const { rerender } = render(<KeyForm keyState={{ state: 'valid' }} onSave={async () => {}} onRemove={async () => {}} />);
  const remove = screen.getByRole('button', { name: 'Remove key' });
  remove.focus();
  fireEvent.click(remove);
  rerender(<KeyForm keyState={{ state: 'missing' }} onSave={async () => {}} onRemove={async () => {}} />);
  await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('key-status')));

  rerender(<KeyForm keyState={{ state: 'valid' }} onSave={async () => {}} onRemove={async () => Promise.reject(new Error('Storage is full'))} />);
  fireEvent.click(screen.getByRole('button', { name: 'Remove key' }));
  await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Storage is full'));
});

it('"Forget my data": Cancel, and erasing, give the focus back to the button that asked', async () => {
  render(<ForgetData onForget={async () => {}} />);
  const ask = () => screen.getByRole('button', { name: 'Forget my data…' });
  fireEvent.click(ask());
  fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  await waitFor(() => expect(document.activeElement).toBe(ask()));
  fireEvent.click(ask());
  fireEvent.click(screen.getByRole('button', { name: 'Erase everything' }));
  await waitFor(() => expect(document.activeElement).toBe(ask()));
  expect(screen.getByRole('status').textContent).not.toBe('');
});

it('"Forget my data": Escape answers the question as Cancel does, and erases nothing', async () => {
  const onForget = vi.fn(async () => {});
  render(<ForgetData onForget={onForget} />);
  const ask = () => screen.getByRole('button', { name: 'Forget my data…' });
  fireEvent.click(ask());
  fireEvent.keyDown(screen.getByRole('button', { name: 'Cancel' }), { key: 'Escape' });
  await waitFor(() => expect(document.activeElement).toBe(ask()));
  expect(screen.queryByRole('alertdialog')).toBeNull();
  expect(onForget).not.toHaveBeenCalled();
});
