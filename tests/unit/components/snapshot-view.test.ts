import { describe, expect, it } from 'vitest';
import { createRereader, EMPTY_SNAPSHOT, type Snapshot } from '@/components/hooks/snapshot-view';

/** Three changes arrive while the first of two reads runs: how many reads were made, and what was shown. */
async function readDuringChanges(options?: { showEach: boolean }) {
  // Which read a snapshot came from (before the change: 1, after the changes: 2), in a field passed on as it is.
  const values = [1, 2];
  let reads = 0;
  let release: () => void = () => {};
  const shown: number[] = [];
  const reader = createRereader(
    () =>
      new Promise<Snapshot>((resolve) => {
        const value = values[Math.min(reads++, 1)]!;
        release = () => resolve({ ...EMPTY_SNAPSHOT, keyState: { state: 'missing', checkedAt: value } });
      }),
    (s) => shown.push(s.keyState.checkedAt!),
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
    expect(await readDuringChanges()).toEqual({ reads: 2, shown: [2] });
  });

  it('is shown before the next read in a view made of whole reads (the popup), so a stream of changes does not freeze it', async () => {
    expect(await readDuringChanges({ showEach: true })).toEqual({ reads: 2, shown: [1, 2] });
  });
});
