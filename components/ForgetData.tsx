import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/platform/i18n';

/** "Forget my data": two steps, so one stray click erases nothing. */
export function ForgetData({ onForget }: { onForget: () => Promise<void> }) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'done'>('idle');
  const [error, setError] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const leftConfirmRef = useRef(false);
  // Cancel and "Erase everything" go away under the focus: it returns to the button that opened the question.
  useEffect(() => {
    if (step !== 'confirm' && leftConfirmRef.current) buttonRef.current?.focus();
    leftConfirmRef.current = step === 'confirm';
  }, [step]);

  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">{t('optionsDataTitle')}</h2>
      <p class="hint">{t('optionsDataHint')}</p>
      {step === 'confirm' ? (
        <div
          role="alertdialog"
          aria-labelledby="forget-confirm"
          class="field"
          // Escape answers the question as Cancel does.
          onKeyDown={(event) => event.key === 'Escape' && (event.preventDefault(), setStep('idle'))}
        >
          <p id="forget-confirm">{t('forgetConfirm')}</p>
          <button
            type="button"
            class="danger"
            onClick={() =>
              onForget().then(
                () => setStep('done'),
                (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
              )
            }
          >
            {t('forgetYes')}
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setStep('idle')} autoFocus>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button ref={buttonRef} type="button" class="secondary" onClick={() => (setError(null), setStep('confirm'))}>
          {t('forgetButton')}
        </button>
      )}
      {step === 'done' && <p role="status">{t('forgetDone')}</p>}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
