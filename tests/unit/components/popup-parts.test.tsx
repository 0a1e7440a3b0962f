// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AddCreatorForm } from '@/components/AddCreatorForm';
import { CreatorRow } from '@/components/CreatorRow';
import { KeyForm } from '@/components/KeyForm';
import { StatusBanner } from '@/components/StatusBanner';
import { Variants } from '@/components/Variants';
import { keepPlaces, matchesFilter, sortCreators } from '@/lib/domain/creator-list';
import type { Variant } from '@/lib/socialfetch/model';
import type { CacheEntry } from '@/lib/domain/model';

afterEach(cleanup);

const NOW = 1_800_000_000_000;
const profile = (handle: string, displayName: string | null = null) => ({ handle, displayName, avatarUrl: null, verified: false, followerCount: null });
const entry = (handle: string, lookup: CacheEntry['lookup'], extra: Partial<CacheEntry> = {}): CacheEntry => ({
  handle, lookup, fetchedAt: NOW, error: null, errorAt: null, lastLiveAt: null, ...extra,
});
const live = (handle: string, viewers: number, title: string | null = 'Title', variants: Variant[] = []) =>
  entry(handle, { status: 'live', profile: profile(handle, handle.toUpperCase()), live: { roomId: 'r', title, startedAt: NOW - 60_000, viewerCount: viewers, variants } });
const follow = (handle: string) => ({ handle, addedAt: 0, notify: true });
const variant = (patch: Partial<Variant>): Variant => ({
  quality: 'hd', label: '720p', codec: 'h264', source: 'primary', resolution: '720x1280', bitrate: 2_000_000,
  hls: 'https://x.example/hd.m3u8', flv: 'https://x.example/hd.flv', cmaf: null, ...patch,
});
const rowProps = { now: NOW, expanded: false, onExpand: () => {}, onOpen: () => {}, onRemove: () => {}, onNotify: () => {}, copy: async () => {} };

describe('creator list', () => {
  it('puts live creators first by viewers, then offline by last seen, then not found and errors', () => {
    const entries = new Map<string, CacheEntry>([
      ['err', entry('err', null, { error: { kind: 'timeout', message: 't' } })],
      ['gone', entry('gone', { status: 'not_found' })],
      ['old', entry('old', { status: 'offline', profile: profile('old') }, { lastLiveAt: NOW - 5000 })],
      ['recent', entry('recent', { status: 'offline', profile: profile('recent') }, { lastLiveAt: NOW - 10 })],
      ['small', live('small', 10)],
      ['big', live('big', 5000)],
    ]);
    const order = sortCreators(['err', 'gone', 'old', 'recent', 'small', 'big', 'new'].map(follow), entries).map((r) => r.follow.handle);
    expect(order).toEqual(['big', 'small', 'recent', 'old', 'new', 'gone', 'err']);
  });

  it('orders creators that tie on everything else by handle, the same in every language', () => {
    const order = sortCreators(['zed', 'b_2', 'b.1', 'a', 'bb'].map(follow), new Map()).map((r) => r.follow.handle);
    expect(order).toEqual(['a', 'b.1', 'b_2', 'bb', 'zed']);
  });

  it('puts pinned creators first within each section, live and not live', () => {
    const entries = new Map<string, CacheEntry>([
      ['big', live('big', 5000)],
      ['small', live('small', 10)],
      ['recent', entry('recent', { status: 'offline', profile: profile('recent') }, { lastLiveAt: NOW - 10 })],
      ['old', entry('old', { status: 'offline', profile: profile('old') }, { lastLiveAt: NOW - 5000 })],
    ]);
    const order = sortCreators(['big', 'small', 'recent', 'old'].map(follow), entries, new Set(['small', 'old'])).map((r) => r.follow.handle);
    expect(order).toEqual(['small', 'big', 'old', 'recent']);
  });

  it('keeps the rows on screen where they are while counts change; a creator who just went live comes after them', () => {
    const handles = ['big', 'small', 'quiet'].map(follow);
    const shown = sortCreators(handles, new Map([['big', live('big', 5000)], ['small', live('small', 10)]]));
    expect(shown.map((r) => r.follow.handle)).toEqual(['big', 'small', 'quiet']);
    // The small one overtakes the big one, and the quiet one goes live with more viewers than either.
    const now = new Map([['big', live('big', 100)], ['small', live('small', 9000)], ['quiet', live('quiet', 20_000)]]);
    expect(sortCreators(handles, now).map((r) => r.follow.handle)).toEqual(['quiet', 'small', 'big']);
    expect(keepPlaces(sortCreators(handles, now), shown).map((r) => r.follow.handle)).toEqual(['big', 'small', 'quiet']);
    // A creator going offline leaves the live section: status still moves a row.
    const ended = new Map([['big', live('big', 100)], ['small', live('small', 9000)]]);
    expect(keepPlaces(sortCreators(handles, ended), shown).map((r) => r.follow.handle)).toEqual(['big', 'small', 'quiet']);
    const bigEnded = new Map([['small', live('small', 9000)], ['quiet', live('quiet', 20_000)]]);
    expect(keepPlaces(sortCreators(handles, bigEnded), shown).map((r) => r.follow.handle)).toEqual(['small', 'quiet', 'big']);
  });

  it('finds a creator by part of the handle or the display name, whatever the case', () => {
    const [row] = sortCreators([follow('sunny.cooks')], new Map([['sunny.cooks', live('sunny.cooks', 1)]]));
    expect(['sunny', '@SUNNY.c', 'COOKS', 'NY.CO'].map((q) => matchesFilter(row!, q))).toEqual([true, true, true, true]);
    expect(matchesFilter(row!, 'night')).toBe(false);
    expect(matchesFilter(row!, '  ')).toBe(true);
  });

  it('counts an offline row’s “live … ago” on as the popup stays open', () => {
    const entries = new Map([['old', entry('old', { status: 'offline', profile: profile('old') }, { lastLiveAt: NOW - 50 * 60_000 })]]);
    const row = sortCreators([follow('old')], entries)[0]!;
    const { container, rerender } = render(<ul><CreatorRow {...rowProps} row={row} /></ul>);
    const before = container.textContent;
    rerender(<ul><CreatorRow {...rowProps} row={row} now={NOW + 3 * 3_600_000} /></ul>);
    expect(container.textContent).not.toBe(before);
  });

  it('renders a row with a hostile title as text', () => {
    const row = sortCreators([follow('evil')], new Map([['evil', live('evil', 1, '<img src=x onerror=alert(1)>')]]))[0]!;
    const { container } = render(<ul><CreatorRow {...rowProps} row={row} /></ul>);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(container.querySelector('[data-testid="creator-row"]')?.getAttribute('data-status')).toBe('live');
  });

  it('says how old a live row’s news is once it was last confirmed more than two minutes ago', () => {
    const row = (checkedAgo: number) => sortCreators([follow('on')], new Map([['on', { ...live('on', 5), fetchedAt: NOW - checkedAgo }]]))[0]!;
    const fresh = render(<ul><CreatorRow {...rowProps} row={row(60_000)} /></ul>);
    expect(fresh.queryByTestId('live-as-of')).toBeNull();
    cleanup();
    render(<ul><CreatorRow {...rowProps} row={row(12 * 60_000)} /></ul>);
    expect(screen.getByTestId('live-as-of').textContent).toBe('as of 12 min ago');
  });
});

describe('variants and copy buttons', () => {
  it('offers only the formats a variant has, grouped by quality', () => {
    render(<Variants copy={async () => {}} variants={[variant({}), variant({ quality: 'sd', label: '480p', hls: null, cmaf: 'https://x.example/sd.mpd' })]} />);
    expect(screen.getAllByRole('button', { name: /^Copy HLS/ })).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Copy CMAF link (480p)' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Copy HLS link (480p)' })).toBeNull();
  });

  it('copies the URL and confirms', async () => {
    const copy = vi.fn(async () => {});
    render(<Variants copy={copy} variants={[variant({})]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy FLV link (720p)' }));
    expect(copy).toHaveBeenCalledWith('https://x.example/hd.flv');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Copy FLV link (720p)' }).textContent).toContain('Copied'));
  });

  it('says when a copy fails', async () => {
    render(<Variants copy={() => Promise.reject(new Error('denied'))} variants={[variant({})]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy HLS link (720p)' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Copy HLS link (720p)' }).textContent).toContain('Copy failed'));
  });
});

describe('status banner', () => {
  const props = { now: NOW, onOpenOptions: () => {}, onRetry: () => {} };
  it.each([
    ['no_key', /Add your Social Fetch API key/],
    ['key_invalid', /refused your API key/],
    ['out_of_credits', /out of credits/],
    ['paused', /paused/],
  ] as const)('explains why checking stopped: %s', (kind, text) => {
    render(<StatusBanner {...props} status={{ kind }} />);
    expect(screen.getByTestId('status-banner').textContent).toMatch(text);
  });

  it('announces its sentence once per kind, not again at every tick of its countdown', async () => {
    const limited = { kind: 'rate_limited', until: NOW + 30_000 } as const;
    const { rerender } = render(<StatusBanner {...props} status={limited} />);
    const alert = () => screen.getByRole('alert').textContent;
    expect(alert()).toContain('30 s');
    rerender(<StatusBanner {...props} status={limited} now={NOW + 15_000} />);
    expect(screen.getByTestId('status-banner').textContent).toContain('15 s');
    expect(alert()).not.toContain('15 s');
    rerender(<StatusBanner {...props} status={{ kind: 'key_invalid' }} now={NOW + 15_000} />);
    await waitFor(() => expect(alert()).toMatch(/refused your API key/));
  });

  it('counts down a rate limit and a service backoff, warns when stale, and is silent while checking runs', () => {
    const { unmount } = render(<StatusBanner {...props} status={{ kind: 'rate_limited', until: NOW + 30_000 }} />);
    expect(screen.getByTestId('status-banner').textContent).toContain('30 s');
    unmount();
    const backoff = render(<StatusBanner {...props} status={{ kind: 'backoff', until: NOW + 4 * 60_000 }} />);
    expect(screen.getByTestId('status-banner').textContent).toMatch(/not answering: checking again in 4 min/);
    backoff.unmount();
    const spent = render(<StatusBanner {...props} status={{ kind: 'budget_spent', until: NOW + 3 * 3_600_000 }} />);
    expect(screen.getByTestId('status-banner').textContent).toMatch(/Today’s budget is spent: checking starts again at .+ raise the budget/);
    expect(screen.getByRole('button', { name: 'Open options' })).toBeTruthy();
    spent.unmount();
    const stale = render(<StatusBanner {...props} status={{ kind: 'stale', lastSuccessAt: NOW - 40 * 60_000 }} />);
    expect(screen.getByTestId('status-banner').textContent).toContain('stalled');
    stale.unmount();
    for (const status of [{ kind: 'running', lastAnswerAt: NOW }, { kind: 'idle' }] as const) {
      const { container, unmount: done } = render(<StatusBanner {...props} status={status} />);
      expect(container.textContent).toBe('');
      done();
    }
  });
});

describe('forms', () => {
  it('explains an invalid handle inline and sends nothing', () => {
    const onAdd = vi.fn(async () => {});
    render(<AddCreatorForm onAdd={onAdd} />);
    fireEvent.input(screen.getByLabelText('Add a creator'), { target: { value: 'https://vm.tiktok.com/ZMabc/' } });
    fireEvent.submit(screen.getByLabelText('Add a creator').closest('form')!);
    expect(screen.getByRole('alert').textContent).toMatch(/share link/);
    expect(onAdd).not.toHaveBeenCalled();
  });

  it('adds a pasted profile URL as its handle', async () => {
    const onAdd = vi.fn(async () => {});
    render(<AddCreatorForm onAdd={onAdd} />);
    fireEvent.input(screen.getByLabelText('Add a creator'), { target: { value: 'https://www.tiktok.com/@Sunny.Cooks?lang=en' } });
    fireEvent.submit(screen.getByLabelText('Add a creator').closest('form')!);
    await waitFor(() => expect(onAdd).toHaveBeenCalledWith('sunny.cooks'));
  });

  it('shows why a key was not saved, and masks the key until asked', async () => {
    render(<KeyForm keyState={{ state: 'missing' }} onRemove={async () => {}} onSave={() => Promise.reject(new Error('Social Fetch refused this key'))} />);
    const input = screen.getByLabelText('Social Fetch API key') as HTMLInputElement;
    expect(input.type).toBe('password');
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(input.type).toBe('text');
    fireEvent.input(input, { target: { value: 'sfk_wrong' } });
    fireEvent.submit(input.closest('form')!);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('refused'));
  });
});

describe('a row’s stream links', () => {
  it('close on Escape, and the focus goes back to the button that opened them', () => {
    const onExpand = vi.fn();
    const links = [variant({})];
    render(<ul><CreatorRow {...rowProps} row={{ follow: follow('sunny'), entry: live('sunny', 5, 'Title', links), pinned: false, status: 'live' }} expanded onExpand={onExpand} /></ul>);
    const copy = screen.getAllByRole('button', { name: /Copy/ })[0]!;
    copy.focus();
    fireEvent.keyDown(copy, { key: 'Escape' });
    expect(onExpand).toHaveBeenCalledWith('sunny');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Stream links for @sunny' }));
  });
});
