// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BadgeAnswer } from '@/lib/domain/badge-view';

// The badge's root is closed: the test keeps the one the controller makes, to read what it shows.
const roots: ShadowRoot[] = [];
vi.mock('@/components/live-badge', async (original) => {
  const real = await original<typeof import('@/components/live-badge')>();
  return {
    ...real,
    createBadge: (...args: Parameters<typeof real.createBadge>) => {
      const badge = real.createBadge(...args);
      roots.push(badge.root);
      return badge;
    },
  };
});
const { createBadgeController } = await import('@/entrypoints/tiktok/badge-controller');

const START = Date.parse('2026-11-25T20:00:00Z');
beforeEach(() => {
  fakeBrowser.reset();
  roots.length = 0;
  vi.useFakeTimers({ now: START, toFake: ['Date', 'setInterval', 'clearInterval'] });
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
  await controller.show('stranger', new AbortController().signal);
  const text = () => roots[0]?.textContent ?? '';
  expect(text()).toContain('for 5m');
  vi.advanceTimersByTime(3 * 60_000);
  expect(text()).toContain('for 8m');
  controller.clear();
});
