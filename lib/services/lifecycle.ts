import { ALARMS, clearAlarm } from '@/lib/platform/alarms';
import { isFollowListKey } from '@/lib/platform/follow-slots';
import { updateFollows } from '@/lib/platform/follows';
import type { KeyStore } from '@/lib/platform/key-store';
import { settingsItem, visitLogItem } from '@/lib/platform/storage';
import { DEFAULT_SETTINGS } from '@/lib/domain/defaults';
import { scheduleItem } from '@/lib/platform/schedule-store';
import { area } from '@/lib/platform/stored-item';
import { clearAllNotifications } from '@/lib/platform/notify';
import { openOptionsPage } from '@/lib/platform/runtime';
import { EMPTY_BOOK } from '@/lib/domain/schedule/book';

export interface InstallDetails {
  reason: string;
  previousVersion?: string;
}

/** Install and update: what older versions left is brought up to date, and checking is scheduled to start soon. */
export async function onInstalled(details: InstallDetails, scheduleSoon: () => Promise<void>) {
  // 0.1.0 kept the visit log, under the same key, in local storage, where content scripts could reach it; it lives in
  // session now.
  if (details.reason === 'update') await area('local').remove(visitLogItem.key);
  // Builds before the day's budget counted only pages' checks, under `pageCredits`; the day's count replaces it.
  if (details.reason === 'update') await area('local').remove('pageCredits');
  // A source of free signals stops being believed once its claims disagree with paid answers, and earns it back only
  // through rare audits. Often that is TikTok's pages changing under our reading of them, which a new build fixes: it
  // judges each source afresh (a page that lies still loses the trust within ten paid checks).
  if (details.reason === 'update' && Object.values((await scheduleItem.get()).trust).some((record) => record.length)) {
    await scheduleItem.update((book) => ({ ...book, trust: EMPTY_BOOK.trust }));
  }
  // Smart checking came with 0.2.0. An install that never saved its settings ran on the defaults, fixed 10 minutes:
  // it keeps them until the user switches (stored settings are migrated the same way).
  if (details.reason === 'update' && /^0\.1\./.test(details.previousVersion ?? '')) {
    const stored = (await area('sync').get(settingsItem.key))[settingsItem.key];
    if (stored === undefined) await settingsItem.set({ ...DEFAULT_SETTINGS, checkMode: 'fixed' });
  }
  await scheduleSoon();
  // Firefox's test driver loses track of its tabs when an extension opens one at install: test builds skip it.
  if (details.reason === 'install' && import.meta.env.MODE !== 'e2e') await openOptionsPage();
}

/** Everything the extension keeps, in every area and the key store; checking starts again from nothing. */
export async function forgetData(deps: { keyStore: KeyStore; now: () => number }) {
  await deps.keyStore.clear();
  // Emptied through the follow list's own path: the removals reach the user's other browsers, whose copies would
  // otherwise bring the list back. A list this build cannot write (a newer build's) is erased outright instead: the
  // user asked for everything to go, and a refusal here would leave the rest in place. Everything else goes outright.
  const merged = await updateFollows(() => [], undefined, deps.now).then(
    () => true,
    () => false,
  );
  const sync = Object.keys(await area('sync').get(null)).filter((key) => !merged || !isFollowListKey(key));
  await Promise.all([area('sync').remove(sync), area('local').clear(), area('session').clear()]);
  await clearAllNotifications();
  await clearAlarm(ALARMS.retry);
}
