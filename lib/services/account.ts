import { apiErrorText } from '@/lib/platform/error-text';
import { t } from '@/lib/platform/i18n';
import { apiKeySchema, type KeyStore } from '@/lib/platform/key-store';
import type { SocialFetchClient } from '@/lib/socialfetch/client';
import { utcDay } from '@/lib/domain/format';
import { balanceItem, creditLogItem, keyStateItem, spendingItem } from '@/lib/platform/storage';
import { spentByKind } from '@/lib/domain/budget';
import { ensureBudget, shareSpending } from '@/lib/platform/budget-store';
import type { KeyState } from '@/lib/domain/model';

interface AccountDeps {
  keyStore: KeyStore;
  /** The client for the stored key. */
  client: SocialFetchClient;
  /** A client for a key that is not stored (yet). */
  clientFor: (key: string) => SocialFetchClient;
  now: () => number;
}

/** The balance is asked again (free) when what is kept is older than this. */
export const BALANCE_MAX_AGE_MS = 30 * 60_000;

/** The key and the account: checked with the free calls only, kept only once Social Fetch accepts it. */
export function createAccount({ keyStore, client, clientFor, now }: AccountDeps) {
  async function validate(candidate: string): Promise<KeyState> {
    const result = await clientFor(candidate).whoami();
    if (result.ok) return { state: 'valid', checkedAt: now() };
    if (result.error.kind === 'unauthorized') return { state: 'invalid', checkedAt: now() };
    // Anything else (a rate limit included) leaves the key unchecked: it does not replace the one that works.
    throw new Error(t('keyNotChecked', apiErrorText(result.error)));
  }

  async function spent(days: number): Promise<number> {
    const log = await creditLogItem.get();
    const cutoff = utcDay(now() - (days - 1) * 86_400_000);
    return Object.entries(log).reduce((sum, [day, n]) => (day >= cutoff ? sum + n : sum), 0);
  }

  /** What the credits of today and the last 7 days were spent on. */
  async function byKind() {
    const log = await spendingItem.get();
    const today = utcDay(now());
    return { spentByKindToday: spentByKind(log, 1, today), spentByKindWeek: spentByKind(log, 7, today) };
  }

  /** The balance as the free call just gave it: kept for the runway, and the budget's default derived from it. */
  async function keep(balance: number) {
    await balanceItem.set({ balance, at: now() });
    await ensureBudget(balance);
  }

  /** The balance asked again (a free call) when what is kept is older than `maxAgeMs` and a key is there. */
  async function refreshBalance(maxAgeMs: number) {
    const kept = await balanceItem.get();
    if (!(await keyStore.get())) return;
    if (kept && now() - kept.at < maxAgeMs) return void (await ensureBudget(kept.balance));
    const balance = await client.balance();
    if (balance.ok) await keep(balance.data);
  }

  return {
    async save(key: string): Promise<KeyState> {
      const format = apiKeySchema.safeParse(key.trim());
      if (!format.success) throw new Error(format.error.issues[0]?.message ?? t('keyNotValid'));
      const keyState = await validate(format.data);
      if (keyState.state === 'invalid') throw new Error(t('keyRefusedNotSaved'));
      await keyStore.set(format.data);
      await keyStateItem.set(keyState);
      const balance = await client.balance();
      if (balance.ok) await keep(balance.data);
      return keyState;
    },

    async remove(): Promise<KeyState> {
      await keyStore.clear();
      await balanceItem.set(null);
      const keyState: KeyState = { state: 'missing' };
      await keyStateItem.set(keyState);
      return keyState;
    },

    refreshBalance,

    /** After a cycle: the balance if it is old, and this browser's spending told to the others that share the budget. */
    async afterCycle() {
      await refreshBalance(BALANCE_MAX_AGE_MS);
      await shareSpending(now());
    },

    /** The key's state is derived from Social Fetch's answers; the free `balance` call derives it again. */
    async recheck() {
      const balance = await client.balance();
      if (balance.ok) {
        await keep(balance.data);
        await keyStateItem.update((keyState) => ({ ...keyState, state: balance.data > 0 ? 'valid' : 'out_of_credits', until: undefined, checkedAt: now() }));
      } else if (balance.error.kind === 'unauthorized' && !balance.staleKey) {
        // A key replaced while the call was out says nothing of the one stored now.
        await keyStateItem.set({ state: 'invalid', checkedAt: now() });
      }
    },

    async summary() {
      const [who, balance] = await Promise.all([client.whoami(), client.balance()]);
      if (!who.ok) throw new Error(apiErrorText(who.error));
      if (balance.ok) await keep(balance.data);
      return {
        name: who.data.name,
        email: who.data.email,
        balance: balance.ok ? balance.data : null,
        spentToday: await spent(1),
        spentWeek: await spent(7),
        ...(await byKind()),
      };
    },
  };
}

export type Account = ReturnType<typeof createAccount>;
