import type { KeyState } from '@/lib/domain/model';
import { t } from '@/lib/platform/i18n';
import { formatAgo } from '@/lib/domain/format';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface StatusBannerProps {
  keyState: KeyState;
  demo: boolean;
  stale: boolean;
  lastSuccessAt: number | null;
  now: number;
  onOpenOptions: () => void;
  onRetry: () => void;
}

/** The one thing the user must know before the list: why checking cannot run, or has stalled. */
export function StatusBanner({ keyState, demo, stale, lastSuccessAt, now, onOpenOptions, onRetry }: StatusBannerProps) {
  if (demo) {
    return (
      <div class="banner banner-demo" role="status" data-testid="status-banner" data-kind="demo">
        <strong>{t('demo')}</strong> {t('bannerDemo')}{' '}
        <button type="button" class="link" onClick={onOpenOptions}>{t('bannerUseRealKey')}</button>
      </div>
    );
  }
  const banner = (kind: string, text: string, action: preact.ComponentChildren) => (
    <div class={`banner banner-${kind === 'stale' ? 'warn' : 'error'}`} data-testid="status-banner" data-kind={kind}>
      <Announced kind={kind} text={text} /> {action}
    </div>
  );
  const fix = <button type="button" class="link" onClick={onOpenOptions}>{t('bannerOpenOptions')}</button>;
  const retry = <button type="button" class="link" onClick={onRetry}>{t('retry')}</button>;
  switch (keyState.state) {
    case 'missing':
      return banner('missing', t('bannerMissing'), fix);
    case 'invalid':
      return banner('invalid', t('bannerInvalid'), <>{fix} {retry}</>);
    case 'out_of_credits':
      return banner('out_of_credits', t('bannerOutOfCredits'), <>{fix} {retry}</>);
    case 'rate_limited':
      if ((keyState.until ?? 0) > now) {
        const seconds = Math.ceil(((keyState.until ?? now) - now) / 1000);
        return banner('rate_limited', t('bannerRateLimited', seconds), null);
      }
  }
  if (stale) {
    const since = lastSuccessAt ? t('bannerStaleSince', formatAgo(lastSuccessAt, now)) : '';
    return banner('stale', t('bannerStale', since), retry);
  }
  return null;
}

/** How long the announcement stays in the live region (the sentence itself stays on screen, and to browse). */
const ANNOUNCE_MS = 5000;

/**
 * The banner's sentence, announced once when its kind appears. Its time ("resumes in 40 s", "since 5 min ago") moves
 * on with the clock: inside the alert, each tick read the whole banner out again.
 */
function Announced({ kind, text }: { kind: string; text: string }) {
  const [said, setSaid] = useState<string | null>(text);
  const textRef = useRef(text);
  useEffect(() => void (textRef.current = text));
  useEffect(() => {
    setSaid(textRef.current);
    const timer = setTimeout(() => setSaid(null), ANNOUNCE_MS);
    return () => clearTimeout(timer);
  }, [kind]);
  return (
    <>
      <span>{text}</span>
      <span class="sr-only" role="alert">
        {said}
      </span>
    </>
  );
}
