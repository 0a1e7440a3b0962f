/**
 * Items gathered for `ms` and written together: a 500-follow cycle answers hundreds in a row, and one serialised
 * storage write per answer made every answer wait behind the last. Items a stopped worker had not written are lost,
 * so batches hold only what can be lost (a tally, what the cache can tell again).
 */
export function createBatch<T>(ms: number, write: (items: T[]) => Promise<unknown>) {
  let queued: T[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Writes what is gathered now (readers of what the batch writes call this first). */
  async function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (!queued.length) return;
    const items = queued;
    queued = [];
    await write(items);
  }

  return {
    add(item: T) {
      queued.push(item);
      timer ??= setTimeout(() => void flush().catch((error: unknown) => console.warn('Live Radar: a batched write failed', error)), ms);
    },
    flush,
  };
}
