import { quietFirstCheckItem } from '@/lib/platform/worker-items';

/** How long removals wait to be written: a first cycle after a big import answers hundreds in a row. */
const FLUSH_MS = 500;
const MAX_QUIET = 20_000;

/**
 * Imported creators not checked yet: found live at their first check, they are shown, not announced (the list the
 * user imported said who they are, not who just went live). The worker is the only writer, so the set is read once
 * per wake and kept in memory; removals reach storage in batches.
 */
export function createQuietFirstChecks() {
  let known: Promise<Set<string>> | null = null;
  const load = () => (known ??= quietFirstCheckItem.get().then((list) => new Set(list)));
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flushSoon() {
    timer ??= setTimeout(async () => {
      timer = undefined;
      const now = [...(await load())];
      await quietFirstCheckItem.set(now.slice(-MAX_QUIET)).catch((error: unknown) => console.warn('Live Radar: quiet list not written', error));
    }, FLUSH_MS);
  }

  return {
    async add(handles: string[]) {
      const set = await load();
      for (const handle of handles) set.add(handle);
      await quietFirstCheckItem.set([...set].slice(-MAX_QUIET));
    },
    /** Whether this is the quiet first check of `handle` (true once). */
    async take(handle: string): Promise<boolean> {
      const set = await load();
      if (!set.delete(handle)) return false;
      flushSoon();
      return true;
    },
  };
}

export type QuietFirstChecks = ReturnType<typeof createQuietFirstChecks>;
