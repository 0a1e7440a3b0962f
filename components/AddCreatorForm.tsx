import { useState } from 'preact/hooks';
import { t } from '@/lib/platform/i18n';
import { parseHandle } from '@/lib/domain/handle';
import { handleErrorMessage } from '@/lib/platform/error-text';
import { followEffectText } from './follow-effect-text';
import { useFollowEffect } from './hooks/use-follow-effect';

/** Follow by handle or pasted profile link; invalid input is explained inline and nothing is sent. */
export function AddCreatorForm({ onAdd }: { onAdd: (handle: string) => Promise<void> }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Said before the Follow press: what one more creator does to the budget or the alerts (asked once, not per key).
  const effect = useFollowEffect(parseHandle(value).ok ? 1 : 0);

  async function submit(event: Event) {
    event.preventDefault();
    const parsed = parseHandle(value);
    if (!parsed.ok) return setError(handleErrorMessage(parsed.error));
    setBusy(true);
    try {
      await onAdd(parsed.handle);
      setValue('');
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="add-form" onSubmit={submit} noValidate>
      <label for="add-creator" class="sr-only">{t('addLabel')}</label>
      <input
        id="add-creator"
        type="text"
        placeholder={t('addPlaceholder')}
        autocomplete="off"
        spellcheck={false}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'add-error' : effect && value ? 'add-effect' : undefined}
        onInput={(e) => {
          setValue(e.currentTarget.value);
          setError(null);
        }}
      />
      <button type="submit" disabled={busy}>{t('addButton')}</button>
      {error && (
        <p id="add-error" class="error" role="alert">
          {error}
        </p>
      )}
      {!error && effect && value && (
        <p id="add-effect" class="hint muted" data-testid="follow-effect">
          {followEffectText(effect, 1)}
        </p>
      )}
    </form>
  );
}
