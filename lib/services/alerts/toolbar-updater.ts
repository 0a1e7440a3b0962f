import type { Follow } from '@/lib/domain/model';
import { balanceItem, demoItem, keyStateItem, pollStateItem, readCacheEntries, settingsItem } from '@/lib/platform/storage';
import { readDailyBudget } from '@/lib/platform/budget-store';
import { runwayDays, spendPerDay } from '@/lib/domain/budget';
import { showToolbar } from '@/lib/platform/toolbar';
import { t } from '@/lib/platform/i18n';
import { checkingStatus, newestAnswer } from '@/lib/domain/checking-status';
import { toolbarName, toolbarView } from '@/lib/domain/toolbar-view';
import type { CacheEntry } from '@/lib/domain/model';

const TOOLBAR_SETTLE_MS = 1000;

/** The toolbar button: its count, colour and tooltip, from what is stored. */
export function createToolbarUpdater(now: () => number, readFollows: () => Promise<Follow[]>) {
  async function updateToolbar() {
    const [follows, keyState, demo, poll, settings, balance, perDay] = await Promise.all([
      readFollows(),
      keyStateItem.get(),
      demoItem.get(),
      pollStateItem.get(),
      settingsItem.get(),
      balanceItem.get(),
      readDailyBudget(),
    ]);
    const entries = await readCacheEntries(follows.map((f) => f.handle));
    const status = checkingStatus({ keyState, poll, settings, demo, followCount: follows.length, lastAnswerAt: newestAnswer(entries.values()), now: now() });
    // Demo mode spends nothing; without follows nothing is spent either.
    const runway = demo || !follows.length ? null : runwayDays(balance?.balance ?? null, spendPerDay(settings, follows.length, perDay));
    await showToolbar(toolbarView({ follows, entries, status, runwayDays: runway }, t));
  }

  let toolbarTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * One toolbar update a second at most for a burst of answers: each recount reads and checks every follow's answer,
   * and at four a second they take a tenth of a 500-follow cycle's work.
   */
  function scheduleToolbar() {
    toolbarTimer ??= setTimeout(() => {
      toolbarTimer = undefined;
      void updateToolbar();
    }, TOOLBAR_SETTLE_MS);
  }

  return {
    updateToolbar,
    /** Most answers of a cycle change nothing the toolbar shows; an error may have changed the key's state, which it does. */
    onAnswer(entry: CacheEntry, previous: CacheEntry | null) {
      if (entry.error || toolbarName(entry) !== toolbarName(previous)) scheduleToolbar();
    },
  };
}
