import * as z from 'zod/mini';
import { handleSchema } from '@/lib/domain/handle-schema';
import { MAX_LIST_ACCOUNTS } from '@/lib/tiktok/page';
import { defineItem } from '@/lib/platform/stored-item';

/**
 * Stored values only the background and the picker use, kept out of storage.ts so the popup and options pages do not
 * carry their schemas (zod/mini builds every schema it imports).
 */

// ---- go-lives held back while a cycle runs, announced together at its end (session) ----

const notificationPlanSchema = z.object({
  id: z.string(),
  handle: z.string(),
  name: z.string(),
  roomId: z.string(),
  title: z.string(),
  message: z.string(),
  avatarUrl: z.nullable(z.string()),
  requireInteraction: z.boolean(),
  silent: z.boolean(),
});
/** A go-live to announce: planned once per room (lib/platform/notify.ts). */
export type NotificationPlan = z.output<typeof notificationPlanSchema>;
export const heldNotificationsItem = defineItem({
  area: 'session',
  key: 'heldNotifications',
  schema: z.array(notificationPlanSchema).check(z.maxLength(1000)),
  fallback: [] as NotificationPlan[],
  version: 1,
});

// ---- the accounts a TikTok list offered, waiting for the user's choice in the picker (session) ----

export const offerItem = defineItem({
  area: 'session',
  key: 'listOffer',
  schema: z.nullable(
    z.object({
      id: z.string().check(z.maxLength(64)),
      source: z.enum(['dialog', 'sidebar']),
      handles: z.array(handleSchema).check(z.maxLength(MAX_LIST_ACCOUNTS)),
      unreadable: z.array(z.string().check(z.maxLength(80))).check(z.maxLength(100)),
      at: z.number(),
    }),
  ),
  fallback: null,
  version: 1,
});
export type ListOffer = NonNullable<z.output<typeof offerItem.schema>>;

// ---- imported creators not checked yet: found live at that first check, they are shown, not announced (local) ----

export const quietFirstCheckItem = defineItem({
  area: 'local',
  key: 'quietFirstCheck',
  schema: z.array(z.string()).check(z.maxLength(20_000)),
  fallback: [] as string[],
  version: 1,
});

