import { describe, expect, it } from 'vitest';
import { handleFromNotificationId, planNotification, notificationId } from '@/lib/platform/notify';
import { toolbarView } from '@/lib/domain/toolbar-view';
import { t } from '@/lib/platform/i18n';
import type { CheckingStatus } from '@/lib/domain/checking-status';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import type { CacheEntry, Follow } from '@/lib/domain/model';

const follow = (handle: string, notify = true): Follow => ({ handle, addedAt: 0, notify });
const live = (handle: string, roomId = 'room1', name: string | null = 'Sunny'): CacheEntry => ({
  handle,
  lookup: {
    status: 'live',
    profile: { handle, displayName: name, avatarUrl: null, verified: false, followerCount: null },
    live: { roomId, title: 'Dumplings', startedAt: null, viewerCount: 4210, variants: [] },
  },
  fetchedAt: 1,
  error: null,
  errorAt: null,
  lastLiveAt: 1,
});
const offline = (handle: string): CacheEntry => ({
  handle,
  lookup: { status: 'offline', profile: { handle, displayName: null, avatarUrl: null, verified: false, followerCount: null } },
  fetchedAt: 1,
  error: null,
  errorAt: null,
  lastLiveAt: null,
});

describe('notifications', () => {
  it('announce a followed creator going live once per room', () => {
    const plan = planNotification(live('sunny'), follow('sunny'), DEFAULT_SETTINGS, undefined);
    expect(plan).toMatchObject({ title: 'Sunny is live', message: 'Dumplings · 4.2K watching', id: notificationId('sunny', 'room1') });
    expect(handleFromNotificationId(plan!.id)).toBe('sunny');
    // Flapping offline and back within the same room stays quiet; a new room is announced.
    expect(planNotification(live('sunny'), follow('sunny'), DEFAULT_SETTINGS, 'room1')).toBeNull();
    expect(planNotification(live('sunny', 'room2'), follow('sunny'), DEFAULT_SETTINGS, 'room1')).not.toBeNull();
  });

  it('stay quiet when muted, switched off, not followed or offline', () => {
    expect(planNotification(live('sunny'), follow('sunny', false), DEFAULT_SETTINGS, undefined)).toBeNull();
    expect(planNotification(live('sunny'), follow('sunny'), { ...DEFAULT_SETTINGS, notifications: false }, undefined)).toBeNull();
    expect(planNotification(live('sunny'), undefined, DEFAULT_SETTINGS, undefined)).toBeNull();
    expect(planNotification(offline('sunny'), follow('sunny'), DEFAULT_SETTINGS, undefined)).toBeNull();
  });

  it('fall back to the handle without a display name and honour persistence', () => {
    const plan = planNotification(live('sunny', 'r', null), follow('sunny'), { ...DEFAULT_SETTINGS, persistentNotifications: true }, undefined);
    expect(plan).toMatchObject({ title: '@sunny is live', requireInteraction: true });
  });
});

describe('toolbar', () => {
  const entries = new Map([
    ['a', live('a', 'r', 'Alpha')],
    ['b', offline('b')],
    ['c', live('c', 'r', 'Gamma')],
  ]);
  const follows = [follow('a'), follow('b'), follow('c')];
  const running: CheckingStatus = { kind: 'running', lastAnswerAt: 1 };
  const view = (status: CheckingStatus, list = follows, answers = entries, runwayDays: number | null = 60) =>
    toolbarView({ follows: list, entries: answers, status, runwayDays }, t);

  it('shows the number of followed creators live and lists them in the tooltip', () => {
    const state = view(running);
    expect(state.text).toBe('2');
    expect(state.title).toContain('Alpha');
    expect(state.title).toContain('Gamma');
  });

  it('is empty when nobody is live', () => {
    expect(view(running, [follow('b')]).text).toBe('');
  });

  it('never says nobody is live when nothing was checked: no key, or nobody followed', () => {
    for (const [status, text] of [[{ kind: 'no_key' }, /add your Social Fetch key/], [{ kind: 'idle' }, /follow creators/]] as const) {
      const state = view(status, status.kind === 'idle' ? [] : [follow('b')], new Map());
      expect(state.title).toMatch(text);
      expect(state.title).not.toMatch(/nobody/i);
    }
  });

  it('warns when the key is refused, out of credits, or checking is paused', () => {
    for (const kind of ['key_invalid', 'out_of_credits', 'paused'] as const) expect(view({ kind }).text).toBe('!');
  });

  it('warns before the credits run out, not after: under a week of balance left', () => {
    const short = view(running, follows, entries, 6);
    expect(short.text).toBe('2');
    expect(short.color).not.toBe(view(running).color);
    expect(short.title).toMatch(/run out in about 6 days/);
    expect(view(running, [follow('b')], entries, 6).text).toBe('!');
    expect(view(running, follows, entries, 7).title).not.toMatch(/run out/);
  });

  it('says so when checking has stalled', () => {
    const state = view({ kind: 'stale', lastSuccessAt: null }, [follow('b')]);
    expect(state.text).toBe('?');
    expect(state.title).toMatch(/stalled/);
  });
});
