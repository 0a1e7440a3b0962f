import { z } from 'zod';
import { handleSchema } from './handle-schema';
import { area, type StorageArea } from './storage';

/**
 * The follow list lives in `storage.sync` so it follows the user to their other browsers. Sync allows ~8 kB per item,
 * so the list is written in chunks (`follows.0`, `follows.1`, …) under a small index item. When sync refuses the write
 * (over quota, or sync unavailable) the list is kept in `storage.local` instead and `followsInLocal` says so, so the UI
 * can tell the user their list no longer syncs.
 */

export const followSchema = z.object({
  handle: handleSchema,
  addedAt: z.number().int().nonnegative(),
  notify: z.boolean(),
});
export type Follow = z.infer<typeof followSchema>;

// Compact on the wire: sync quotas are counted in bytes of JSON.
const storedFollowSchema = z.tuple([z.string(), z.number(), z.union([z.literal(0), z.literal(1)])]);
const indexSchema = z.object({ v: z.literal(1), chunks: z.number().int().nonnegative().max(500) });

const INDEX_KEY = 'follows';
const CHUNK_PREFIX = 'follows.';
const LOCAL_KEY = 'followsLocal';
const LOCAL_FLAG_KEY = 'followsInLocal';
const CHUNK_BYTES = 7000; // below QUOTA_BYTES_PER_ITEM (8192) with room for the key

export interface FollowStores {
  sync: StorageArea;
  local: StorageArea;
}

function defaultStores(): FollowStores {
  return { sync: area('sync'), local: area('local') };
}

/** Parse entry by entry: one corrupted entry costs that entry, not the list. */
function decodeEntries(raw: unknown): Follow[] {
  if (!Array.isArray(raw)) return [];
  const out: Follow[] = [];
  for (const item of raw) {
    const tuple = storedFollowSchema.safeParse(item);
    if (!tuple.success) continue;
    const follow = followSchema.safeParse({ handle: tuple.data[0], addedAt: tuple.data[1], notify: tuple.data[2] === 1 });
    if (follow.success) out.push(follow.data);
  }
  return out;
}

function encode(follows: Follow[]): [string, number, 0 | 1][] {
  return follows.map((f) => [f.handle, f.addedAt, f.notify ? 1 : 0]);
}

export function dedupe(follows: Follow[]): Follow[] {
  const seen = new Set<string>();
  return follows.filter((f) => (seen.has(f.handle) ? false : (seen.add(f.handle), true)));
}

function chunk(entries: [string, number, 0 | 1][]): [string, number, 0 | 1][][] {
  const chunks: [string, number, 0 | 1][][] = [];
  let current: [string, number, 0 | 1][] = [];
  let size = 2;
  for (const entry of entries) {
    const entrySize = JSON.stringify(entry).length + 1;
    if (current.length && size + entrySize > CHUNK_BYTES) {
      chunks.push(current);
      current = [];
      size = 2;
    }
    current.push(entry);
    size += entrySize;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

export async function isFollowListLocal(stores: FollowStores = defaultStores()): Promise<boolean> {
  return (await stores.local.get(LOCAL_FLAG_KEY))[LOCAL_FLAG_KEY] === true;
}

export async function readFollows(stores: FollowStores = defaultStores()): Promise<Follow[]> {
  if (await isFollowListLocal(stores)) {
    return dedupe(decodeEntries((await stores.local.get(LOCAL_KEY))[LOCAL_KEY]));
  }
  const index = indexSchema.safeParse((await stores.sync.get(INDEX_KEY))[INDEX_KEY]);
  if (!index.success) return [];
  const keys = Array.from({ length: index.data.chunks }, (_, i) => `${CHUNK_PREFIX}${i}`);
  if (!keys.length) return [];
  const stored = await stores.sync.get(keys);
  return dedupe(keys.flatMap((key) => decodeEntries(stored[key])));
}

export async function writeFollows(
  follows: Follow[],
  stores: FollowStores = defaultStores(),
): Promise<{ inLocal: boolean }> {
  const entries = encode(dedupe(follows));
  const chunks = chunk(entries);
  const previous = indexSchema.safeParse((await stores.sync.get(INDEX_KEY))[INDEX_KEY]);
  const items: Record<string, unknown> = { [INDEX_KEY]: { v: 1, chunks: chunks.length } };
  chunks.forEach((c, i) => (items[`${CHUNK_PREFIX}${i}`] = c));
  try {
    await stores.sync.set(items);
  } catch {
    await stores.local.set({ [LOCAL_KEY]: entries, [LOCAL_FLAG_KEY]: true });
    return { inLocal: true };
  }
  const stale = previous.success
    ? Array.from({ length: Math.max(0, previous.data.chunks - chunks.length) }, (_, i) => `${CHUNK_PREFIX}${chunks.length + i}`)
    : [];
  if (stale.length) await stores.sync.remove(stale);
  await stores.local.remove([LOCAL_KEY, LOCAL_FLAG_KEY]);
  return { inLocal: false };
}

/** True when a storage change touches the follow list, in either area. */
export function isFollowsChange(changes: Record<string, unknown>): boolean {
  return Object.keys(changes).some((k) => k === INDEX_KEY || k.startsWith(CHUNK_PREFIX) || k === LOCAL_KEY || k === LOCAL_FLAG_KEY);
}

// ---- import / export file ----

export const EXPORT_VERSION = 1;
export const exportFileSchema = z.object({
  app: z.literal('live-radar'),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.string(),
  follows: z.array(z.unknown()).max(10_000),
});

export function exportFollows(follows: Follow[], now: number): string {
  return JSON.stringify(
    { app: 'live-radar', version: EXPORT_VERSION, exportedAt: new Date(now).toISOString(), follows },
    null,
    2,
  );
}
