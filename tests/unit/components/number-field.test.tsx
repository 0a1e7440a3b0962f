// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { NumberField } from '@/components/NumberField';

afterEach(cleanup);

it('refuses text the browser cannot read as a number instead of saving it as emptied ("automatic")', async () => {
  const onCommit = vi.fn(async () => null);
  const onResult = vi.fn();
  render(<NumberField label="Credits a day" value={300} min={24} max={100000} onCommit={onCommit} onResult={onResult} />);
  const field = screen.getByLabelText<HTMLInputElement>('Credits a day');
  // Firefox keeps "5,000" in the field and reports it as bad input with an empty value.
  Object.defineProperty(field, 'validity', { value: { badInput: true } });
  fireEvent.input(field, { target: { value: '' } });
  fireEvent.change(field);
  await vi.waitFor(() => expect(onResult).toHaveBeenCalledWith('Enter a number from 24 to 100000. Nothing was changed.'));
  expect(onCommit).not.toHaveBeenCalled();
  expect(field.getAttribute('aria-invalid')).toBe('true');
});

it('saves an emptied field as no value, and a number as that number', async () => {
  const onCommit = vi.fn(async () => null);
  render(<NumberField label="Credits a day" value={300} min={24} max={100000} onCommit={onCommit} onResult={() => {}} />);
  const field = screen.getByLabelText<HTMLInputElement>('Credits a day');
  fireEvent.change(field, { target: { value: '' } });
  await vi.waitFor(() => expect(onCommit).toHaveBeenLastCalledWith(null));
  fireEvent.change(field, { target: { value: '500' } });
  await vi.waitFor(() => expect(onCommit).toHaveBeenLastCalledWith(500));
  expect(field.getAttribute('aria-invalid')).toBeNull();
});
