import { describe, expect, it } from 'vitest';
import { noteAnswer, RECENT_LIVES_CAP, type RecentLive } from '@/lib/domain/recent-lives';
import type { Lookup } from '@/lib/socialfetch/model';

const profile = (handle: string) => ({ handle, displayName: null, avatarUrl: null, verified: false, followerCount: null });
const live = (handle: string, roomId: string, startedAt: number | null = 100): { handle: string; lookup: Lookup; error: null } => ({
  handle,
  lookup: { status: 'live', profile: profile(handle), live: { roomId, title: null, startedAt, viewerCount: null, variants: [] } },
  error: null,
});
const offline = (handle: string) => ({ handle, lookup: { status: 'offline', profile: profile(handle) } as Lookup, error: null });

describe('recently live', () => {
  it('puts a new room first, once, and closes the creator\'s previous room', () => {
    const first = noteAnswer([], live('sunny', 'r1'), 1000)!;
    expect(first).toEqual([{ handle: 'sunny', name: '@sunny', roomId: 'r1', title: null, startedAt: 100, endedAt: null }]);
    expect(noteAnswer(first, live('sunny', 'r1'), 2000)).toBeNull();
    const second = noteAnswer(first, live('sunny', 'r2', 5000), 6000)!;
    expect(second.map((r) => [r.roomId, r.endedAt])).toEqual([['r2', null], ['r1', 6000]]);
  });

  it('closes the open room when a check finds the creator offline; an error says nothing', () => {
    const list = noteAnswer([], live('sunny', 'r1'), 1000)!;
    expect(noteAnswer(list, { handle: 'sunny', lookup: null, error: { kind: 'timeout' } }, 2000)).toBeNull();
    expect(noteAnswer(list, offline('sunny'), 3000)![0]!.endedAt).toBe(3000);
    expect(noteAnswer([], offline('sunny'), 3000)).toBeNull();
  });

  it(`keeps the last ${RECENT_LIVES_CAP}`, () => {
    let list: RecentLive[] = [];
    for (let i = 0; i < RECENT_LIVES_CAP + 5; i++) list = noteAnswer(list, live(`c${i}`, `r${i}`), i)!;
    expect(list).toHaveLength(RECENT_LIVES_CAP);
    expect(list[0]!.handle).toBe(`c${RECENT_LIVES_CAP + 4}`);
  });
});
