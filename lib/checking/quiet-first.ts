import { quietFirstCheckItem } from '@/lib/platform/worker-items';
import { createBatch } from '@/lib/checking/batch';
import { kept } from '@/lib/domain/kept';

/** How long removals wait to be written: a first cycle after a big import answers hundreds in a row. */
const FLUSH_MS = 500;
const MAX_QUIET = 20_000;

/**
 * New follows not checked yet (imported, or added in the popup): found live at their first check, they are shown, not
 * announced (the user said whom they follow, not who just went live). The worker is the only writer, so the set is read once
 * per wake and kept in memory; removals reach storage in batches.
 */
export function createQuietFirstChecks() {
  const quiet = kept(async () => new Set(await quietFirstCheckItem.get()));
  const write = async () => quietFirstCheckItem.set([...(await quiet.get())].slice(-MAX_QUIET));
  const removals = createBatch<string>(FLUSH_MS, write);

  return {
    async add(handles: string[]) {
      const set = await quiet.get();
      for (const handle of handles) set.add(handle);
      await write();
    },
    /** Whether this is the quiet first check of `handle` (true once). */
    async take(handle: string): Promise<boolean> {
      if (!(await quiet.get()).delete(handle)) return false;
      removals.add(handle);
      return true;
    },
  };
}

export type QuietFirstChecks = ReturnType<typeof createQuietFirstChecks>;
