import { z } from 'zod';
import { handleSchema } from './handle-schema';
import { t } from './i18n';
import { serialised } from './serial';
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
const INDEX_VERSION = 1;
const indexSchema = z.object({ v: z.literal(INDEX_VERSION), chunks: z.number().int().nonnegative().max(500) });
/** An index a newer build wrote: this build reads what it can and never writes over it. */
const newerIndexSchema = z.object({ v: z.number().int().gt(INDEX_VERSION) });

export class NewerFollowListError extends Error {}

const INDEX_KEY = 'follows';
const CHUNK_PREFIX = 'follows.';
const LOCAL_KEY = 'followsLocal';
const LOCAL_FLAG_KEY = 'followsInLocal';
/** What could not be read is kept here, untouched, instead of being written over by the next change. */
const SET_ASIDE_KEY = 'followsUnreadable';
const MAX_SET_ASIDE = 500;
const CHUNK_BYTES = 7000; // below QUOTA_BYTES_PER_ITEM (8192) with room for the key

export interface FollowStores {
  sync: StorageArea;
  local: StorageArea;
}

function defaultStores(): FollowStores {
  return { sync: area('sync'), local: area('local') };
}

interface Decoded {
  follows: Follow[];
  /** Stored pieces that are not follows as this build knows them. */
  unreadable: unknown[];
  newer?: boolean;
}

/** Parse entry by entry: one corrupted entry costs that entry, not the list, and is itself kept. */
function decodeEntries(raw: unknown): Decoded {
  if (raw === undefined) return { follows: [], unreadable: [] };
  if (!Array.isArray(raw)) return { follows: [], unreadable: [raw] };
  const follows: Follow[] = [];
  const unreadable: unknown[] = [];
  for (const item of raw) {
    const tuple = storedFollowSchema.safeParse(item);
    const follow = tuple.success && followSchema.safeParse({ handle: tuple.data[0], addedAt: tuple.data[1], notify: tuple.data[2] === 1 });
    if (follow && follow.success) follows.push(follow.data);
    else unreadable.push(item);
  }
  return { follows, unreadable };
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

/** The chunk keys actually present, in order: the index may be damaged, the chunks are the data. */
function chunkKeysOf(items: Record<string, unknown>): string[] {
  return Object.keys(items)
    .filter((k) => k.startsWith(CHUNK_PREFIX) && /^\d+$/.test(k.slice(CHUNK_PREFIX.length)))
    .sort((a, b) => Number(a.slice(CHUNK_PREFIX.length)) - Number(b.slice(CHUNK_PREFIX.length)));
}

async function readDecoded(stores: FollowStores): Promise<Decoded> {
  if (await isFollowListLocal(stores)) return decodeEntries((await stores.local.get(LOCAL_KEY))[LOCAL_KEY]);
  const rawIndex = (await stores.sync.get(INDEX_KEY))[INDEX_KEY];
  const index = indexSchema.safeParse(rawIndex);
  const newer = newerIndexSchema.safeParse(rawIndex).success;
  let stored: Record<string, unknown>;
  let keys: string[];
  if (index.success) {
    keys = Array.from({ length: index.data.chunks }, (_, i) => `${CHUNK_PREFIX}${i}`);
    stored = keys.length ? await stores.sync.get(keys) : {};
  } else {
    // A missing or damaged index (or one from a newer build): rebuild the list from the chunks themselves.
    stored = await stores.sync.get(null);
    keys = chunkKeysOf(stored);
  }
  const parts = keys.map((key) => decodeEntries(stored[key]));
  return { follows: parts.flatMap((p) => p.follows), unreadable: parts.flatMap((p) => p.unreadable), newer };
}

export async function readFollows(stores: FollowStores = defaultStores()): Promise<Follow[]> {
  return dedupe((await readDecoded(stores)).follows);
}

/** How many stored pieces of the follow list could not be read and were kept aside (the popup says so). */
export async function setAsideCount(stores: FollowStores = defaultStores()): Promise<number> {
  const kept = (await stores.local.get(SET_ASIDE_KEY))[SET_ASIDE_KEY];
  return Array.isArray(kept) ? kept.length : 0;
}

/**
 * The one way to change the follow list: read, change, write, in turn with every other change from any of the
 * extension's contexts. Pieces that could not be read are kept aside first, so the write does not lose them. The
 * answer is what was really stored.
 */
export function updateFollows(
  change: (follows: Follow[]) => Follow[],
  stores: FollowStores = defaultStores(),
): Promise<{ follows: Follow[]; inLocal: boolean }> {
  return serialised('follows', async () => {
    const current = await readDecoded(stores);
    if (current.newer) throw new NewerFollowListError(t('followsNewer'));
    if (current.unreadable.length) {
      const kept = (await stores.local.get(SET_ASIDE_KEY))[SET_ASIDE_KEY];
      const aside = [...(Array.isArray(kept) ? kept : []), ...current.unreadable].slice(-MAX_SET_ASIDE);
      await stores.local.set({ [SET_ASIDE_KEY]: aside });
    }
    const follows = dedupe(change(dedupe(current.follows)));
    const { inLocal } = await writeFollows(follows, stores);
    return { follows, inLocal };
  });
}

/** Writes the whole list; only `updateFollows` (serialised) and tests call it. */
export async function writeFollows(
  follows: Follow[],
  stores: FollowStores = defaultStores(),
): Promise<{ inLocal: boolean }> {
  const entries = encode(dedupe(follows));
  const chunks = chunk(entries);
  const existing = chunkKeysOf(await stores.sync.get(null));
  const items: Record<string, unknown> = { [INDEX_KEY]: { v: 1, chunks: chunks.length } };
  chunks.forEach((c, i) => (items[`${CHUNK_PREFIX}${i}`] = c));
  try {
    await stores.sync.set(items);
  } catch {
    await stores.local.set({ [LOCAL_KEY]: entries, [LOCAL_FLAG_KEY]: true });
    return { inLocal: true };
  }
  // Left-over chunks are found by looking, not from the old index, which may have been damaged.
  const stale = existing.filter((key) => Number(key.slice(CHUNK_PREFIX.length)) >= chunks.length);
  if (stale.length) await stores.sync.remove(stale);
  await stores.local.remove([LOCAL_KEY, LOCAL_FLAG_KEY]);
  return { inLocal: false };
}

/** True when a storage change touches the follow list, in either area. */
export function isFollowsChange(changes: Record<string, unknown>): boolean {
  return Object.keys(changes).some((k) => k === INDEX_KEY || k.startsWith(CHUNK_PREFIX) || k === LOCAL_KEY || k === LOCAL_FLAG_KEY || k === SET_ASIDE_KEY);
}
