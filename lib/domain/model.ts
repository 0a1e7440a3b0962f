import * as z from 'zod/mini';
import { apiErrorSchema, lookupModelSchema } from '@/lib/socialfetch/model';
import { handleSchema } from '@/lib/domain/handle-schema';
import type { Habit } from '@/lib/domain/schedule/estimate';
import type { SignalSource } from '@/lib/domain/schedule/signals';
import { BUDGET_RANGE, SETTING_RANGES } from '@/lib/domain/ranges';

/**
 * The domain's vocabulary: what a follow, the settings, the key's state, a cached answer and the poll's state are.
 * Each is a schema, so that what is stored (lib/platform/storage.ts, follows.ts) is read through exactly these; the
 * types come from them. The popup and the content script import the types only: no zod reaches their bundles.
 */

// ---- a followed creator ----

export const followSchema = z.object({
  handle: handleSchema,
  addedAt: z.int().check(z.minimum(0)),
  notify: z.boolean(),
});
export type Follow = z.output<typeof followSchema>;

// ---- settings (synced: they follow the user) ----

export const settingsSchema = z.object({
  pollMinutes: z.number().check(z.minimum(SETTING_RANGES.pollMinutes[0]), z.maximum(SETTING_RANGES.pollMinutes[1])),
  freshnessSeconds: z.int().check(z.minimum(SETTING_RANGES.freshnessSeconds[0]), z.maximum(SETTING_RANGES.freshnessSeconds[1])),
  checkVisitedProfiles: z.boolean(),
  /** Visit lookups from private (incognito) windows: off unless the user allows them. */
  checkVisitedInPrivate: z.boolean(),
  notifications: z.boolean(),
  notifyNewFollows: z.boolean(),
  persistentNotifications: z.boolean(),
  silentNotifications: z.boolean(),
  visitLookupsPerMinute: z.int().check(z.minimum(SETTING_RANGES.visitLookupsPerMinute[0]), z.maximum(SETTING_RANGES.visitLookupsPerMinute[1])),
  /** Smart: one daily budget spent where go-lives are likely. Fixed: every creator every `pollMinutes`. */
  checkMode: z.enum(['smart', 'fixed']),
  /** Smart checking's daily budget; null: what fixed 10 minutes would cost for the current follows. */
  creditsPerDay: z.nullable(z.int().check(z.minimum(SETTING_RANGES.creditsPerDay[0]), z.maximum(SETTING_RANGES.creditsPerDay[1]))),
});
export type Settings = z.output<typeof settingsSchema>;

// ---- the budget (synced: it is the account's) ----

export const budgetSchema = z.object({
  creditsPerMonth: z.int().check(z.minimum(BUDGET_RANGE[0]), z.maximum(BUDGET_RANGE[1])),
  /** `default`: derived from the balance and not yet confirmed by the user, who is told so until they choose. */
  chosen: z.enum(['user', 'default']),
});
export type Budget = z.output<typeof budgetSchema>;

// ---- the key's state (the key itself is in the key store) ----

export const keyStateSchema = z.object({
  state: z.enum(['missing', 'valid', 'invalid', 'out_of_credits', 'rate_limited']),
  /** For `rate_limited`: when calls may resume (epoch ms). */
  until: z.optional(z.number()),
  checkedAt: z.optional(z.number()),
});
export type KeyState = z.output<typeof keyStateSchema>;

// ---- one creator's last answer ----

export const cacheEntrySchema = z.object({
  handle: z.string(),
  /** Last successful answer, kept when a later call fails. */
  lookup: z.nullable(lookupModelSchema),
  fetchedAt: z.nullable(z.number()),
  error: z.nullable(apiErrorSchema),
  errorAt: z.nullable(z.number()),
  lastLiveAt: z.nullable(z.number()),
});
export type CacheEntry = z.output<typeof cacheEntrySchema>;

// ---- the poll cycle ----

export const pollStateSchema = z.object({
  lastSuccessAt: z.nullable(z.number()),
  lastAttemptAt: z.nullable(z.number()),
  /** Handles still to check in the current cycle; survives a killed worker. */
  pending: z.array(z.string()),
  cycleStartedAt: z.nullable(z.number()),
  pausedFor: z.nullable(z.enum(['unauthorized', 'insufficient_credits'])),
  backoffUntil: z.nullable(z.number()),
  backoffAttempt: z.int().check(z.minimum(0)),
  /** The plan's checks stopped here: the day's budget is spent until then (the next UTC day). */
  budgetSpentUntil: z.optional(z.number()),
  lastError: z.nullable(apiErrorSchema),
});
export type PollState = z.output<typeof pollStateSchema>;

// ---- why a lookup was not made ----

/**
 * Why no call was made although the cached answer (if any) is stale. `budget`: the day's budget is spent (or what
 * is left of it is the floor's, for the rest of the day). `cancelled`: the cycle that asked stopped while
 * the check waited for a call slot. `unavailable`: the service is unavailable and said for how long (a 503's
 * `Retry-After`), which has not passed.
 */
export type Blocked = 'no_key' | 'key_invalid' | 'out_of_credits' | 'rate_limited' | 'ceiling' | 'budget' | 'cancelled' | 'unavailable';

// ---- what smart checking's budget buys ----

/**
 * What following more creators does. Smart: the budget stays and is spread thinner (the typical delay for the list
 * before and after); fixed: each new creator costs its checks.
 */
export type FollowEffect =
  | { mode: 'smart'; following: number; creditsPerDay: number; beforeMinutes: number | null; afterMinutes: number | null }
  | { mode: 'fixed'; addedPerDay: number; pollMinutes: number };

export interface ScheduleSummary {
  /** The daily budget the plan spends. */
  creditsPerDay: number;
  meanDelayMinutes: number | null;
  /** What other monthly budgets would buy for the same follows: the typical delay of each. */
  tradeoffs: { creditsPerMonth: number; meanDelayMinutes: number | null }[];
  /** Every creator is checked at least this often while offline, whatever else is spent (null: nobody to check). */
  floorGapMinutes: number | null;
  habits: ({ handle: string } & Habit)[];
  /** Each source of free signals: believed or not, by how many of its recent claims paid answers bore out. */
  sources: { source: SignalSource; trusted: boolean; agreed: number; compared: number }[];
}
