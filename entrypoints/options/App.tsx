import { useEffect, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/lib/platform/i18n';
import { ForgetData } from '@/components/ForgetData';
import { KeyForm } from '@/components/KeyForm';
import { ImportExport } from '@/components/ImportExport';
import { DemoSwitch } from '@/components/DemoSwitch';
import { Welcome } from '@/components/Welcome';
import { SpendingTable } from '@/components/SpendingTable';
import { CheckingSettings } from '@/components/CheckingSettings';
import { NumberField } from '@/components/NumberField';
import type { ResponseOf } from '@/lib/platform/messages';
import { send } from '@/lib/platform/send';
import { settingsItem } from '@/lib/platform/storage';
import { settingsSchema, type Budget, type Settings } from '@/lib/domain/model';
import { chooseBudget } from '@/lib/platform/budget-store';
import { SETTING_RANGES } from '@/lib/domain/ranges';
import { usePending } from '@/components/hooks/use-pending';
import { useSnapshot } from '@/components/hooks/use-snapshot';

export function App() {
  const snapshot = useSnapshot();
  const [account, setAccount] = useState<ResponseOf<'account'> | null>(null);
  const [accountError, setAccountError] = useState<string | null>(null);

  // Asked again whenever the key's state is decided anew: a replaced key is another account, with another balance.
  useEffect(() => {
    setAccountError(null);
    if (snapshot.keyState.state !== 'valid' && snapshot.keyState.state !== 'out_of_credits') return setAccount(null);
    send({ type: 'account' }).then(setAccount, (e: unknown) => setAccountError(e instanceof Error ? e.message : String(e)));
  }, [snapshot.keyState.state, snapshot.keyState.checkedAt]);

  return (
    <main class="options">
      <h1>{t('extName')}</h1>
      <p class="muted">{t('optionsIntro')}</p>
      <Welcome
        keyState={snapshot.keyState}
        demo={snapshot.demo}
        settings={snapshot.settings}
        budget={snapshot.budget}
        follows={snapshot.follows.length}
        loaded={snapshot.loaded}
      />

      <section aria-labelledby="key-heading">
        <h2 id="key-heading" tabIndex={-1}>{t('keyLabel')}</h2>
        <p class="hint">
          {t('optionsKeyHint')}{' '}
          <a href="https://socialfetch.dev" target="_blank" rel="noopener noreferrer">socialfetch.dev</a>
        </p>
        <KeyForm
          keyState={snapshot.keyState}
          onSave={async (key) => void (await send({ type: 'saveKey', key }))}
          onRemove={async () => void (await send({ type: 'removeKey' }))}
        />
        {account && (
          <p data-testid="account">
            {t(
              'optionsAccount',
              [account.name, account.email].filter(Boolean).join(' — ') || '—',
              account.balance === null ? '—' : account.balance.toLocaleString(uiLanguage()),
              account.spentToday.toLocaleString(uiLanguage()),
              account.spentWeek.toLocaleString(uiLanguage()),
            )}
          </p>
        )}
        {account && <SpendingTable today={account.spentByKindToday} week={account.spentByKindWeek} />}
        {accountError && <p class="error">{accountError}</p>}
      </section>

      <SettingsForm
        settings={snapshot.settings}
        follows={snapshot.follows.length}
        balance={account?.balance ?? snapshot.balance?.balance ?? null}
        budget={snapshot.budget}
        otherBrowsers={snapshot.otherBrowsers}
        creditsPerDay={snapshot.creditsPerDay}
      />

      <DemoSwitch on={snapshot.demo} />

      <ImportExport follows={snapshot.follows} pins={snapshot.pins} loaded={snapshot.loaded} />

      <ForgetData onForget={async () => void (await send({ type: 'forgetData' }))} />
    </main>
  );
}

interface SettingsFormProps {
  settings: Settings;
  follows: number;
  balance: number | null;
  budget: Budget | null;
  otherBrowsers: number;
  creditsPerDay: number;
}

function SettingsForm({ settings: stored, follows, balance, budget, otherBrowsers, creditsPerDay }: SettingsFormProps) {
  const [error, setError] = useState<string | null>(null);
  const { shown: settings, saving } = usePending(stored);

  /** Validates and saves a change; answers the sentence to show, or null once saved. */
  async function save(patch: Partial<Settings>): Promise<string | null> {
    const parsed = settingsSchema.safeParse({ ...settings, ...patch });
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0]);
      const range = field in SETTING_RANGES ? SETTING_RANGES[field as keyof typeof SETTING_RANGES] : null;
      if (!range) return t('optionsInvalid');
      // In range, and refused all the same: it is a fraction where only whole numbers go.
      const value = (patch as Record<string, unknown>)[field];
      const fraction = typeof value === 'number' && value >= range[0] && value <= range[1];
      return t(fraction ? 'optionsWholeNumber' : 'optionsOutOfRange', range[0], range[1]);
    }
    // Applied to the settings as stored now (another page or browser may have changed them), never over a newer build's.
    return saving(patch, () =>
      settingsItem.update((current) => ({ ...current, ...patch })).then(
        () => ({ ok: true, result: null }),
        (e: unknown) => ({ ok: false, result: e instanceof Error ? e.message : String(e) }),
      ),
    );
  }
  async function change(patch: Partial<Settings>) {
    setError(await save(patch));
  }
  const toggle = (key: keyof Settings) => (e: Event) => void change({ [key]: (e.currentTarget as HTMLInputElement).checked });

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading" tabIndex={-1}>{t('optionsSettings')}</h2>
      <CheckingSettings
        settings={settings}
        follows={follows}
        balance={balance}
        budget={budget}
        otherBrowsers={otherBrowsers}
        creditsPerDay={creditsPerDay}
        chooseBudget={(perMonth) => chooseBudget(perMonth).then(() => null, (e: unknown) => (e instanceof Error ? e.message : String(e)))}
        change={save}
      />
      <label class="field">
        {t('optionsFreshness')}
        <NumberField
          label={t('optionsFreshness')}
          value={settings.freshnessSeconds}
          min={SETTING_RANGES.freshnessSeconds[0]}
          max={SETTING_RANGES.freshnessSeconds[1]}
          step={10}
          onCommit={(value) => save({ freshnessSeconds: value ?? Number.NaN })}
          onResult={setError}
        />
        {t('optionsFreshnessUnit')}
      </label>
      {/* The checkbox's label holds its words only: a click on the ceiling's words must not turn the checks off. */}
      <div class="field">
        <label>
          <input type="checkbox" checked={settings.checkVisitedProfiles} onChange={toggle('checkVisitedProfiles')} />
          {t('optionsVisit')}
        </label>{' '}
        <span>{t('optionsVisitAtMost')}</span>
        <NumberField
          label={t('optionsVisitCeiling')}
          value={settings.visitLookupsPerMinute}
          min={SETTING_RANGES.visitLookupsPerMinute[0]}
          max={SETTING_RANGES.visitLookupsPerMinute[1]}
          onCommit={(value) => save({ visitLookupsPerMinute: value ?? Number.NaN })}
          onResult={setError}
        />
        <span>{t('optionsVisitUnit')}</span>
      </div>
      <p class="hint" data-testid="visit-disclosure">{t('optionsVisitDisclosure')}</p>
      <label class="field">
        <input type="checkbox" checked={settings.checkVisitedInPrivate} disabled={!settings.checkVisitedProfiles} onChange={toggle('checkVisitedInPrivate')} />
        {t('optionsVisitPrivate')}
      </label>
      <label class="field">
        <input type="checkbox" checked={settings.notifications} onChange={toggle('notifications')} />
        {t('optionsNotifications')}
      </label>
      <label class="field">
        <input type="checkbox" checked={settings.notifyNewFollows} onChange={toggle('notifyNewFollows')} />
        {t('optionsNotifyNew')}
      </label>
      <label class="field">
        <input type="checkbox" checked={settings.persistentNotifications} onChange={toggle('persistentNotifications')} />
        {t('optionsPersistent')}
      </label>
      <label class="field">
        <input type="checkbox" checked={settings.silentNotifications} onChange={toggle('silentNotifications')} />
        {t('optionsSilent')}
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
