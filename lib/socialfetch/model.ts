import { z } from 'zod';

/**
 * What the extension keeps of a lookup: the wire payload reduced to what users see, with only `https:` URLs.
 * These schemas also guard the persisted cache, so a corrupted entry is detected on read.
 */

export const httpsUrlSchema = z
  .string()
  .max(4096)
  .refine((value) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  });

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
