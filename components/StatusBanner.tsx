import type { KeyState } from '@/lib/platform/storage';
import { t } from '@/lib/platform/i18n';
import { formatAgo } from '@/lib/domain/format';

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
    <div class={`banner banner-${kind === 'stale' ? 'warn' : 'error'}`} role="alert" data-testid="status-banner" data-kind={kind}>
      <span>{text}</span> {action}
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
