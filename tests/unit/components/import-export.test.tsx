// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { ImportExport } from '@/components/ImportExport';

afterEach(cleanup);

it('offers the export only once the follow list is read: before, it wrote an empty file the user took for a backup', () => {
  const { rerender } = render(<ImportExport follows={[]} pins={[]} loaded={false} />);
  const exportButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Export follow list' });
  expect(exportButton().disabled).toBe(true);
  rerender(<ImportExport follows={[{ handle: 'sunny', addedAt: 1, notify: true }]} pins={[]} loaded />);
  expect(exportButton().disabled).toBe(false);
});
