import { compareHandles } from '@/lib/domain/handle';
import type { Follow, CacheEntry } from '@/lib/domain/model';

type RowStatus = 'live' | 'offline' | 'not_found' | 'error' | 'unknown';

export interface CreatorRowData {
  follow: Follow;
  entry: CacheEntry | null;
  status: RowStatus;
  pinned: boolean;
}

function rowStatus(entry: CacheEntry | null): RowStatus {
  const lookup = entry?.lookup;
  if (lookup) return lookup.status;
  return entry?.error ? 'error' : 'unknown';
}

const RANK: Record<RowStatus, number> = { live: 0, offline: 1, unknown: 2, not_found: 3, error: 4 };

/** A row's place before any count or date: its section (live or not), then pinned, then status. */
const groupOf = ({ status, pinned }: Pick<CreatorRowData, 'status' | 'pinned'>) => (status === 'live' ? 0 : 10) + (pinned ? 0 : 5) + RANK[status];

/**
 * Live first, then the rest; within each, pinned creators first; then by status: live by viewers, offline most
 * recently live first, then unknown, not found, errored.
 */
export function sortCreators(follows: Follow[], entries: ReadonlyMap<string, CacheEntry>, pins: ReadonlySet<string> = new Set()): CreatorRowData[] {
  // Each row's keys are worked out once, not in each of the n log n comparisons: the popup's first frame waits on
  // this sort of the whole list.
  const keyed = follows.map((follow) => {
    const entry = entries.get(follow.handle) ?? null;
    const status = rowStatus(entry);
    const pinned = pins.has(follow.handle);
    const lookup = entry?.lookup;
    return {
      row: { follow, entry, status, pinned },
      group: groupOf({ status, pinned }),
      viewers: lookup?.status === 'live' ? (lookup.live.viewerCount ?? 0) : 0,
      lastLiveAt: entry?.lastLiveAt ?? 0,
    };
  });
  keyed.sort(
    (a, b) =>
      a.group - b.group || b.viewers - a.viewers || b.lastLiveAt - a.lastLiveAt || compareHandles(a.row.follow.handle, b.row.follow.handle),
  );
  return keyed.map((k) => k.row);
}

/**
 * The sorted rows, those already on screen in the same group kept in the order shown: a viewer count changing while
 * the popup is open does not move rows under the user's pointer, or away with their focus (a moved row loses it). A row
 * new to its group (a creator who just went live, one just pinned) comes after the rows kept there.
 */
export function keepPlaces(rows: CreatorRowData[], shown: readonly CreatorRowData[]): CreatorRowData[] {
  const before = new Map(shown.map((row, at) => [row.follow.handle, { group: groupOf(row), at }]));
  const keyed = rows.map((row, i) => {
    const group = groupOf(row);
    const was = before.get(row.follow.handle);
    return { row, group, at: was?.group === group ? was.at : shown.length + i };
  });
  keyed.sort((a, b) => a.group - b.group || a.at - b.at);
  return keyed.map((k) => k.row);
}

/** Whether a row matches what the user typed in the popup's filter: part of its handle or display name, any case. */
export function matchesFilter(row: CreatorRowData, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/^@/, '');
  if (!q) return true;
  const lookup = row.entry?.lookup;
  const name = lookup && lookup.status !== 'not_found' ? lookup.profile.displayName : null;
  return row.follow.handle.includes(q) || (name?.toLowerCase().includes(q) ?? false);
}
