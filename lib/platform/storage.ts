import * as z from 'zod/mini';
import { planEviction } from '@/lib/domain/cache-evict';
import { area, defineItem } from '@/lib/platform/stored-item';
import { DEFAULT_SETTINGS, EMPTY_POLL_STATE } from '@/lib/domain/defaults';
import {
  budgetSchema,
  cacheEntrySchema,
  keyStateSchema,
  pollStateSchema,
  settingsSchema,
  type Budget,
  type CacheEntry,
  type KeyState,
  type Settings,
} from '@/lib/domain/model';
import { handleSchema } from '@/lib/domain/handle-schema';
import { RECENT_LIVES_CAP, type RecentLive } from '@/lib/domain/recent-lives';
import { MAX_FOLLOWS } from '@/lib/domain/follow-limit';
import type { DayChecks, DeviceSpend, SpendKind } from '@/lib/domain/budget';

/** Every stored value of the extension, defined once (the follow list, chunked for sync, is in follows.ts). */

// ---- settings (sync: they follow the user) ----

export const settingsItem = defineItem({
  area: 'sync',
  key: 'settings',
  schema: settingsSchema,
  fallback: DEFAULT_SETTINGS,
  version: 3,
  migrations: {
    // Version 2 added private-window visits, off.
    1: (old) => ({ ...(old as object), checkVisitedInPrivate: false }),
    // Version 3 added smart checking; an existing install keeps its fixed interval until the user switches.
    2: (old) => ({ ...(old as object), checkMode: 'fixed', creditsPerDay: null }),
  },
  // One damaged setting goes back to its default, not all of them: the reset would reach every synced browser, and
  // turn back on what the user turned off (checking visited profiles, notifications).
  repair: (data) =>
    Object.fromEntries(
      Object.entries(settingsSchema.shape).map(([name, field]) => {
        const stored = field.safeParse(typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[name] : undefined);
        return [name, stored.success ? stored.data : DEFAULT_SETTINGS[name as keyof Settings]];
      }),
    ),
});

// ---- the budget (sync, an item of its own: 0.2.0 refuses to save settings over a newer version of them) ----

export const budgetItem = defineItem({
  area: 'sync',
  key: 'budget',
  schema: z.nullable(budgetSchema),
  fallback: null as Budget | null,
  version: 1,
});

// ---- what each browser spent today, so that browsers sharing the account share its budget (sync) ----

/** At most this many browsers are kept: the oldest silent ones go first. */
export const MAX_TALLY_DEVICES = 20;
const deviceSpendSchema = z.object({ day: z.string().check(z.maxLength(10)), credits: z.int().check(z.minimum(0)), at: z.number() });
const deviceIdSchema = z.string().check(z.maxLength(40));
export const tallyItem = defineItem({
  area: 'sync',
  key: 'tally',
  schema: z.record(deviceIdSchema, deviceSpendSchema),
  fallback: {} as Record<string, DeviceSpend>,
  version: 1,
  // One damaged browser's figure goes, the others stay.
  repair: (data) =>
    Object.fromEntries(
      Object.entries(typeof data === 'object' && data !== null ? data : {}).filter(
        ([id, spend]) => deviceIdSchema.safeParse(id).success && deviceSpendSchema.safeParse(spend).success,
      ),
    ),
});

/** This browser's name in the tally: random, made once, never synced on its own. */
export const deviceItem = defineItem({ area: 'local', key: 'device', schema: z.nullable(z.string().check(z.maxLength(40))), fallback: null as string | null, version: 1 });

// ---- the account's balance, from the free balance call (local) ----

export const balanceItem = defineItem({
  area: 'local',
  key: 'balance',
  schema: z.nullable(z.object({ balance: z.int().check(z.minimum(0)), at: z.number() })),
  fallback: null as { balance: number; at: number } | null,
  version: 1,
});

// ---- key state (local; the key itself lives in lib/key-store.ts) ----

export const keyStateItem = defineItem({
  area: 'local',
  key: 'keyState',
  schema: keyStateSchema,
  fallback: { state: 'missing' } as KeyState,
  version: 2,
  migrations: {
    // Version 2 keeps no account name or e-mail (storage.local is readable by content scripts in Firefox) and no
    // message (the UIs word the state themselves).
    1: (old) => {
      const { account: _account, message: _message, ...rest } = old as Record<string, unknown>;
      return rest;
    },
  },
});

// ---- lookup cache (local; one item per handle so a poll cycle rewrites only what changed) ----

export const CACHE_PREFIX = 'live:';
/** Built once: a 500-follow cycle asks for an item per answer, and building a schema is work zod does again each time. */
const storedCacheEntrySchema = z.nullable(cacheEntrySchema);

/** The handles whose cached answer a `storage.onChanged` report for `areaName` holds. */
export function changedCacheHandles(changes: Readonly<Record<string, unknown>>, areaName: string): string[] {
  if (areaName !== 'local') return [];
  return Object.keys(changes).flatMap((key) => (key.startsWith(CACHE_PREFIX) ? [key.slice(CACHE_PREFIX.length)] : []));
}

export function cacheItem(handle: string) {
  return defineItem<CacheEntry | null>({
    area: 'local',
    key: `${CACHE_PREFIX}${handle}`,
    schema: storedCacheEntrySchema,
    fallback: null,
    version: 1,
  });
}

/** The cached entries of many handles in one storage read (the toolbar and the popup need all follows at once). */
export async function readCacheEntries(handles: string[], local = area('local')): Promise<Map<string, CacheEntry>> {
  const raw = await local.get(handles.map((h) => `${CACHE_PREFIX}${h}`));
  const entries = new Map<string, CacheEntry>();
  for (const h of handles) {
    const entry = cacheItem(h).parse(raw[`${CACHE_PREFIX}${h}`]);
    if (entry) entries.set(h, entry);
  }
  return entries;
}

/**
 * Drops the least recently answered entries of creators not in `followed` beyond `cap` (without `unlimitedStorage`,
 * local storage holds 10 MB). Reads only the timestamps it needs from the raw values.
 */
export async function evictCache(followed: ReadonlySet<string>, cap?: number, local = area('local')): Promise<number> {
  const all = await local.get(null);
  const uses = Object.entries(all).flatMap(([key, raw]) => {
    if (!key.startsWith(CACHE_PREFIX)) return [];
    const data = (raw as { data?: { fetchedAt?: unknown; errorAt?: unknown } } | null)?.data;
    const times = [data?.fetchedAt, data?.errorAt].filter((t): t is number => typeof t === 'number');
    return [{ handle: key.slice(CACHE_PREFIX.length), lastUsed: times.length ? Math.max(...times) : 0 }];
  });
  const drop = planEviction(uses, followed, cap);
  if (drop.length) await local.remove(drop.map((h) => `${CACHE_PREFIX}${h}`));
  return drop.length;
}

// ---- polling state (local) ----

export const pollStateItem = defineItem({
  area: 'local',
  key: 'poll',
  schema: pollStateSchema,
  fallback: EMPTY_POLL_STATE,
  version: 1,
});

// ---- the room last announced per creator (local) ----

/** How many announced rooms are kept: a full list's, and those of creators since unfollowed, the oldest dropped. */
export const MAX_NOTIFIED_ROOMS = 2 * MAX_FOLLOWS;

/** `[handle, roomId]` pairs: as record keys, a valid handle such as `__proto__` would be lost. */
export const notifiedItem = defineItem({
  area: 'local',
  key: 'notifiedRooms',
  schema: z.array(z.tuple([z.string(), z.string()])).check(z.maxLength(MAX_NOTIFIED_ROOMS)),
  fallback: [] as [string, string][],
  version: 2,
  migrations: {
    // Version 1 kept a record (handle → room); what is not a pair of strings was never a room.
    1: (old) => Object.entries(typeof old === 'object' && old !== null ? old : {}).filter((pair) => typeof pair[1] === 'string'),
  },
});

// ---- pinned creators, first in their section of the popup (sync, beside the follow list) ----

/**
 * Kept apart from the follow list's chunks: builds from before pins read and write the list as they always did and,
 * never writing this key, cannot drop a pin. A pin of a creator no longer followed is ignored and cleaned up.
 */
export const MAX_PINS = 200;
export const pinsItem = defineItem({
  area: 'sync',
  key: 'pins',
  schema: z.array(handleSchema).check(z.maxLength(MAX_PINS)),
  fallback: [] as string[],
  version: 1,
  // A list past the cap or with a bad entry (another build, a hostile writer) keeps its first valid pins.
  repair: (data) => (Array.isArray(data) ? [...new Set(data.filter((h) => handleSchema.safeParse(h).success))].slice(0, MAX_PINS) : []),
});

// ---- the last go-lives of followed creators, for the popup's "Recently live" (local) ----

export const recentLivesItem = defineItem({
  area: 'local',
  key: 'recentLives',
  schema: z
    .array(
      z.object({
        handle: z.string().check(z.maxLength(64)),
        name: z.string().check(z.maxLength(200)),
        roomId: z.string().check(z.maxLength(128)),
        title: z.nullable(z.string().check(z.maxLength(500))),
        startedAt: z.number(),
        endedAt: z.nullable(z.number()),
      }),
    )
    .check(z.maxLength(RECENT_LIVES_CAP)),
  fallback: [] as RecentLive[],
  version: 1,
});

// ---- page-visit lookups in the last minute, for the ceiling (session: out of every content script's reach) ----

export const visitLogItem = defineItem({
  area: 'session',
  key: 'visitLookups',
  schema: z.array(z.number()).check(z.maxLength(1000)),
  fallback: [] as number[],
  version: 1,
});

// ---- what content scripts asked for recently, per request kind, for their rate limits (session) ----

export const contentRequestLogItem = defineItem({
  area: 'session',
  key: 'contentRequests',
  schema: z.record(z.string(), z.array(z.number()).check(z.maxLength(1000))),
  fallback: {} as Record<string, number[]>,
  version: 1,
});

// ---- which tab shows which profile's badge, so the background pushes changes only there (session) ----

export const MAX_BADGE_TABS = 100;
export const badgeTabsItem = defineItem({
  area: 'session',
  key: 'badgeTabs',
  // Keys are tab ids; values are handles, validated where they are used.
  schema: z.record(z.string(), z.string()),
  fallback: {} as Record<string, string>,
  version: 1,
});

// ---- credits spent by this extension, per UTC day (local) ----

export const creditLogItem = defineItem({
  area: 'local',
  key: 'credits',
  schema: z.record(z.string(), z.int().check(z.minimum(0))),
  fallback: {} as Record<string, number>,
  version: 1,
});

// ---- paid checks admitted today, all and those pages set off, against the day's budget (local) ----

export const dayChecksItem = defineItem({
  area: 'local',
  key: 'dayChecks',
  schema: z.object({ day: z.string().check(z.maxLength(10)), all: z.int().check(z.minimum(0)), page: z.int().check(z.minimum(0)) }),
  fallback: { day: '', all: 0, page: 0 } as DayChecks,
  version: 1,
});

// ---- the options page's welcome: put aside by the user, and the toolbar step they said they did (local) ----

export const welcomeItem = defineItem({
  area: 'local',
  key: 'welcome',
  schema: z.object({ dismissed: z.boolean(), pinned: z.boolean() }),
  fallback: { dismissed: false, pinned: false },
  version: 1,
});

// ---- credits spent by kind, per UTC day, the last 8 days (local) ----

const spendKindSchema = z.enum(['planned', 'live', 'signals', 'visits', 'refreshes']);
export const spendingItem = defineItem({
  area: 'local',
  key: 'spending',
  schema: z.record(z.string().check(z.maxLength(10)), z.partialRecord(spendKindSchema, z.int().check(z.minimum(0)))),
  fallback: {} as Record<string, Partial<Record<SpendKind, number>>>,
  version: 1,
});

// ---- demo mode: a simulated source, no key, no network (local) ----

export const demoItem = defineItem({ area: 'local', key: 'demo', schema: z.boolean(), fallback: false, version: 1 });
