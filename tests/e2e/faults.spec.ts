import { writeFileSync } from 'node:fs';
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import type { Request } from '@/lib/platform/messages';
import { cacheItem, keyStateItem, settingsItem } from '@/lib/platform/storage';
import { readBadge } from './content-world';
import { ask, askOk, followListSlots, readItem, readRawItem, writeRawItem } from './extension';
import { expect, launchWithExtension, openExtensionPageIn, saveKey, serviceWorkerOf } from './fixtures';
import { HOSTILE_TEXT, startFakeSocialFetch, VALID_KEY, type FakeSocialFetch, type Fault } from '../fake-socialfetch';

/**
 * The fault and hostile-input catalogue (TESTING.md), end to end in Chromium with the production build: one test per
 * case. The cases share one browser (a worker-scoped fixture): when one fails, Playwright discards that worker and the
 * remaining cases go on in a fresh browser, so a failure hides no other case. After every case, `afterEach` checks
 * that no follow is lost and that nothing was injected into the TikTok page or the popup.
 */

const KEPT = ['keep.one', 'keep.two', 'keep.three'];

interface Catalogue {
  fake: FakeSocialFetch;
  context: BrowserContext;
  extensionId: string;
  /** The popup, open for the whole run: it must keep showing the kept follows. */
  popup: Page;
  /** A TikTok tab the cases visit profiles in. */
  tab: Page;
  /** Requests the browser made to elsewhere.example (where a redirect points): there must never be any. */
  elsewhere: string[];
}

const test = base.extend<object, { catalogue: Catalogue }>({
  catalogue: [
    async ({}, use) => {
      const fake = await startFakeSocialFetch();
      const context = await launchWithExtension(fake);
      const extensionId = new URL((await serviceWorkerOf(context)).url()).host;
      const elsewhere: string[] = [];
      context.on('request', (request) => void (new URL(request.url()).hostname === 'elsewhere.example' && elsewhere.push(request.url())));
      const popup = await openExtensionPageIn(context, 'popup');
      expect(await saveKey(popup)).toMatchObject({ ok: true });
      for (const handle of KEPT) expect(await askOk(popup, { type: 'follow', handle, follow: true })).toMatchObject({ followed: true });
      const tab = await context.newPage();
      await use({ fake, context, extensionId, popup, tab, elsewhere });
      await context.close();
      await fake.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

const rowHandles = (popup: Page) => popup.getByTestId('creator-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-handle')));

/** The settled badge state on `handle`'s profile, read from the content script's world (the root is closed). */
async function badgeOn(page: Page, handle: string) {
  await page.goto(`https://www.tiktok.com/@${handle}`);
  await expect.poll(async () => (await readBadge(page))?.state ?? 'checking').not.toBe('checking');
  return (await readBadge(page))!.state;
}

/** Injected elements in the page and its open shadow roots, plus those inside the badge's closed root. */
async function injected(page: Page) {
  const inPage = await page.evaluate(() => {
    const all = [document, ...[...document.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [e.shadowRoot] : []))];
    return all.reduce((n, root) => n + root.querySelectorAll('img[src="x"], [onerror], script[src^="javascript"], a[href^="javascript"]').length, 0);
  });
  return inPage + ((await readBadge(page))?.injected ?? 0);
}

/** A valid key and credits again, after a case that took them away. */
async function resetKey({ fake, popup }: Catalogue) {
  fake.validKeys.add(VALID_KEY);
  fake.balance = 10_000;
  expect(await saveKey(popup)).toMatchObject({ ok: true });
}

test.afterEach(async ({ catalogue: { popup, tab } }) => {
  // No follow lost: the background still has each, and the open popup still lists each.
  for (const handle of KEPT) {
    expect((await askOk(popup, { type: 'lookup', handle, reason: 'popup' })).followed, `${handle} is still followed`).toBe(true);
  }
  await expect.poll(() => rowHandles(popup), { message: 'the popup lists every kept follow' }).toEqual(expect.arrayContaining(KEPT));
  // Nothing injected into the TikTok page (and its badge) or the popup.
  expect(await injected(tab), 'elements injected into the TikTok tab').toBe(0);
  expect(await injected(popup), 'elements injected into the popup').toBe(0);
});

// ---- every API error kind: a clear state, the key state where it concerns the key ----

interface ApiFault {
  name: string;
  /** A function for faults that depend on when the case runs (an HTTP date). */
  fault: Fault | (() => Fault);
  /** What the badge must say. */
  says: RegExp;
  badge?: 'needs_key' | 'out_of_credits' | 'paused';
}
const API_FAULTS: ApiFault[] = [
  { name: '401 unauthorized', fault: { kind: 'status', status: 401 }, says: /needs an API key/, badge: 'needs_key' },
  { name: '402 insufficient credits', fault: { kind: 'status', status: 402 }, says: /Out of Social Fetch credits/, badge: 'out_of_credits' },
  { name: '400 bad request', fault: { kind: 'status', status: 400 }, says: /rejected the request/ },
  { name: '429 with Retry-After seconds', fault: { kind: 'status', status: 429, retryAfter: '2' }, says: /slow down/, badge: 'paused' },
  {
    name: '429 with Retry-After date',
    fault: () => ({ kind: 'status', status: 429, retryAfter: new Date(Date.now() + 2000).toUTCString() }),
    says: /slow down/,
    badge: 'paused',
  },
  { name: '500 internal error', fault: { kind: 'status', status: 500 }, says: /internal error/ },
  { name: '502 lookup failed', fault: { kind: 'status', status: 502 }, says: /could not read this profile/ },
  { name: '503 with Retry-After', fault: { kind: 'status', status: 503, retryAfter: '1' }, says: /temporarily unavailable/ },
  {
    name: '502 HTML proxy page (the service is out of reach)',
    fault: { kind: 'status', status: 502, body: '<html><img src=x onerror=alert(1)>Bad gateway</html>' },
    says: /temporarily unavailable/,
  },
  { name: '302 redirect to another host', fault: { kind: 'redirect', location: 'https://elsewhere.example/steal' }, says: /did not follow it/ },
  { name: '500 empty body', fault: { kind: 'status', status: 500, body: '' }, says: /internal error/ },
  { name: 'malformed JSON', fault: { kind: 'malformed-json' }, says: /could not read/ },
  { name: 'wrong shape', fault: { kind: 'wrong-shape' }, says: /could not read/ },
];

API_FAULTS.forEach(({ name, fault, says, badge = 'error' }, index) => {
  test(`API: ${name}`, async ({ catalogue }) => {
    const { fake, popup, tab, elsewhere } = catalogue;
    const handle = `fault.case${index}`;
    fake.fault(typeof fault === 'function' ? fault() : fault, { handle });
    await askOk(popup, { type: 'lookup', handle, reason: 'popup' });
    // What the user sees on the profile: the state, and a sentence that says what happened.
    expect(await badgeOn(tab, handle)).toBe(badge);
    expect((await readBadge(tab))?.text).toMatch(says);
    // A redirect is never followed: nothing, and so no key, reaches the other host.
    expect(elsewhere).toEqual([]);
    if (badge === 'needs_key' || badge === 'out_of_credits') {
      // Checking is stopped: the popup's banner says so, with no "checked just now" above it.
      await expect(popup.getByTestId('status-banner')).toHaveAttribute('data-kind', badge === 'needs_key' ? 'invalid' : 'out_of_credits');
      await expect(popup.getByTestId('last-checked')).toHaveText('');
    }
    // Worker alive and answering.
    await askOk(popup, { type: 'lookup', handle: 'keep.one', reason: 'popup' });
    // A pause lasts as long as Retry-After said (2 s); the next case starts after it.
    if (badge === 'paused') await tab.waitForTimeout(2100);
    await resetKey(catalogue);
  });
});

test('API: slow answer (3 s) still arrives', async ({ catalogue: { fake, popup } }) => {
  fake.setProfile('fault.slow', { kind: 'offline' });
  fake.fault({ kind: 'slow', ms: 3000 }, { handle: 'fault.slow' });
  expect((await askOk(popup, { type: 'lookup', handle: 'fault.slow', reason: 'popup' })).entry?.lookup?.status).toBe('offline');
});

test('API: oversized payload (5 MB)', async ({ catalogue: { fake, popup } }) => {
  fake.setProfile('fault.big', { kind: 'live' });
  fake.fault({ kind: 'oversized', bytes: 5_000_000 }, { handle: 'fault.big' });
  expect((await askOk(popup, { type: 'lookup', handle: 'fault.big', reason: 'popup' })).entry?.lookup?.status).toBe('live');
});

test('hostile strings in every text field, javascript: and http: URLs (badge)', async ({ catalogue: { fake, tab } }) => {
  fake.fault({ kind: 'hostile' }, { handle: 'fault.evil' });
  expect(await badgeOn(tab, 'fault.evil')).toBe('live');
  // The scan must see into the closed root, or it could not fail for the badge.
  expect(await readBadge(tab)).toMatchObject({ injected: 0, link: { title: HOSTILE_TEXT } });
});

test('hostile payload in the popup: text only, only https links offered', async ({ catalogue: { fake, popup } }) => {
  const handle = 'fault.evil.popup';
  fake.fault({ kind: 'hostile' }, { handle });
  expect((await askOk(popup, { type: 'lookup', handle, reason: 'popup' })).entry?.lookup?.status).toBe('live');
  await askOk(popup, { type: 'follow', handle, follow: true });
  await popup.getByRole('button', { name: `Stream links for @${handle}` }).click();
  // Of all the hostile links, one is https: it is the only one offered (as the recommended link and in its group).
  await expect(popup.getByTestId('variant')).toHaveCount(1);
  await expect(popup.getByRole('button', { name: /^Copy (HLS|FLV|CMAF) link/ })).toHaveCount(1);
  await expect(popup.locator(`[data-handle="${handle}"]`)).toContainText(HOSTILE_TEXT);
  // Scanned here, while it is listed: afterEach runs once it is taken away again.
  expect(await injected(popup)).toBe(0);
  await askOk(popup, { type: 'follow', handle, follow: false });
});

test('handle of 64 characters is accepted, 65 refused with a reason', async ({ catalogue: { popup } }) => {
  const add = popup.getByLabel('Add a creator');
  await add.fill('a'.repeat(65));
  await add.press('Enter');
  await expect(popup.getByRole('alert').filter({ hasText: 'too long' })).toBeVisible();
  expect(await ask(popup, { type: 'lookup', handle: 'a'.repeat(65), reason: 'popup' })).toEqual({ ok: false, error: 'Malformed request.' });
  expect(await ask(popup, { type: 'lookup', handle: 'a'.repeat(64), reason: 'popup' })).toMatchObject({ ok: true });
});

test('unicode look-alike handles are refused, not folded', async ({ catalogue: { popup } }) => {
  const add = popup.getByLabel('Add a creator');
  await add.fill('kеep.one'); // Cyrillic "е"
  await add.press('Enter');
  await expect(popup.getByRole('alert').filter({ hasText: 'letters, digits' })).toBeVisible();
  expect(await ask(popup, { type: 'follow', handle: 'kеep.one', follow: true })).toMatchObject({ ok: false });
});

test('corrupted storage: settings, cache entry, key state and one follow entry', async ({ catalogue }) => {
  const { popup } = catalogue;
  await writeRawItem(popup, settingsItem, { v: 1, data: { pollMinutes: 'never' } });
  await writeRawItem(popup, cacheItem('keep.two'), { v: 1, data: { handle: 42 } });
  await writeRawItem(popup, keyStateItem, 'garbage');
  const chunk = followListSlots.chunk(0);
  const stored = await readRawItem(popup, chunk);
  expect(stored).toEqual(expect.arrayContaining([expect.arrayContaining(['keep.one'])]));
  await writeRawItem(popup, chunk, [...(stored as unknown[]), { evil: '<script>alert(1)</script>' }, 'nonsense']);
  await popup.reload();
  await expect(popup.getByTestId('creator-row')).toHaveCount(KEPT.length);
  // The next change keeps the unreadable entries aside, and the popup says so.
  await askOk(popup, { type: 'setNotify', handle: 'keep.one', notify: true });
  await expect(popup.getByTestId('follows-set-aside')).toContainText('2 saved entries');
  // The damaged settings read as the defaults, and the key state as missing, which tells the user to add the key
  // again; re-saving restores it.
  expect(await readItem(popup, settingsItem)).toEqual(settingsItem.fallback);
  await expect(popup.getByTestId('status-banner')).toHaveAttribute('data-kind', 'missing');
  await resetKey(catalogue);
});

test('bad import files change nothing', async ({ catalogue: { context, popup } }, testInfo) => {
  const options = await openExtensionPageIn(context, 'options');
  const file = (name: string, body: string) => {
    const p = testInfo.outputPath(name);
    writeFileSync(p, body);
    return p;
  };
  const deep = `${'['.repeat(5000)}"x"${']'.repeat(5000)}`;
  for (const [name, body, says] of [
    ['broken.json', '{"follows": [', 'cannot be read'],
    ['wrong-app.json', '{"app":"other","version":1,"exportedAt":"x","follows":[]}', 'not a Live Radar follow list'],
    ['future.json', '{"app":"live-radar","version":99,"exportedAt":"x","follows":["a"]}', 'newer version'],
    ['huge.json', JSON.stringify({ app: 'live-radar', version: 1, exportedAt: 'x', follows: Array.from({ length: 10_001 }, (_, i) => `c${i}`) }), '10001 creators'],
  ] as const) {
    await options.getByLabel('Import follow list').setInputFiles(file(name, body));
    await expect(options.getByTestId('import-error')).toContainText(says);
    await expect(options.getByTestId('import-error')).toContainText('Nothing was changed');
  }
  expect((await rowHandles(popup)).sort()).toEqual([...KEPT].sort());
  await options.getByLabel('Import follow list').setInputFiles(
    file('mixed.json', `{"app":"live-radar","version":1,"exportedAt":"x","follows":["<script>",{"handle":"MS4wLjABAAAAxyz"},"keep.one",${deep},{"handle":"x","addedAt":1e20}]}`),
  );
  // Each entry answered on its own: the deeply nested one is skipped, not fatal; a date out of range counts from now.
  await expect(options.getByTestId('import-report')).toContainText('Added 1 creator, skipped 4');
  await askOk(popup, { type: 'follow', handle: 'x', follow: false });
  await options.getByLabel('Import follow list').setInputFiles(file('page.html', '<html><body>not a list</body></html>'));
  await expect(options.getByTestId('import-report')).toContainText('Added 0 creators, skipped 1');
  await options.close();
});

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
  // Where a page has `chrome.runtime` at all, the extension does not answer it (no `externally_connectable`).
  for (const answer of tried.answers) expect(answer).not.toMatchObject({ ok: true });
  // Give anything the page set off time to land, then look for its effects.
  await tab.waitForTimeout(1500);

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
