import * as z from 'zod/mini';
import { t } from '@/lib/platform/i18n';
import { kept } from '@/lib/domain/kept';

/**
 * The API key lives in the extension origin's IndexedDB: content scripts run in the page's origin and cannot open it
 * in any browser, unlike `storage.local`/`storage.sync`, which Firefox exposes to content scripts.
 */

export const apiKeySchema = z
  .string()
  .check(
    z.regex(/^sfk_/, { error: () => t('keyPrefix') }),
    z.regex(/^\S+$/, { error: () => t('keySpaces') }),
    z.regex(/^sfk_[\x21-\x7e]{4,256}$/, { error: () => t('keyShape') }),
  );

export interface KeyStore {
  get(): Promise<string | null>;
  set(key: string): Promise<void>;
  clear(): Promise<void>;
}

const DB_NAME = 'live-radar-secrets';
const STORE = 'secrets';
const KEY_ID = 'socialfetch';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function createIdbKeyStore(factory: IDBFactory = indexedDB): KeyStore {
  let db: Promise<IDBDatabase> | undefined;
  function open(): Promise<IDBDatabase> {
    db ??= new Promise((resolve, reject) => {
      const req = factory.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => {
        db = undefined;
        reject(req.error);
      };
    });
    return db;
  }
  async function store(mode: IDBTransactionMode) {
    return (await open()).transaction(STORE, mode).objectStore(STORE);
  }
  // The worker is the key's only reader and writer: read once per wake, not twice per API call.
  const key = kept(async () => {
    const value: unknown = await request((await store('readonly')).get(KEY_ID));
    const parsed = apiKeySchema.safeParse(value);
    return parsed.success ? parsed.data : null;
  });
  return {
    get: key.get,
    async set(next) {
      const checked = apiKeySchema.parse(next);
      key.drop();
      await request((await store('readwrite')).put(checked, KEY_ID));
      // After the write: a read that started during it must not leave the old key behind.
      key.set(checked);
    },
    async clear() {
      key.drop();
      await request((await store('readwrite')).delete(KEY_ID));
      key.set(null);
    },
  };
}
