import { useEffect, useState } from 'preact/hooks';

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
      onInput={(e) => setText(e.currentTarget.value)}
      onChange={async (e) => {
        const raw = e.currentTarget.value.trim();
        onResult(await onCommit(raw === '' ? null : Number(raw)));
      }}
    />
  );
}
