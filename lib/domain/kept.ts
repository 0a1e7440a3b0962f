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
