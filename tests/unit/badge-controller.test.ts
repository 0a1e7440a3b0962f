// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BadgeAnswer } from '@/lib/domain/badge-view';
import type { BadgeAction } from '@/components/live-badge';

// The badge's root is closed: the test keeps the one the controller makes, to read what it shows, and its buttons'
// handler, which a trusted click would call.
const roots: ShadowRoot[] = [];
const actions: ((action: BadgeAction) => void)[] = [];
vi.mock('@/components/live-badge', async (original) => {
  const real = await original<typeof import('@/components/live-badge')>();
  return {
    ...real,
    createBadge: (...args: Parameters<typeof real.createBadge>) => {
      const badge = real.createBadge(...args);
      roots.push(badge.root);
      actions.push(args[2]);
      return badge;
    },
  };
});
const { createBadgeController } = await import('@/entrypoints/tiktok/badge-controller');

const START = Date.parse('2026-11-25T20:00:00Z');
beforeEach(() => {
  fakeBrowser.reset();
  roots.length = 0;
  actions.length = 0;
  vi.useFakeTimers({ now: START, toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
  document.body.innerHTML = '<h1 data-e2e="user-title">stranger</h1>';
});
afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

it('counts a live creator’s time live on, with no push: nobody follows this creator, so none comes', async () => {
  const answer: BadgeAnswer = { view: { kind: 'live', viewers: 120, startedAt: START - 5 * 60_000, title: null }, followed: false, demo: false };
  fakeBrowser.runtime.onMessage.addListener((_message, _sender, reply) => {
    reply({ ok: true, data: answer });
    return true;
  });
  const controller = createBadgeController(document);
  const shown = controller.show('stranger', new AbortController().signal);
  await vi.advanceTimersByTimeAsync(600);
  await shown;
  const text = () => roots[0]?.textContent ?? '';
  expect(text()).toContain('for 5m');
  vi.advanceTimersByTime(3 * 60_000);
  expect(text()).toContain('for 8m');
  controller.clear();
});

it('says a button’s failure for a moment, without a Retry that would check the creator again, then shows the live again', async () => {
  const answer: BadgeAnswer = { view: { kind: 'live', viewers: 120, startedAt: START, title: null }, followed: false, demo: false };
  fakeBrowser.runtime.onMessage.addListener((message, _sender, reply) => {
    const type = (message as { type: string }).type;
    reply(type === 'visit' ? { ok: true, data: answer } : { ok: false, error: 'Too many requests from this page. Try again in a minute.' });
    return true;
  });
  const controller = createBadgeController(document);
  const shown = controller.show('stranger', new AbortController().signal);
  await vi.advanceTimersByTimeAsync(600);
  await shown;
  const root = () => roots[0]!;
  actions[0]!('toggle');
  await vi.waitFor(() => expect(root().textContent).toContain('Too many requests'));
  expect(root().querySelector('[data-action="retry"]')).toBeNull();
  await vi.advanceTimersByTimeAsync(5000);
  expect(root().textContent).toContain('LIVE');
  expect(root().textContent).toContain('Notify me');
  controller.clear();
});

it('shows a cached answer no sooner than a fresh one would come: the page cannot tell them apart by time', async () => {
  // The background answers at once, as from its cache.
  const answer: BadgeAnswer = { view: { kind: 'offline', lastLiveAt: null }, followed: true, demo: false };
  fakeBrowser.runtime.onMessage.addListener((_message, _sender, reply) => {
    reply({ ok: true, data: answer });
    return true;
  });
  const controller = createBadgeController(document);
  const shown = controller.show('stranger', new AbortController().signal);
  await vi.advanceTimersByTimeAsync(590);
  expect(document.querySelector('live-radar-badge')).toBeNull();
  await vi.advanceTimersByTimeAsync(10);
  await shown;
  expect(roots[0]!.textContent).toContain('Offline');
  controller.clear();
});
