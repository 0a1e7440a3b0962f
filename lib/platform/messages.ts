import * as z from 'zod/mini';
import type { BadgeAnswer } from '@/lib/domain/badge-view';
import { handleSchema } from '@/lib/domain/handle-schema';
import { MAX_LIST_ACCOUNTS, MAX_LIVE_MARKERS } from '@/lib/tiktok/page';
import { importEntrySchema, MAX_IMPORT_ENTRIES, type ImportPlan } from '@/lib/domain/import-format';
import { MAX_NEW_PER_IMPORT } from '@/lib/domain/follow-limit';
import type { Blocked, FollowEffect, ScheduleSummary, CacheEntry, KeyState } from '@/lib/domain/model';
import type { Snapshot } from '@/lib/platform/snapshot';
import type { SpendKind } from '@/lib/domain/budget';

/**
 * The message protocol between the UIs (content script, popup, options) and the background, defined once. The
 * background, the receiver, validates every request with `requestSchema` and answers
 * `{ ok: true, data } | { ok: false, error }`; the UIs trust its answers (see `send.ts`).
 */

const handle = handleSchema;

export const requestSchema = z.discriminatedUnion('type', [
  // From a TikTok page: always a visit (the per-minute ceiling and the "check profiles I visit" setting apply).
  // `retry` only shortens the freshness window after an error; the ceiling still counts it.
  z.object({ type: z.literal('visit'), handle, retry: z.optional(z.boolean()) }),
  z.object({ type: z.literal('openOptions') }),
  // From a TikTok page: the live badge of this profile has been on screen for a moment, so its go-live is no news.
  z.object({ type: z.literal('seen'), handle }),
  // From a TikTok page: accounts it marks LIVE. Free hints, never trusted: each buys at most a capped paid check.
  z.object({
    type: z.literal('signals'),
    signals: z
      .array(z.object({ handle, state: z.enum(['live', 'offline']), source: z.enum(['list', 'profile', 'page-state']) }))
      .check(z.maxLength(MAX_LIVE_MARKERS)),
  }),
  z.object({ type: z.literal('lookup'), handle, reason: z.enum(['popup', 'refresh']) }),
  z.object({ type: z.literal('follow'), handle, follow: z.boolean() }),
  z.object({ type: z.literal('setNotify'), handle, notify: z.boolean() }),
  z.object({ type: z.literal('setPin'), handle, pinned: z.boolean() }),
  // What a TikTok account list shows, for the user to choose from in the picker: nothing is added by this message.
  z.object({
    type: z.literal('offerFollows'),
    source: z.enum(['dialog', 'sidebar']),
    handles: z.array(handle).check(z.maxLength(MAX_LIST_ACCOUNTS)),
    unreadable: z.array(z.string().check(z.maxLength(80))).check(z.maxLength(100)),
  }),
  z.object({ type: z.literal('saveKey'), key: z.string().check(z.maxLength(1000)) }),
  z.object({ type: z.literal('removeKey') }),
  z.object({ type: z.literal('account') }),
  z.object({ type: z.literal('schedule') }),
  // What following `adding` more creators would do to the spending or the alerts, before the user does it.
  // At most one import's worth: each creator asked about is planned for (the worker's time, not a credit).
  z.object({ type: z.literal('followEffect'), adding: z.int().check(z.minimum(1), z.maximum(MAX_NEW_PER_IMPORT)) }),
  z.object({ type: z.literal('snapshot') }),
  z.object({ type: z.literal('refreshAll') }),
  z.object({ type: z.literal('resumePolling') }),
  z.object({ type: z.literal('importFollows'), entries: z.array(importEntrySchema).check(z.maxLength(MAX_IMPORT_ENTRIES)) }),
  z.object({ type: z.literal('setDemo'), on: z.boolean() }),
  z.object({ type: z.literal('forgetData') }),
]);
export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];

/**
 * The one allow-list of what a content script may ask, each with its rate limit (all TikTok tabs together). Every
 * other kind needs an extension page. A feature that adds a kind here adds a hostile-page test for it.
 */
export const CONTENT_SCRIPT_LIMITS: Partial<
  Record<RequestType, { max: number; perMs: number; perDay?: number; durable?: boolean; shares?: RequestType; ownProfile?: true }>
> = {
  // Paid calls are held to the visit ceiling anyway; this bounds the work a page can make the worker do. Counted in
  // memory: a visit is on the badge's critical path. Only for the profile the tab shows: the answer says whether the
  // user follows that creator, and a page must not ask it of anyone else.
  visit: { max: 60, perMs: 60_000, ownProfile: true },
  // Only for the profile the tab shows; what it silences is one room the user had on screen.
  seen: { max: 20, perMs: 60_000, ownProfile: true },
  // A person toggles a few creators a minute; a page walking profiles and clicking must not get far. Counted in
  // session storage, so a restarted worker does not grant a fresh allowance. Only for the profile the tab shows, by the
  // tab's address as the browser reports it: the badge's button is on that profile, and nothing else may be changed.
  // At most 60 a day as well: a page moving from profile to profile cannot follow thousands.
  follow: { max: 6, perMs: 60_000, perDay: 60, durable: true, ownProfile: true },
  // One "Add to Live Radar…" click opens one picker: a page cannot flood the user with windows.
  offerFollows: { max: 3, perMs: 60_000, durable: true },
  // The badge's pin counts against the follows' allowance: pinning someone not followed follows them.
  setPin: { max: 6, perMs: 60_000, perDay: 60, durable: true, shares: 'follow', ownProfile: true },
  openOptions: { max: 3, perMs: 60_000, durable: true },
  // A page reports what its lists mark live at most every 10 s; the paid checks they buy have their own caps.
  signals: { max: 6, perMs: 60_000 },
};

interface Responses {
  visit: BadgeAnswer | null;
  openOptions: null;
  seen: null;
  // Nothing comes back: a page must not learn whom the user follows.
  signals: null;
  lookup: { entry: CacheEntry | null; blocked?: Blocked; followed: boolean; demo: boolean };
  follow: { followed: boolean; notify: boolean; inLocal: boolean };
  setPin: { pinned: boolean; followed: boolean };
  offerFollows: null;
  setNotify: { notify: boolean };
  saveKey: { keyState: KeyState };
  removeKey: { keyState: KeyState };
  account: {
    name: string | null;
    email: string | null;
    balance: number | null;
    spentToday: number;
    spentWeek: number;
    spentByKindToday: Record<SpendKind, number>;
    spentByKindWeek: Record<SpendKind, number>;
  };
  schedule: ScheduleSummary;
  followEffect: FollowEffect;
  snapshot: Snapshot;
  /** `why`: a cycle that did not run, or stopped, says why (the popup words offline and a backoff). */
  refreshAll: { result: string; why?: string };
  resumePolling: { result: string };
  importFollows: { added: string[]; skipped: ImportPlan['skipped'] };
  setDemo: { demo: boolean };
  forgetData: null;
}

export type ResponseOf<T extends RequestType> = Responses[T];
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: string };
