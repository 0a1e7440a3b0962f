import type { Budget, Settings } from '@/lib/domain/model';
import { RUNWAY_SHOW_DAYS, RUNWAY_WARN_DAYS, runwayDays, spendPerDay } from '@/lib/domain/budget';
import { plural, t, uiLanguage } from '@/lib/platform/i18n';

interface Props {
  settings: Settings;
  follows: number;
  budget: Budget | null;
  creditsPerDay: number;
  balance: number | null;
  onOpenOptions: () => void;
}

/** The money in sight in the popup: how long the balance lasts once that is under two weeks, and a budget set for the user. */
export function BudgetNotes({ settings, follows, budget, creditsPerDay, balance, onOpenOptions }: Props) {
  const language = uiLanguage();
  const runway = follows > 0 ? runwayDays(balance, spendPerDay(settings, follows, creditsPerDay)) : null;
  const review = (
    <button type="button" class="link" onClick={onOpenOptions}>
      {t('budgetReview')}
    </button>
  );
  return (
    <>
      {runway !== null && runway < RUNWAY_SHOW_DAYS && (
        <p class={runway < RUNWAY_WARN_DAYS ? 'note warn' : 'note'} data-testid="runway">
          {plural('popupRunway', runway, balance!.toLocaleString(language))} {review}
        </p>
      )}
      {settings.checkMode === 'smart' && budget?.chosen === 'default' && (
        <p class="note" data-testid="budget-default">
          {t('popupBudgetDefault', budget.creditsPerMonth.toLocaleString(language))} {review}
        </p>
      )}
    </>
  );
}
