import { useEffect, useState } from 'preact/hooks';
import { plural, t, uiLanguage } from '@/lib/platform/i18n';
import { creditsPerDay as fixedCost } from '@/lib/domain/format';
import { DAYS_PER_MONTH, RUNWAY_WARN_DAYS, runwayDays } from '@/lib/domain/budget';
import type { ResponseOf } from '@/lib/platform/messages';
import { send } from '@/lib/platform/send';
import type { Budget, Settings } from '@/lib/domain/model';
import { SETTING_RANGES } from '@/lib/domain/ranges';
import { habitDays, habitTime } from './habit-text';
import { NumberField } from './NumberField';
import { BudgetSettings } from './BudgetSettings';

const SOURCE_NAMES = { list: 'sourceList', profile: 'sourceProfile', 'page-state': 'sourcePageState' } as const;

interface Props {
  settings: Settings;
  follows: number;
  balance: number | null;
  budget: Budget | null;
  otherBrowsers: number;
  /** The daily budget smart checking spends now. */
  creditsPerDay: number;
  /** Saves a monthly budget as the user's choice; answers an error sentence, or null once saved. */
  chooseBudget: (creditsPerMonth: number) => Promise<string | null>;
  /** Validates and saves a change; answers an error sentence, or null once saved. */
  change: (patch: Partial<Settings>) => Promise<string | null>;
}

/** The checking mode: smart (a monthly budget and what it buys) or a fixed interval, with what each costs. */
export function CheckingSettings({ settings, follows, balance, budget, otherBrowsers, creditsPerDay, chooseBudget, change }: Props) {
  const [summary, setSummary] = useState<ResponseOf<'schedule'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    send({ type: 'schedule' }).then(setSummary, () => setSummary(null));
  }, [settings.checkMode, creditsPerDay, follows]);

  function report(problem: string | null) {
    setError(problem);
    setSaved(problem === null);
  }
  const apply = async (patch: Partial<Settings>) => report(await change(patch));

  const smart = settings.checkMode === 'smart';
  const fixedPerDay = fixedCost(follows, settings.pollMinutes);
  const perDay = smart ? creditsPerDay : fixedPerDay;
  const runway = runwayDays(balance, perDay);
  const language = uiLanguage();

  return (
    <fieldset class="checking" data-testid="checking-mode">
      <legend>{t('optionsChecking')}</legend>
      <label class="field">
        <input type="radio" name="check-mode" checked={smart} onChange={() => void apply({ checkMode: 'smart' })} />
        {t('optionsModeSmart')}
      </label>
      <p class="hint indent">{t('optionsModeSmartHint')}</p>
      {smart && (
        <BudgetSettings
          budget={budget}
          otherBrowsers={otherBrowsers}
          creditsPerDay={creditsPerDay}
          follows={follows}
          balance={balance}
          summary={summary}
          choose={chooseBudget}
          onResult={report}
        />
      )}
      <label class="field">
        <input type="radio" name="check-mode" checked={!smart} onChange={() => void apply({ checkMode: 'fixed' })} />
        {t('optionsModeFixed')}
      </label>
      <p class="hint indent">{t('optionsModeFixedHint')}</p>
      {!smart && (
        <div class="indent">
          <label class="field">
            {t('optionsInterval')}
            <NumberField
              label={t('optionsInterval')}
              value={settings.pollMinutes}
              min={SETTING_RANGES.pollMinutes[0]}
              max={SETTING_RANGES.pollMinutes[1]}
              step={0.5}
              onCommit={(value) => change({ pollMinutes: value ?? Number.NaN })}
              onResult={report}
            />
            {t('optionsMinutes')}
          </label>
          <p class="hint" data-testid="credit-estimate">
            {plural('optionsEstimate', follows, fixedPerDay.toLocaleString(language), (fixedPerDay * DAYS_PER_MONTH).toLocaleString(language))}
          </p>
        </div>
      )}
      {runway !== null && (
        <p class={runway < RUNWAY_WARN_DAYS ? 'warn' : 'hint'} data-testid="runway" role={runway < RUNWAY_WARN_DAYS ? 'alert' : undefined}>
          {plural('optionsRunway', runway, Math.round(perDay).toLocaleString(language), balance!.toLocaleString(language))}
          {runway < RUNWAY_WARN_DAYS && ` ${t('optionsRunwayShort')}`}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {saved && !error && (
        <p class="hint" role="status" data-testid="checking-saved">
          {t('optionsSaved')}
        </p>
      )}
      {summary && summary.sources.some((s) => s.compared > 0) && (
        <p class="hint" data-testid="signal-sources">
          {t('optionsSignals')}{' '}
          {summary.sources
            .filter((s) => s.compared > 0)
            .map((s) => t(s.trusted ? 'optionsSignalTrusted' : 'optionsSignalIgnored', t(SOURCE_NAMES[s.source]), s.agreed, s.compared))
            .join(' · ')}
        </p>
      )}
      {smart && summary && summary.habits.length > 0 && (
        <details data-testid="habits">
          <summary>{t('optionsHabitsTitle')}</summary>
          <ul>
            {summary.habits.map((h) => (
              <li key={h.handle}>{t('optionsHabit', h.handle, habitDays(h.days, language, t('habitEveryDay')), habitTime(h, language))}</li>
            ))}
          </ul>
        </details>
      )}
    </fieldset>
  );
}
