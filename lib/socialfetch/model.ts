import * as z from 'zod/mini';

/**
 * What the extension keeps of a lookup: the wire payload reduced to what users see, with only `https:` URLs.
 * These schemas also guard the persisted cache, so a corrupted entry is detected on read.
 */

/**
 * The one https rule: an `https:` URL in its normalised form (`URL.href`), or null. Only the normalised form is ever
 * kept or copied; one with white space or control characters in it (a newline and a shell command after it) is
 * refused, never copied.
 */
export function normalisedHttps(value: string | null | undefined): string | null {
  // The parser would quietly drop tabs and newlines; a URL that carries them is not taken at all.
  if (!value || value.length > 4096 || /[\s\x7f]|[^\x20-\uffff]/.test(value)) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' || url.username || url.password) return null;
    const rest = `${url.pathname}${url.search}${url.hash}`.replace(SHELL_SPECIAL, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    return `${url.origin}${rest}`;
  } catch {
    return null;
  }
}

/**
 * Characters no surface shows or copies from the API: control characters (a newline would start a line of its own in
 * "Copy all"), bidirectional overrides and isolates (they reverse what follows them), zero-width and invisible
 * formatting characters. Line breaks and tabs become spaces; the rest goes.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

/** Text from the API as a surface may show or copy it: no control, bidi or zero-width characters, one line. */
export function cleanText(value: string): string {
  return value.replace(BREAKS, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim();
}

/**
 * Characters a shell gives meaning to, percent-encoded in a kept URL (the same URL to a server), so that a link pasted
 * into a command line, quoted or not, stays one argument and runs nothing.
 */
const SHELL_SPECIAL = /[`$()|;<>'"\\!{}^*[\]]/g;

/**
 * Stored URLs: https only, and normalised on read (entries written before normalisation stay usable). One parse per
 * URL: every read of the cache checks every stream link again.
 */
const httpsUrlSchema = z.pipe(
  z.string(),
  z.transform((value: string, ctx) => {
    const url = normalisedHttps(value);
    if (url === null) ctx.issues.push({ code: 'custom', message: 'not an https URL', input: value });
    return url ?? z.NEVER;
  }),
);

/** Stored text, cleaned on read too: an entry an earlier build kept may still carry what `cleanText` removes. */
const text = (max: number, min = 0) => z.pipe(z.string().check(z.minLength(min), z.maxLength(max)), z.transform(cleanText));
const count = () => z.int().check(z.minimum(0));

const variantModelSchema = z.object({
  quality: text(64, 1),
  label: z.nullable(text(64)),
  codec: z.nullable(z.enum(['h264', 'h265'])),
  source: z.nullable(z.enum(['primary', 'hevc'])),
  resolution: z.nullable(text(32)),
  bitrate: z.nullable(count()),
  hls: z.nullable(httpsUrlSchema),
  flv: z.nullable(httpsUrlSchema),
  cmaf: z.nullable(httpsUrlSchema),
});

const profileModelSchema = z.object({
  handle: text(64, 1),
  displayName: z.nullable(text(200)),
  avatarUrl: z.nullable(httpsUrlSchema),
  verified: z.boolean(),
  followerCount: z.nullable(count()),
});

const liveRoomModelSchema = z.object({
  roomId: text(128, 1),
  title: z.nullable(text(500)),
  /** Epoch ms; null when TikTok gave no valid start time. */
  startedAt: z.nullable(z.number()),
  viewerCount: z.nullable(count()),
  variants: z.array(variantModelSchema).check(z.maxLength(64)),
});

export const lookupModelSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('live'), profile: profileModelSchema, live: liveRoomModelSchema }),
  z.object({ status: z.literal('offline'), profile: profileModelSchema }),
  z.object({ status: z.literal('not_found') }),
]);

const apiErrorKinds = [
  'unauthorized',
  'insufficient_credits',
  'rate_limited',
  'bad_request',
  'lookup_failed',
  'temporarily_unavailable',
  'internal_error',
  'network',
  'timeout',
  'malformed_response',
  'redirected',
] as const;

/** Errors about the service for now (its rate, an outage, the network), not about the account or the profile asked for. */
const SERVICE_ERRORS: ReadonlySet<string> = new Set(['internal_error', 'temporarily_unavailable', 'network', 'timeout', 'rate_limited', 'redirected']);

/**
 * What an error is about: the account (no check can be made until the user acts), the service (checks stop and come
 * back later), or the one profile asked for (asking again soon would fail the same way).
 */
export function errorConcerns(kind: (typeof apiErrorKinds)[number]): 'account' | 'service' | 'profile' {
  if (isAccountError(kind)) return 'account';
  return SERVICE_ERRORS.has(kind) ? 'service' : 'profile';
}

/** A revoked key or no credits: no check can be made until the user acts. */
export function isAccountError(kind: (typeof apiErrorKinds)[number]): kind is 'unauthorized' | 'insufficient_credits' {
  return kind === 'unauthorized' || kind === 'insufficient_credits';
}

/** An API error as a code: the UI says it in the user's language (lib/api-error-text.ts). */
export const apiErrorSchema = z.object({
  kind: z.enum(apiErrorKinds),
  /** What the server said, shortened and with any key scrubbed. */
  detail: z.optional(text(200)),
  /** Text stored by 0.1.0, which wrote errors out in English; still shown for its old entries. */
  message: z.optional(text(500)),
  status: z.optional(z.int()),
  requestId: z.optional(text(128)),
  /** How long the server asked us to wait, from `Retry-After`. */
  retryAfterMs: z.optional(z.number().check(z.minimum(0))),
  creditsCharged: z.optional(count()),
});

export type Variant = z.output<typeof variantModelSchema>;
export type Profile = z.output<typeof profileModelSchema>;
export type LiveRoom = z.output<typeof liveRoomModelSchema>;
export type Lookup = z.output<typeof lookupModelSchema>;
export type ApiErrorKind = z.output<typeof apiErrorSchema>['kind'];
export type ApiError = z.output<typeof apiErrorSchema>;
