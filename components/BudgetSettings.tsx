import type { Budget, ScheduleSummary } from '@/lib/domain/model';
import { DAYS_PER_MONTH, DEFAULT_SPREAD_DAYS, runwayDays } from '@/lib/domain/budget';
import { BUDGET_RANGE } from '@/lib/domain/ranges';
import { formatGap } from '@/lib/domain/format';
import { plural, t, uiLanguage } from '@/lib/platform/i18n';
import { NumberField } from './NumberField';

interface Props {
  budget: Budget | null;
  /** Other browsers sharing the budget lately. */
  otherBrowsers: number;
  /** The daily budget smart checking spends now. */
  creditsPerDay: number;
  follows: number;
  balance: number | null;
  summary: ScheduleSummary | null;
  /** Saves a monthly budget as the user's choice; answers the sentence to show when refused, or null. */
  choose: (creditsPerMonth: number) => Promise<string | null>;
  onResult: (problem: string | null) => void;
}

/** Smart checking's one budget, per month: what it is, what others would buy, and a default the user is asked about. */
export function BudgetSettings({ budget, otherBrowsers, creditsPerDay, follows, balance, summary, choose, onResult }: Props) {
  const language = uiLanguage();
  const number = (n: number) => Math.round(n).toLocaleString(language);
  const perMonth = budget?.creditsPerMonth ?? Math.round(creditsPerDay * DAYS_PER_MONTH);
  const minutes = (m: number | null) => (m === null ? '—' : m.toLocaleString(language, { maximumFractionDigits: 1 }));
  const pick = async (value: number) => onResult(await choose(value));

  return (
    <div class="indent" data-testid="budget">
      <label class="field">
        {t('optionsBudget')}
        <NumberField
          label={t('optionsBudget')}
          value={perMonth}
          min={BUDGET_RANGE[0]}
          max={BUDGET_RANGE[1]}
          step={100}
          onCommit={(value) => (value === null ? Promise.resolve(t('budgetOutOfRange', number(BUDGET_RANGE[0]), number(BUDGET_RANGE[1]))) : choose(value))}
          onResult={onResult}
        />
        {t('optionsBudgetUnit')}
      </label>
      <p class="hint" data-testid="budget-per-day">{t('optionsBudgetPerDay', number(creditsPerDay))}</p>
      {otherBrowsers > 0 && (
        <p class="hint" data-testid="budget-shared">
          {plural('optionsBudgetShared', otherBrowsers, number(creditsPerDay / (otherBrowsers + 1)))}
        </p>
      )}
      {budget?.chosen === 'default' && (
        <p class="note" role="status" data-testid="budget-default">
          {balance !== null ? t('optionsBudgetDefault', number(balance), DEFAULT_SPREAD_DAYS) : t('optionsBudgetDefaultNoBalance')}{' '}
          <button type="button" class="link" onClick={() => void pick(budget.creditsPerMonth)}>
            {t('optionsBudgetKeep')}
          </button>
        </p>
      )}
      <p class="hint" data-testid="smart-estimate">
        {summary?.meanDelayMinutes != null ? t('optionsSmartDelay', minutes(summary.meanDelayMinutes)) : t('optionsSmartNoEstimate')}
      </p>
      {summary?.floorGapMinutes != null && <p class="hint" data-testid="smart-floor">{t('optionsSmartFloor', formatGap(summary.floorGapMinutes))}</p>}
      {summary && follows > 0 && summary.tradeoffs.length > 1 && (
        <table class="tradeoffs" data-testid="budget-tradeoffs">
          <caption>{plural('optionsTradeoffsTitle', follows)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('optionsTradeoffBudget')}</th>
              <th scope="col">{t('optionsTradeoffDelay')}</th>
              <th scope="col">{t('optionsTradeoffRunway')}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {summary.tradeoffs.map((row) => {
              const runway = runwayDays(balance, row.creditsPerMonth / DAYS_PER_MONTH);
              const current = row.creditsPerMonth === perMonth;
              return (
                <tr key={row.creditsPerMonth} aria-current={current || undefined}>
                  <th scope="row">{number(row.creditsPerMonth)}</th>
                  <td>{t('optionsTradeoffMinutes', minutes(row.meanDelayMinutes))}</td>
                  <td>{runway === null ? '—' : plural('optionsTradeoffDays', runway)}</td>
                  <td>
                    {current ? (
                      t('optionsTradeoffCurrent')
                    ) : (
                      <button
                        type="button"
                        class="link"
                        aria-label={t('optionsTradeoffUseLabel', number(row.creditsPerMonth))}
                        onClick={() => void pick(row.creditsPerMonth)}
                      >
                        {t('optionsTradeoffUse')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
