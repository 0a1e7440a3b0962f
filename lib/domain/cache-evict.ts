/** Cache entries kept for creators the user does not follow (profiles visited); followed creators' entries always stay. */
export const CACHE_CAP = 500;

interface CacheUse {
  handle: string;
  /** When the entry last got an answer (its last use that cost or could cost a credit). */
  lastUsed: number;
}

/** Which entries to drop: the least recently used of those not followed, beyond `cap`. */
export function planEviction(entries: readonly CacheUse[], followed: ReadonlySet<string>, cap = CACHE_CAP): string[] {
  const others = entries.filter((e) => !followed.has(e.handle)).sort((a, b) => b.lastUsed - a.lastUsed);
  return others.slice(cap).map((e) => e.handle);
}
