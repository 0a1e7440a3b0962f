import type { Lookup } from '@/lib/socialfetch/model';

/** One go-live of a followed creator, as the popup's "Recently live" list shows it. */
export interface RecentLive {
  handle: string;
  name: string;
  roomId: string;
  title: string | null;
  startedAt: number;
  /** When a check first found it over; null while live (or not checked since). */
  endedAt: number | null;
}

export const RECENT_LIVES_CAP = 50;

interface Answer {
  handle: string;
  lookup: Lookup | null;
  error: unknown;
}

const roomOf = (answer: Answer | null) => (answer?.lookup?.status === 'live' ? answer.lookup.live.roomId : null);
const endOpen = (list: RecentLive[], handle: string, at: number) =>
  list.map((r) => (r.handle === handle && r.endedAt === null ? { ...r, endedAt: at } : r));

/** Whether an answer can change the list at all: only one whose room differs from the answer before it. */
export const changesRoom = (answer: Answer, previous: Answer | null) => !answer.error && roomOf(answer) !== roomOf(previous);

/**
 * The list after one answer, or null when it does not change: a new room goes first (closing the creator's previous
 * one), an answer that finds the creator no longer live closes its open room. An error says nothing either way.
 */
export function noteAnswer(list: RecentLive[], answer: Answer, at: number): RecentLive[] | null {
  if (answer.error || !answer.lookup) return null;
  const room = roomOf(answer);
  if (room !== null && answer.lookup.status === 'live') {
    if (list.some((r) => r.handle === answer.handle && r.roomId === room)) return null;
    const { live, profile } = answer.lookup;
    const entry = { handle: answer.handle, name: profile.displayName ?? `@${answer.handle}`, roomId: room, title: live.title, startedAt: live.startedAt ?? at, endedAt: null };
    return [entry, ...endOpen(list, answer.handle, at)].slice(0, RECENT_LIVES_CAP);
  }
  return list.some((r) => r.handle === answer.handle && r.endedAt === null) ? endOpen(list, answer.handle, at) : null;
}
