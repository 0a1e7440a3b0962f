import type { Page, Worker } from '@playwright/test';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import type { AlarmName } from '@/lib/platform/alarms';
import type { Envelope, Request, ResponseOf } from '@/lib/platform/messages';
import { CACHE_PREFIX } from '@/lib/platform/storage';
import { migrate, type ItemDefinition } from '@/lib/platform/stored-item';

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
  alarms: { create(name: string, info: { when: number }): Promise<void> };
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

/** Writes `raw` under `item`'s key as it is, unchecked: how tests damage storage or plant a newer build's value. */
export function writeRawItem(target: ExtensionContext, item: Pick<ItemDefinition<unknown>, 'area' | 'key'>, raw: unknown): Promise<void> {
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

/** Drops every cached lookup, so the next check asks the API again. */
export function clearLookupCache(target: ExtensionContext): Promise<void> {
  return run(target).evaluate(async (prefix) => {
    const local = ((globalThis as unknown as { browser?: InPage }).browser ?? (globalThis as unknown as { chrome: InPage }).chrome).storage.local;
    await local.remove(Object.keys(await local.get(null)).filter((k) => k.startsWith(prefix)));
  }, CACHE_PREFIX);
}
