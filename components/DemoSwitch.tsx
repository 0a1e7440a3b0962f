import { useState } from 'preact/hooks';
import { t } from '@/lib/platform/i18n';
import { send } from '@/lib/platform/send';
import { usePending } from './hooks/use-pending';

/** Demo mode's switch: shows the choice while the background switches, and says why when it could not. */
export function DemoSwitch({ on }: { on: boolean }) {
  const { shown, saving } = usePending({ demo: on });
  const [error, setError] = useState<string | null>(null);
  function change(next: boolean) {
    setError(null);
    void saving({ demo: next }, () =>
      send({ type: 'setDemo', on: next }).then(
        () => ({ ok: true, result: null }),
        (e: unknown) => {
          setError(e instanceof Error ? e.message : String(e));
          return { ok: false, result: null };
        },
      ),
    );
  }
  return (
    <section aria-labelledby="demo-heading">
      <h2 id="demo-heading">{t('optionsDemoTitle')}</h2>
      <label class="field">
        <input type="checkbox" checked={shown.demo} onChange={(e) => change(e.currentTarget.checked)} />
        {t('optionsDemo')}
      </label>
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
