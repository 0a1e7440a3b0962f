import * as z from 'zod/mini';

/**
 * Wire schemas for the Social Fetch API (see CONTRACT.md). Objects are loose on purpose: the vendor adds fields.
 * Fields the contract marks as *assumed* (their JSON names were not confirmed) are all optional/nullable here, and
 * invalid values of them degrade to "absent" rather than rejecting the whole response.
 */

const nonNegativeInt = z.int().check(z.minimum(0));
const nonEmpty = () => z.string().check(z.minLength(1));

/** An assumed field: a wrong type or a missing value becomes `undefined` instead of failing the response. */
function assumed<T extends z.ZodMiniType>(schema: T) {
  return z.catch(z.optional(schema), undefined);
}

export const metaSchema = z.looseObject({
  requestId: nonEmpty(),
  creditsCharged: nonNegativeInt,
  version: z.literal('v1'),
});

const profileSchema = z.looseObject({
  platform: z.literal('tiktok'),
  handle: nonEmpty(),
  displayName: z.nullable(z.string()),
  avatarUrl: z.nullable(z.string()),
  verified: z.boolean(),
  profileUrl: nonEmpty(),
  platformUserId: assumed(z.string()),
  secUid: assumed(z.string()),
  followerCount: assumed(nonNegativeInt),
  followingCount: assumed(nonNegativeInt),
  bio: assumed(z.nullable(z.string())),
});

const variantSchema = z.looseObject({
  codec: assumed(z.enum(['h264', 'h265'])),
  source: assumed(z.enum(['primary', 'hevc'])),
  quality: nonEmpty(),
  qualityLabel: assumed(z.nullable(z.string())),
  flvUrl: assumed(z.nullable(z.string())),
  hlsUrl: assumed(z.nullable(z.string())),
  cmafUrl: assumed(z.nullable(z.string())),
  resolution: assumed(z.nullable(z.string())),
  bitrate: assumed(z.nullable(nonNegativeInt)),
});

const liveRoomSchema = z.looseObject({
  roomId: nonEmpty(),
  title: z.catch(z.optional(z.nullable(z.string())), null),
  coverUrl: z.catch(z.optional(z.nullable(z.string())), null),
  startedAt: assumed(z.nullable(z.iso.datetime({ offset: true }))),
  viewerCount: assumed(nonNegativeInt),
  enterCount: assumed(nonNegativeInt),
  streamId: assumed(z.nullable(z.string())),
  // A malformed variant is dropped, not the room.
  variants: z.pipe(
    assumed(z.array(z.unknown())),
    z.transform((items) =>
      (items ?? []).flatMap((item) => {
        const parsed = variantSchema.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
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
    user: z.looseObject({ id: nonEmpty(), name: z.nullable(z.string()), email: z.nullable(z.string()) }),
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
    message: assumed(z.string()),
    requestId: assumed(z.string()),
  }),
});

export type WireProfile = z.infer<typeof profileSchema>;
export type WireVariant = z.infer<typeof variantSchema>;
export type WireLiveRoom = z.infer<typeof liveRoomSchema>;
export type WireLiveData = z.infer<typeof liveDataSchema>;
