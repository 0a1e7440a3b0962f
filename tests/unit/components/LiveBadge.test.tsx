// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { badgeView, LiveBadge, type BadgeView } from '@/components/LiveBadge';
import type { CacheEntry } from '@/lib/storage';

afterEach(cleanup);

const NOW = 1_800_000_000_000;
const base = {
  handle: 'sunny',
  followed: false,
  liveUrl: 'https://www.tiktok.com/@sunny/live',
  optionsUrl: 'chrome-extension://id/options.html',
  theme: 'light' as const,
  now: NOW,
  onToggleFollow: () => {},
  onRetry: () => {},
};
const show = (view: BadgeView, extra: Partial<typeof base> = {}) => render(<LiveBadge {...base} {...extra} view={view} />);

describe('LiveBadge', () => {
  it('shows LIVE with viewers and time live, linking to the live page', () => {
    show({ kind: 'live', viewers: 4210, startedAt: NOW - 25 * 60_000, title: 'Dumplings' });
    const link = screen.getByRole('link');
    expect(link.getAttribute('href')).toBe('https://www.tiktok.com/@sunny/live');
    expect(link.textContent).toContain('LIVE');
    expect(link.textContent).toContain('4.2K watching · for 25m');
  });

  it('renders a hostile title as text, creating no element from it', () => {
    const { container } = show({ kind: 'live', viewers: 1, startedAt: null, title: '<img src=x onerror=alert(1)>' });
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('link').getAttribute('title')).toBe('<img src=x onerror=alert(1)>');
  });

  it.each<[BadgeView, RegExp]>([
    [{ kind: 'checking' }, /Checking/],
    [{ kind: 'offline', lastLiveAt: NOW - 3 * 3_600_000 }, /Offline · live 3 h ago/],
    [{ kind: 'not_found' }, /Not found/],
    [{ kind: 'needs_key' }, /needs an API key/],
    [{ kind: 'out_of_credits' }, /Out of Social Fetch credits/],
    [{ kind: 'paused', message: 'Paused: too many profile checks this minute' }, /too many profile checks/],
    [{ kind: 'error', message: 'Social Fetch is temporarily unavailable.' }, /temporarily unavailable/],
  ])('state %j reads %s', (view, text) => {
    const { container } = show(view);
    expect(container.textContent).toMatch(text);
    expect(container.querySelector('[data-testid="live-badge"]')?.getAttribute('data-state')).toBe(view.kind);
  });

  it('links a missing key to the options page', () => {
    show({ kind: 'needs_key' });
    expect(screen.getByRole('link').getAttribute('href')).toBe('chrome-extension://id/options.html');
  });

  it('retries on error and toggles follow', () => {
    const onRetry = vi.fn();
    const onToggleFollow = vi.fn();
    show({ kind: 'error', message: 'boom' }, { onRetry, onToggleFollow, followed: true });
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    const toggle = screen.getByRole('button', { name: 'Stop following @sunny in Live Radar' });
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(toggle);
    expect(onRetry).toHaveBeenCalledOnce();
    expect(onToggleFollow).toHaveBeenCalledOnce();
  });
});

describe('badgeView', () => {
  const entry = (patch: Partial<CacheEntry>): CacheEntry => ({
    handle: 'sunny', lookup: null, fetchedAt: null, error: null, errorAt: null, lastLiveAt: null, ...patch,
  });
  it('prefers known data, then explains why it could not be fresher', () => {
    const offline = entry({ lookup: { status: 'offline', profile: { handle: 'sunny', displayName: null, avatarUrl: null, verified: false, followerCount: null } } });
    expect(badgeView({ entry: offline }).kind).toBe('offline');
    expect(badgeView({ entry: offline, blocked: 'out_of_credits' }).kind).toBe('out_of_credits');
    expect(badgeView({ entry: null, blocked: 'no_key' }).kind).toBe('needs_key');
    expect(badgeView({ entry: entry({ error: { kind: 'insufficient_credits', message: '' } }) }).kind).toBe('out_of_credits');
    expect(badgeView({ entry: null, blocked: 'ceiling' }).kind).toBe('paused');
    expect(badgeView({ entry: entry({ error: { kind: 'timeout', message: 'slow' } }) })).toEqual({ kind: 'error', message: 'slow' });
  });
});
