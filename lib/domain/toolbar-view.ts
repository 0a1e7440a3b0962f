import type { CheckingStatus } from '@/lib/domain/checking-status';
import type { CacheEntry, Follow } from '@/lib/domain/model';
import { RUNWAY_WARN_DAYS } from '@/lib/domain/budget';

export interface ToolbarView {
  text: string;
  color: string;
  title: string;
}

type ToolbarWord =
  | 'toolbarKeyRefused'
  | 'toolbarOutOfCredits'
  | 'toolbarPaused'
  | 'toolbarNoKey'
  | 'toolbarNoFollows'
  | 'toolbarLiveNow'
  | 'toolbarNobody'
  | 'toolbarDemo'
  | 'toolbarStalled'
  | 'toolbarBudgetSpent'
  | 'toolbarRunway';
/** The wording, in the user's language (`t` in the extension). */
export type ToolbarWords = (key: ToolbarWord, ...substitutions: (string | number)[]) => string;

// The toolbar count is white text on this red: #e11d48 gives 6.0:1 where TikTok's #fe2c55 gives 3.7:1.
const LIVE_RED = '#e11d48';
const WARNING = '#f59e0b';
const STALE_GREY = '#6b7280';
/** The tooltip names this many live creators, then "…". */
const NAMED = 20;

/** What the toolbar shows of one answer: the live creator's name, or nothing. */
export function toolbarName(entry: CacheEntry | null | undefined): string | null {
  if (entry?.lookup?.status !== 'live') return null;
  return entry.lookup.profile.displayName ?? `@${entry.handle}`;
}

/** The toolbar button: the count of live follows, or why there is none to give. */
export function toolbarView(
  input: {
    follows: readonly Follow[];
    entries: Map<string, CacheEntry>;
    status: CheckingStatus;
    /** Days the balance lasts at the current spending, when known: under a week the button warns before checking stops. */
    runwayDays: number | null;
  },
  t: ToolbarWords,
): ToolbarView {
  const { status } = input;
  const stopped = { key_invalid: 'toolbarKeyRefused', out_of_credits: 'toolbarOutOfCredits', paused: 'toolbarPaused' } as const;
  if (status.kind in stopped) return { text: '!', color: WARNING, title: t(stopped[status.kind as keyof typeof stopped]) };
  // Nothing was checked without a key, and there is nobody to check without follows: "nobody is live" would be a guess.
  if (status.kind === 'no_key') return { text: '', color: WARNING, title: t('toolbarNoKey') };
  if (status.kind === 'idle') return { text: '', color: LIVE_RED, title: t('toolbarNoFollows') };
  const live = input.follows.flatMap((f) => toolbarName(input.entries.get(f.handle)) ?? []);
  const lines = live.length
    ? [t('toolbarLiveNow', live.length), ...live.slice(0, NAMED).map((name) => `• ${name}`), ...(live.length > NAMED ? ['…'] : [])]
    : [t('toolbarNobody')];
  if (status.kind === 'demo') lines.unshift(t('toolbarDemo'));
  if (status.kind === 'stale' || status.kind === 'budget_spent') {
    lines.push(t(status.kind === 'stale' ? 'toolbarStalled' : 'toolbarBudgetSpent'));
    return { text: live.length ? String(live.length) : '?', color: STALE_GREY, title: lines.join('\n') };
  }
  const short = input.runwayDays !== null && input.runwayDays < RUNWAY_WARN_DAYS;
  if (short) lines.push(t('toolbarRunway', input.runwayDays!));
  return { text: live.length ? String(live.length) : short ? '!' : '', color: short ? WARNING : LIVE_RED, title: lines.join('\n') };
}
