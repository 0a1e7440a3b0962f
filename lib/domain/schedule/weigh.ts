import type { Book } from './book';
import { pageAllowance } from '@/lib/domain/budget';
import { confirmCap, decideSignal, isTrusted, recordAgreement, type Signal, type SignalSource } from './signals';

export interface WeighInput {
  followed: ReadonlySet<string>;
  /** What the last paid answer said about a creator. */
  known: (handle: string) => 'live' | 'offline' | 'unknown';
  /** The plan's spacing for a creator now, in ms; null when checks cannot move (fixed-interval checking). */
  gapMs: (handle: string) => number | null;
  now: number;
  random: () => number;
  /** The day's budget: the confirmations' cap scales with it. */
  perDay: number;
}

/**
 * Free signals from the user's TikTok tabs, weighed against the book: which claims buy a confirming paid check (within
 * the caps), and which creators' next checks move later. Signals about creators the user does not follow are dropped.
 */
export function weighSignals(book: Book, signals: readonly Signal[], input: WeighInput): { book: Book; confirm: Signal[] } {
  const { now } = input;
  const cap = confirmCap(pageAllowance(input.perDay));
  let confirms = book.confirms.filter(([, at]) => at <= now && now - at < cap.perMs);
  const byHandle = new Map(book.creators.map((c) => [c.handle, c]));
  const held = new Map<string, number>();
  const confirm: Signal[] = [];
  const seen = new Set<string>();
  for (const signal of signals) {
    if (!input.followed.has(signal.handle) || seen.has(signal.handle)) continue;
    seen.add(signal.handle);
    const gap = input.gapMs(signal.handle);
    const creator = byHandle.get(signal.handle);
    const due = creator?.nextDue ?? now;
    const decision = decideSignal(signal, {
      known: input.known(signal.handle),
      trusted: isTrusted(book.trust[signal.source]),
      lastConfirmAt: confirms.filter(([h]) => h === signal.handle).at(-1)?.[1] ?? null,
      confirmLog: confirms.map(([, at]) => at),
      confirmsPerHour: cap.max,
      nextDue: due,
      held: creator?.heldTo !== undefined,
      gapMs: gap ?? 0,
      now,
      random: input.random,
    });
    if (decision.kind === 'confirm') {
      confirms = [...confirms, [signal.handle, now]];
      confirm.push(signal);
    } else if (decision.kind === 'postpone' && gap !== null) {
      held.set(signal.handle, decision.until);
    }
  }
  return {
    book: {
      ...book,
      confirms,
      // Held, not only moved: the plan's next recount of every creator's check would otherwise put it back.
      creators: book.creators.map((c) => (held.has(c.handle) ? { ...c, nextDue: held.get(c.handle)!, heldTo: held.get(c.handle)! } : c)),
    },
    confirm,
  };
}

/** A paid answer that followed a signal: whether the source told the truth. */
export function recordTrust(book: Book, source: SignalSource, agreed: boolean): Book {
  return { ...book, trust: { ...book.trust, [source]: recordAgreement(book.trust[source], agreed) } };
}
