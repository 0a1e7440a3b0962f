import { beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAccount } from '@/lib/services/account';
import { keyStateItem } from '@/lib/platform/storage';
import { createSocialFetchClient } from '@/lib/socialfetch/client';
import { createMemoryKeyStore } from './memory-key-store';

beforeEach(() => fakeBrowser.reset());

/** Social Fetch asking to slow down, whatever is asked. */
const slowDown: typeof fetch = async () =>
  new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'Slow down.' } }), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '30' } });

it('keeps the working key when a new one cannot be checked for a rate limit, and says it was not saved', async () => {
  const keyStore = createMemoryKeyStore('sfk_working_key_1234');
  await keyStateItem.set({ state: 'valid', checkedAt: 500 });
  const clientFor = (key: string) => createSocialFetchClient({ getKey: () => key, fetch: slowDown });
  const account = createAccount({ keyStore, client: clientFor('sfk_working_key_1234'), clientFor, now: () => 1_000 });
  await expect(account.save('sfk_typo_key_9999')).rejects.toThrow(/not saved/);
  expect(await keyStore.get()).toBe('sfk_working_key_1234');
  expect(await keyStateItem.get()).toEqual({ state: 'valid', checkedAt: 500 });
});

it('leaves a new key valid when the old one’s balance check answers 401 after it was replaced', async () => {
  const keyStore = createMemoryKeyStore('sfk_revoked_key_1234');
  await keyStateItem.set({ state: 'valid', checkedAt: 500 });
  // The old key's call is out while the user saves a new one; its answer comes back "unauthorized".
  const revokedMeanwhile: typeof fetch = async () => {
    await keyStore.set('sfk_new_working_key_5678');
    return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'Revoked.' } }), { status: 401, headers: { 'content-type': 'application/json' } });
  };
  const client = createSocialFetchClient({ getKey: () => keyStore.get(), fetch: revokedMeanwhile });
  const account = createAccount({ keyStore, client, clientFor: () => client, now: () => 1_000 });
  await account.recheck();
  expect(await keyStateItem.get()).toEqual({ state: 'valid', checkedAt: 500 });
});
