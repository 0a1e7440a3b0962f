import type { KeyStore } from '@/lib/platform/key-store';
import type { Account } from '@/lib/services/account';
import type { Handlers } from './router';

type AccountHandlers = Pick<Handlers, 'saveKey' | 'removeKey' | 'account' | 'resumePolling'>;

/** The key and the account, from the options page and the popup's banners. */
export function createAccountHandlers(deps: {
  keyStore: KeyStore;
  account: Account;
  demo: () => Promise<boolean>;
  /** Clears a pause or a backoff. */
  resume: () => Promise<void>;
  poll: (reason?: 'poll' | 'refresh') => Promise<{ kind: string }>;
  updateToolbar: () => Promise<void>;
}): AccountHandlers {
  const { keyStore, account } = deps;
  return {
    async saveKey({ key }) {
      const before = await keyStore.get();
      const keyState = await account.save(key);
      await deps.resume();
      // A new key: everyone is checked once, in either mode, so the lists and badges show where things stand. The same
      // key saved again (after a top-up) resumes checking without buying again the answers already there.
      void deps.poll((await keyStore.get()) === before ? 'poll' : 'refresh');
      return { keyState };
    },
    async removeKey() {
      const keyState = await account.remove();
      await deps.updateToolbar();
      return { keyState };
    },
    account: () => account.summary(),
    async resumePolling() {
      if (!(await deps.demo()) && (await keyStore.get())) await account.recheck();
      await deps.resume();
      return { result: (await deps.poll()).kind };
    },
  };
}
