import type { Follow } from './follows';
import type { CacheEntry, KeyState } from './storage';

export interface ToolbarState {
  text: string;
  color: string;
  title: string;
}

export const LIVE_RED = '#fe2c55';
const WARNING = '#f59e0b';
const STALE_GREY = '#6b7280';

export function liveFollows(follows: Follow[], entries: Map<string, CacheEntry>): { handle: string; name: string }[] {
  return follows.flatMap((f) => {
    const lookup = entries.get(f.handle)?.lookup;
    return lookup?.status === 'live' ? [{ handle: f.handle, name: lookup.profile.displayName ?? `@${f.handle}` }] : [];
  });
}

export function computeToolbar(input: {
  follows: Follow[];
  entries: Map<string, CacheEntry>;
  keyState: KeyState;
  demo: boolean;
  stale: boolean;
}): ToolbarState {
  if (!input.demo && (input.keyState.state === 'invalid' || input.keyState.state === 'out_of_credits')) {
    const why = input.keyState.state === 'invalid' ? 'the API key was refused' : 'the account is out of credits';
    return { text: '!', color: WARNING, title: `Live Radar: checking stopped, ${why}. Open the options to fix it.` };
  }
  const live = liveFollows(input.follows, input.entries);
  const lines = live.length
    ? [`Live now (${live.length}):`, ...live.slice(0, 20).map((l) => `• ${l.name}`), ...(live.length > 20 ? ['…'] : [])]
    : ['Live Radar: nobody you follow is live'];
  if (input.demo) lines.unshift('DEMO MODE');
  if (input.stale) {
    lines.push('Checking has stalled: the last successful check is more than three intervals old.');
    return { text: live.length ? String(live.length) : '?', color: STALE_GREY, title: lines.join('\n') };
  }
  return { text: live.length ? String(live.length) : '', color: LIVE_RED, title: lines.join('\n') };
}
