import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A fake Social Fetch API that follows ../shared/socialfetch/CONTRACT.md, for unit tests, e2e tests and the benchmark.
 * Profiles are scripted per handle; faults are injected per call; every request is logged so tests count credits.
 */

export type ProfileState =
  | {
      kind: 'live';
      displayName?: string | null;
      title?: string | null;
      viewerCount?: number;
      startedAt?: string | null;
      roomId?: string;
      verified?: boolean;
      avatarUrl?: string | null;
      variants?: unknown[];
      /** Merged into `data.live` as is: hostile or malformed values. */
      extra?: Record<string, unknown>;
      profileExtra?: Record<string, unknown>;
    }
  | {
      kind: 'offline';
      displayName?: string | null;
      verified?: boolean;
      avatarUrl?: string | null;
      profileExtra?: Record<string, unknown>;
    }
  | { kind: 'not_found' };

export type Fault =
  | { kind: 'status'; status: 400 | 401 | 402 | 429 | 500 | 502 | 503; code?: string; retryAfter?: string; body?: string }
  | { kind: 'malformed-json' }
  | { kind: 'wrong-shape' }
  | { kind: 'slow'; ms: number }
  | { kind: 'hang' }
  | { kind: 'oversized'; bytes: number }
  | { kind: 'hostile' }
  /** A 302 to another host, which must never see the key. */
  | { kind: 'redirect'; location: string };

export interface FakeRequest {
  method: string;
  path: string;
  handle?: string;
  key?: string;
  status: number;
  creditsCharged: number;
  at: number;
}

export interface FakeSocialFetch {
  origin: string;
  validKeys: Set<string>;
  balance: number;
  latencyMs: number;
  requests: FakeRequest[];
  setProfile(handle: string, state: ProfileState): void;
  fault(next: Fault, opts?: { handle?: string; times?: number }): void;
  /** Number of `/live` requests (each one a credit at the real API), for one handle or all. */
  lookups(handle?: string): number;
  reset(): void;
  handler: http.RequestListener;
  close(): Promise<void>;
}

export const VALID_KEY = 'sfk_test_valid';
export const HOSTILE_TEXT = '<img src=x onerror=alert(1)>';

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  402: 'insufficient_credits',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'lookup_failed',
  503: 'temporarily_unavailable',
};

const sample = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'fixtures/socialfetch/live.json'), 'utf8'),
) as { data: { live: { variants: Record<string, unknown>[] } } };

function sampleVariants(handle: string): unknown[] {
  return sample.data.live.variants.map((v) =>
    Object.fromEntries(
      Object.entries(v).map(([k, value]) => [
        k,
        typeof value === 'string' && value.startsWith('https://') ? value.replace('stream-3458901234567890', `stream-${handle}`) : value,
      ]),
    ),
  );
}

export async function startFakeSocialFetch(options: { port?: number } = {}): Promise<FakeSocialFetch> {
  let profiles = new Map<string, ProfileState>();
  let faults: { fault: Fault; handle?: string; left: number }[] = [];
  let counter = 0;
  const hanging = new Set<http.ServerResponse>();

  const requestId = () => `req_fake_${String(++counter).padStart(6, '0')}`;
  const meta = (creditsCharged: number) => ({ requestId: requestId(), creditsCharged, version: 'v1' });

  function profileOf(handle: string, state: Exclude<ProfileState, { kind: 'not_found' }>) {
    return {
      platform: 'tiktok',
      handle,
      displayName: state.displayName === undefined ? handle.replace(/[._]/g, ' ') : state.displayName,
      avatarUrl: state.avatarUrl === undefined ? `https://p16-sign.tiktokcdn.com/avatar/${handle}.jpeg` : state.avatarUrl,
      verified: state.verified ?? false,
      profileUrl: `https://www.tiktok.com/@${handle}`,
      followerCount: 1000,
      ...state.profileExtra,
    };
  }

  function liveBody(handle: string, state: ProfileState) {
    if (state.kind === 'not_found') {
      return { data: { lookupStatus: 'not_found', liveStatus: null, profile: null, live: null }, meta: meta(1) };
    }
    if (state.kind === 'offline') {
      return { data: { lookupStatus: 'found', liveStatus: 'offline', profile: profileOf(handle, state), live: null }, meta: meta(1) };
    }
    return {
      data: {
        lookupStatus: 'found',
        liveStatus: 'live',
        profile: profileOf(handle, state),
        live: {
          roomId: state.roomId ?? `room-${handle}`,
          title: state.title === undefined ? `${handle} is live` : state.title,
          coverUrl: null,
          startedAt: state.startedAt === undefined ? new Date(Date.now() - 25 * 60_000).toISOString() : state.startedAt,
          viewerCount: state.viewerCount ?? 1234,
          enterCount: 5000,
          streamId: `stream-${handle}`,
          variants: state.variants ?? sampleVariants(handle),
          ...state.extra,
        },
      },
      meta: meta(1),
    };
  }

  function hostileBody(handle: string) {
    const bad = 'javascript:alert(1)';
    return {
      data: {
        lookupStatus: 'found',
        liveStatus: 'live',
        profile: {
          platform: 'tiktok',
          handle: `${handle}<script>alert(1)</script>`,
          displayName: HOSTILE_TEXT,
          avatarUrl: bad,
          verified: true,
          profileUrl: bad,
          bio: HOSTILE_TEXT,
        },
        live: {
          roomId: `room-${handle}-hostile`,
          title: HOSTILE_TEXT,
          coverUrl: 'http://insecure.example/cover.jpg',
          startedAt: '<script>',
          viewerCount: 99,
          variants: [
            { codec: 'h264', source: 'primary', quality: 'hd', qualityLabel: '<script>alert(1)</script>', hlsUrl: bad, flvUrl: 'http://insecure.example/x.flv', cmafUrl: 'data:text/html,<script>alert(1)</script>', resolution: HOSTILE_TEXT, bitrate: 1 },
            { codec: 'h264', source: 'primary', quality: 'sd', qualityLabel: 'SD', hlsUrl: 'https://safe.example/sd.m3u8', flvUrl: bad, cmafUrl: null, resolution: '480x854', bitrate: 800000 },
          ],
        },
      },
      meta: meta(1),
    };
  }

  function takeFault(handle: string | undefined): Fault | undefined {
    const index = faults.findIndex((f) => !f.handle || f.handle === handle);
    if (index < 0) return undefined;
    const entry = faults[index]!;
    if (--entry.left <= 0) faults.splice(index, 1);
    return entry.fault;
  }

  const fake: FakeSocialFetch = {
    origin: '',
    validKeys: new Set([VALID_KEY]),
    balance: 10_000,
    latencyMs: 0,
    requests: [],
    setProfile(handle, state) {
      profiles.set(handle.replace(/^@/, '').toLowerCase(), state);
    },
    fault(next, opts = {}) {
      faults.push({ fault: next, handle: opts.handle?.toLowerCase(), left: opts.times ?? 1 });
    },
    lookups(handle) {
      // CORS preflights (the Firefox test build calls the fake cross-origin) cost nothing at the real API.
      return fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/live') && (!handle || r.handle === handle.toLowerCase())).length;
    },
    reset() {
      profiles = new Map();
      faults = [];
      fake.requests = [];
      fake.validKeys = new Set([VALID_KEY]);
      fake.balance = 10_000;
      fake.latencyMs = 0;
    },
    handler(req, res) {
      void respond(req, res);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  async function respond(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const key = typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : undefined;
    const match = /^\/v1\/tiktok\/profiles\/([^/]*)\/live$/.exec(url.pathname);
    let handle: string | undefined;
    if (match) {
      try {
        handle = decodeURIComponent(match[1] ?? '').replace(/^@/, '').toLowerCase();
      } catch {
        handle = match[1];
      }
    }
    const log: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, handle, key, status: 0, creditsCharged: 0, at: Date.now() };
    fake.requests.push(log);

    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      log.status = status;
      res.writeHead(status, {
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'x-api-key',
        ...headers,
      });
      res.end(body);
    };
    const json = (status: number, value: unknown, headers?: Record<string, string>) => send(status, JSON.stringify(value), headers);
    const error = (status: number, code = CODES[status] ?? 'internal_error', headers?: Record<string, string>) =>
      json(status, { error: { code, message: `Fake ${code}.`, requestId: requestId() } }, headers);

    if (req.method === 'OPTIONS') return send(204, '');
    if (fake.latencyMs) await delay(fake.latencyMs);
    if (!url.pathname.startsWith('/v1/')) return error(404, 'not_found');
    if (!key || !fake.validKeys.has(key)) return error(401);
    if (url.pathname === '/v1/whoami') {
      // Each key is an account of its own: the test key's, or another user's.
      const user = key === VALID_KEY ? { id: 'usr_fake', name: 'Test User', email: 'test@example.com' } : { id: 'usr_other', name: 'Other User', email: 'other@example.com' };
      return json(200, { data: { user }, meta: meta(0) });
    }
    if (url.pathname === '/v1/balance') return json(200, { data: { balance: fake.balance }, meta: meta(0) });
    if (!match || handle === undefined) return error(404, 'not_found');
    if (handle.length < 1 || handle.length > 64) return error(400);

    const fault = takeFault(handle);
    if (fault?.kind === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (fault?.kind === 'slow') await delay(fault.ms);
    if (fault?.kind === 'redirect') return send(302, '', { location: fault.location });
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.retryAfter ? { 'retry-after': fault.retryAfter } : {};
      if (fault.body !== undefined) return send(fault.status, fault.body, { ...headers, 'content-type': 'text/html' });
      return error(fault.status, fault.code, headers);
    }
    if (fake.balance <= 0) return error(402);

    fake.balance -= 1;
    log.creditsCharged = 1;
    if (fault?.kind === 'malformed-json') return send(200, JSON.stringify(liveBody(handle, { kind: 'offline' })).slice(0, 40));
    if (fault?.kind === 'wrong-shape') return json(200, { data: { lookupStatus: 'found', liveStatus: 'maybe' }, meta: meta(1) });
    if (fault?.kind === 'hostile') return json(200, hostileBody(handle));
    const body = liveBody(handle, profiles.get(handle) ?? { kind: 'not_found' });
    if (fault?.kind === 'oversized') return json(200, { ...body, padding: 'x'.repeat(fault.bytes) });
    return json(200, body);
  }

  const server = http.createServer(fake.handler);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  fake.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function delay(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A `fetch` for code under test that reaches only this machine's loopback (the fake) and refuses everything else
 * (TikTok's avatar CDN, any other host) as a network error would, so no test ever calls the real network.
 * `extra` may answer chosen URLs itself (an avatar, say).
 */
export function loopbackFetch(extra: (url: string) => Response | null = () => null): typeof fetch {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const answer = extra(url);
    if (answer) return answer;
    if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new TypeError(`test: no network for ${url}`);
    return fetch(input, init);
  };
}
