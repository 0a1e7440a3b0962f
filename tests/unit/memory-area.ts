import { browser } from 'wxt/browser';
import type { FollowStores } from '@/lib/platform/follows';
import type { StorageArea } from '@/lib/platform/stored-item';

/** A storage area in memory: each simulated browser has its own local area and its own view of sync. */
export function memoryArea(failWith?: (values: Record<string, unknown>) => Error | null): StorageArea & { items: Record<string, unknown> } {
  const items: Record<string, unknown> = {};
  const area = {
    items,
    async get(keys: string | string[] | null) {
      const wanted = keys === null ? Object.keys(items) : typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(wanted.filter((k) => k in items).map((k) => [k, structuredClone(items[k])]));
    },
    async set(values: Record<string, unknown>) {
      const error = failWith?.(values);
      if (error) throw error;
      Object.assign(items, structuredClone(values));
    },
    async remove(keys: string | string[]) {
      for (const k of typeof keys === 'string' ? [keys] : keys) delete items[k];
    },
  };
  return area as unknown as StorageArea & { items: Record<string, unknown> };
}

/**
 * An item's size as Chrome counts it (measured in Chromium 156): its key and its JSON, where a number past 32 bits is
 * written as a double in exponent form (1795400000123 as 1.795400000123e+12).
 */
export function chromeItemBytes(key: string, value: unknown): number {
  const json = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && Math.abs(v) >= 1e12 ? `@${v.toExponential()}@` : v));
  return key.length + json.replace(/"@([^@]*)@"/g, '$1').length;
}

/** Chrome's `storage.sync` refuses a whole write when one item passes 8,192 bytes, as it counts them (Firefox: the same). */
export function quotaSync() {
  return memoryArea((values) =>
    Object.entries(values).some(([key, value]) => chromeItemBytes(key, value) > 8192) ? new Error('QUOTA_BYTES_PER_ITEM quota exceeded') : null,
  );
}

/**
 * Another browser of the same user: it shares this one's sync area and keeps its own local copy of the list. A list
 * it writes reaches this browser the way a synced one does, through sync alone.
 */
export function anotherBrowser(): FollowStores {
  return { sync: browser.storage.sync, local: memoryArea() };
}
