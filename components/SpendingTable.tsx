import { SPEND_KINDS, type SpendKind } from '@/lib/domain/budget';
import { t, uiLanguage } from '@/lib/platform/i18n';

const KIND_NAMES = {
  planned: 'spendPlanned',
  live: 'spendLive',
  signals: 'spendSignals',
  visits: 'spendVisits',
  refreshes: 'spendRefreshes',
} as const;

/** What this browser's credits went on, today and over the last 7 days: every kind of check counts against the budget. */
export function SpendingTable({ today, week }: { today: Record<SpendKind, number>; week: Record<SpendKind, number> }) {
  const language = uiLanguage();
  return (
    <table class="tradeoffs" data-testid="spending">
      <caption>{t('spendTitle')}</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">{t('spendToday')}</th>
          <th scope="col">{t('spendWeek')}</th>
        </tr>
      </thead>
      <tbody>
        {SPEND_KINDS.map((kind) => (
          <tr key={kind}>
            <th scope="row">{t(KIND_NAMES[kind])}</th>
            <td>{today[kind].toLocaleString(language)}</td>
            <td>{week[kind].toLocaleString(language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
