import type { CheckingStatus } from '@/lib/domain/checking-status';
import { t } from '@/lib/platform/i18n';
import { formatAgo } from '@/lib/domain/format';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface StatusBannerProps {
  status: CheckingStatus;
  now: number;
  onOpenOptions: () => void;
  onRetry: () => void;
}

/** The one thing the user must know before the list: why checking cannot run, or has stalled. */
export function StatusBanner({ status, now, onOpenOptions, onRetry }: StatusBannerProps) {
  if (status.kind === 'demo') {
    return (
      <div class="banner banner-demo" role="status" data-testid="status-banner" data-kind="demo">
        <strong>{t('demo')}</strong> {t('bannerDemo')}{' '}
        <button type="button" class="link" onClick={onOpenOptions}>{t('bannerUseRealKey')}</button>
      </div>
    );
  }
  const banner = (kind: string, tone: 'warn' | 'error', text: string, action: preact.ComponentChildren) => (
    <div class={`banner banner-${tone}`} data-testid="status-banner" data-kind={kind}>
      <Announced kind={kind} text={text} /> {action}
    </div>
  );
  const fix = <button type="button" class="link" onClick={onOpenOptions}>{t('bannerOpenOptions')}</button>;
  const retry = <button type="button" class="link" onClick={onRetry}>{t('retry')}</button>;
  const seconds = (until: number) => Math.max(1, Math.ceil((until - now) / 1000));
  switch (status.kind) {
    case 'no_key':
      return banner('missing', 'error', t('bannerMissing'), fix);
    case 'key_invalid':
      return banner('invalid', 'error', t('bannerInvalid'), <>{fix} {retry}</>);
    case 'out_of_credits':
      return banner('out_of_credits', 'error', t('bannerOutOfCredits'), <>{fix} {retry}</>);
    case 'paused':
      return banner('paused', 'error', t('bannerPaused'), retry);
    case 'rate_limited':
      return banner('rate_limited', 'error', t('bannerRateLimited', seconds(status.until ?? now)), null);
    case 'backoff':
      return banner('backoff', 'warn', t('bannerBackoff', formatWait(status.until - now)), retry);
    case 'budget_spent': {
      const at = new Date(status.until).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
      return banner('budget_spent', 'warn', t('bannerBudgetSpent', at), fix);
    }
    case 'stale': {
      const since = status.lastSuccessAt ? t('bannerStaleSince', formatAgo(status.lastSuccessAt, now)) : '';
      return banner('stale', 'warn', t('bannerStale', since), retry);
    }
    default:
      return null;
  }
}

/** A wait in whole seconds under a minute, else whole minutes. */
function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 60 ? t('waitSeconds', seconds) : t('waitMinutes', Math.ceil(seconds / 60));
}

/** How long the announcement stays in the live region (the sentence itself stays on screen, and to browse). */
const ANNOUNCE_MS = 5000;

/**
 * The banner's sentence, announced once when its kind appears. Its time ("resumes in 40 s", "since 5 min ago") moves
 * on with the clock outside the alert: inside it, each tick would read the whole banner out again.
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
