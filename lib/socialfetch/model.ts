import { z } from 'zod';

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
  if (!value || value.length > 4096 || /[\s\u0000-\u001f\u007f]/.test(value)) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Stored URLs: https only, and normalised on read (entries written before normalisation stay usable). */
export const httpsUrlSchema = z
  .string()
  .max(4096)
  .refine((value) => normalisedHttps(value) !== null)
  .transform((value) => normalisedHttps(value)!);

export const variantModelSchema = z.object({
  quality: z.string().min(1).max(64),
  label: z.string().max(64).nullable(),
  codec: z.enum(['h264', 'h265']).nullable(),
  source: z.enum(['primary', 'hevc']).nullable(),
  resolution: z.string().max(32).nullable(),
  bitrate: z.number().int().nonnegative().nullable(),
  hls: httpsUrlSchema.nullable(),
  flv: httpsUrlSchema.nullable(),
  cmaf: httpsUrlSchema.nullable(),
});

export const profileModelSchema = z.object({
  handle: z.string().min(1).max(64),
  displayName: z.string().max(200).nullable(),
  avatarUrl: httpsUrlSchema.nullable(),
  verified: z.boolean(),
  followerCount: z.number().int().nonnegative().nullable(),
});

export const liveRoomModelSchema = z.object({
  roomId: z.string().min(1).max(128),
  title: z.string().max(500).nullable(),
  /** Epoch ms; null when TikTok gave no valid start time. */
  startedAt: z.number().nullable(),
  viewerCount: z.number().int().nonnegative().nullable(),
  variants: z.array(variantModelSchema).max(64),
});

export const lookupModelSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('live'), profile: profileModelSchema, live: liveRoomModelSchema }),
  z.object({ status: z.literal('offline'), profile: profileModelSchema }),
  z.object({ status: z.literal('not_found') }),
]);

export const apiErrorKinds = [
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

export const apiErrorSchema = z.object({
  kind: z.enum(apiErrorKinds),
  message: z.string().max(500),
  status: z.number().int().optional(),
  requestId: z.string().max(128).optional(),
  /** How long the server asked us to wait, from `Retry-After`. */
  retryAfterMs: z.number().nonnegative().optional(),
  creditsCharged: z.number().int().nonnegative().optional(),
});

export type Variant = z.infer<typeof variantModelSchema>;
export type Profile = z.infer<typeof profileModelSchema>;
export type LiveRoom = z.infer<typeof liveRoomModelSchema>;
export type Lookup = z.infer<typeof lookupModelSchema>;
export type ApiErrorKind = z.infer<typeof apiErrorSchema>['kind'];
export type ApiError = z.infer<typeof apiErrorSchema>;
