import { describe, expect, it } from 'vitest';
import { createRereader, EMPTY_SNAPSHOT, type Snapshot } from '@/components/hooks/snapshot-view';

/** Three changes arrive while the first of two reads runs: how many reads were made, and what was shown. */
async function readDuringChanges(options?: { showEach: boolean }) {
  const values = ['before the change', 'after the changes'];
  let reads = 0;
  let release: () => void = () => {};
  const shown: string[] = [];
  const reader = createRereader(
    () =>
      new Promise<Snapshot>((resolve) => {
        const value = values[Math.min(reads++, 1)]!;
        release = () => resolve({ ...EMPTY_SNAPSHOT, keyState: { state: 'missing', message: value } });
      }),
    (s) => shown.push(s.keyState.message!),
    options,
  );
  const first = reader.load();
  await Promise.resolve();
  void reader.load();
  void reader.load();
  void reader.load();
  release();
  await new Promise((r) => setTimeout(r, 0));
  release();
  await first;
  return { reads, shown };
}

describe('a snapshot read', () => {
  it('is read again, not shown, when a change arrives while it runs; one more read however many changes came', async () => {
    expect(await readDuringChanges()).toEqual({ reads: 2, shown: ['after the changes'] });
  });

  it('is shown before the next read in a view made of whole reads (the popup), so a stream of changes does not freeze it', async () => {
    expect(await readDuringChanges({ showEach: true })).toEqual({ reads: 2, shown: ['before the change', 'after the changes'] });
  });
});
