import * as z from 'zod/mini';
import { EMPTY_BOOK, type Book } from '@/lib/domain/schedule/book';
import { MAX_DURATIONS, MAX_STARTS } from '@/lib/domain/schedule/profile';
import { TRUST_WINDOW } from '@/lib/domain/schedule/signals';
import { defineItem } from '@/lib/platform/stored-item';
import { MAX_FOLLOWS } from '@/lib/domain/follow-limit';
import { DEMO_CREATORS } from '@/lib/socialfetch/demo-source';

/** How many creators the book holds: every follow, and demo mode's sample creators beside them. */
export const MAX_SCHEDULED = MAX_FOLLOWS + DEMO_CREATORS.length;

/** Smart checking's book (local): each followed creator's history and next check, and the budget's running numbers. */
const time = z.number();
const creatorSchema = z.object({
  handle: z.string().check(z.maxLength(64)),
  since: time,
  starts: z.array(time).check(z.maxLength(MAX_STARTS)),
  durations: z.array(z.number().check(z.minimum(0))).check(z.maxLength(MAX_DURATIONS)),
  known: z.enum(['live', 'offline', 'unknown']),
  liveStartedAt: z.nullable(time),
  lastCheckAt: z.nullable(time),
  nextDue: z.nullable(time),
  heldTo: z.optional(time),
});
const agreements = z.array(z.boolean()).check(z.maxLength(TRUST_WINDOW));
const bookSchema = z.object({
  // A list, not a record keyed by handle: `__proto__` is a valid handle.
  creators: z.array(creatorSchema).check(z.maxLength(MAX_SCHEDULED)),
  day: z.string().check(z.maxLength(10)),
  onPlan: z.int().check(z.minimum(0)),
  aimedPerDay: z.nullable(z.number().check(z.minimum(0))),
  reservedPerDay: z.nullable(z.number().check(z.minimum(0))),
  madeShare: z.nullable(z.number().check(z.minimum(0))),
  confirms: z.array(z.tuple([z.string(), time])).check(z.maxLength(1000)),
  trust: z.object({ list: agreements, profile: agreements, 'page-state': agreements }),
  plannedAt: z.optional(time),
});

export const scheduleItem = defineItem<Book>({ area: 'local', key: 'schedule', schema: bookSchema, fallback: EMPTY_BOOK, version: 1 });
