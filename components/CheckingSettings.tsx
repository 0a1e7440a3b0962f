import { useEffect, useState } from 'preact/hooks';
import { plural, t, uiLanguage } from '@/lib/platform/i18n';
import { creditsPerDay, formatGap } from '@/lib/domain/format';
import { budgetOf } from '@/lib/domain/schedule/book';
import type { ResponseOf } from '@/lib/platform/messages';
import { send } from '@/lib/platform/send';
import { SETTING_RANGES, type Settings } from '@/lib/domain/model';
import { habitDays, habitTime } from './habit-text';
import { NumberField } from './NumberField';

const SOURCE_NAMES = { list: 'sourceList', profile: 'sourceProfile', 'page-state': 'sourcePageState' } as const;

/** A warning when the balance would run out within this many days. */
const RUNWAY_WARN_DAYS = 7;

interface Props {
  settings: Settings;
  follows: number;
  balance: number | null;
  /** Validates and saves a change; answers an error sentence, or null once saved. */
  change: (patch: Partial<Settings>) => Promise<string | null>;
}

/** The checking mode: smart (a daily budget and what it buys) or a fixed interval, with what each costs. */
export function CheckingSettings({ settings, follows, balance, change }: Props) {
  const [summary, setSummary] = useState<ResponseOf<'schedule'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    send({ type: 'schedule' }).then(setSummary, () => setSummary(null));
  }, [settings.checkMode, settings.creditsPerDay, follows]);

  function report(problem: string | null) {
    setError(problem);
    setSaved(problem === null);
  }
  const apply = async (patch: Partial<Settings>) => report(await change(patch));

  const smart = settings.checkMode === 'smart';
  const perDay = smart ? budgetOf(settings.creditsPerDay, follows) : creditsPerDay(follows, settings.pollMinutes);
  const autoBudget = budgetOf(null, follows);
  const runway = balance !== null && perDay > 0 ? Math.floor(balance / perDay) : null;
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
        <div class="indent">
          <label class="field">
            {t('optionsBudget')}
            <NumberField
              label={t('optionsBudget')}
              value={settings.creditsPerDay}
              min={SETTING_RANGES.creditsPerDay[0]}
              max={SETTING_RANGES.creditsPerDay[1]}
              placeholder={follows ? String(autoBudget) : undefined}
              onCommit={(value) => change({ creditsPerDay: value })}
              onResult={report}
            />
            {t('optionsBudgetUnit')}
          </label>
          {settings.creditsPerDay === null && follows > 0 && <p class="hint">{t('optionsBudgetAuto', autoBudget.toLocaleString(language))}</p>}
          <p class="hint" data-testid="smart-estimate">
            {summary?.meanDelayMinutes != null
              ? t('optionsSmartDelay', summary.meanDelayMinutes.toLocaleString(language, { maximumFractionDigits: 1 }))
              : t('optionsSmartNoEstimate')}
          </p>
          {summary?.floorGapMinutes != null && (
            <p class="hint" data-testid="smart-floor">{t('optionsSmartFloor', formatGap(summary.floorGapMinutes))}</p>
          )}
        </div>
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
            {plural('optionsEstimate', follows, creditsPerDay(follows, settings.pollMinutes).toLocaleString(language))}
          </p>
        </div>
      )}
      {runway !== null && (
        <p class={runway < RUNWAY_WARN_DAYS ? 'warn' : 'hint'} data-testid="runway" role={runway < RUNWAY_WARN_DAYS ? 'alert' : undefined}>
          {plural('optionsRunway', runway, perDay.toLocaleString(language), balance!.toLocaleString(language))}
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
