import type { Blocked, KeyState, PollState, Settings } from '@/lib/domain/model';
import { isStale } from '@/lib/domain/staleness';

type KeyBlock = Extract<Blocked, 'no_key' | 'key_invalid' | 'out_of_credits' | 'rate_limited'>;

/** Why the key lets no call be made now, if it does not. */
export function keyBlock(keyState: KeyState, now: number): KeyBlock | undefined {
  switch (keyState.state) {
    case 'missing':
      return 'no_key';
    case 'invalid':
      return 'key_invalid';
    case 'out_of_credits':
      return 'out_of_credits';
    case 'rate_limited':
      return (keyState.until ?? 0) > now ? 'rate_limited' : undefined;
    default:
      return undefined;
  }
}

/**
 * Whether checking runs, and if not why: the one answer the popup's header, summary and banner and the toolbar show.
 * `running` carries the newest answer's time, not the last cycle's: a cycle that had nobody due checked nobody.
 */
export type CheckingStatus =
  | { kind: 'demo'; lastAnswerAt: number | null }
  | { kind: KeyBlock; until?: number }
  /** The last cycle stopped on an account error and nobody resumed it (the key may be fine again). */
  | { kind: 'paused' }
  /** Nobody followed: nothing to check. */
  | { kind: 'idle' }
  /** Social Fetch failed; the next try is at `until`. */
  | { kind: 'backoff'; until: number }
  /** The day's budget is spent: the plan's checks start again at `until` (the next UTC day). */
  | { kind: 'budget_spent'; until: number }
  | { kind: 'stale'; lastSuccessAt: number | null }
  | { kind: 'running'; lastAnswerAt: number | null };

export interface StatusInput {
  keyState: KeyState;
  poll: PollState;
  settings: Pick<Settings, 'pollMinutes' | 'checkMode'>;
  demo: boolean;
  followCount: number;
  /** The newest answer among the followed creators' (null when none was ever answered). */
  lastAnswerAt: number | null;
  now: number;
}

export function checkingStatus(input: StatusInput): CheckingStatus {
  const { keyState, poll, now } = input;
  // Demo mode's source answers locally, whatever the key.
  if (input.demo) return { kind: 'demo', lastAnswerAt: input.lastAnswerAt };
  const blocked = keyBlock(keyState, now);
  if (blocked) return blocked === 'rate_limited' ? { kind: blocked, until: keyState.until ?? now } : { kind: blocked };
  if (poll.pausedFor) return { kind: 'paused' };
  if (!input.followCount) return { kind: 'idle' };
  if (poll.backoffUntil !== null && poll.backoffUntil > now) return { kind: 'backoff', until: poll.backoffUntil };
  if (poll.budgetSpentUntil !== undefined && poll.budgetSpentUntil > now) return { kind: 'budget_spent', until: poll.budgetSpentUntil };
  if (isStale(poll, input.settings, now)) return { kind: 'stale', lastSuccessAt: poll.lastSuccessAt };
  return { kind: 'running', lastAnswerAt: input.lastAnswerAt };
}

/** Whether the status tells what is live now: otherwise "nobody is live" would be a guess. */
export const knowsWhoIsLive = (status: CheckingStatus) => status.kind === 'running' || status.kind === 'demo';

/** The newest answer time among `entries`. */
export function newestAnswer(entries: Iterable<{ fetchedAt: number | null }>): number | null {
  let newest: number | null = null;
  for (const { fetchedAt } of entries) if (fetchedAt !== null && (newest === null || fetchedAt > newest)) newest = fetchedAt;
  return newest;
}
