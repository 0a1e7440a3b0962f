import type { Request } from '@/lib/platform/messages';
import { keyStateItem } from '@/lib/platform/storage';
import { contentSettled, readBadge } from './content-world';
import { askOk, readItem } from './extension';
import { expect, KEPT, rowHandles, test } from './catalogue';

// The catalogue's hostile-page case (TESTING.md): what a TikTok page's own scripts can try, and that none of it works.

test('a page script can reach neither the background nor the badge', async ({ catalogue: { fake, popup, tab, extensionId } }) => {
  const target = 'page.target';
  fake.setProfile(target, { kind: 'live' });
  await tab.goto(`https://www.tiktok.com/@${target}`);
  await expect.poll(async () => (await readBadge(tab))?.state).toBe('live');
  expect((await readBadge(tab))?.pressed).toBe('false');
  const rowsBefore = (await rowHandles(popup)).sort();
  // Calls the visit itself caused are counted before the page starts; the background's own checks of the kept
  // follows (a poll may run meanwhile) are not the page's doing.
  const paid = () => fake.lookups() - KEPT.reduce((n, h) => n + fake.lookups(h), 0);
  const before = paid();

  // What the extension's own pages would send, typed as the real requests: follows, an import, paid lookups, a key.
  const forged: Request[] = [
    { type: 'follow', handle: target, follow: true },
    { type: 'follow', handle: 'page.victim', follow: true },
    { type: 'importFollows', entries: [{ handle: 'page.victim' }] },
    { type: 'visit', handle: 'page.probe', retry: true },
    { type: 'lookup', handle: 'page.probe', reason: 'refresh' },
    { type: 'setDemo', on: true },
    { type: 'saveKey', key: 'sfk_attacker' },
    { type: 'removeKey' },
  ];
  const tried = await tab.evaluate(
    async ({ forged, extensionId }) => {
      const out = { posted: 0, events: 0, clicks: 0, shadowRoot: 'none', runtime: 'absent', answers: [] as unknown[] };
      // 1. Messages to whoever listens in this window: bare, as JSON, and in envelopes an extension might use.
      for (const request of forged) {
        for (const data of [request, JSON.stringify(request), { source: 'live-radar', ...request }, { type: 'live-radar', request }]) {
          window.postMessage(data, '*');
          out.posted++;
        }
        document.dispatchEvent(new CustomEvent('live-radar', { detail: request, bubbles: true, composed: true }));
        out.events++;
      }
      // 2. Navigation events the content script follows, forged: a "navigate" to another profile, history moves.
      const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
      const navigate = new Event('navigate', { cancelable: true });
      Object.defineProperty(navigate, 'destination', { value: { url: new URL('/@page.probe', location.href).href } });
      for (const [where, event] of [
        [navigation, navigate],
        [navigation, new Event('currententrychange')],
        [window, new PopStateEvent('popstate', { state: null })],
      ] as const) {
        where?.dispatchEvent(event);
        out.events++;
      }
      // 3. Clicks and keys into the badge, everywhere on it: the page sees only the host, never what is inside.
      const host = document.querySelector('live-radar-badge') as HTMLElement | null;
      if (host) {
        host.click();
        host.focus();
        host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        host.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, composed: true }));
        // Into the badge's own controls, if its root let the page in.
        out.shadowRoot = host.shadowRoot ? 'open' : 'closed';
        for (const control of host.shadowRoot?.querySelectorAll<HTMLElement>('[data-action], button, a') ?? []) {
          control.click();
          out.clicks++;
        }
        const box = host.getBoundingClientRect();
        for (let x = box.left + 2; x < box.right; x += 8) {
          for (const y of [box.top + box.height / 4, box.top + box.height / 2, box.bottom - box.height / 4]) {
            const at = { clientX: x, clientY: y, bubbles: true, composed: true, cancelable: true };
            for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'] as const) {
              (document.elementFromPoint(x, y) ?? host).dispatchEvent(type.startsWith('pointer') ? new PointerEvent(type, at) : new MouseEvent(type, at));
            }
            out.clicks++;
          }
        }
      }
      // 4. The extension itself, by id, where the page has an extension API at all.
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (id: string, m: unknown, reply: (r: unknown) => void) => void } } }).chrome?.runtime;
      if (runtime?.sendMessage) {
        out.runtime = 'present';
        for (const request of forged) {
          out.answers.push(
            await new Promise((resolve) => {
              try {
                runtime.sendMessage!(extensionId, request, resolve);
              } catch (error) {
                resolve(String(error));
              }
            }),
          );
        }
      }
      return out;
    },
    { forged, extensionId },
  );
  expect(tried.posted).toBe(forged.length * 4);
  expect(tried.shadowRoot).toBe('closed');
  expect(tried.clicks).toBeGreaterThan(10);
  // The manifest offers web pages no door (`externally_connectable`): the page has no extension API to call at all.
  // Where one had it, the extension would still refuse what it sent.
  expect(tried.runtime).toBe('absent');
  for (const answer of tried.answers) expect(answer).not.toMatchObject({ ok: true });
  // Anything the page set off is handled to the end before its effects are looked for.
  await contentSettled(tab);

  // No call the page caused: the badge still shows the visited profile, and nothing else was looked up.
  expect(paid() - before, 'API calls caused by the page').toBe(0);
  expect(fake.lookups('page.probe')).toBe(0);
  expect(await readBadge(tab)).toMatchObject({ handle: target, state: 'live', pressed: 'false' });
  // No follow added, demo mode off, the key kept.
  const onTarget = await askOk(popup, { type: 'lookup', handle: target, reason: 'popup' });
  expect(onTarget).toMatchObject({ followed: false, demo: false });
  expect((await askOk(popup, { type: 'lookup', handle: 'page.victim', reason: 'popup' })).followed).toBe(false);
  expect((await rowHandles(popup)).sort()).toEqual(rowsBefore);
  expect(await readItem(popup, keyStateItem)).toMatchObject({ state: 'valid' });
});
