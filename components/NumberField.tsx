import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/platform/i18n';

interface Props {
  label: string;
  value: number | null;
  min: number;
  max: number;
  step?: number;
  placeholder?: string;
  /** Saves the typed number (null when emptied); answers the sentence to show when it was refused. */
  onCommit: (value: number | null) => Promise<string | null>;
  /** Reports the refusal (or null once a value is saved) to the form's one message line. */
  onResult: (problem: string | null) => void;
}

/**
 * A number setting that keeps what the user typed when it is refused, so the message can be read against it, and
 * follows the stored value otherwise (another page or browser may change it).
 */
export function NumberField({ label, value, min, max, step, placeholder, onCommit, onResult }: Props) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const [refused, setRefused] = useState(false);
  useEffect(() => setText(value === null ? '' : String(value)), [value]);

  return (
    <input
      type="number"
      aria-label={label}
      min={min}
      max={max}
      step={step}
      placeholder={placeholder}
      value={text}
      aria-invalid={refused || undefined}
      onInput={(e) => setText(e.currentTarget.value)}
      onChange={async (e) => {
        const input = e.currentTarget;
        const raw = input.value.trim();
        // What the browser cannot read as a number ("5,000" in Firefox) reaches here as an empty value, which would
        // save "automatic": it is refused instead.
        const problem = input.validity.badInput ? t('optionsOutOfRange', min, max) : await onCommit(raw === '' ? null : Number(raw));
        setRefused(problem !== null);
        onResult(problem);
      }}
    />
  );
}
