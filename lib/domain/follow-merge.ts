import { compareHandles } from '@/lib/domain/handle';
import type { Follow } from '@/lib/domain/model';

/**
 * The follow list as it syncs between the user's browsers: the follows, and per handle when it last changed (added,
 * muted or unmuted) or was removed. Two browsers that changed the list at the same time are merged handle by handle,
 * the later change winning, so an add in one and a remove in the other both survive.
 */
export interface FollowState {
  follows: Follow[];
  /** `[handle, when]` pairs (as pairs, `__proto__` is a handle like any other). */
  changed: [string, number][];
  removed: [string, number][];
}

/** Removals are remembered this long, and at most this many: enough for a browser that was offline for weeks. */
const TOMBSTONE_DAYS = 60;
const MAX_TOMBSTONES = 1000;

export const EMPTY_STATE: FollowState = { follows: [], changed: [], removed: [] };

const stampsOf = (pairs: [string, number][]) => new Map(pairs);

/** When `follow` last changed: its own stamp, else when it was added. */
function presentAt(changed: Map<string, number>, follow: Follow): number {
  return Math.max(follow.addedAt, changed.get(follow.handle) ?? 0);
}

export function mergeFollowStates(a: FollowState, b: FollowState, now: number): FollowState {
  const changedA = stampsOf(a.changed);
  const changedB = stampsOf(b.changed);
  const removed = new Map<string, number>();
  for (const [handle, at] of [...a.removed, ...b.removed]) removed.set(handle, Math.max(at, removed.get(handle) ?? 0));

  const byHandle = new Map<string, { follow: Follow; at: number }>();
  for (const [state, changed] of [
    [a, changedA],
    [b, changedB],
  ] as const) {
    for (const follow of state.follows) {
      const at = presentAt(changed, follow);
      const known = byHandle.get(follow.handle);
      if (!known || at > known.at) byHandle.set(follow.handle, { follow, at });
    }
  }

  const follows: Follow[] = [];
  const changed: [string, number][] = [];
  for (const { follow, at } of byHandle.values()) {
    // A tie keeps the follow: losing one the user made is worse than keeping one they removed.
    if ((removed.get(follow.handle) ?? -1) > at) continue;
    removed.delete(follow.handle);
    follows.push(follow);
    if (at > follow.addedAt) changed.push([follow.handle, at]);
  }
  const cutoff = now - TOMBSTONE_DAYS * 86_400_000;
  const tombstones = [...removed].filter(([, at]) => at >= cutoff).sort((x, y) => y[1] - x[1]).slice(0, MAX_TOMBSTONES);
  return { follows, changed, removed: tombstones };
}

/** The state after the user changed the list from `before.follows` to `next` at `now`. */
export function recordChange(before: FollowState, next: Follow[], now: number): FollowState {
  const old = new Map(before.follows.map((f) => [f.handle, f]));
  const kept = new Set(next.map((f) => f.handle));
  const changed = stampsOf(before.changed);
  const removed = stampsOf(before.removed);
  for (const follow of next) {
    const was = old.get(follow.handle);
    if (!was) removed.delete(follow.handle);
    if (!was || was.notify !== follow.notify) {
      // A stamp no later than `addedAt` says nothing `addedAt` does not (see presentAt), and sync allows the stamps
      // 8 kB: a follow added now needs none, so an import of hundreds does not push the list out of sync.
      if (now > follow.addedAt) changed.set(follow.handle, now);
      else changed.delete(follow.handle);
    }
  }
  for (const handle of old.keys()) {
    if (!kept.has(handle)) {
      removed.set(handle, now);
      changed.delete(handle);
    }
  }
  for (const handle of changed.keys()) if (!kept.has(handle)) changed.delete(handle);
  return { follows: next, changed: [...changed], removed: [...removed] };
}

/** True when both describe the same list and stamps (no write needed). */
export function sameState(a: FollowState, b: FollowState): boolean {
  const key = (s: FollowState) =>
    JSON.stringify([
      [...s.follows].sort((x, y) => compareHandles(x.handle, y.handle)),
      [...s.changed].sort((x, y) => compareHandles(x[0], y[0])),
      [...s.removed].sort((x, y) => compareHandles(x[0], y[0])),
    ]);
  return key(a) === key(b);
}
