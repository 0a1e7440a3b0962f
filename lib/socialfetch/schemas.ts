import { z } from 'zod';

/**
 * Wire schemas for the Social Fetch API (see CONTRACT.md). Objects are loose on purpose: the vendor adds fields.
 * Fields the contract marks as *assumed* (their JSON names were not confirmed) are all optional/nullable here, and
 * invalid values of them degrade to "absent" rather than rejecting the whole response.
 */

const nonNegativeInt = z.number().int().nonnegative();

/** An assumed field: a wrong type or a missing value becomes `undefined` instead of failing the response. */
function assumed<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

export const metaSchema = z.looseObject({
  requestId: z.string().min(1),
  creditsCharged: nonNegativeInt,
  version: z.literal('v1'),
});

const profileSchema = z.looseObject({
  platform: z.literal('tiktok'),
  handle: z.string().min(1),
  displayName: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  verified: z.boolean(),
  profileUrl: z.string().min(1),
  platformUserId: z.string().optional().catch(undefined),
  secUid: z.string().optional().catch(undefined),
  followerCount: nonNegativeInt.optional().catch(undefined),
  followingCount: nonNegativeInt.optional().catch(undefined),
  bio: z.string().nullable().optional().catch(undefined),
});

const variantSchema = z.looseObject({
  codec: assumed(z.enum(['h264', 'h265'])),
  source: assumed(z.enum(['primary', 'hevc'])),
  quality: z.string().min(1),
  qualityLabel: assumed(z.string().nullable()),
  flvUrl: assumed(z.string().nullable()),
  hlsUrl: assumed(z.string().nullable()),
  cmafUrl: assumed(z.string().nullable()),
  resolution: assumed(z.string().nullable()),
  bitrate: assumed(nonNegativeInt.nullable()),
});

const liveRoomSchema = z.looseObject({
  roomId: z.string().min(1),
  title: z.string().nullable().optional().catch(null),
  coverUrl: z.string().nullable().optional().catch(null),
  startedAt: assumed(z.iso.datetime({ offset: true }).nullable()),
  viewerCount: assumed(nonNegativeInt),
  enterCount: assumed(nonNegativeInt),
  streamId: assumed(z.string().nullable()),
  // A malformed variant is dropped, not the room.
  variants: assumed(z.array(z.unknown()))
    .transform((items) =>
      (items ?? []).flatMap((item) => {
        const parsed = variantSchema.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
});

const liveDataSchema = z.discriminatedUnion('liveStatus', [
  z.looseObject({
    lookupStatus: z.literal('not_found'),
    liveStatus: z.null(),
    profile: z.null(),
    live: z.null(),
  }),
  z.looseObject({
    lookupStatus: z.literal('found'),
    liveStatus: z.literal('offline'),
    profile: profileSchema,
    live: z.null(),
  }),
  z.looseObject({
    lookupStatus: z.literal('found'),
    liveStatus: z.literal('live'),
    profile: profileSchema,
    live: liveRoomSchema,
  }),
]);

export const liveResponseSchema = z.looseObject({ data: liveDataSchema, meta: metaSchema });

export const whoamiResponseSchema = z.looseObject({
  data: z.looseObject({
    user: z.looseObject({ id: z.string().min(1), name: z.string().nullable(), email: z.string().nullable() }),
  }),
  meta: metaSchema,
});

export const balanceResponseSchema = z.looseObject({
  data: z.looseObject({ balance: nonNegativeInt }),
  meta: metaSchema,
});

export const errorEnvelopeSchema = z.looseObject({
  error: z.looseObject({
    code: z.string(),
    message: z.string().optional().catch(undefined),
    requestId: z.string().optional().catch(undefined),
  }),
});

export type WireProfile = z.infer<typeof profileSchema>;
export type WireVariant = z.infer<typeof variantSchema>;
export type WireLiveRoom = z.infer<typeof liveRoomSchema>;
export type WireLiveData = z.infer<typeof liveDataSchema>;
