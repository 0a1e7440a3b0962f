import { z } from 'zod';
import { browser, type Browser } from 'wxt/browser';
import { planEviction } from './cache-evict';
import { t } from './i18n';
import { serialised } from './serial';
import { apiErrorSchema, lookupModelSchema } from './socialfetch/model';

/**
 * Every stored value of the extension, each guarded by one schema. Values are stored as `{ v, data }` so a newer
 * build can migrate what an older one wrote. A value that fails its schema is reset to its fallback (only that value:
 * nothing else is touched); a migration that throws keeps the old data in place and reports it.
 */

export type StorageArea = Browser.storage.StorageArea;
/** `session` is kept in memory until the browser closes and, by default, is out of content scripts' reach in every browser. */
export type AreaName = 'local' | 'sync' | 'session';

export function area(name: AreaName): StorageArea {
  return browser.storage[name];
}

/**
 * Chrome lets content scripts read and write `local` and `sync` unless told otherwise; a TikTok page's renderer is no
 * place for the settings, the account or the follow list. Firefox has no such switch for them (only `session`, which
 * is closed already): there the content script simply never touches storage.
 */
export async function closeStorageToContentScripts(): Promise<void> {
  for (const name of ['local', 'sync'] as const) {
    const target = browser.storage[name] as StorageArea & { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };
    await target.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  }
}

export interface ItemDefinition<T> {
  area: AreaName;
  key: string;
  schema: z.ZodType<T>;
  fallback: T;
  version: number;
  /** `migrations[n]` turns version n data into version n + 1. */
  migrations?: Record<number, (old: unknown) => unknown>;
}

export interface StoredItem<T> extends ItemDefinition<T> {
  get(where?: StorageArea): Promise<T>;
  set(value: T, where?: StorageArea): Promise<void>;
  update(change: (value: T) => T, where?: StorageArea): Promise<T>;
  /** Parse a raw stored value (e.g. from `storage.onChanged`). */
  parse(raw: unknown): T;
}

const envelopeSchema = z.object({ v: z.number().int().positive(), data: z.unknown() });

export class MigrationError extends Error {}

/** A value written by a newer build: read as the fallback, and never written over. */
export class NewerVersionError extends Error {}

export function migrate<T>(def: ItemDefinition<T>, raw: unknown): { value: T; changed: boolean; newer?: boolean } {
  if (raw === undefined) return { value: def.fallback, changed: false };
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) return { value: def.fallback, changed: true };
  if (envelope.data.v > def.version) return { value: def.fallback, changed: false, newer: true };
  let data = envelope.data.data;
  for (let v = envelope.data.v; v < def.version; v++) {
    const step = def.migrations?.[v];
    if (!step) throw new MigrationError(`${def.key}: no migration from version ${v}`);
    try {
      data = step(data);
    } catch (error) {
      throw new MigrationError(`${def.key}: migration from version ${v} failed: ${String(error)}`);
    }
  }
  const parsed = def.schema.safeParse(data);
  if (!parsed.success) return { value: def.fallback, changed: true };
  return { value: parsed.data, changed: envelope.data.v !== def.version };
}

export function defineItem<T>(def: ItemDefinition<T>): StoredItem<T> {
  const wrap = (value: T) => ({ v: def.version, data: value });
  async function refuseNewer(where: StorageArea) {
    const raw = (await where.get(def.key))[def.key];
    if ((envelopeSchema.safeParse(raw).data?.v ?? 0) > def.version) throw new NewerVersionError(t('storageNewer'));
  }
  const item: StoredItem<T> = {
    ...def,
    parse(raw) {
      try {
        return migrate(def, raw).value;
      } catch {
        return def.fallback;
      }
    },
    async get(where = area(def.area)) {
      const raw = (await where.get(def.key))[def.key];
      let result: { value: T; changed: boolean };
      try {
        result = migrate(def, raw);
      } catch (error) {
        // Keep the old data for a later build that can read it; run on the fallback meanwhile.
        console.warn(String(error));
        return def.fallback;
      }
      if (result.changed) await where.set({ [def.key]: wrap(result.value) });
      return result.value;
    },
    async set(value, where = area(def.area)) {
      const checked = def.schema.parse(value);
      // Synced values meet other browsers' builds: an older one must not replace what a newer one wrote.
      if (def.area === 'sync') await refuseNewer(where);
      await where.set({ [def.key]: wrap(checked) });
    },
    update(change, where = area(def.area)) {
      // Read-modify-write in turn: concurrent updates (parallel poll workers, two pages) must not overwrite each other.
      return serialised(`${def.area}:${def.key}`, async () => {
        // A failed migration throws here and a newer build's value is refused: neither is written over.
        const current = migrate(def, (await where.get(def.key))[def.key]);
        if (current.newer) throw new NewerVersionError(t('storageNewer'));
        const next = change(current.value);
        await where.set({ [def.key]: wrap(def.schema.parse(next)) });
        return next;
      });
    },
  };
  return item;
}

// ---- settings (sync: they follow the user) ----

export const MIN_POLL_MINUTES = 0.5; // browsers clamp alarms to 30 s
export const settingsSchema = z.object({
  pollMinutes: z.number().min(MIN_POLL_MINUTES).max(1440),
  freshnessSeconds: z.number().int().min(10).max(3600),
  checkVisitedProfiles: z.boolean(),
  /** Visit lookups from private (incognito) windows: off unless the user allows them. */
  checkVisitedInPrivate: z.boolean(),
  notifications: z.boolean(),
  notifyNewFollows: z.boolean(),
  persistentNotifications: z.boolean(),
  silentNotifications: z.boolean(),
  visitLookupsPerMinute: z.number().int().min(1).max(120),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = {
  // 10 minutes: 144 credits a day per follow, fresh enough not to miss a typical stream.
  pollMinutes: 10,
  freshnessSeconds: 60,
  checkVisitedProfiles: true,
  checkVisitedInPrivate: false,
  notifications: true,
  notifyNewFollows: true,
  persistentNotifications: false,
  silentNotifications: false,
  visitLookupsPerMinute: 10,
};
export const settingsItem = defineItem({
  area: 'sync',
  key: 'settings',
  schema: settingsSchema,
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: {
    // Version 2 added private-window visits, off.
    1: (old) => ({ ...(old as object), checkVisitedInPrivate: false }),
  },
});

// ---- key state (local; the key itself lives in lib/key-store.ts) ----

export const keyStateSchema = z.object({
  state: z.enum(['missing', 'valid', 'invalid', 'out_of_credits', 'rate_limited']),
  /** For `rate_limited`: when calls may resume (epoch ms). */
  until: z.number().optional(),
  account: z.object({ name: z.string().nullable(), email: z.string().nullable() }).optional(),
  message: z.string().max(500).optional(),
  checkedAt: z.number().optional(),
});
export type KeyState = z.infer<typeof keyStateSchema>;
export const keyStateItem = defineItem({
  area: 'local',
  key: 'keyState',
  schema: keyStateSchema,
  fallback: { state: 'missing' } as KeyState,
  version: 1,
});

// ---- lookup cache (local; one item per handle so a poll cycle rewrites only what changed) ----

export const cacheEntrySchema = z.object({
  handle: z.string(),
  /** Last successful answer, kept when a later call fails. */
  lookup: lookupModelSchema.nullable(),
  fetchedAt: z.number().nullable(),
  error: apiErrorSchema.nullable(),
  errorAt: z.number().nullable(),
  lastLiveAt: z.number().nullable(),
});
export type CacheEntry = z.infer<typeof cacheEntrySchema>;
export const CACHE_PREFIX = 'live:';
export function cacheItem(handle: string) {
  return defineItem<CacheEntry | null>({
    area: 'local',
    key: `${CACHE_PREFIX}${handle}`,
    schema: cacheEntrySchema.nullable(),
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

export const pollStateSchema = z.object({
  lastSuccessAt: z.number().nullable(),
  lastAttemptAt: z.number().nullable(),
  /** Handles still to check in the current cycle; survives a killed worker. */
  pending: z.array(z.string()),
  cycleStartedAt: z.number().nullable(),
  pausedFor: z.enum(['unauthorized', 'insufficient_credits']).nullable(),
  backoffUntil: z.number().nullable(),
  backoffAttempt: z.number().int().nonnegative(),
  lastError: apiErrorSchema.nullable(),
});
export type PollState = z.infer<typeof pollStateSchema>;
export const EMPTY_POLL_STATE: PollState = {
  lastSuccessAt: null,
  lastAttemptAt: null,
  pending: [],
  cycleStartedAt: null,
  pausedFor: null,
  backoffUntil: null,
  backoffAttempt: 0,
  lastError: null,
};
export const pollStateItem = defineItem({
  area: 'local',
  key: 'poll',
  schema: pollStateSchema,
  fallback: EMPTY_POLL_STATE,
  version: 1,
});

// ---- the room last announced per creator (local) ----

/** `[handle, roomId]` pairs: as record keys, a valid handle such as `__proto__` would be lost. */
export const notifiedItem = defineItem({
  area: 'local',
  key: 'notifiedRooms',
  schema: z.array(z.tuple([z.string(), z.string()])).max(5000),
  fallback: [] as [string, string][],
  version: 2,
  migrations: {
    // Version 1 kept a record (handle → room); what is not a pair of strings was never a room.
    1: (old) => Object.entries(typeof old === 'object' && old !== null ? old : {}).filter((pair) => typeof pair[1] === 'string'),
  },
});

// ---- page-visit lookups in the last minute, for the ceiling (session: out of every content script's reach) ----

export const visitLogItem = defineItem({
  area: 'session',
  key: 'visitLookups',
  schema: z.array(z.number()).max(1000),
  fallback: [] as number[],
  version: 1,
});

// ---- what content scripts asked for recently, per request kind, for their rate limits (session) ----

export const contentRequestLogItem = defineItem({
  area: 'session',
  key: 'contentRequests',
  schema: z.record(z.string(), z.array(z.number()).max(1000)),
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
  schema: z.record(z.string(), z.number().int().nonnegative()),
  fallback: {} as Record<string, number>,
  version: 1,
});

// ---- demo mode: a simulated source, no key, no network (local) ----

export const demoItem = defineItem({ area: 'local', key: 'demo', schema: z.boolean(), fallback: false, version: 1 });
