import { createBadge, type Badge, type BadgeAction } from '@/components/live-badge';
import { BADGE_REVEAL_MS, type BadgeAnswer, type BadgePush } from '@/lib/domain/badge-view';
import { waitFor, whenVisible } from '@/lib/tiktok/page-watch';
import { send } from './activity';
import { isShown } from '@/components/plain-dom';
import { findBadgeAnchor, isDarkPage } from '@/lib/tiktok/page';

/** A tab in the background asks nothing until shown: its badge says "Checking…" after this long. */
const HIDDEN_GRACE_MS = 250;
/** How often a live badge's time live is written again. */
const UPTIME_TICK_MS = 60_000;
/** How long a button's failure is said before the badge shows its status again. */
const ACTION_ERROR_MS = 5000;
/** A live badge counts as seen once found on screen this many times in a row, this far apart (about a second). */
const SEEN_SAMPLES = 3;
const SEEN_SAMPLE_MS = 400;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** An error in place of the answer, keeping what the badge knew of the follow (followed, muted, pinned). */
const failed = (error: unknown, before?: BadgeAnswer): BadgeAnswer => ({
  followed: false,
  demo: false,
  ...before,
  view: { kind: 'error', message: errorText(error) },
});

/**
 * One badge at a time, for the profile the tab shows. Everything it displays comes from the background's answers
 * and pushes: the content script reads no storage. With "check profiles I visit" off the background answers null and
 * no badge is shown for anyone, so the badge never tells the page which creators the user follows.
 */
export function createBadgeController(doc: Document) {
  let current: { handle: string; badge: Badge; answer: BadgeAnswer; sight?: 'watching' | 'reported' } | null = null;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let watch: ReturnType<typeof setInterval> | undefined;

  function render(answer: BadgeAnswer) {
    if (!current) return;
    current.answer = answer;
    current.badge.render(answer, Date.now());
    // "for 25m" counts on while a live is shown: no push comes for a creator the user does not follow.
    clearInterval(ticker);
    if (answer.view.kind === 'live') ticker = setInterval(() => current?.badge.render(current.answer, Date.now()), UPTIME_TICK_MS);
    if (answer.view.kind !== 'live') {
      clearInterval(watch);
      current.sight = undefined;
    } else if (!current.sight) watchSeen(current);
  }

  /**
   * Tells the background once the live badge has been on screen for about a second: only then is the live no news
   * (a page hiding the badge while it visits a followed creator must not silence the go-live's notification).
   */
  function watchSeen(shown: NonNullable<typeof current>) {
    clearInterval(watch);
    shown.sight = 'watching';
    let streak = 0;
    watch = setInterval(() => {
      if (current !== shown || shown.answer.view.kind !== 'live') return clearInterval(watch);
      streak = doc.visibilityState === 'visible' && isShown(shown.badge.host) ? streak + 1 : 0;
      if (streak < SEEN_SAMPLES) return;
      clearInterval(watch);
      shown.sight = 'reported';
      send({ type: 'seen', handle: shown.handle }).catch(() => undefined);
    }, SEEN_SAMPLE_MS);
  }

  async function ask(handle: string, retry: boolean): Promise<BadgeAnswer | null> {
    try {
      return await send({ type: 'visit', handle, ...(retry ? { retry } : {}) });
    } catch (error) {
      return failed(error, current?.answer);
    }
  }

  /**
   * A button's request failed: said on the badge for a moment, then the badge shows again what it knew (the answer from
   * before the button, unless a push brought a newer one). Left in place of the status, with a Retry, the error would
   * hide a live, and its Retry would check the creator again (a credit) instead of redoing what the user asked.
   */
  function actionFailed(handle: string, error: unknown, before: BadgeAnswer, optimistic: BadgeAnswer) {
    if (current?.handle !== handle) return;
    const known = current.answer === optimistic ? before : current.answer;
    render({ ...known, view: { kind: 'error', message: errorText(error), action: true } });
    const shown = current.answer;
    setTimeout(() => current?.answer === shown && render(known), ACTION_ERROR_MS);
  }

  function act(handle: string, action: BadgeAction) {
    if (current?.handle !== handle) return;
    const before = current.answer;
    if (action === 'options') {
      send({ type: 'openOptions' }).catch((error: unknown) => actionFailed(handle, error, before, before));
      return;
    }
    if (action === 'retry') {
      render({ ...before, view: { kind: 'checking' } });
      // Null: checking visited profiles was switched off meanwhile, so this badge goes.
      void ask(handle, true).then((answer) => current?.handle === handle && (answer ? render(answer) : clear()));
      return;
    }
    if (action === 'pin') {
      const pinned = !before.pinned;
      const optimistic = { ...before, pinned, followed: before.followed || pinned };
      render(optimistic);
      send({ type: 'setPin', handle, pinned }).then(
        (answer) => current?.handle === handle && render({ ...current.answer, ...answer }),
        (error: unknown) => actionFailed(handle, error, before, optimistic),
      );
      return;
    }
    // Muted: the button turns notifications on; otherwise it follows or unfollows.
    const follow = !before.followed || before.muted === true;
    const optimistic = { ...before, followed: follow, muted: false };
    render(optimistic);
    send({ type: 'follow', handle, follow }).then(
      ({ followed, notify }) => current?.handle === handle && render({ ...current.answer, followed, muted: followed && !notify }),
      (error: unknown) => actionFailed(handle, error, before, optimistic),
    );
  }

  async function show(handle: string, signal: AbortSignal) {
    // Ask while the page loads and the header renders: the answer is usually there by the time the anchor is. A tab
    // opened in the background asks once it is shown, and says "Checking…" until then.
    const sleep = (ms: number) => new Promise<undefined>((resolve) => setTimeout(resolve, Math.max(0, ms)));
    const askedAt = whenVisible(doc, signal).then(() => Date.now());
    const answer = askedAt.then(() => (signal.aborted ? null : ask(handle, false)));
    // The script starts before the body exists: watch the whole document until this profile's header is there (a
    // title that never names it, should TikTok change what it shows, is taken once the wait is over).
    const anchor = (await waitFor(doc.documentElement, () => findBadgeAnchor(doc, handle), signal)) ?? findBadgeAnchor(doc);
    if (signal.aborted) return;
    const at = await Promise.race([askedAt, sleep(HIDDEN_GRACE_MS)]);
    if (at !== undefined) await sleep(at + BADGE_REVEAL_MS - Date.now());
    // The answer if it is there by now (a settled promise wins the race), else "Checking…" until it comes.
    const early = await Promise.race([answer, sleep(0)]);
    if (signal.aborted || early === null) return;

    const badge = createBadge(handle, isDarkPage(doc) ? 'dark' : 'light', (action) => act(handle, action));
    if (anchor) anchor.element.after(badge.host);
    else {
      badge.host.classList.add('lr-fixed');
      (doc.body ?? doc.documentElement).prepend(badge.host);
    }
    current = { handle, badge, answer: early ?? { view: { kind: 'checking' }, followed: false, demo: false } };
    render(current.answer);
    if (early) return;
    const late = await answer;
    if (signal.aborted) return;
    if (late) render(late);
    else clear();
  }

  function clear() {
    clearInterval(ticker);
    clearInterval(watch);
    current?.badge.host.remove();
    current = null;
  }

  return {
    show,
    clear,
    receive(push: BadgePush) {
      if (push?.type === 'badge' && push.handle === current?.handle) render(push.answer);
    },
  };
}
