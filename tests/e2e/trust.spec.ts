import type { Page } from '@playwright/test';
import type { Request } from '@/lib/platform/messages';
import { confirmCap } from '@/lib/domain/schedule/signals';
import { dailyBudget, pageAllowance } from '@/lib/domain/budget';
import { notificationId } from '@/lib/platform/notify';
import { budgetItem, cacheItem, notifiedItem, settingsItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import { clickInBadge, contentSettled, inContentWorld, readBadge } from './content-world';
import { ask, askOk, clearLookupCache, readItem, storedValue } from './extension';
import { expect, saveKey, test } from './fixtures';

/**
 * The trust boundary, tried as an attacker would: TikTok's page (or an ad, or another extension's page script) and,
 * worse, the content script's own world if the renderer were compromised. Production build, real Chromium.
 */

const follows = async (extensionPage: Page) => (await askOk(extensionPage, { type: 'lookup', handle: 'keep.me', reason: 'popup' })).followed;
const followedHandles = (popup: Page) => popup.getByTestId('creator-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-handle')));

test('a page that walks profiles and clicks the badge changes no follow and spends only visits', async ({ context, fake, openExtensionPage }) => {
  test.setTimeout(90_000);
  const popup = await openExtensionPage('popup');
  await saveKey(popup);
  await askOk(popup, { type: 'follow', handle: 'keep.me', follow: true });
  const page = await context.newPage();
  await page.goto('https://www.tiktok.com/@start.here');
  await expect.poll(async () => (await readBadge(page))?.state).toBeTruthy();
  const before = fake.lookups();

  const seen = await page.evaluate(async () => {
    const tried = { shadowRoots: 0, hosts: 0 };
    for (let i = 0; i < 60; i++) {
      // The badge shows its answer a while after asking: the page waits for the new one to be put in (a second at most).
      const added = new Promise<void>((resolve) => {
        const observer = new MutationObserver((records) => {
          if (records.some((r) => [...r.addedNodes].some((n) => n.nodeName === 'LIVE-RADAR-BADGE'))) resolve();
        });
        observer.observe(document.documentElement, { childList: true, subtree: true });
        setTimeout(resolve, 1000);
      });
      (window as unknown as { __spaNavigate(p: string): void }).__spaNavigate(`/@victim${i}`);
      await added;
      const host = document.querySelector('live-radar-badge') as HTMLElement | null;
      if (!host) continue;
      tried.hosts++;
      if (host.shadowRoot) tried.shadowRoots++;
      host.click();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      host.focus();
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      const box = host.getBoundingClientRect();
      (document.elementFromPoint(box.right - 20, box.top + box.height / 2) as HTMLElement | null)?.click();
    }
    return tried;
  });
  expect(seen.hosts).toBeGreaterThan(0);
  expect(seen.shadowRoots).toBe(0);
  // The first profile and the 60 the page moved to, each handled to the end, and nothing the clicks set off under way.
  await contentSettled(page, { pages: 61 });
  expect(await followedHandles(popup)).toEqual(['keep.me']);
  // Visits are paid only up to the per-minute ceiling (10), however fast the page navigates.
  expect(fake.lookups() - before).toBeLessThanOrEqual(10);
  expect(await follows(popup)).toBe(true);
});

test('a badge made invisible by the page does not act on the user’s click', async ({ context, fake, openExtensionPage }) => {
  fake.setProfile('bait', { kind: 'live' });
  const popup = await openExtensionPage('popup');
  await saveKey(popup);
  const page = await context.newPage();
  await page.goto('https://www.tiktok.com/@bait');
  await expect.poll(async () => (await readBadge(page))?.state).toBe('live');
  // Clickjacking: the page hides the badge under its own bait and waits for the user to click there.
  await page.evaluate(() => ((document.querySelector('live-radar-badge') as HTMLElement).style.opacity = '0'));
  await clickInBadge(page, '[data-action="toggle"]');
  await contentSettled(page);
  expect((await readBadge(page))?.pressed).toBe('false');
  expect(await followedHandles(popup)).toEqual([]);

  await page.evaluate(() => ((document.querySelector('live-radar-badge') as HTMLElement).style.opacity = ''));
  await clickInBadge(page, '[data-action="toggle"]');
  await expect.poll(async () => (await readBadge(page))?.pressed).toBe('true');
  await expect.poll(() => followedHandles(popup)).toEqual(['bait']);
});

test('the page cannot tell from the badge whether the user follows a creator', async ({ context, fake, openExtensionPage }) => {
  fake.setProfile('followed.one', { kind: 'offline' });
  fake.setProfile('stranger', { kind: 'offline' });
  const popup = await openExtensionPage('popup');
  await saveKey(popup);
  await askOk(popup, { type: 'follow', handle: 'followed.one', follow: true });
  const page = await context.newPage();
  const observed = [];
  for (const handle of ['followed.one', 'stranger']) {
    await page.goto(`https://www.tiktok.com/@${handle}`);
    await expect.poll(async () => (await readBadge(page))?.state).toBe('offline');
    observed.push(
      await page.evaluate(() => {
        const host = document.querySelector('live-radar-badge') as HTMLElement;
        const box = host.getBoundingClientRect();
        return {
          count: document.querySelectorAll('live-radar-badge').length,
          shadowRoot: host.shadowRoot === null ? 'closed' : 'open',
          size: [box.width, box.height],
          attributes: [...host.attributes].map((a) => `${a.name}=${a.value}`),
          text: host.innerText + host.textContent,
          links: document.querySelectorAll('a[href*="extension://"]').length,
        };
      }),
    );
  }
  // The toggle inside does differ ("Notifying" vs "Notify me"), where only the user and the extension can see it.
  expect((await readBadge(page))?.pressed).toBe('false');
  expect(observed[0]).toEqual(observed[1]);
  expect(observed[0]).toMatchObject({ count: 1, shadowRoot: 'closed', text: '', links: 0 });
});

test('the content script’s own world cannot use storage, and what it may ask is held to the allow-list and the ceiling', async ({ context, fake, openExtensionPage }) => {
  const options = await openExtensionPage('options');
  await saveKey(options);
  const page = await context.newPage();
  await page.goto('https://www.tiktok.com/@probe');
  await expect.poll(async () => (await readBadge(page))?.state).toBeTruthy();

  // The compromised renderer's code is a string run in the content script's world; the key it aims at is the real one.
  const settingsKey = JSON.stringify(settingsItem.key);
  // A value the extension would take, were it written: the settings read afterwards show whether it was.
  const settingsBefore = await readItem(options, settingsItem);
  expect(settingsBefore.pollMinutes).not.toBe(0.5);
  const fastPolling = JSON.stringify(storedValue(settingsItem, { ...DEFAULT_SETTINGS, pollMinutes: 0.5 }).raw);
  const storage = await inContentWorld<Record<string, string>>(
    page,
    `(async () => {
      const out = {};
      const attempts = {
        'local.get': () => chrome.storage.local.get(null),
        'local.set': () => chrome.storage.local.set({ [${settingsKey}]: ${fastPolling} }),
        'sync.get': () => chrome.storage.sync.get(null),
        'sync.set': () => chrome.storage.sync.set({ [${settingsKey}]: ${fastPolling} }),
        'session.get': () => chrome.storage.session.get(null),
      };
      for (const [name, run] of Object.entries(attempts)) {
        try { await run(); out[name] = 'allowed'; } catch (e) { out[name] = 'refused'; }
      }
      return out;
    })()`,
  );
  expect(storage).toEqual({ 'local.get': 'refused', 'local.set': 'refused', 'sync.get': 'refused', 'sync.set': 'refused', 'session.get': 'refused' });
  expect(await readItem(options, settingsItem)).toEqual(settingsBefore);

  // Well-formed requests of every kind, typed here and sent one by one from the content script's world.
  const forced: Request[] = Array.from({ length: 40 }, (_, i): Request[] => [
    { type: 'visit', handle: `forced${i}`, retry: true },
    { type: 'lookup', handle: `forced${i}`, reason: 'refresh' },
  ]).flat();
  const offList: Request[] = [
    { type: 'saveKey', key: 'sfk_attacker' },
    { type: 'account' },
    { type: 'refreshAll' },
    { type: 'setDemo', on: true },
    { type: 'importFollows', entries: [{ handle: 'attacker' }] },
    { type: 'removeKey' },
    { type: 'setNotify', handle: 'a', notify: false },
  ];
  const before = fake.lookups();
  const answers = await inContentWorld<string[]>(
    page,
    `(async () => {
      const send = (m) => chrome.runtime.sendMessage(m).then((r) => (r.ok ? 'ok' : r.error), () => 'failed');
      const out = [];
      for (const m of ${JSON.stringify([...forced, ...offList])}) {
        // A visit is answered only for the profile the tab shows: the page moves there first.
        if (m.type === 'visit') history.pushState(null, '', '/@' + m.handle);
        out.push(await send(m));
      }
      return out;
    })()`,
  );
  expect(fake.lookups() - before).toBeLessThanOrEqual(10);
  const refused = 'Not allowed from a web page.';
  const tooMany = 'Too many requests from this page. Try again in a minute.';
  // Visits are answered (the ceiling, not a refusal, holds their cost) until the messages' own rate (the content
  // script's visits on each move count too); every kind off the allow-list is refused.
  answers.forEach((answer, i) => expect(forced[i]?.type === 'visit' ? ['ok', tooMany] : [refused]).toContain(answer));
  expect(answers.filter((answer) => answer === 'ok').length).toBeGreaterThanOrEqual(20);
  expect(await ask(options, { type: 'account' })).toMatchObject({ ok: true });
});

test('the page hears nothing from the extension: no message, no extension id anywhere it can read', async ({ context, fake, extensionId, openExtensionPage }) => {
  fake.setProfile('sunny.cooks', { kind: 'live' });
  await saveKey(await openExtensionPage('options'));
  const page = await context.newPage();
  await page.addInitScript(() => {
    const heard: string[] = ((window as unknown as { __heard: string[] }).__heard = []);
    window.addEventListener('message', (event) => heard.push(JSON.stringify(event.data)));
  });
  await page.goto('https://www.tiktok.com/@sunny.cooks');
  await expect.poll(async () => (await readBadge(page))?.state).toBe('live');
  const seen = await page.evaluate(() => ({
    heard: (window as unknown as { __heard: string[] }).__heard,
    html: document.documentElement.outerHTML,
  }));
  expect(seen.heard).toEqual([]);
  expect(seen.html).not.toContain(extensionId);
});

test('a compromised content script claiming every follow is live spends at most the signal cap and notifies nobody', async ({ context, worker, fake, openExtensionPage }) => {
  const options = await openExtensionPage('options');
  await saveKey(options);
  const handles = Array.from({ length: 40 }, (_, i) => `claimed${i}`);
  for (const handle of handles) fake.setProfile(handle, { kind: 'offline' });
  await askOk(options, { type: 'importFollows', entries: handles.map((handle) => ({ handle })) });
  const page = await context.newPage();
  await page.goto('https://www.tiktok.com/@probe');
  await expect.poll(async () => (await readBadge(page))?.state).toBeTruthy();
  const before = fake.lookups() - fake.lookups('probe');

  const claims: Request[] = [0, 20, 0, 20].map((from) => ({
    type: 'signals',
    signals: handles.slice(from, from + 20).map((handle) => ({ handle, state: 'live', source: 'list' })),
  }));
  await inContentWorld(page, `(async () => { for (const m of ${JSON.stringify(claims)}) await chrome.runtime.sendMessage(m); })()`);
  // At most the hour's cap of paid checks (scaled to the budget), whatever the page claims; all answered offline, so
  // nobody is announced.
  const cap = confirmCap(pageAllowance(dailyBudget(await readItem(worker, budgetItem), await readItem(worker, settingsItem)))).max;
  expect(cap).toBeGreaterThan(1);
  expect(cap).toBeLessThan(20);
  expect(fake.lookups() - fake.lookups('probe') - before).toBe(cap);
  expect(Object.keys(await worker.evaluate(() => chrome.notifications.getAll()))).toEqual([]);
});

test('a compromised content script changes no follow but the profile its tab shows, by the address the browser reports', async ({ context, fake, openExtensionPage }) => {
  const popup = await openExtensionPage('popup');
  await askOk(popup, { type: 'follow', handle: 'keep.me', follow: true });
  fake.setProfile('shown.here', { kind: 'offline' });
  const page = await context.newPage();
  await page.goto('https://www.tiktok.com/@shown.here');
  await expect.poll(async () => (await readBadge(page))?.state).toBeTruthy();

  const send = (request: Request) => inContentWorld<{ ok: boolean; error?: string }>(page, `chrome.runtime.sendMessage(${JSON.stringify(request)})`);
  for (const request of [
    { type: 'follow', handle: 'keep.me', follow: false },
    { type: 'follow', handle: 'page.victim', follow: true },
    { type: 'setPin', handle: 'page.victim', pinned: true },
  ] satisfies Request[]) {
    expect(await send(request)).toEqual({ ok: false, error: 'A TikTok page can act only on the profile it shows.' });
  }
  // The tab's own profile, as the badge's button would; then, once the page has moved to another profile without
  // loading it (as TikTok does), that one only: the browser reports where the tab now is.
  expect(await send({ type: 'follow', handle: 'shown.here', follow: true })).toMatchObject({ ok: true });
  await page.evaluate(() => history.pushState(null, '', '/@moved.to'));
  expect(await send({ type: 'follow', handle: 'shown.here', follow: false })).toMatchObject({ ok: false });
  expect(await send({ type: 'follow', handle: 'moved.to', follow: true })).toMatchObject({ ok: true });
  await expect.poll(() => followedHandles(popup)).toEqual(expect.arrayContaining(['keep.me', 'shown.here', 'moved.to']));
  expect((await followedHandles(popup)).length).toBe(3);
});

test('a visit the page hides does not silence a go-live; a live badge the user saw on screen does', async ({ context, worker, fake, openExtensionPage }) => {
  test.setTimeout(60_000);
  fake.setProfile('hidden.live', { kind: 'offline' });
  fake.setProfile('shown.live', { kind: 'offline' });
  const popup = await openExtensionPage('popup');
  await saveKey(popup);
  for (const handle of ['hidden.live', 'shown.live']) await askOk(popup, { type: 'follow', handle, follow: true });
  // Both checked once, offline: their next live is news.
  await askOk(popup, { type: 'refreshAll' });
  await expect.poll(async () => [(await readItem(worker, cacheItem('hidden.live')))?.lookup?.status, (await readItem(worker, cacheItem('shown.live')))?.lookup?.status]).toEqual(['offline', 'offline']);
  fake.setProfile('hidden.live', { kind: 'live', roomId: 'room-hidden' });
  fake.setProfile('shown.live', { kind: 'live', roomId: 'room-shown' });
  // As if the freshness window had passed: the visits ask Social Fetch again.
  await clearLookupCache(worker);
  const notifications = async () => Object.keys(await worker.evaluate(() => chrome.notifications.getAll()));

  // The page hides every badge, then visits the followed creator: the visit finds the live, nobody saw it, it is announced.
  const hiding = await context.newPage();
  await hiding.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = 'live-radar-badge { opacity: 0 !important }';
      document.head.append(style);
    }),
  );
  await hiding.goto('https://www.tiktok.com/@hidden.live');
  await expect.poll(async () => (await readBadge(hiding))?.state).toBe('live');
  await expect.poll(notifications, { timeout: 15_000 }).toContain(notificationId('hidden.live', 'room-hidden'));

  // A badge on screen: its live is no news once seen, and never announced.
  const looking = await context.newPage();
  await looking.goto('https://www.tiktok.com/@shown.live');
  await expect.poll(async () => (await readItem(worker, notifiedItem)).find(([handle]) => handle === 'shown.live')?.[1]).toBe('room-shown');
  expect(await notifications()).not.toContain(notificationId('shown.live', 'room-shown'));
});

test('once the page has spent the visit ceiling, a followed creator’s badge and a stranger’s are the same size', async ({ context, fake, openExtensionPage }) => {
  fake.setProfile('followed.one', { kind: 'live', viewerCount: 12_345 });
  const popup = await openExtensionPage('popup');
  await saveKey(popup);
  await askOk(popup, { type: 'follow', handle: 'followed.one', follow: true });
  // Its answer is cached, as a followed creator's is after a poll.
  await askOk(popup, { type: 'refreshAll' });
  const page = await context.newPage();
  await page.goto('https://www.tiktok.com/@walker0');
  await expect.poll(async () => (await readBadge(page))?.state).toBeTruthy();
  // The page walks profiles until the ceiling (10 a minute) is spent: strangers now get "paused".
  for (let i = 1; i <= 10; i++) {
    await page.evaluate((h) => (window as unknown as { __spaNavigate(p: string): void }).__spaNavigate(`/@${h}`), `walker${i}`);
    await expect.poll(async () => (await readBadge(page))?.handle).toBe(`walker${i}`);
  }
  const size = async (handle: string, state: string) => {
    await page.evaluate((h) => (window as unknown as { __spaNavigate(p: string): void }).__spaNavigate(`/@${h}`), handle);
    await expect.poll(async () => (await readBadge(page))?.state).toBe(state);
    return page.evaluate(() => {
      const box = (document.querySelector('live-radar-badge') as HTMLElement).getBoundingClientRect();
      return [box.width, box.height];
    });
  };
  expect(await size('stranger.paused', 'paused')).toEqual(await size('followed.one', 'live'));
});
