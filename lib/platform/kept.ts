import type { StoredItem } from '@/lib/platform/stored-item';

/**
 * A value read once and kept in memory until dropped: for what this context alone writes, or drops on every change
 * it hears of. A read that fails is not kept; one that was dropped while it ran still answers its caller.
 */
export function kept<T>(read: () => Promise<T>) {
  let value: Promise<T> | null = null;
  return {
    get(): Promise<T> {
      if (value) return value;
      const reading = read();
      value = reading;
      reading.catch(() => value === reading && (value = null));
      return reading;
    },
    /** Read again next time. */
    drop() {
      value = null;
    },
    /** What was just written, kept without reading it back. */
    set(next: T) {
      value = Promise.resolve(next);
    },
  };
}

/**
 * A stored item kept in memory by the one context that reads it often (the worker, on a badge's critical path):
 * `changed` drops it when the item is in a storage change, from any context; `set` writes it and keeps what it wrote.
 */
export function keptItem<T>(item: StoredItem<T>) {
  const value = kept(() => item.get());
  return {
    get: value.get,
    async set(next: T): Promise<void> {
      await item.set(next);
      value.set(next);
    },
    changed(changes: Record<string, unknown>, areaName: string) {
      if (item.changedIn(changes, areaName)) value.drop();
    },
  };
}
