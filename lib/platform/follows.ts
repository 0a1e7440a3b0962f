import * as z from 'zod/mini';
import { EMPTY_STATE, mergeFollowStates, recordChange, sameState, type FollowState } from '@/lib/domain/follow-merge';
import { followSchema, type Follow } from '@/lib/domain/model';
import { MAX_FOLLOWS } from '@/lib/domain/follow-limit';
import { t } from '@/lib/platform/i18n';
import { serialised } from '@/lib/platform/serial';
import { area, defineItem, migrate, type StorageArea } from '@/lib/platform/stored-item';
import { chunk, joinStamps, splitStamps, syncBytes } from '@/lib/domain/sync-parts';
import { followSlots, isFollowListKey, presentKeys, slotNumber } from '@/lib/platform/follow-slots';

/**
 * The follow list lives in `storage.sync` so it follows the user to their other browsers. Sync allows ~8 kB per item,
 * so the list is written in chunks (`follows.0`, `follows.1`, …) under a small index item, with `follows.meta` (and,
 * past 8 kB, `follows.meta.1`, …) holding when each handle last changed or was removed. Each browser also keeps its
 * own copy (`followsMirror`, local): what sync holds and that copy are merged handle by handle
 * (lib/domain/follow-merge.ts), so two browsers changing the list at once both keep their changes. When sync refuses
 * the write for size the list stays local and `followsInLocal` says so; when it refuses for its write rate, the copy
 * holds the change and the write is retried later. The slots' names are in `follow-slots.ts`.
 */


// Compact on the wire: sync quotas are counted in bytes of JSON.
const storedFollowSchema = z.tuple([z.string(), z.number(), z.union([z.literal(0), z.literal(1)])]);
/**
 * How many chunks sync holds: the list's version is this item's. Read by `migrate`, as the list is read from storage
 * areas the caller names; a missing or damaged index reads as null, and a newer build's as `newer`.
 */
const indexItem = defineItem({
  area: 'sync',
  key: followSlots.index.key,
  layout: 'inline',
  schema: z.nullable(z.object({ chunks: z.int().check(z.minimum(0), z.maximum(500)) })),
  fallback: null,
  version: 1,
});

class NewerFollowListError extends Error {}

const { index: INDEX, chunks: CHUNKS, meta: META, metaParts: META_PARTS, mirror: MIRROR, local: LOCAL, inLocal: IN_LOCAL, setAside: SET_ASIDE } = followSlots;
const MAX_SET_ASIDE = 500;
const MAX_META_PARTS = 50;
// Changes: a stamp a follow at most; removals are kept fewer (follow-merge.ts).
const stampsSchema = z.array(z.tuple([z.string(), z.number()])).check(z.maxLength(MAX_FOLLOWS));
const metaSchema = z.object({ changed: stampsSchema, removed: stampsSchema });
const firstMetaSchema = z.extend(metaSchema, { parts: z.optional(z.int().check(z.minimum(2), z.maximum(MAX_META_PARTS))) });
const mirrorSchema = z.extend(metaSchema, { follows: z.array(z.unknown()) });

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

function dedupe(follows: Follow[]): Follow[] {
  const seen = new Set<string>();
  return follows.filter((f) => (seen.has(f.handle) ? false : (seen.add(f.handle), true)));
}

export async function isFollowListLocal(stores: FollowStores = defaultStores()): Promise<boolean> {
  return (await stores.local.get(IN_LOCAL.key))[IN_LOCAL.key] === true;
}

/** The list as sync holds it. */
async function readDecoded(stores: FollowStores): Promise<Decoded> {
  const { value: index, newer } = migrate(indexItem, (await stores.sync.get(INDEX.key))[INDEX.key]);
  let stored: Record<string, unknown>;
  let keys: string[];
  if (index && !newer) {
    keys = Array.from({ length: index.chunks }, (_, i) => CHUNKS.at(i).key);
    stored = keys.length ? await stores.sync.get(keys) : {};
  } else {
    // A missing or damaged index (or one from a newer build): rebuild the list from the chunks themselves.
    stored = await stores.sync.get(null);
    keys = presentKeys(stored, CHUNKS);
  }
  const parts = keys.map((key) => decodeEntries(stored[key]));
  return { follows: parts.flatMap((p) => p.follows), unreadable: parts.flatMap((p) => p.unreadable), newer: !!newer };
}

interface Current {
  /** The list and stamps as this browser knows them: sync merged with its own copy. */
  state: FollowState;
  /** What sync holds now (null while the list is kept locally). */
  synced: FollowState | null;
  mirror: FollowState | null;
  unreadable: unknown[];
  newer?: boolean;
}

async function readMirror(local: StorageArea): Promise<FollowState | null> {
  const parsed = mirrorSchema.safeParse((await local.get(MIRROR.key))[MIRROR.key]);
  return parsed.success ? { ...parsed.data, follows: dedupe(decodeEntries(parsed.data.follows).follows) } : null;
}

/** The stamps as sync holds them, from every part; damaged ones count as none (they only help merges). */
async function readStamps(sync: StorageArea): Promise<Pick<FollowState, 'changed' | 'removed'>> {
  const first = firstMetaSchema.safeParse((await sync.get(META.key))[META.key]);
  if (!first.success) return { changed: [], removed: [] };
  const more = Array.from({ length: (first.data.parts ?? 1) - 1 }, (_, i) => META_PARTS.at(i + 1).key);
  const stored = more.length ? await sync.get(more) : {};
  const parts = [first.data, ...more.map((key) => metaSchema.safeParse(stored[key])).flatMap((p) => (p.success ? [p.data] : []))];
  return joinStamps(parts);
}

async function readCurrent(stores: FollowStores, now: number): Promise<Current> {
  const [mirror, inLocal] = await Promise.all([readMirror(stores.local), isFollowListLocal(stores)]);
  if (inLocal) {
    // Lists kept locally before the copy existed are read from where they were.
    const legacy = mirror ? null : decodeEntries((await stores.local.get(LOCAL.key))[LOCAL.key]);
    return { state: mirror ?? { ...EMPTY_STATE, follows: dedupe(legacy?.follows ?? []) }, synced: null, mirror, unreadable: legacy?.unreadable ?? [] };
  }
  const [decoded, stamps] = await Promise.all([readDecoded(stores), readStamps(stores.sync)]);
  const synced: FollowState = { follows: dedupe(decoded.follows), ...stamps };
  const state = mirror ? mergeFollowStates(synced, mirror, now) : synced;
  return { state, synced, mirror, unreadable: decoded.unreadable, newer: decoded.newer };
}

export async function readFollows(stores: FollowStores = defaultStores()): Promise<Follow[]> {
  return (await readCurrent(stores, Date.now())).state.follows;
}

/** How many stored pieces of the follow list could not be read and were kept aside (the popup says so). */
export async function setAsideCount(stores: FollowStores = defaultStores()): Promise<number> {
  const kept = (await stores.local.get(SET_ASIDE.key))[SET_ASIDE.key];
  return Array.isArray(kept) ? kept.length : 0;
}

export interface FollowsWritten {
  follows: Follow[];
  inLocal: boolean;
  /** Sync refused for its write rate: the change is kept in this browser and must be written again later. */
  syncPending: boolean;
}

/**
 * The one way to change the follow list: read, change, write, in turn with every other change from any of the
 * extension's contexts. Pieces that could not be read are kept aside first, so the write does not lose them. The
 * answer is what was really stored. `updateFollows((list) => list)` merges what another browser synced and writes
 * only what differs.
 */
export function updateFollows(
  change: (follows: Follow[]) => Follow[],
  stores: FollowStores = defaultStores(),
  now: () => number = Date.now,
): Promise<FollowsWritten> {
  return serialised('follows', async () => {
    const at = now();
    const current = await readCurrent(stores, at);
    if (current.newer) throw new NewerFollowListError(t('followsNewer'));
    if (current.unreadable.length) {
      const kept = (await stores.local.get(SET_ASIDE.key))[SET_ASIDE.key];
      // Kept once each: a write that did not reach sync leaves them there to be read again.
      const seen = new Map([...(Array.isArray(kept) ? kept : []), ...current.unreadable].map((piece) => [JSON.stringify(piece), piece]));
      const aside = [...seen.values()].slice(-MAX_SET_ASIDE);
      await stores.local.set({ [SET_ASIDE.key]: aside });
    }
    const next = recordChange(current.state, dedupe(change(current.state.follows)), at);
    // This browser's copy first: whatever sync does next, the change is not lost here.
    if (!current.mirror || !sameState(next, current.mirror)) {
      await stores.local.set({ [MIRROR.key]: { follows: encode(next.follows), changed: next.changed, removed: next.removed } });
    }
    if (current.synced && sameState(next, current.synced) && !current.unreadable.length) {
      return { follows: next.follows, inLocal: false, syncPending: false };
    }
    const written = await writeFollows(stores, next);
    return { follows: next.follows, ...written };
  });
}

/** Writes the list (and its stamps) to sync; only `updateFollows` calls it, in turn with every other change. */
async function writeFollows(stores: FollowStores, { follows, ...stamps }: FollowState): Promise<{ inLocal: boolean; syncPending: boolean }> {
  const entries = encode(follows);
  const chunks = chunk(entries);
  const [firstStamps, ...moreStamps] = splitStamps(stamps);
  const present = await stores.sync.get(null);
  const items: Record<string, unknown> = { [INDEX.key]: indexItem.stored({ chunks: chunks.length }) };
  chunks.forEach((c, i) => (items[CHUNKS.at(i).key] = c));
  // `parts` only when there is more than one: a short list's stamps stay as every build wrote them.
  items[META.key] = moreStamps.length ? { ...firstStamps, parts: moreStamps.length + 1 } : firstStamps;
  moreStamps.forEach((part, i) => (items[META_PARTS.at(i + 1).key] = part));
  try {
    await stores.sync.set(items);
  } catch (error) {
    // Too many writes a minute or an hour is not "too large": try again later instead of leaving sync for good.
    if (/MAX_WRITE_OPERATIONS/.test(String(error))) return { inLocal: false, syncPending: true };
    await stores.local.set({ [LOCAL.key]: entries, [IN_LOCAL.key]: true });
    return { inLocal: true, syncPending: false };
  }
  // Left-over pieces are found by looking, not from the old index, which may have been damaged.
  const beyond = (slots: typeof CHUNKS, count: number) => presentKeys(present, slots).filter((key) => slotNumber(key, slots) >= count);
  const stale = [...beyond(CHUNKS, chunks.length), ...beyond(META_PARTS, moreStamps.length + 1)];
  if (stale.length) await stores.sync.remove(stale);
  await stores.local.remove([LOCAL.key, IN_LOCAL.key]);
  return { inLocal: false, syncPending: false };
}

/** What the browser's sync area holds in all (chrome.storage.sync.QUOTA_BYTES; Firefox allows the same). */
const SYNC_QUOTA_BYTES = 102_400;

/**
 * The share of the sync area the follow list takes as stored: the list and its stamps, which a list imported with its
 * dates has one of per follow. The browser's own count where it gives one (Chrome), else the same count made here.
 */
export async function syncShare(stores: FollowStores = defaultStores()): Promise<number> {
  const stored = Object.entries(await stores.sync.get(null)).filter(([key]) => isFollowListKey(key));
  // Firefox has no count for sync (and may throw rather than answer): the same count is made here then.
  const own = await Promise.resolve()
    .then(() => (stores.sync as { getBytesInUse?: (keys: string[]) => Promise<number> }).getBytesInUse?.(stored.map(([key]) => key)))
    .catch(() => undefined);
  const counted = typeof own === 'number' && own > 0 ? own : stored.reduce((sum, [key, value]) => sum + key.length + syncBytes(value), 0);
  return counted / SYNC_QUOTA_BYTES;
}

/** True when a storage change touches the follow list, in either area. */
export function isFollowsChange(changes: Record<string, unknown>): boolean {
  return Object.keys(changes).some(isFollowListKey);
}
