import type { KeyState } from '@/lib/storage';
import { formatAgo } from '@/lib/format';

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
        <strong>DEMO</strong> Simulated creators, no credits spent.{' '}
        <button type="button" class="link" onClick={onOpenOptions}>Use a real key</button>
      </div>
    );
  }
  const banner = (kind: string, text: string, action: preact.ComponentChildren) => (
    <div class={`banner banner-${kind === 'stale' ? 'warn' : 'error'}`} role="alert" data-testid="status-banner" data-kind={kind}>
      <span>{text}</span> {action}
    </div>
  );
  const fix = <button type="button" class="link" onClick={onOpenOptions}>Open options</button>;
  const retry = <button type="button" class="link" onClick={onRetry}>Retry</button>;
  switch (keyState.state) {
    case 'missing':
      return banner('missing', 'Add your Social Fetch API key to start checking.', fix);
    case 'invalid':
      return banner('invalid', 'Social Fetch refused your API key. Checking is stopped.', <>{fix} {retry}</>);
    case 'out_of_credits':
      return banner('out_of_credits', 'Your Social Fetch account is out of credits. Top up, then retry.', <>{fix} {retry}</>);
    case 'rate_limited':
      if ((keyState.until ?? 0) > now) {
        const seconds = Math.ceil(((keyState.until ?? now) - now) / 1000);
        return banner('rate_limited', `Social Fetch asked to slow down: checking resumes in ${seconds} s.`, null);
      }
  }
  if (stale) {
    const since = lastSuccessAt ? ` since ${formatAgo(lastSuccessAt, now)}` : '';
    return banner('stale', `Checking has stalled: no successful check${since}.`, retry);
  }
  return null;
}
