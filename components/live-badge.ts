import type { BadgeAnswer, BadgeView } from '@/lib/domain/badge-view';
import { formatAgo, formatDuration, formatViewers } from '@/lib/domain/format';
import { liveUrl } from '@/lib/domain/handle';
import { t, type MessageKey } from '@/lib/platform/i18n';
import css from './live-badge.css?inline';
import { el, isShown, SR_ONLY_CSS } from './plain-dom';

/**
 * The badge on a TikTok profile, in plain DOM (the content script's size budget has no room for Preact) inside a
 * closed shadow root, so no page script can read or click into it. It acts only on trusted events on a badge the user
 * can see. Its outer size does not depend on whether the creator is followed: the toggle has a fixed width.
 */

export type BadgeAction = 'toggle' | 'pin' | 'retry' | 'options';

export interface Badge {
  host: HTMLElement;
  render(answer: BadgeAnswer, now: number): void;
}

const HOST_TAG = 'live-radar-badge';
const PAUSED_TEXT = {
  rate_limited: 'badgePausedRateLimited',
  ceiling: 'badgePausedCeiling',
  unavailable: 'badgePausedUnavailable',
} as const satisfies Record<Extract<BadgeView, { kind: 'paused' }>['why'], MessageKey>;
const SVG = 'http://www.w3.org/2000/svg';


/** Small inline icons: the Live Radar mark and the bell (filled while notifying). */
export function icon(kind: 'mark' | 'bell' | 'bell-on' | 'bell-off' | 'pin' | 'pin-on'): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', kind === 'mark' ? 'lr-mark' : 'lr-bell');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute(
    'd',
    kind === 'pin' || kind === 'pin-on'
      ? 'M8 11v4M6 2h4l-.6 4 2.6 2.6V10H4V8.6L6.6 6 6 2Z'
      : kind === 'mark'
      ? 'M8 6.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM4.3 4.3a5.2 5.2 0 0 0 0 7.4l1-1a3.8 3.8 0 0 1 0-5.4l-1-1Zm7.4 0-1 1a3.8 3.8 0 0 1 0 5.4l1 1a5.2 5.2 0 0 0 0-7.4ZM2.2 2.2a8.2 8.2 0 0 0 0 11.6l1-1a6.8 6.8 0 0 1 0-9.6l-1-1Zm11.6 0-1 1a6.8 6.8 0 0 1 0 9.6l1 1a8.2 8.2 0 0 0 0-11.6Z'
      : 'M8 1.5a4 4 0 0 0-4 4v2.8L2.7 10.6c-.3.5 0 1 .6 1h9.4c.6 0 .9-.5.6-1L12 8.3V5.5a4 4 0 0 0-4-4ZM6.3 12.6a1.8 1.8 0 0 0 3.4 0Z',
  );
  if (kind !== 'mark' && kind !== 'bell-on' && kind !== 'pin-on') {
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', 'currentColor');
    path.setAttribute('stroke-width', '1.3');
  }
  svg.append(path);
  if (kind === 'bell-off') {
    const slash = document.createElementNS(SVG, 'path');
    slash.setAttribute('d', 'M2 2l12 12');
    slash.setAttribute('stroke', 'currentColor');
    slash.setAttribute('stroke-width', '1.5');
    svg.append(slash);
  }
  return svg;
}

/** The status pill's content and what a screen reader hears once it settles. */
function status(handle: string, view: BadgeView, now: number, demo: boolean): { node: HTMLElement; announce: string | null } {
  const tag = demo ? el('span', { class: 'lr-demo' }, t('demo')) : null;
  switch (view.kind) {
    case 'live': {
      const details = [
        view.viewers !== null ? t('watching', formatViewers(view.viewers)) : null,
        view.startedAt !== null ? t('liveFor', formatDuration(now - view.startedAt)) : null,
      ].filter((d): d is string => d !== null);
      const label = t('badgeLiveLabel', handle, details.length ? `, ${details.join(', ')}` : '');
      const link = el(
        'a',
        { class: 'lr-status lr-live', href: liveUrl(handle), target: '_blank', rel: 'noopener noreferrer', title: view.title ?? undefined, 'aria-label': label },
        tag,
        el('span', { class: 'lr-dot', 'aria-hidden': 'true' }),
        el('strong', {}, t('badgeLive')),
        details.length ? el('span', { class: 'lr-details' }, details.join(' · ')) : null,
      );
      return { node: link, announce: label };
    }
    case 'offline': {
      const last = view.lastLiveAt !== null ? t('badgeLastLive', formatAgo(view.lastLiveAt, now)) : '';
      return { node: el('span', { class: 'lr-status' }, tag, t('badgeOffline'), last ? el('span', { class: 'lr-details' }, last) : null), announce: t('badgeOffline') + last };
    }
    case 'not_found':
      return { node: el('span', { class: 'lr-status' }, tag, t('notFound')), announce: t('notFound') };
    case 'needs_key':
    case 'out_of_credits': {
      const text = view.kind === 'needs_key' ? t('badgeNeedsKey') : t('badgeOutOfCredits');
      // A button, not a link: the badge carries no extension URL (it would give the extension's id to the page).
      return { node: el('button', { type: 'button', class: 'lr-status lr-warn', 'data-action': 'options', title: t('badgeOpenOptions') }, text), announce: text };
    }
    case 'paused':
    case 'error': {
      const text = view.kind === 'error' ? view.message : t(PAUSED_TEXT[view.why]);
      // The full text stays readable (title, and what is announced) even when the pill has to cut it short.
      const retry = (view.kind === 'error' && !view.action) || (view.kind === 'paused' && view.why === 'ceiling') ? el('button', { type: 'button', class: 'lr-retry', 'data-action': 'retry' }, t('retry')) : null;
      return { node: el('span', { class: 'lr-status lr-warn', title: text }, el('span', { class: 'lr-details' }, text), retry), announce: text };
    }
    default:
      return { node: el('span', { class: 'lr-status' }, tag, t('badgeChecking')), announce: null };
  }
}


export function createBadge(handle: string, theme: 'light' | 'dark', onAction: (action: BadgeAction) => void): Badge & { root: ShadowRoot } {
  const host = document.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  const statusSlot = el('span', { class: 'lr-slot' });
  const toggle = el('button', { type: 'button', class: 'lr-toggle', 'data-action': 'toggle', 'data-testid': 'follow-toggle' });
  // Always there, whatever the follow state: the badge's size must not tell the page whom the user follows.
  const pin = el('button', { type: 'button', class: 'lr-pin', 'data-action': 'pin', 'data-testid': 'pin-toggle' });
  const live = el('span', { class: 'lr-sr', 'aria-live': 'polite' });
  const badge = el('div', { class: `lr-badge lr-${theme}`, 'data-testid': 'live-badge', 'data-handle': handle, role: 'group', 'aria-label': t('extName') }, icon('mark'), statusSlot, toggle, pin);
  root.append(el('style', {}, css + SR_ONLY_CSS), badge, live);
  let announced: string | null = null;

  root.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    const action = target?.getAttribute('data-action') as BadgeAction | null;
    if (!action || !event.isTrusted || !isShown(host)) return;
    onAction(action);
  });

  return {
    host,
    root,
    render({ view, followed, muted, pinned = false, demo }, now) {
      badge.setAttribute('data-state', view.kind);
      const { node, announce } = status(handle, view, now, demo);
      statusSlot.replaceChildren(node);
      if (announce !== announced) live.textContent = announced = announce;
      // Three states: not followed ("Notify me"), notifying, and followed but muted (which turns notifications on).
      const state = !followed ? 'off' : muted ? 'muted' : 'on';
      toggle.setAttribute('data-follow', state);
      toggle.replaceChildren(
        icon(state === 'on' ? 'bell-on' : state === 'muted' ? 'bell-off' : 'bell'),
        t(state === 'on' ? 'badgeNotifying' : state === 'muted' ? 'badgeMuted' : 'badgeNotifyMe'),
      );
      toggle.setAttribute('aria-pressed', String(state === 'on'));
      toggle.setAttribute('aria-label', t(state === 'on' ? 'badgeNotifyingLabel' : state === 'muted' ? 'badgeMutedLabel' : 'badgeNotifyLabel', handle));
      pin.replaceChildren(icon(pinned ? 'pin-on' : 'pin'));
      pin.setAttribute('aria-pressed', String(pinned));
      pin.setAttribute('aria-label', t(pinned ? 'badgeUnpinLabel' : 'badgePinLabel', handle));
      pin.setAttribute('title', t(pinned ? 'badgeUnpinLabel' : 'badgePinLabel', handle));
    },
  };
}
