import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSocialFetchClient } from '@/lib/socialfetch/client';
import { balanceResponseSchema, liveResponseSchema, whoamiResponseSchema } from '@/lib/socialfetch/schemas';
import { startFakeSocialFetch, VALID_KEY, type Fault, type FakeSocialFetch } from '../fake-socialfetch';

let fake: FakeSocialFetch;
beforeAll(async () => {
  fake = await startFakeSocialFetch();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const get = async (path: string, key: string | null = VALID_KEY) => {
  const response = await fetch(`${fake.origin}${path}`, { headers: key ? { 'x-api-key': key } : {} });
  return { status: response.status, body: await response.json() };
};
const client = (timeoutMs = 2000) => createSocialFetchClient({ getKey: () => VALID_KEY, origin: fake.origin, timeoutMs });

describe('the fake follows the contract', () => {
  it('answers live, offline and not found in the documented shape, charging one credit each', async () => {
    fake.setProfile('Sunny', { kind: 'live' });
    fake.setProfile('quiet', { kind: 'offline' });
    for (const handle of ['sunny', '@sunny', 'quiet', 'nobody']) {
      const { status, body } = await get(`/v1/tiktok/profiles/${encodeURIComponent(handle)}/live`);
      expect(status).toBe(200);
      expect(liveResponseSchema.safeParse(body).success).toBe(true);
      expect(body.meta.creditsCharged).toBe(1);
    }
    expect(fake.lookups()).toBe(4);
    expect(fake.lookups('sunny')).toBe(2);
    expect(fake.balance).toBe(9996);
  });

  it('answers whoami and balance for free', async () => {
    expect(whoamiResponseSchema.safeParse((await get('/v1/whoami')).body).success).toBe(true);
    const balance = await get('/v1/balance');
    expect(balanceResponseSchema.safeParse(balance.body).success).toBe(true);
    expect(balance.body.meta.creditsCharged).toBe(0);
  });

  it('refuses a missing or unknown key with the error envelope', async () => {
    for (const key of [null, 'sfk_wrong']) {
      const { status, body } = await get('/v1/whoami', key);
      expect(status).toBe(401);
      expect(body.error).toMatchObject({ code: 'unauthorized', requestId: expect.any(String) });
    }
  });

  it('answers 402 when the balance is spent', async () => {
    fake.balance = 0;
    expect((await get('/v1/tiktok/profiles/x/live')).body.error.code).toBe('insufficient_credits');
  });

  it('rejects a handle over 64 characters', async () => {
    expect((await get(`/v1/tiktok/profiles/${'x'.repeat(65)}/live`)).status).toBe(400);
  });
});

describe('every fault becomes a typed error or a clean value in the client', () => {
  it.each<[Fault, string]>([
    [{ kind: 'status', status: 401 }, 'unauthorized'],
    [{ kind: 'status', status: 402 }, 'insufficient_credits'],
    [{ kind: 'status', status: 400 }, 'bad_request'],
    [{ kind: 'status', status: 429, retryAfter: '30' }, 'rate_limited'],
    [{ kind: 'status', status: 500 }, 'internal_error'],
    [{ kind: 'status', status: 502 }, 'lookup_failed'],
    [{ kind: 'status', status: 503, retryAfter: 'Wed, 21 Oct 2099 07:28:00 GMT' }, 'temporarily_unavailable'],
    [{ kind: 'status', status: 502, body: '<html>Bad gateway</html>' }, 'temporarily_unavailable'],
    [{ kind: 'redirect', location: 'https://elsewhere.example/' }, 'redirected'],
    [{ kind: 'status', status: 500, body: '' }, 'internal_error'],
    [{ kind: 'malformed-json' }, 'malformed_response'],
    [{ kind: 'wrong-shape' }, 'malformed_response'],
  ])('%j → %s', async (fault, kind) => {
    fake.fault(fault);
    const result = await client().lookupLive('sunny');
    expect(result).toMatchObject({ ok: false, error: { kind } });
  });

  it('a hanging call times out and close() ends it', async () => {
    fake.fault({ kind: 'hang' });
    expect(await client(100).lookupLive('sunny')).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('a slow answer still arrives', async () => {
    fake.setProfile('sunny', { kind: 'offline' });
    fake.fault({ kind: 'slow', ms: 50 });
    expect(await client().lookupLive('sunny')).toMatchObject({ ok: true, data: { status: 'offline' } });
  });

  it('an oversized payload is read, not trusted for size', async () => {
    fake.setProfile('sunny', { kind: 'live' });
    fake.fault({ kind: 'oversized', bytes: 2_000_000 });
    expect(await client().lookupLive('sunny')).toMatchObject({ ok: true, data: { status: 'live' } });
  });

  it('a hostile payload comes out with only https URLs and text kept as text', async () => {
    fake.fault({ kind: 'hostile' });
    const result = await client().lookupLive('sunny');
    if (!result.ok || result.data.status !== 'live') throw new Error('expected live');
    const urls = JSON.stringify(result.data).match(/"(https?|javascript|data):[^"]*"/g) ?? [];
    expect(urls.every((u) => u.startsWith('"https://'))).toBe(true);
    expect(result.data.profile.handle).toBe('sunny');
    expect(result.data.live.startedAt).toBeNull();
    expect(result.data.live.variants).toHaveLength(1);
    expect(result.data.live.title).toBe('<img src=x onerror=alert(1)>');
  });

  it('a fault for one handle leaves the others alone', async () => {
    fake.setProfile('a', { kind: 'offline' });
    fake.fault({ kind: 'status', status: 500 }, { handle: 'b' });
    expect((await client().lookupLive('a')).ok).toBe(true);
    expect((await client().lookupLive('b')).ok).toBe(false);
  });
});
