import { compareHandles } from '@/lib/domain/handle';
import type { Follow } from '@/lib/platform/follows';
import type { CacheEntry } from '@/lib/platform/storage';

export type RowStatus = 'live' | 'offline' | 'not_found' | 'error' | 'unknown';

export interface CreatorRowData {
  follow: Follow;
  entry: CacheEntry | null;
  status: RowStatus;
  pinned: boolean;
}

export function rowStatus(entry: CacheEntry | null): RowStatus {
  const lookup = entry?.lookup;
  if (lookup) return lookup.status;
  return entry?.error ? 'error' : 'unknown';
}

const RANK: Record<RowStatus, number> = { live: 0, offline: 1, unknown: 2, not_found: 3, error: 4 };

/**
 * Live first, then the rest; within each, pinned creators first; then by status: live by viewers, offline most
 * recently live first, then unknown, not found, errored.
 */
export function sortCreators(follows: Follow[], entries: ReadonlyMap<string, CacheEntry>, pins: ReadonlySet<string> = new Set()): CreatorRowData[] {
  const rows = follows.map((follow) => {
    const entry = entries.get(follow.handle) ?? null;
    return { follow, entry, status: rowStatus(entry), pinned: pins.has(follow.handle) };
  });
  const viewers = (r: CreatorRowData) => (r.entry?.lookup?.status === 'live' ? (r.entry.lookup.live.viewerCount ?? 0) : 0);
  const section = (r: CreatorRowData) => (r.status === 'live' ? 0 : 1);
  return rows.sort(
    (a, b) =>
      section(a) - section(b) ||
      Number(b.pinned) - Number(a.pinned) ||
      RANK[a.status] - RANK[b.status] ||
      viewers(b) - viewers(a) ||
      (b.entry?.lastLiveAt ?? 0) - (a.entry?.lastLiveAt ?? 0) ||
      compareHandles(a.follow.handle, b.follow.handle),
  );
}

/** Whether a row matches what the user typed in the popup's filter: part of its handle or display name, any case. */
export function matchesFilter(row: CreatorRowData, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/^@/, '');
  if (!q) return true;
  const lookup = row.entry?.lookup;
  const name = lookup && lookup.status !== 'not_found' ? lookup.profile.displayName : null;
  return row.follow.handle.includes(q) || (name?.toLowerCase().includes(q) ?? false);
}
