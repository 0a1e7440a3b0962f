import { admit } from '@/lib/domain/rate-limit';

/**
 * Free observations from the user's TikTok tabs. The page is hostile and may fake any of them, so a signal never
 * notifies by itself: "live" buys at most one confirming paid check, "offline" at most one postponed check, and a
 * source is believed only while its signals agree with paid answers.
 */
export type SignalSource = 'profile' | 'list' | 'page-state';
type SignalState = 'live' | 'offline';

export interface Signal {
  handle: string;
  state: SignalState;
  source: SignalSource;
}

/** One confirming check per creator per 10 minutes. */
const CONFIRM_PER_CREATOR_MS = 10 * 60_000;
/**
 * All signal-triggered checks together, an hour: a page faking markers for every follow spends at most this. It
 * scales with the budget: a sixth of the pages' daily allowance (`pageAllowance`), so no single hour spends it all
 * (at least 1, at most 20).
 */
export function confirmCap(pagesPerDay: number): { max: number; perMs: number } {
  return { max: Math.min(20, Math.max(1, Math.ceil(pagesPerDay / 6))), perMs: 3_600_000 };
}
/** Agreement is judged on the last 50 comparisons; a source is believed while 95 % agree. */
export const TRUST_WINDOW = 50;
const TRUST_SHARE = 0.95;
/** Too few comparisons to judge: believed (the caps bound what a liar can spend meanwhile). */
const TRUST_MIN_SAMPLES = 10;
/** This share of postponements is checked anyway, to keep measuring the source. */
const AUDIT_SHARE = 0.1;
/**
 * This share of a distrusted source's claimed go-lives is still confirmed (within the same caps), so that a source
 * that agrees with paid answers again earns its trust back.
 */
const DISTRUSTED_AUDIT_SHARE = 0.05;

export function isTrusted(agreements: readonly boolean[]): boolean {
  const recent = agreements.slice(-TRUST_WINDOW);
  if (recent.length < TRUST_MIN_SAMPLES) return true;
  return recent.filter(Boolean).length / recent.length >= TRUST_SHARE;
}

export function recordAgreement(agreements: readonly boolean[], agreed: boolean): boolean[] {
  return [...agreements, agreed].slice(-TRUST_WINDOW);
}

export interface SignalContext {
  /** What the last paid answer said. */
  known: 'live' | 'offline' | 'unknown';
  trusted: boolean;
  /** When this creator's last signal-triggered check was made, if ever. */
  lastConfirmAt: number | null;
  /** When the signal-triggered checks of all creators were made (recent ones). */
  confirmLog: readonly number[];
  /** Those allowed an hour (`confirmCap`). */
  confirmsPerHour: number;
  /** The creator's next planned paid check, and the plan's spacing there. */
  nextDue: number;
  /** A signal already moved that check, and no paid check has been made since. */
  held: boolean;
  gapMs: number;
  now: number;
  random: () => number;
}

type SignalDecision =
  | { kind: 'confirm'; confirmLog: number[]; audit: boolean }
  | { kind: 'postpone'; until: number }
  | { kind: 'ignore'; why: 'untrusted' | 'recently_confirmed' | 'cap' | 'nothing_new' | 'held' };

export function decideSignal(signal: Pick<Signal, 'state'>, ctx: SignalContext): SignalDecision {
  const news = signal.state === 'live' ? ctx.known !== 'live' : ctx.known === 'live';
  if (!ctx.trusted) {
    if (!news || signal.state !== 'live' || ctx.random() >= DISTRUSTED_AUDIT_SHARE) return { kind: 'ignore', why: 'untrusted' };
    return confirmWithinCaps(ctx, true);
  }
  const audit = !news && ctx.random() < AUDIT_SHARE;
  if (news || audit) {
    // A claimed go-live is checked at once; a claimed end waits for the plan (it notifies nobody).
    if (!news || signal.state === 'live') return confirmWithinCaps(ctx, audit);
    return { kind: 'ignore', why: 'nothing_new' };
  }
  // What the page shows agrees with what is known: it stands in for one check, by at most one planned gap, and once in
  // a row: the moved check is made before any signal moves it again, so a page showing the same thing can't hold it off.
  if (ctx.held) return { kind: 'ignore', why: 'held' };
  const until = Math.min(ctx.nextDue + ctx.gapMs, Math.max(ctx.nextDue, ctx.now + ctx.gapMs));
  return until > ctx.nextDue ? { kind: 'postpone', until } : { kind: 'ignore', why: 'nothing_new' };
}

/** One confirming paid check, unless this creator had one lately or the hour's cap is spent. */
function confirmWithinCaps(ctx: SignalContext, audit: boolean): SignalDecision {
  if (ctx.lastConfirmAt !== null && ctx.now - ctx.lastConfirmAt < CONFIRM_PER_CREATOR_MS) return { kind: 'ignore', why: 'recently_confirmed' };
  const admitted = admit(ctx.confirmLog, ctx.now, ctx.confirmsPerHour, 3_600_000);
  if (!admitted.allowed) return { kind: 'ignore', why: 'cap' };
  return { kind: 'confirm', confirmLog: admitted.log, audit };
}
