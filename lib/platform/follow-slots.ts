import type { AreaName } from '@/lib/platform/stored-item';

/**
 * Where the follow list is stored, slot by slot: `follows.ts` reads and writes through these names, and the tests
 * reach the same slots through them. The names are the format earlier builds wrote; renaming one loses lists.
 */
interface FollowSlot {
  area: AreaName;
  key: string;
}

/** Slots numbered after a prefix (`follows.0`, `follows.1`, …). */
interface NumberedSlots {
  area: AreaName;
  prefix: string;
  at(index: number): FollowSlot;
}

const numbered = (area: AreaName, prefix: string): NumberedSlots => ({ area, prefix, at: (index) => ({ area, key: `${prefix}${index}` }) });

export const followSlots = {
  /** `{ v, chunks }`: how many chunks sync holds. */
  index: { area: 'sync', key: 'follows' },
  /** The list itself, in chunks of `[handle, addedAt, notify]` tuples that each fit a sync item. */
  chunks: numbered('sync', 'follows.'),
  /** When each handle last changed or was removed: the first part, with `parts` when there are more. */
  meta: { area: 'sync', key: 'follows.meta' },
  /** The stamps' further parts, from 1. */
  metaParts: numbered('sync', 'follows.meta.'),
  /** This browser's own copy of the list and its stamps. */
  mirror: { area: 'local', key: 'followsMirror' },
  /** The list as builds from before the copy kept it when sync refused it. */
  local: { area: 'local', key: 'followsLocal' },
  /** True while sync refuses the list for its size. */
  inLocal: { area: 'local', key: 'followsInLocal' },
  /** What could not be read, kept untouched instead of being written over by the next change. */
  setAside: { area: 'local', key: 'followsUnreadable' },
} as const satisfies Record<string, FollowSlot | NumberedSlots>;

/** The keys of `slots` actually present in `items`, in order: an index may be damaged, the pieces are the data. */
export function presentKeys(items: Record<string, unknown>, { prefix }: NumberedSlots): string[] {
  return Object.keys(items)
    .filter((k) => k.startsWith(prefix) && /^\d+$/.test(k.slice(prefix.length)))
    .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)));
}

/** The number in a key `presentKeys` found. */
export const slotNumber = (key: string, { prefix }: NumberedSlots): number => Number(key.slice(prefix.length));

/** True for a key that holds part of the follow list, in either area. */
export function isFollowListKey(key: string): boolean {
  const { index, chunks, mirror, local, inLocal, setAside } = followSlots;
  // `follows.meta` and its parts start with the chunks' prefix too.
  return key === index.key || key.startsWith(chunks.prefix) || [local, inLocal, setAside, mirror].some((slot) => slot.key === key);
}
