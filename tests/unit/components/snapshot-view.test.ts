import { describe, expect, it } from 'vitest';
import { createRereader, EMPTY_SNAPSHOT, type Snapshot } from '@/components/hooks/snapshot-view';

describe('a snapshot read', () => {
  it('is read again, not shown, when a change arrives while it runs; one more read however many changes came', async () => {
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
    );
    const first = reader.load();
    await Promise.resolve();
    // Three changes while the first read runs.
    void reader.load();
    void reader.load();
    void reader.load();
    release();
    await new Promise((r) => setTimeout(r, 0));
    release();
    await first;
    expect(reads).toBe(2);
    expect(shown).toEqual(['after the changes']);
  });
});
