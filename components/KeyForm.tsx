import { useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '@/lib/platform/i18n';
import type { KeyState } from '@/lib/domain/model';

export interface KeyFormProps {
  keyState: KeyState;
  onSave: (key: string) => Promise<void>;
  onRemove: () => Promise<void>;
}

const STATE_TEXT: Record<KeyState['state'], MessageKey> = {
  missing: 'keyMissing',
  valid: 'keyValid',
  invalid: 'keyInvalid',
  out_of_credits: 'keyOutOfCredits',
  rate_limited: 'keyRateLimited',
};

/** Masked key entry; the background validates with Social Fetch before anything is stored. */
export function KeyForm({ keyState, onSave, onRemove }: KeyFormProps) {
  const [key, setKey] = useState('');
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSave(key);
      setKey('');
      // The Save button goes disabled under the focus: the focus moves to the key's new state, which is read out.
      statusRef.current?.focus();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      inputRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setError(null);
    try {
      await onRemove();
      // The button goes away under the focus: it moves to the key's new state ("no key"), which is read out.
      statusRef.current?.focus();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <form class="key-form" onSubmit={submit} noValidate>
      <label for="api-key">{t('keyLabel')}</label>
      <div class="key-row">
        <input
          ref={inputRef}
          id="api-key"
          type={shown ? 'text' : 'password'}
          placeholder={keyState.state === 'missing' ? 'sfk_…' : t('keyPlaceholderReplace')}
          autocomplete="off"
          spellcheck={false}
          value={key}
          aria-invalid={error ? true : undefined}
          aria-describedby="key-status"
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <button type="button" aria-pressed={shown} onClick={() => setShown(!shown)}>
          {shown ? t('keyHide') : t('keyShow')}
        </button>
        <button type="submit" disabled={busy || !key.trim()}>
          {busy ? t('keyChecking') : t('keySave')}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p ref={statusRef} tabIndex={-1} id="key-status" data-testid="key-status" data-state={keyState.state} class={keyState.state === 'valid' ? 'ok' : 'muted'}>
        {t(STATE_TEXT[keyState.state])}
      </p>
      {keyState.state !== 'missing' && (
        <button type="button" class="link" onClick={() => void remove()}>
          {t('keyRemove')}
        </button>
      )}
    </form>
  );
}
