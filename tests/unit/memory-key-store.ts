import { apiKeySchema, type KeyStore } from '@/lib/platform/key-store';

/** The worker's key store without IndexedDB: it checks a key as the real one does. */
export function createMemoryKeyStore(initial: string | null = null): KeyStore {
  let key = initial;
  return {
    get: async () => key,
    set: async (next) => void (key = apiKeySchema.parse(next)),
    clear: async () => void (key = null),
  };
}
