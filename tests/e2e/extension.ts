import type { Page, Worker } from '@playwright/test';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import type { AlarmName } from '@/lib/platform/alarms';
import type { Envelope, Request, ResponseOf } from '@/lib/platform/messages';
import { CACHE_PREFIX, cacheItem } from '@/lib/platform/storage';
import type { CacheEntry } from '@/lib/domain/model';
import type { ImportEntry } from '@/lib/domain/import-format';
import { MAX_NEW_PER_IMPORT } from '@/lib/domain/follow-limit';
import { migrate, type AreaName, type ItemDefinition } from '@/lib/platform/stored-item';

/**
 * Typed access to the extension for the e2e tests and the bench, built from the project's own schemas and names:
 * a test never spells a storage key, an alarm name or a message shape itself, so a renamed key or a changed
 * message breaks the type check instead of silently testing nothing.
 *
 * `target` is an extension page or the service worker (Playwright), or a Firefox extension page (puppeteer): anything
 * that evaluates a function with one argument in an extension context.
 */
export type ExtensionContext = Pick<Page, 'evaluate'> | Pick<Worker, 'evaluate'> | Pick<PuppeteerPage, 'evaluate'>;

/** The three drivers evaluate a one-argument function alike; Playwright's signature stands for them all. */
const run = (target: ExtensionContext) => target as Pick<Worker, 'evaluate'>;

/** The extension API inside `evaluate` (Chrome's `chrome`, Firefox's `browser`). */
interface InPage {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  alarms: {
    create(name: string, info: { when: number }): Promise<void>;
    get(name: string): Promise<{ scheduledTime: number; periodInMinutes?: number } | undefined>;
  };
  storage: Record<'local' | 'sync' | 'session', {
    get(keys: string | null): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
    remove(keys: string | string[]): Promise<void>;
  }>;
}

/** Sends `request` as an extension page does; the answer is typed by the request's kind. */
export function ask<R extends Request>(target: ExtensionContext, request: R): Promise<Envelope<ResponseOf<R['type']>>> {
  return run(target).evaluate(
    (m) => ((globalThis as unknown as { browser?: InPage }).browser ?? (globalThis as unknown as { chrome: InPage }).chrome).runtime.sendMessage(m),
    request as unknown,
  ) as Promise<Envelope<ResponseOf<R['type']>>>;
}

/** Like `ask`, for an answer the test needs: throws with the background's message when it refused. */
export async function askOk<R extends Request>(target: ExtensionContext, request: R): Promise<ResponseOf<R['type']>> {
  const answer = await ask(target, request);
  if (!answer.ok) throw new Error(`${request.type}: ${answer.error}`);
  return answer.data;
}

/** What `item` holds now, read and migrated through its own schema (its fallback when absent or unreadable). */
export async function readItem<T>(target: ExtensionContext, item: ItemDefinition<T>): Promise<T> {
  const raw = await run(target).evaluate(
    async ({ area, key }) => ((globalThis as unknown as { browser?: InPage }).browser ?? (globalThis as unknown as { chrome: InPage }).chrome).storage[area].get(key).then((all) => all[key]),
    { area: item.area, key: item.key },
  );
  return migrate(item, raw).value;
}

/**
 * Stores `value` in `item` as the extension would: checked against the item's schema (a value the extension could not
 * read throws here, in the test) and wrapped with the item's version.
 */
export function writeItem<T>(target: ExtensionContext, item: ItemDefinition<T>, value: T): Promise<void> {
  return writeItems(target, [storedValue(item, value)]);
}

/** One item's value, checked and wrapped as the extension stores it, for `writeItems`. */
export interface StoredValue {
  area: AreaName;
  key: string;
  raw: unknown;
}
export function storedValue<T>(item: ItemDefinition<T>, value: T): StoredValue {
  // stored-item.ts keeps its envelope private; `migrate` (which reads it) is the check that this is the same shape.
  const raw = { v: item.version, data: item.schema.parse(value) };
  if (migrate(item, raw).changed) throw new Error(`${item.key}: the test wrote a value the extension would not keep as it is`);
  return { area: item.area, key: item.key, raw };
}

/** Many items at once, one storage write per area (seeding hundreds of cache entries one by one is slow). */
export function writeItems(target: ExtensionContext, values: StoredValue[]): Promise<void> {
  const byArea: Partial<Record<AreaName, Record<string, unknown>>> = {};
  for (const { area, key, raw } of values) (byArea[area] ??= {})[key] = raw;
  return run(target).evaluate(async (areas) => {
    const api = ((globalThis as unknown as { browser?: InPage }).browser ?? (globalThis as unknown as { chrome: InPage }).chrome).storage;
    for (const [area, items] of Object.entries(areas)) await api[area as AreaName].set(items);
  }, byArea as Record<string, Record<string, unknown>>);
}

/** What is stored under `item`'s key as it is, unread by any schema (undefined when absent): for corruption tests. */
export function readRawItem(target: ExtensionContext, item: StorageSlot): Promise<unknown> {
  return run(target).evaluate(
    async ({ area, key }) => ((globalThis as unknown as { browser?: InPage }).browser ?? (globalThis as unknown as { chrome: InPage }).chrome).storage[area].get(key).then((all) => all[key]),
    { area: item.area, key: item.key },
  );
}

/** Everything one storage area holds, raw (for tests that check what is left, e.g. after "Forget my data"). */
export function readArea(target: ExtensionContext, area: AreaName): Promise<Record<string, unknown>> {
  return run(target).evaluate(
    (name) => ((globalThis as unknown as { browser?: InPage }).browser ?? (globalThis as unknown as { chrome: InPage }).chrome).storage[name].get(null),
    area,
  );
}

/** What Chrome counts each of `keys` as in the sync area, against its 8,192 bytes an item (Chrome only). */
export function syncBytesInUse(target: ExtensionContext, keys: string[]): Promise<number[]> {
  return run(target).evaluate(
    (names) => {
      const sync = (globalThis as unknown as { chrome: { storage: { sync: { getBytesInUse(key: string): Promise<number> } } } }).chrome.storage.sync;
      return Promise.all(names.map((key) => sync.getBytesInUse(key)));
    },
    keys,
  );
}

/** Where a value lives: an item definition, or one of the follow list's slots (`followSlots`). */
export type StorageSlot = Pick<ItemDefinition<unknown>, 'area' | 'key'>;

/** Writes `raw` under `item`'s key as it is, unchecked: how tests damage storage or plant a newer build's value. */
export function writeRawItem(target: ExtensionContext, item: StorageSlot, raw: unknown): Promise<void> {
  return run(target).evaluate(
    ({ area, key, value }) => ((globalThis as unknown as { browser?: InPage }).browser ?? (globalThis as unknown as { chrome: InPage }).chrome).storage[area].set({ [key]: value }),
    { area: item.area, key: item.key, value: raw },
  );
}

/** Fires one of the background's alarms at `when` (now by default), as the browser would. */
export function fireAlarm(target: ExtensionContext, name: AlarmName, when?: number): Promise<void> {
  return run(target).evaluate(
    ({ alarm, at }) => ((globalThis as unknown as { browser?: InPage }).browser ?? (globalThis as unknown as { chrome: InPage }).chrome).alarms.create(alarm, { when: at ?? Date.now() }),
    { alarm: name, at: when ?? null },
  );
}

/** One of the background's alarms as the browser holds it, if set. */
export function readAlarm(target: ExtensionContext, name: AlarmName): Promise<{ scheduledTime: number; periodInMinutes?: number } | undefined> {
  return run(target).evaluate((alarm) => ((globalThis as unknown as { browser?: InPage }).browser ?? (globalThis as unknown as { chrome: InPage }).chrome).alarms.get(alarm), name);
}

/** Drops every cached lookup, so the next check asks the API again. */
export function clearLookupCache(target: ExtensionContext): Promise<void> {
  return run(target).evaluate(async (prefix) => {
    const local = ((globalThis as unknown as { browser?: InPage }).browser ?? (globalThis as unknown as { chrome: InPage }).chrome).storage.local;
    await local.remove(Object.keys(await local.get(null)).filter((k) => k.startsWith(prefix)));
  }, CACHE_PREFIX);
}

/** A cached answer for a followed creator, as a check would have left it: live (with `viewers`) or offline. */
export function cachedAnswer(handle: string, name: string, live: { viewers: number; title?: string } | null): CacheEntry {
  const profile = { handle, displayName: name, avatarUrl: null, verified: false, followerCount: 1000 };
  const lookup: CacheEntry['lookup'] = live
    ? { status: 'live', profile, live: { roomId: `r-${handle}`, title: live.title ?? `${name} live`, startedAt: Date.now() - 60_000, viewerCount: live.viewers, variants: [] } }
    : { status: 'offline', profile };
  return { handle, lookup, fetchedAt: Date.now(), error: null, errorAt: null, lastLiveAt: null };
}

/** Imports `entries` as a user would with a long file: one import after another, each adding at most its cap. */
export async function importAll(page: ExtensionContext, entries: ImportEntry[]): Promise<ResponseOf<'importFollows'>> {
  const all: ResponseOf<'importFollows'> = { added: [], skipped: [] };
  for (let i = 0; i < entries.length; i += MAX_NEW_PER_IMPORT) {
    const { added, skipped } = await askOk(page, { type: 'importFollows', entries: entries.slice(i, i + MAX_NEW_PER_IMPORT) });
    all.added.push(...added);
    all.skipped.push(...skipped);
  }
  return all;
}

/**
 * Follows the creators of `answers` (those not followed yet, through the import a user has, without notifications)
 * and caches their answers, so the popup has something to show without a call.
 */
export async function followWithAnswers(page: ExtensionContext, worker: ExtensionContext, answers: CacheEntry[]): Promise<void> {
  const { skipped } = await importAll(page, answers.map(({ handle }) => ({ handle, notify: false })));
  const refused = skipped.filter((s) => s.reason !== 'already_followed');
  if (refused.length) throw new Error(`seeding follows: ${JSON.stringify(refused.slice(0, 3))}`);
  await writeItems(worker, answers.map((answer) => storedValue(cacheItem(answer.handle), answer)));
}
