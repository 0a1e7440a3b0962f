// @vitest-environment happy-dom
import { apiErrorText } from '@/lib/platform/error-text';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBadge } from '@/components/live-badge';
import { badgeView, type BadgeAnswer, type BadgeView } from '@/lib/domain/badge-view';
import type { CacheEntry } from '@/lib/domain/model';

const NOW = 1_800_000_000_000;
afterEach(() => document.body.replaceChildren());

function mount(view: BadgeView, patch: Partial<BadgeAnswer> = {}) {
  const onAction = vi.fn();
  const badge = createBadge('sunny', 'light', onAction);
  document.body.append(badge.host);
  badge.render({ view, followed: false, demo: false, ...patch }, NOW);
  const inside = (selector: string) => badge.root.querySelector<HTMLElement>(selector);
  return { badge, onAction, inside };
}

describe('live badge', () => {
  it('lives in a closed shadow root: the page sees an empty host', () => {
    const { badge } = mount({ kind: 'live', viewers: 4210, startedAt: NOW - 25 * 60_000, title: 'Dumplings' });
    expect(badge.host.shadowRoot).toBeNull();
    expect(badge.host.textContent).toBe('');
    expect(badge.host.attributes).toHaveLength(0);
  });

  it('shows LIVE with viewers and time live, linking to the live page, and announces it once', () => {
    const { badge, inside } = mount({ kind: 'live', viewers: 4210, startedAt: NOW - 25 * 60_000, title: 'Dumplings' });
    const link = inside('a')!;
    expect(link.getAttribute('href')).toBe('https://www.tiktok.com/@sunny/live');
    expect(link.textContent).toContain('LIVE');
    expect(link.textContent).toContain('4.2K watching · for 25m');
    const live = inside('[aria-live]')!;
    expect(live.textContent).toBe('@sunny is live, 4.2K watching, for 25m. Open the live stream.');
    live.textContent = '';
    badge.render({ view: { kind: 'live', viewers: 4210, startedAt: NOW - 25 * 60_000, title: 'Dumplings' }, followed: true, demo: false }, NOW);
    expect(live.textContent).toBe('');
  });

  it('renders a hostile title as text, creating no element from it', () => {
    const { inside, badge } = mount({ kind: 'live', viewers: 1, startedAt: null, title: '<img src=x onerror=alert(1)>' });
    expect(badge.root.querySelector('img')).toBeNull();
    expect(inside('a')!.getAttribute('title')).toBe('<img src=x onerror=alert(1)>');
  });

  it.each<[BadgeView, RegExp]>([
    [{ kind: 'checking' }, /Checking/],
    [{ kind: 'offline', lastLiveAt: NOW - 3 * 3_600_000 }, /Offline · live 3 h ago/],
    [{ kind: 'not_found' }, /Not found/],
    [{ kind: 'needs_key' }, /needs an API key/],
    [{ kind: 'out_of_credits' }, /Out of Social Fetch credits/],
    [{ kind: 'paused', why: 'ceiling' }, /profile checks are at their limit/],
    [{ kind: 'paused', why: 'rate_limited' }, /asked to slow down/],
    [{ kind: 'paused', why: 'unavailable' }, /unavailable for a moment/],
    [{ kind: 'error', message: 'Social Fetch is temporarily unavailable.' }, /temporarily unavailable/],
  ])('state %j reads %s', (view, text) => {
    const { inside } = mount(view);
    expect(inside('[data-testid="live-badge"]')!.textContent).toMatch(text);
    expect(inside('[data-testid="live-badge"]')!.getAttribute('data-state')).toBe(view.kind);
  });

  it('carries no extension URL: a missing key is a button, not a link to the options page', () => {
    const { badge, inside } = mount({ kind: 'needs_key' });
    expect(inside('a')).toBeNull();
    expect(inside('[data-action="options"]')).not.toBeNull();
    expect(badge.root.innerHTML).not.toMatch(/extension:\/\//);
  });

  it('keeps a long error readable in full and offers Retry; the ceiling pause offers Retry too', () => {
    const message = 'Social Fetch could not read this profile right now, and said so at some length. Try again later.';
    const { inside, badge } = mount({ kind: 'error', message });
    expect(inside('.lr-status')!.getAttribute('title')).toBe(message);
    expect(inside('[aria-live]')!.textContent).toBe(message);
    expect(inside('[data-action="retry"]')).not.toBeNull();
    badge.render({ view: { kind: 'paused', why: 'ceiling' }, followed: false, demo: false }, NOW);
    expect(inside('[data-action="retry"]')).not.toBeNull();
  });

  it('says "Notify me" / "Notifying", never "Follow", with the state for assistive tech', () => {
    const { badge, inside } = mount({ kind: 'offline', lastLiveAt: null });
    const toggle = inside('[data-action="toggle"]')!;
    expect(toggle.textContent).toBe('Notify me');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    badge.render({ view: { kind: 'offline', lastLiveAt: null }, followed: true, demo: false }, NOW);
    expect(toggle.textContent).toBe('Notifying');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(toggle.getAttribute('aria-label')).toMatch(/notifying you when @sunny goes live/);
    // Followed with notifications off is its own state, which offers to turn them on.
    badge.render({ view: { kind: 'offline', lastLiveAt: null }, followed: true, muted: true, demo: false }, NOW);
    expect(toggle.textContent).toBe('Muted');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(toggle.getAttribute('aria-label')).toMatch(/notifications off\. Press to turn them on/);
    expect(toggle.querySelectorAll('path')).toHaveLength(2);
  });

  it('ignores clicks that a script made (untrusted events)', () => {
    const { onAction, inside } = mount({ kind: 'error', message: 'boom' });
    inside('[data-action="toggle"]')!.click();
    inside('[data-action="retry"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(onAction).not.toHaveBeenCalled();
  });
});

describe('badgeView', () => {
  const entry = (patch: Partial<CacheEntry>): CacheEntry => ({
    handle: 'sunny', lookup: null, fetchedAt: null, error: null, errorAt: null, lastLiveAt: null, ...patch,
  });
  it('prefers known data, then explains why it could not be fresher', () => {
    const offline = entry({ lookup: { status: 'offline', profile: { handle: 'sunny', displayName: null, avatarUrl: null, verified: false, followerCount: null } } });
    expect(badgeView(offline, apiErrorText).kind).toBe('offline');
    expect(badgeView(offline, apiErrorText, 'out_of_credits').kind).toBe('out_of_credits');
    expect(badgeView(null, apiErrorText, 'no_key').kind).toBe('needs_key');
    expect(badgeView(entry({ error: { kind: 'insufficient_credits', message: '' } }), apiErrorText).kind).toBe('out_of_credits');
    expect(badgeView(null, apiErrorText, 'ceiling')).toEqual({ kind: 'paused', why: 'ceiling' });
    expect(badgeView(null, apiErrorText, 'unavailable')).toEqual({ kind: 'paused', why: 'unavailable' });
    expect(badgeView(entry({ error: { kind: 'timeout', message: 'slow' } }), apiErrorText)).toEqual({ kind: 'error', message: 'slow' });
  });
});
