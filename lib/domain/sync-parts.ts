/**
 * How the follow list is cut to fit `storage.sync`, which refuses any item over 8 kB (QUOTA_BYTES_PER_ITEM, key
 * included; Firefox's limit is the same) and then refuses the whole write. Pure: what to store, not storing it.
 */

/** Bytes per stored piece as the browser counts them: below QUOTA_BYTES_PER_ITEM (8192) with room for the key. */
const PART_BYTES = 7000;

/**
 * What Chrome adds to a number's JSON when it counts an item against its quota: it keeps a number that is not a 32-bit
 * integer (a timestamp) as a double and writes it in exponent form (1795400000123 as 1.795400000123e+12: 18 bytes, not
 * 13; measured in Chromium 156). Five bytes, and one of margin.
 */
const DOUBLE_EXTRA_BYTES = 6;

/** The bytes `value` takes in the sync area as Chrome counts them (its JSON, with every double written long). */
export function syncBytes(value: unknown): number {
  let doubles = 0;
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !(Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31)) doubles++;
    return v;
  });
  return (json?.length ?? 0) + doubles * DOUBLE_EXTRA_BYTES;
}

/** `entries` cut in order into pieces whose size (`overhead` plus each entry's `sizeOf`) stays under PART_BYTES. */
export function chunk<T>(entries: T[], overhead = 2, sizeOf: (entry: T) => number = (entry) => syncBytes(entry) + 1): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = overhead;
  for (const entry of entries) {
    const entrySize = sizeOf(entry);
    if (current.length && size + entrySize > PART_BYTES) {
      chunks.push(current);
      current = [];
      size = overhead;
    }
    current.push(entry);
    size += entrySize;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** `[handle, when]` pairs, as in the follow list's state. */
interface Stamps {
  changed: [string, number][];
  removed: [string, number][];
}

/** `{"changed":[],"removed":[],"parts":NNN}` and a little room. */
const STAMPS_OVERHEAD = 48;

/**
 * The stamps cut into parts that each fit an item, the newest first: the first part is what a build from before the
 * parts reads alone, and the newest stamps are the ones a merge is most likely to need. An import of a few hundred
 * follows with their old dates, or a few hundred removals, stamps each handle; in one item they would pass 8 kB, and
 * sync would refuse the whole list.
 */
export function splitStamps({ changed, removed }: Stamps): Stamps[] {
  const tagged = [...changed.map((s) => ({ s, removed: false })), ...removed.map((s) => ({ s, removed: true }))];
  tagged.sort((a, b) => b.s[1] - a.s[1]);
  const parts = chunk(tagged, STAMPS_OVERHEAD, (t) => syncBytes(t.s) + 1).map((part) => ({
    changed: part.filter((t) => !t.removed).map((t) => t.s),
    removed: part.filter((t) => t.removed).map((t) => t.s),
  }));
  return parts.length ? parts : [{ changed: [], removed: [] }];
}

/** The parts read back as one set of stamps (a part that could not be read costs only its own stamps). */
export function joinStamps(parts: Stamps[]): Stamps {
  return { changed: parts.flatMap((p) => p.changed), removed: parts.flatMap((p) => p.removed) };
}
