import * as z from 'zod/mini';
import { reduceLookup } from '@/lib/socialfetch/reduce';
import { balanceResponseSchema, errorEnvelopeSchema, liveResponseSchema, metaSchema, whoamiResponseSchema } from '@/lib/socialfetch/schemas';
import type { ApiError, ApiErrorKind, Lookup } from '@/lib/socialfetch/model';

const API_ORIGIN = 'https://api.socialfetch.dev';
const DEFAULT_TIMEOUT_MS = 15_000;

export type ApiResult<T> =
  | { ok: true; data: T; requestId: string; creditsCharged: number }
  /** `staleKey`: the error is about a key that is no longer the stored one (replaced while the call was out). */
  | { ok: false; error: ApiError; staleKey?: true };

interface Account {
  id: string;
  name: string | null;
  email: string | null;
}

/** What the background needs from a source of live status; the demo source implements it too. */
export interface LiveSource {
  /** The simulated source: spends nothing and needs no key. */
  readonly demo?: boolean;
  lookupLive(handle: string, signal?: AbortSignal): Promise<ApiResult<Lookup>>;
}

export interface SocialFetchClient extends LiveSource {
  whoami(signal?: AbortSignal): Promise<ApiResult<Account>>;
  balance(signal?: AbortSignal): Promise<ApiResult<number>>;
}

interface ClientOptions {
  getKey: () => string | null | Promise<string | null>;
  fetch?: typeof globalThis.fetch;
  origin?: string;
  timeoutMs?: number;
  now?: () => number;
}

const CODE_KINDS: Record<string, ApiErrorKind> = {
  unauthorized: 'unauthorized',
  insufficient_credits: 'insufficient_credits',
  rate_limited: 'rate_limited',
  bad_request: 'bad_request',
  lookup_failed: 'lookup_failed',
  temporarily_unavailable: 'temporarily_unavailable',
  internal_error: 'internal_error',
};

/** For answers without Social Fetch's error envelope: what the HTTP status alone says. */
function kindFromStatus(status: number): ApiErrorKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 402) return 'insufficient_credits';
  if (status === 429) return 'rate_limited';
  // A gateway's own 502/504 page (no envelope) means the service is out of reach, not that one profile failed.
  if (status === 502 || status === 503 || status === 504) return 'temporarily_unavailable';
  if (status >= 500) return 'internal_error';
  if (status >= 400) return 'bad_request';
  return 'malformed_response';
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Every form in which a server could echo `key`: as sent, URL-encoded, without its prefix, and in base64 at any offset. */
function keyForms(key: string): string[] {
  const secret = key.replace(/^sfk_/, '');
  const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
  // Inside a longer base64 text the key starts at one of three offsets; the groups that hold only its bytes are fixed.
  const embedded = [0, 1, 2].map((offset) => {
    const encoded = base64('\0'.repeat(offset) + key);
    const start = Math.ceil(offset / 3) * 4;
    return encoded.slice(start, encoded.length - 4);
  });
  const forms = [key, encodeURIComponent(key), secret, encodeURIComponent(secret), ...embedded.flatMap((b) => [b, b.replace(/\+/g, '-').replace(/\//g, '_')])];
  return [...new Set(forms.filter((form) => form.length >= 8))];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Server text is shown to users: keep it short and make sure no key rides along in it, in any case or encoding the
 * server could echo the key in (and any other `sfk_…` token as typed).
 */
function safeServerText(text: string | undefined, key: string): string | undefined {
  if (!text) return undefined;
  const forms = new RegExp(keyForms(key).map(escapeRegExp).join('|'), 'gi');
  return text.replace(forms, '…').replace(/sfk_[^\s"'&]*/gi, 'sfk_…').slice(0, 200);
}

export function createSocialFetchClient(options: ClientOptions): SocialFetchClient {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const origin = options.origin ?? API_ORIGIN;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;

  async function call<S extends z.ZodMiniType, T>(
    path: string,
    schema: S,
    map: (parsed: z.infer<S>) => T,
    signal?: AbortSignal,
  ): Promise<ApiResult<T>> {
    const key = await options.getKey();
    if (!key) return { ok: false, error: { kind: 'unauthorized' } };

    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let body: string;
    try {
      response = await fetchImpl(`${origin}${path}`, {
        headers: { 'x-api-key': key, accept: 'application/json' },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        credentials: 'omit',
        cache: 'no-store',
        // Never follow a redirect: fetch would send the key to wherever it points. 'manual' refuses it as 'error'
        // does, and lets the user be told what happened instead of "network error".
        redirect: 'manual',
      });
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        return { ok: false, error: { kind: 'redirected' } };
      }
      body = await response.text();
    } catch {
      const kind = timeout.aborted ? 'timeout' : 'network';
      return { ok: false, error: { kind } };
    }

    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }

    if (response.status !== 200) {
      const envelope = errorEnvelopeSchema.safeParse(json);
      const fromCode = envelope.success ? CODE_KINDS[envelope.data.error.code] : undefined;
      const kind = fromCode ?? kindFromStatus(response.status);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
      const requestId = safeServerText(envelope.success ? envelope.data.error.requestId : (response.headers.get('x-request-id') ?? undefined), key);
      const serverText = envelope.success ? safeServerText(envelope.data.error.message, key) : undefined;
      // A verdict on the account is about the key this call sent: one replaced meanwhile must not get it.
      const staleKey = (kind === 'unauthorized' || kind === 'insufficient_credits') && (await options.getKey()) !== key;
      return {
        ok: false,
        ...(staleKey ? { staleKey } : {}),
        error: {
          kind,
          status: response.status,
          ...(serverText ? { detail: serverText } : {}),
          ...(requestId ? { requestId: requestId.slice(0, 128) } : {}),
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        },
      };
    }

    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      // Keep what the server said about the call (for support, and to account credits) even when the rest is unreadable.
      const meta = z.partial(metaSchema).safeParse(typeof json === 'object' && json !== null && 'meta' in json ? json.meta : null);
      return {
        ok: false,
        error: {
          kind: 'malformed_response',
          status: 200,
          ...(meta.success && meta.data.requestId ? { requestId: meta.data.requestId.slice(0, 128) } : {}),
          ...(meta.success && meta.data.creditsCharged !== undefined ? { creditsCharged: meta.data.creditsCharged } : {}),
        },
      };
    }
    const meta = (parsed.data as { meta: { requestId: string; creditsCharged: number } }).meta;
    return { ok: true, data: map(parsed.data), requestId: meta.requestId, creditsCharged: meta.creditsCharged };
  }

  return {
    lookupLive(handle, signal) {
      const path = `/v1/tiktok/profiles/${encodeURIComponent(handle)}/live`;
      return call(path, liveResponseSchema, (r) => reduceLookup(r.data, handle), signal);
    },
    whoami(signal) {
      return call('/v1/whoami', whoamiResponseSchema, (r) => r.data.user, signal);
    },
    balance(signal) {
      return call('/v1/balance', balanceResponseSchema, (r) => r.data.balance, signal);
    },
  };
}
