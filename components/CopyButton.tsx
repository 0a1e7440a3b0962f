import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/platform/i18n';

export interface CopyButtonProps {
  text: string;
  label: string;
  accessibleName: string;
  copy: (text: string) => Promise<void>;
}

/** Copies `text` and says so for two seconds (announced to screen readers too). */
export function CopyButton({ text, label, accessibleName, copy }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      class={`copy copy-${state}`}
      aria-label={accessibleName}
      onClick={() => copy(text).then(() => setState('copied'), () => setState('failed'))}
    >
      <span aria-live="polite">{state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : label}</span>
    </button>
  );
}
