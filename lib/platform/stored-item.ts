import { kept } from '@/lib/domain/kept';
import * as z from 'zod/mini';
import { browser, type Browser } from 'wxt/browser';
import { t } from '@/lib/platform/i18n';
import { serialised } from '@/lib/platform/serial';

/**
 * Every stored value of the extension, each guarded by one schema, and versioned the one way written here: as
 * `{ v, data }`, or, for the follow list's index, as `{ v, ...data }` (`layout: 'inline'`, its bytes since 0.1.0; the
 * list's chunks and stamps are read only through it). A newer build can so migrate what an older one wrote. A value
 * that fails its schema is reset to its fallback, or to what its item's `repair` recovers (only that value: nothing
 * else is touched); a migration that throws keeps the old data in place and reports it. Storage changes are read
 * through each item (`changedIn`, `newValueIn`), not by its key.
 *
 * Why not `@wxt-dev/storage`'s items: they validate nothing on read (a hostile or damaged value reaches the code), do
 * not refuse to write over a newer build's value, and keep the version in a separate `key$` entry; the synced
 * settings and pins are `{ v, data }` in the bytes 0.1.0 and 0.2.0 builds, still running in the user's other
 * browsers, read and write.
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
  schema: z.ZodMiniType<T, unknown>;
  fallback: T;
  version: number;
  /** `migrations[n]` turns version n data into version n + 1. */
  migrations?: Record<number, (old: unknown) => unknown>;
  /** What a value that fails the schema still holds that can be read: only its damaged parts go (else the fallback). */
  repair?: (data: unknown) => unknown;
  /** `inline`: the version sits beside the value's own fields (`{ v, ...data }`; the value is an object). */
  layout?: 'envelope' | 'inline';
}

export interface StoredItem<T> extends ItemDefinition<T> {
  get(where?: StorageArea): Promise<T>;
  set(value: T, where?: StorageArea): Promise<void>;
  update(change: (value: T) => T, where?: StorageArea): Promise<T>;
  /** Parse a raw stored value (e.g. from `storage.onChanged`). */
  parse(raw: unknown): T;
  /** What is stored for `value` (for a write that must go with others in one `set`). */
  stored(value: T): unknown;
  /** Whether a `storage.onChanged` report for `areaName` holds this item. */
  changedIn(changes: Readonly<Record<string, unknown>>, areaName: string): boolean;
  /** This item's new value in a `storage.onChanged` report, parsed; undefined when the report does not hold it. */
  newValueIn(changes: Readonly<Record<string, { newValue?: unknown } | undefined>>, areaName: string): T | undefined;
}

const envelopeSchema = z.object({ v: z.int().check(z.positive()), data: z.unknown() });
const inlineSchema = z.looseObject({ v: z.int().check(z.positive()) });

/** The version and the data of a stored value, in its item's layout; null when it has neither. */
function unwrap(def: Pick<ItemDefinition<unknown>, 'layout'>, raw: unknown): { v: number; data: unknown } | null {
  if (def.layout !== 'inline') return envelopeSchema.safeParse(raw).data ?? null;
  const parsed = inlineSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { v, ...data } = parsed.data;
  return { v, data };
}

class MigrationError extends Error {}

/** What `def.repair` recovers of `data`, if it has one and what it recovers passes the schema. */
function repair<T>(def: ItemDefinition<T>, data: unknown): T | null {
  const repaired = def.repair ? def.schema.safeParse(def.repair(data)) : null;
  return repaired?.success ? repaired.data : null;
}

/** A value written by a newer build: read as far as `repair` can (else as the fallback), and never written over. */
class NewerVersionError extends Error {}

export function migrate<T>(def: ItemDefinition<T>, raw: unknown): { value: T; changed: boolean; newer?: boolean } {
  if (raw === undefined) return { value: def.fallback, changed: false };
  const envelope = unwrap(def, raw);
  if (!envelope) return { value: def.fallback, changed: true };
  // A newer build's value is never written over; what this build can read of it (each setting it knows) it uses.
  if (envelope.v > def.version) return { value: repair(def, envelope.data) ?? def.fallback, changed: false, newer: true };
  let data = envelope.data;
  for (let v = envelope.v; v < def.version; v++) {
    const step = def.migrations?.[v];
    if (!step) throw new MigrationError(`${def.key}: no migration from version ${v}`);
    try {
      data = step(data);
    } catch (error) {
      throw new MigrationError(`${def.key}: migration from version ${v} failed: ${String(error)}`);
    }
  }
  const parsed = def.schema.safeParse(data);
  if (parsed.success) return { value: parsed.data, changed: envelope.v !== def.version };
  return { value: repair(def, data) ?? def.fallback, changed: true };
}

export function defineItem<T>(def: ItemDefinition<T>): StoredItem<T> {
  const wrap = (value: T) => (def.layout === 'inline' ? { v: def.version, ...(value as object) } : { v: def.version, data: value });
  async function refuseNewer(where: StorageArea) {
    const raw = (await where.get(def.key))[def.key];
    if ((unwrap(def, raw)?.v ?? 0) > def.version) throw new NewerVersionError(t('storageNewer'));
  }
  const item: StoredItem<T> = {
    ...def,
    stored: (value) => wrap(def.schema.parse(value)),
    parse(raw) {
      try {
        return migrate(def, raw).value;
      } catch {
        return def.fallback;
      }
    },
    changedIn: (changes, areaName) => areaName === def.area && def.key in changes,
    newValueIn: (changes, areaName) => (item.changedIn(changes, areaName) ? item.parse(changes[def.key]?.newValue) : undefined),
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

/**
 * A stored item kept in memory by the one context that reads it often (the worker, on a badge's critical path):
 * `changed` drops it when the item is in a storage change, from any context; `set` writes it and keeps what it wrote.
 */
export function keptItem<T>(item: StoredItem<T>) {
  const value = kept(() => item.get());
  return {
    get: value.get,
    async set(next: T): Promise<void> {
      await item.set(next);
      value.set(next);
    },
    changed(changes: Record<string, unknown>, areaName: string) {
      if (item.changedIn(changes, areaName)) value.drop();
    },
  };
}
