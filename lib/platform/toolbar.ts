import { browser } from 'wxt/browser';
import type { Follow, CacheEntry, KeyState } from '@/lib/domain/model';
import { t } from '@/lib/platform/i18n';

interface ToolbarState {
  text: string;
  color: string;
  title: string;
}

// The toolbar count is white text on this red: #e11d48 gives 6.0:1 where TikTok's #fe2c55 gives 3.7:1.
const LIVE_RED = '#e11d48';
const WARNING = '#f59e0b';
const STALE_GREY = '#6b7280';

/** What the toolbar shows of one answer: the live creator's name, or nothing. */
export function toolbarName(entry: CacheEntry | null | undefined): string | null {
  if (entry?.lookup?.status !== 'live') return null;
  return entry.lookup.profile.displayName ?? `@${entry.handle}`;
}

function liveFollows(follows: Follow[], entries: Map<string, CacheEntry>): { handle: string; name: string }[] {
  return follows.flatMap((f) => {
    const name = toolbarName(entries.get(f.handle));
    return name === null ? [] : [{ handle: f.handle, name }];
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
    const title = input.keyState.state === 'invalid' ? t('toolbarKeyRefused') : t('toolbarOutOfCredits');
    return { text: '!', color: WARNING, title };
  }
  // With follows but no key nothing was checked: "nobody is live" would be a guess.
  if (!input.demo && input.keyState.state === 'missing' && input.follows.length > 0) {
    return { text: '', color: WARNING, title: t('toolbarNoKey') };
  }
  const live = liveFollows(input.follows, input.entries);
  const lines = live.length
    ? [t('toolbarLiveNow', live.length), ...live.slice(0, 20).map((l) => `• ${l.name}`), ...(live.length > 20 ? ['…'] : [])]
    : [t('toolbarNobody')];
  if (input.demo) lines.unshift(t('toolbarDemo'));
  if (input.stale) {
    lines.push(t('toolbarStalled'));
    return { text: live.length ? String(live.length) : '?', color: STALE_GREY, title: lines.join('\n') };
  }
  return { text: live.length ? String(live.length) : '', color: LIVE_RED, title: lines.join('\n') };
}

/** The toolbar button shows `state`. Firefox's MV2 build has `browserAction` where MV3 has `action`. */
export async function showToolbar(state: ToolbarState) {
  const action = browser.action ?? browser.browserAction;
  await action.setBadgeText({ text: state.text });
  await action.setBadgeBackgroundColor({ color: state.color });
  await action.setTitle({ title: state.title });
}
