import type { Page } from '@playwright/test';
import { readBadge } from './content-world';
import { askOk } from './extension';
import { badgeOn, expect, injected, resetKey, test } from './catalogue';
import { HOSTILE_TEXT, type FakeSocialFetch, type Fault } from '../fake-socialfetch';

// The catalogue's API cases (TESTING.md): every error kind, slow and oversized answers, hostile payloads.

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
  { name: '500 with an error code this build does not know', fault: { kind: 'status', status: 500, code: 'brand_new_code' }, says: /internal error/ },
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
    // A pause lasts as long as Retry-After said (2 s, or 1 s for the 503); the next case starts after it.
    if (badge === 'paused' || name.startsWith('503')) await tab.waitForTimeout(2100);
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

/** A creator whose every answer is the fake's hostile payload, followed so the popup lists it; unfollowed after `check`. */
async function listedHostile(popup: Page, handle: string, fake: FakeSocialFetch, check: () => Promise<void>) {
  fake.fault({ kind: 'hostile' }, { handle });
  expect((await askOk(popup, { type: 'lookup', handle, reason: 'popup' })).entry?.lookup?.status).toBe('live');
  await askOk(popup, { type: 'follow', handle, follow: true });
  await check();
  await askOk(popup, { type: 'follow', handle, follow: false });
}

test('hostile strings in every text field (popup): shown as text', async ({ catalogue: { fake, popup } }) => {
  const handle = 'fault.evil.text';
  await listedHostile(popup, handle, fake, async () => {
    await expect(popup.locator(`[data-handle="${handle}"]`)).toContainText(HOSTILE_TEXT);
    // The stream panel shows the quality labels and resolutions, hostile too.
    await popup.getByRole('button', { name: `Stream links for @${handle}` }).click();
    await expect(popup.getByTestId('variant').first()).toBeVisible();
    // Scanned here, while it is listed: afterEach runs once it is taken away again.
    expect(await injected(popup)).toBe(0);
  });
});

test('javascript:, data: and http: URLs (popup): only the https link offered', async ({ catalogue: { fake, popup } }) => {
  const handle = 'fault.evil.links';
  await listedHostile(popup, handle, fake, async () => {
    await popup.getByRole('button', { name: `Stream links for @${handle}` }).click();
    // Of all the hostile links, one is https: it is the only one offered (as the recommended link and in its group).
    await expect(popup.getByTestId('variant')).toHaveCount(1);
    await expect(popup.getByRole('button', { name: /^Copy (HLS|FLV|CMAF) link/ })).toHaveCount(1);
    // The avatar's URL is one of them: initials instead.
    await expect(popup.locator(`[data-handle="${handle}"] img`)).toHaveCount(0);
  });
});
