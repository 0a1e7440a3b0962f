import { useEffect, useState } from 'preact/hooks';
import type { Budget, KeyState, Settings } from '@/lib/domain/model';
import { DAYS_PER_MONTH } from '@/lib/domain/budget';
import { t, uiLanguage } from '@/lib/platform/i18n';
import { send } from '@/lib/platform/send';
import { welcomeItem } from '@/lib/platform/storage';
import { isOnToolbar } from '@/lib/platform/toolbar';

interface Props {
  keyState: KeyState;
  demo: boolean;
  settings: Settings;
  budget: Budget | null;
  follows: number;
  loaded: boolean;
}

/** Moves the focus to a section of the page (the step's own field), scrolled into view. */
function goTo(id: string) {
  const target = document.getElementById(id);
  target?.scrollIntoView({ block: 'start' });
  target?.focus({ preventScroll: true });
}

/**
 * The first run's four steps, at the top of the options page: a key (or demo mode), the budget, whom to follow, and
 * the toolbar button. Each says when it is done; the whole steps aside once done or put aside, and comes back on asking.
 */
export function Welcome({ keyState, demo, settings, budget, follows, loaded }: Props) {
  const [stored, setStored] = useState<{ dismissed: boolean; pinned: boolean } | null>(null);
  const [onToolbar, setOnToolbar] = useState<boolean | null>(null);
  /** Opened again by the user after it stepped aside. */
  const [open, setOpen] = useState(false);
  useEffect(() => {
    void welcomeItem.get().then(setStored);
    void isOnToolbar().then(setOnToolbar);
  }, []);
  if (!loaded || !stored) return null;

  const save = (next: { dismissed: boolean; pinned: boolean }) => {
    setStored(next);
    void welcomeItem.set(next);
  };
  const steps = [
    { id: 'key', done: demo || ['valid', 'out_of_credits', 'rate_limited'].includes(keyState.state) },
    { id: 'budget', done: settings.checkMode === 'fixed' || budget?.chosen === 'user' },
    { id: 'follow', done: follows > 0 },
    { id: 'toolbar', done: onToolbar ?? stored.pinned },
  ];
  const allDone = steps.every((s) => s.done);
  if (!open && (stored.dismissed || allDone)) {
    return (
      <p class="welcome-again" data-testid="welcome-again">
        {allDone && `${t('welcomeAllSet')} `}
        <button type="button" class="link" onClick={() => setOpen(true)}>{t('welcomeReopen')}</button>
      </p>
    );
  }
  const language = uiLanguage();
  const perMonth = budget?.creditsPerMonth;
  const texts: Record<string, preact.ComponentChildren> = {
    key: (
      <>
        {t('welcomeKey')}{' '}
        <button type="button" class="link" onClick={() => goTo('key-heading')}>{t('welcomeKeyGo')}</button>{' '}
        <button type="button" class="link" onClick={() => void send({ type: 'setDemo', on: true })}>{t('tryDemo')}</button>
      </>
    ),
    budget: (
      <>
        {perMonth ? t('welcomeBudgetIs', perMonth.toLocaleString(language), Math.round(perMonth / DAYS_PER_MONTH).toLocaleString(language)) : t('welcomeBudget')}{' '}
        <button type="button" class="link" onClick={() => goTo('settings-heading')}>{t('welcomeBudgetGo')}</button>
      </>
    ),
    follow: (
      <>
        {t('welcomeFollow')}{' '}
        <button type="button" class="link" onClick={() => goTo('io-heading')}>{t('welcomeFollowImport')}</button>
      </>
    ),
    toolbar: (
      <>
        {t(import.meta.env.BROWSER === 'firefox' ? 'welcomeToolbarFirefox' : 'welcomeToolbarChrome')}{' '}
        {onToolbar === null && (
          <button type="button" class="link" onClick={() => save({ ...stored, pinned: true })}>{t('welcomeToolbarDone')}</button>
        )}
      </>
    ),
  };
  return (
    <section class="welcome" aria-labelledby="welcome-heading" data-testid="welcome">
      <h2 id="welcome-heading">{t('welcomeTitle')}</h2>
      <ol>
        {steps.map((step) => (
          <li key={step.id} data-step={step.id} data-done={step.done || undefined}>
            <span class="step-state" aria-hidden="true">{step.done ? '✓' : ''}</span>
            <span class="sr-only">{step.done ? t('welcomeStepDone') : t('welcomeStepToDo')}</span>
            <span>{texts[step.id]}</span>
          </li>
        ))}
      </ol>
      <button
        type="button"
        class="link"
        onClick={() => {
          setOpen(false);
          save({ ...stored, dismissed: true });
        }}
      >
        {t('welcomeDismiss')}
      </button>
    </section>
  );
}
